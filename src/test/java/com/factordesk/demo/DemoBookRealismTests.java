package com.factordesk.demo;

import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo book pays like a real European B2B book (DESIGN section 8), checked with SQL
 * on the demo-size book (40 clients, 1,500 debtors, 36,000 invoices, the demo seed) in an
 * embedded PostgreSQL of its own. Every share is worked out from the rows: what an
 * invoice was (late, early, 90+ days) is read from its due date and the day it closed.
 */
class DemoBookRealismTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	private static final long SEED = 20261125L;

	/**
	 * Invoices paid in full, with the days between due date and payment (negative:
	 * early).
	 */
	private static final String PAID = """
			SELECT i.id, i.debtor_id, i.issue_date, i.closed_on - i.due_date AS days
			FROM invoice i WHERE i.status = 'PAID'
			""";

	private static GeneratedBook book;

	@BeforeAll
	static void generate() throws IOException {
		book = GeneratedBook.generate(DemoScale.demo(), TODAY, SEED);
	}

	@AfterAll
	static void stop() throws IOException {
		if (book != null) {
			book.close();
		}
	}

	@Test
	void fortyToFiftyFivePercentOfPaidInvoicesArePaidLateMostOfThemByUnderThirtyDays() throws SQLException {
		double late = share("SELECT avg((days > 0)::int) FROM (" + PAID + ") p");
		double underThirty = share("SELECT avg((days < 30)::int) FROM (" + PAID + ") p WHERE days > 0");
		assertThat(count("SELECT count(*) FROM (" + PAID + ") p")).isGreaterThan(25_000);
		assertThat(late).as("share of paid invoices paid after their due date").isBetween(0.40, 0.55);
		assertThat(underThirty).as("share of the late ones paid within 29 days beyond terms").isGreaterThan(0.75);
	}

	@Test
	void punctualDebtorsStayPunctualOftenEarlyAndManyAreNeverLate() throws SQLException {
		// punctual by what they did in the first year (10+ paid invoices issued then,
		// late
		// on fewer than 15 %), judged on what they did in the second year
		String punctual = """
				SELECT debtor_id FROM (%s) p WHERE issue_date < DATE '2025-11-25'
				GROUP BY debtor_id HAVING count(*) >= 10 AND avg((days > 0)::int) < 0.15
				""".formatted(PAID);
		String secondYear = "SELECT * FROM (" + PAID + ") p WHERE issue_date >= DATE '2025-11-25' AND debtor_id IN ("
				+ punctual + ")";
		assertThat(count("SELECT count(*) FROM (" + punctual + ") d")).isGreaterThanOrEqualTo(100);
		assertThat(share("SELECT avg((days > 0)::int) FROM (" + secondYear + ") p"))
			.as("second-year late share of debtors punctual in the first year")
			.isLessThan(0.15);
		assertThat(share("SELECT avg((days < 0)::int) FROM (" + secondYear + ") p"))
			.as("second-year early share of debtors punctual in the first year")
			.isGreaterThan(0.30);
		long regular = count("SELECT count(*) FROM (SELECT debtor_id FROM (" + PAID
				+ ") p GROUP BY debtor_id HAVING count(*) >= 10) d");
		long neverLate = count("SELECT count(*) FROM (SELECT debtor_id FROM (" + PAID
				+ ") p GROUP BY debtor_id HAVING count(*) >= 10 AND max(days) <= 0) d");
		assertThat(neverLate).as("debtors with 10+ paid invoices never paid late, of %d", regular)
			.isGreaterThanOrEqualTo(50)
			.isGreaterThan(regular / 20);
	}

	@Test
	void slowPayersAreSometimesOnTimeOrEarly() throws SQLException {
		String slow = "SELECT debtor_id FROM (" + PAID + ") p GROUP BY debtor_id "
				+ "HAVING count(*) >= 10 AND avg((days > 0)::int) > 0.6";
		assertThat(count("SELECT count(*) FROM (" + slow + ") d")).isGreaterThanOrEqualTo(100);
		assertThat(share("SELECT avg((days <= 0)::int) FROM (" + PAID + ") p WHERE debtor_id IN (" + slow + ")"))
			.as("share paid on time or early by debtors late on more than 60 %")
			.isGreaterThan(0.10);
		assertThat(share("SELECT avg((days < 0)::int) FROM (" + PAID + ") p WHERE debtor_id IN (" + slow + ")"))
			.as("share paid early by them")
			.isGreaterThan(0.03);
	}

	@Test
	void oneToThreePercentEndNinetyDaysLateChargedBackOrWrittenOff() throws SQLException {
		// of the funded invoices due 90 days or more before today: paid 90+ days late,
		// charged back, written off, or still unpaid 90+ days past due
		double tail = share("""
				SELECT avg((status IN ('CHARGED_BACK', 'WRITTEN_OFF', 'FUNDED', 'PARTIALLY_PAID')
				            OR (status = 'PAID' AND closed_on - due_date >= 90))::int)
				FROM invoice WHERE funded_on IS NOT NULL AND due_date <= DATE '2026-11-25' - 90
				""");
		assertThat(tail).isBetween(0.01, 0.03);
		assertThat(count("SELECT count(*) FROM invoice WHERE status = 'CHARGED_BACK'")).isGreaterThanOrEqualTo(50);
		assertThat(count("SELECT count(*) FROM invoice WHERE status = 'WRITTEN_OFF'")).isGreaterThanOrEqualTo(10);
		assertThat(count("""
				SELECT count(*) FROM invoice i JOIN facility f ON f.client_id = i.client_id
				WHERE (i.status = 'CHARGED_BACK' AND NOT f.recourse) OR (i.status = 'WRITTEN_OFF' AND f.recourse)
				   OR (i.status = 'CHARGED_BACK' AND i.closed_on <= i.due_date + f.recourse_days)
				""")).as("chargebacks on recourse facilities after the recourse period, write-offs without recourse")
			.isZero();
	}

	@Test
	void germanDebtorsPayMostPunctuallyAndFrenchOnesSlowest() throws SQLException {
		Map<String, Double> late = new LinkedHashMap<>();
		for (String country : new String[] { "DE", "NL", "BE", "FR" }) {
			late.put(country, share("SELECT avg((days > 0)::int) FROM (" + PAID
					+ ") p JOIN debtor d ON d.id = p.debtor_id WHERE d.country = '" + country + "'"));
		}
		assertThat(late.get("DE")).as("late shares %s", late)
			.isLessThan(late.get("NL"))
			.isLessThan(late.get("BE"))
			.isLessThan(late.get("FR"));
		assertThat(late.get("FR")).as("late shares %s", late)
			.isGreaterThan(late.get("NL"))
			.isGreaterThan(late.get("BE"));
	}

	@Test
	void aBureauScoreAloneIsAWeakPredictorOfLatePayment() throws SQLException {
		// AUC by average ranks (Mann-Whitney): invoices issued in the year before
		// 2026-06, scored by the mean of the debtor's bureau scores of the 200 days
		// before
		// issue, a low score ranking as riskier
		double auc = share(
				"""
						WITH scored AS (
						  SELECT (p.days > 0) AS late, b.score
						  FROM (%s) p
						  JOIN LATERAL (SELECT avg(s.score) AS score FROM bureau_score s WHERE s.debtor_id = p.debtor_id
						                AND s.as_of <= p.issue_date AND s.as_of > p.issue_date - 200) b ON b.score IS NOT NULL
						  WHERE p.issue_date BETWEEN DATE '2025-06-01' AND DATE '2026-05-31'),
						ranked AS (
						  SELECT late, rank() OVER (ORDER BY score DESC)
						             + (count(*) OVER (PARTITION BY score) - 1) / 2.0 AS r FROM scored)
						SELECT (sum(r) FILTER (WHERE late) - count(*) FILTER (WHERE late) * (count(*) FILTER (WHERE late) + 1) / 2.0)
						     / (count(*) FILTER (WHERE late) * count(*) FILTER (WHERE NOT late))
						FROM ranked
						"""
					.formatted(PAID));
		assertThat(auc).isBetween(0.58, 0.72);
	}

	@Test
	void serialDisputersDisputeALotOthersRarely() throws SQLException {
		String perDebtor = """
				SELECT i.debtor_id, avg((d.id IS NOT NULL)::int) AS disputed
				FROM invoice i LEFT JOIN dispute d ON d.invoice_id = i.id
				WHERE i.funded_on IS NOT NULL GROUP BY i.debtor_id HAVING count(*) >= 20
				""";
		long debtors = count("SELECT count(*) FROM (" + perDebtor + ") d");
		long serial = count("SELECT count(*) FROM (" + perDebtor + ") d WHERE disputed >= 0.10");
		long rare = count("SELECT count(*) FROM (" + perDebtor + ") d WHERE disputed < 0.03");
		assertThat(serial).as("debtors disputing 10 %% or more of %d", debtors).isBetween(debtors / 50, debtors / 5);
		assertThat(rare).as("debtors disputing under 3 %% of %d", debtors).isGreaterThan(debtors * 7 / 10);
		// modest signal: serial disputers pay their undisputed invoices later than the
		// others do, but not always late
		String undisputedLate = "SELECT avg((p.days > 0)::int) FROM (" + PAID + ") p "
				+ "WHERE NOT EXISTS (SELECT 1 FROM dispute d WHERE d.invoice_id = p.id) AND p.debtor_id %s IN "
				+ "(SELECT debtor_id FROM (" + perDebtor + ") d WHERE disputed >= 0.10)";
		double serialLate = share(undisputedLate.formatted(""));
		double othersLate = share(undisputedLate.formatted("NOT"));
		assertThat(serialLate).isGreaterThan(othersLate).isLessThan(0.90);
	}

	@Test
	void theQueueHoldsRecentSubmissionsDoublePledgesAndDisputedDebtors() throws SQLException {
		assertThat(count("SELECT count(*) FROM invoice WHERE status = 'SUBMITTED'")).isEqualTo(180);
		assertThat(
				count("""
						SELECT count(*) FROM invoice
						WHERE status = 'SUBMITTED' AND (issue_date < DATE '2026-11-05' OR submitted_at < TIMESTAMPTZ '2026-11-15 00:00:00+01'
						   OR (SELECT count(*) FROM invoice_transition t WHERE t.invoice_id = invoice.id) <> 1)
						"""))
			.isZero();
		assertThat(count("""
				SELECT count(*) FROM invoice pledged JOIN invoice other
				  ON other.debtor_id = pledged.debtor_id AND other.amount = pledged.amount
				 AND other.issue_date = pledged.issue_date AND other.client_id <> pledged.client_id
				WHERE pledged.status = 'SUBMITTED'
				""")).isBetween(2L, 15L);
		assertThat(count("""
				SELECT count(*) FROM invoice q
				WHERE q.status = 'SUBMITTED' AND EXISTS (SELECT 1 FROM invoice i JOIN dispute d ON d.invoice_id = i.id
				      WHERE i.debtor_id = q.debtor_id AND d.resolved_on IS NULL)
				""")).isPositive();
	}

	@Test
	void everyLifecycleAddsUp() throws SQLException {
		assertThat(count("SELECT count(*) FROM invoice")).isEqualTo(36_000);
		assertThat(count("""
				SELECT count(*) FROM invoice i
				JOIN (SELECT DISTINCT ON (invoice_id) invoice_id, to_status FROM invoice_transition
				      ORDER BY invoice_id, changed_at DESC, id DESC) last ON last.invoice_id = i.id
				WHERE last.to_status <> i.status
				""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM invoice i
				WHERE i.status = 'PAID' AND i.amount <>
				      COALESCE((SELECT sum(a.amount) FROM payment_allocation a WHERE a.invoice_id = i.id), 0)
				    + COALESCE((SELECT sum(c.amount) FROM credit_note c WHERE c.invoice_id = i.id), 0)
				""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM invoice i
				WHERE i.status = 'PAID' AND i.closed_on <> (SELECT max(a.received_on) FROM payment_allocation a
				                                            WHERE a.invoice_id = i.id)
				""")).as("a paid invoice closes the day its last payment came in").isZero();
	}

	@Test
	void theHistoryCarriesItsAdvancesAndAFewDebtorsNearOrOverTheirLimits() throws SQLException {
		// every funded invoice of the two years carries its advance, so the book's
		// exposure is real money: what is left of the advances on the open funded
		// invoices
		assertThat(count("SELECT count(*) FROM advance"))
			.isEqualTo(count("SELECT count(*) FROM invoice " + "WHERE funded_on IS NOT NULL"));
		assertThat(share("SELECT sum(funded) FROM debtor_exposure"))
			.isEqualTo(share("SELECT sum(funded) FROM " + "facility_exposure"))
			.isGreaterThan(1_000_000.0);
		// a real book: most debtors use a small part of their credit limit, a few percent
		// near (80 %+) or over it
		String used = "SELECT (e.funded + e.reserved) / d.credit_limit AS used FROM debtor d "
				+ "JOIN debtor_exposure e ON e.debtor_id = d.id WHERE e.funded + e.reserved > 0";
		long exposed = count("SELECT count(*) FROM (" + used + ") u");
		assertThat(share("SELECT avg((used > 1)::int) FROM (" + used + ") u")).as("over the limit, of %d", exposed)
			.isBetween(0.005, 0.05);
		assertThat(share("SELECT avg((used > 0.8)::int) FROM (" + used + ") u")).as("80 %% or more, of %d", exposed)
			.isBetween(0.01, 0.10);
		assertThat(share("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY used) FROM (" + used + ") u"))
			.isLessThan(0.5);
		// facilities: none over its limit, a few near it, the middle one well used
		String facilities = "SELECT (e.funded + e.reserved) / f.facility_limit AS used FROM facility f "
				+ "JOIN facility_exposure e ON e.client_id = f.client_id";
		assertThat(count("SELECT count(*) FROM (" + facilities + ") u WHERE used > 1")).isZero();
		assertThat(count("SELECT count(*) FROM (" + facilities + ") u WHERE used > 0.8")).isBetween(1L, 4L);
		assertThat(share("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY used) FROM (" + facilities + ") u"))
			.isBetween(0.2, 0.8);
		// the queue: a few invoices would take their debtor over its limit at an 80 %
		// advance, most would not
		assertThat(count("""
				SELECT count(*) FROM invoice i JOIN debtor d ON d.id = i.debtor_id
				JOIN debtor_exposure e ON e.debtor_id = d.id
				WHERE i.status IN ('SUBMITTED', 'VERIFIED')
				  AND e.funded + e.reserved + round(i.amount * 0.8, 2) > d.credit_limit
				""")).as("of the 180 queued").isBetween(2L, 18L);
	}

	private static double share(String sql) {
		return book.share(sql);
	}

	private static long count(String sql) {
		return book.count(sql);
	}

}
