package com.factordesk.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.factordesk.invoice.InvoiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The demo portfolio is consistent (lifecycles, money, queue, sharing) and deterministic:
 * checked with SQL on a small portfolio in an embedded PostgreSQL.
 */
class DemoPortfolioGeneratorTests {

	private static final DemoScale SCALE = new DemoScale(5, 60, 2_000);

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	private static final long SEED = 20261125L;

	private static final List<String> TABLES = List.of("client", "facility", "debtor", "bureau_score", "schedule",
			"invoice", "invoice_transition", "dispute", "credit_note", "payment", "payment_allocation", "funding_run",
			"advance", "settlement", "rebate_run", "reserve_entry", "notice_of_assignment");

	private static GeneratedBook book;

	private static GenerationReport report;

	@BeforeAll
	static void generate() throws IOException {
		book = GeneratedBook.generate(SCALE, TODAY, SEED);
		report = book.report();
	}

	@AfterAll
	static void stop() throws IOException {
		if (book != null) {
			book.close();
		}
	}

	@Test
	void writesTheScaleAskedForAndReportsWhatItWrote() throws SQLException {
		assertThat(count("SELECT count(*) FROM client")).isEqualTo(5).isEqualTo(report.clients());
		assertThat(count("SELECT count(*) FROM facility")).isEqualTo(5).isEqualTo(report.facilities());
		assertThat(count("SELECT count(*) FROM debtor")).isEqualTo(60).isEqualTo(report.debtors());
		assertThat(count("SELECT count(*) FROM invoice")).isEqualTo(2_000).isEqualTo(report.invoices());
		assertThat(count("SELECT count(*) FROM invoice_transition")).isBetween(6_000L, 9_000L)
			.isEqualTo(report.transitions());
		assertThat(count("SELECT count(*) FROM payment")).isBetween(1_000L, 2_000L).isEqualTo(report.payments());
		assertThat(count("SELECT count(*) FROM payment_allocation")).isBetween(1_200L, 2_000L)
			.isEqualTo(report.allocations());
		assertThat(count("SELECT count(*) FROM dispute")).isBetween(20L, 200L).isEqualTo(report.disputes());
		assertThat(count("SELECT count(*) FROM credit_note")).isBetween(5L, 150L).isEqualTo(report.creditNotes());
		assertThat(count("SELECT count(*) FROM bureau_score")).isBetween(300L, 1_200L).isEqualTo(report.bureauScores());
		assertThat(count("SELECT count(*) FROM schedule")).isEqualTo(report.schedules());
		assertThat(count("SELECT count(*) FROM advance"))
			.isEqualTo(count("SELECT count(*) FROM invoice " + "WHERE funded_on IS NOT NULL"))
			.isEqualTo(report.advances());
		assertThat(count("SELECT count(*) FROM funding_run")).isPositive().isEqualTo(report.fundingRuns());
		assertThat(count("SELECT count(*) FROM debtor_exposure")).isEqualTo(60).isEqualTo(report.debtorExposures());
		assertThat(count("SELECT count(*) FROM facility_exposure")).isEqualTo(5).isEqualTo(report.facilityExposures());
		assertThat(count("SELECT count(*) FROM invoice WHERE status = 'SUBMITTED'")).isEqualTo(10)
			.isEqualTo(report.submittedInQueue());
		assertThat(count("SELECT count(*) FROM invoice WHERE status = 'REJECTED'")).isBetween(40L, 140L);
		assertThat(count("SELECT count(*) FROM invoice WHERE status = 'PAID'")).isBetween(1_500L, 1_900L);
		assertThat(count("SELECT count(*) FROM invoice WHERE status IN ('FUNDED', 'PARTIALLY_PAID')")).isBetween(100L,
				400L);
	}

	@Test
	void everyInvoiceEndsItsHistoryInItsStatus() throws SQLException {
		assertThat(count("""
				SELECT count(*) FROM invoice i
				JOIN (SELECT DISTINCT ON (invoice_id) invoice_id, to_status FROM invoice_transition
				      ORDER BY invoice_id, changed_at DESC, id DESC) last ON last.invoice_id = i.id
				WHERE last.to_status = i.status
				""")).isEqualTo(2_000);
		assertThat(count("""
				SELECT count(*) FROM invoice i
				WHERE NOT EXISTS (SELECT 1 FROM invoice_transition t WHERE t.invoice_id = i.id
				                  AND t.from_status IS NULL AND t.to_status = 'SUBMITTED'
				                  AND t.changed_at = i.submitted_at)
				""")).isZero();
		assertThat(count("SELECT count(*) FROM invoice_transition WHERE from_status IS NULL")).isEqualTo(2_000);
	}

	@Test
	void transitionsFollowTheLifecycleInTime() throws SQLException {
		assertThat(strings("""
				SELECT DISTINCT from_status || '>' || to_status FROM invoice_transition WHERE from_status IS NOT NULL
				""")).allSatisfy((step) -> {
			InvoiceStatus from = InvoiceStatus.valueOf(step.substring(0, step.indexOf('>')));
			InvoiceStatus to = InvoiceStatus.valueOf(step.substring(step.indexOf('>') + 1));
			assertThat(from == to || from.canMoveTo(to)).as("the lifecycle allows %s", step).isTrue();
		});
		assertThat(strings("""
				SELECT DISTINCT to_status FROM invoice_transition WHERE from_status = to_status
				""")).as("disputes are recorded beside a status, on funded invoices")
			.isNotEmpty()
			.isSubsetOf("FUNDED", "PARTIALLY_PAID");
		assertThat(count("""
				SELECT count(*) FROM (
				  SELECT from_status, changed_at,
				         lag(to_status) OVER w AS previous_to, lag(changed_at) OVER w AS previous_at
				  FROM invoice_transition WINDOW w AS (PARTITION BY invoice_id ORDER BY id)) t
				WHERE previous_at IS NOT NULL AND (from_status <> previous_to OR changed_at <= previous_at)
				""")).isZero();
		assertThat(count("SELECT count(*) FROM invoice_transition WHERE changed_at >= DATE '2026-11-26'")).isZero();
		assertThat(count("""
				SELECT count(*) FROM invoice_transition
				WHERE changed_by NOT IN ('system', 'underwriter', 'j.devries', 'm.jansen')
				  AND changed_by NOT LIKE 'client:C%'
				""")).isZero();
	}

	@Test
	void datesAndStatusesAgree() throws SQLException {
		assertThat(count("""
				SELECT count(*) FROM invoice
				WHERE issue_date < DATE '2024-11-25' OR issue_date >= DATE '2026-11-25'
				   OR (status IN ('PAID', 'REJECTED', 'CHARGED_BACK', 'WRITTEN_OFF')) <> (closed_on IS NOT NULL)
				   OR (status IN ('SUBMITTED', 'REJECTED')) <> (funded_on IS NULL)
				   OR funded_on < issue_date OR closed_on > DATE '2026-11-25'
				   OR submitted_at::date < issue_date
				""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM dispute d JOIN invoice i ON i.id = d.invoice_id
				WHERE d.amount > i.amount OR d.opened_on < i.funded_on
				   OR (d.resolved_on IS NULL AND i.status NOT IN ('FUNDED', 'PARTIALLY_PAID'))
				""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM invoice i JOIN schedule s ON s.id = i.schedule_id
				WHERE s.client_id <> i.client_id OR s.submitted_at <> i.submitted_at
				   OR s.number <> 'S-' || (SELECT ref FROM client c WHERE c.id = i.client_id)
				                  || '-' || to_char(i.submitted_at AT TIME ZONE 'Europe/Amsterdam', 'YYYYMMDD')
				""")).isZero();
	}

	@Test
	void allocationsAndCreditNotesCoverInvoicesWithoutExceedingThem() throws SQLException {
		String covered = """
				SELECT i.id, i.status, i.amount,
				       COALESCE((SELECT sum(a.amount) FROM payment_allocation a WHERE a.invoice_id = i.id), 0)
				     + COALESCE((SELECT sum(c.amount) FROM credit_note c WHERE c.invoice_id = i.id), 0) AS covered
				FROM invoice i
				""";
		assertThat(count("SELECT count(*) FROM (" + covered + ") x WHERE covered > amount")).isZero();
		assertThat(count("SELECT count(*) FROM (" + covered + ") x WHERE status = 'PAID' AND covered <> amount"))
			.isZero();
		assertThat(
				count("SELECT count(*) FROM (" + covered + ") x WHERE status = 'PARTIALLY_PAID' AND covered >= amount"))
			.isZero();
		String applied = "(SELECT sum(a.amount) FROM payment_allocation a WHERE a.payment_id = p.id)";
		assertThat(count("SELECT count(*) FROM payment p WHERE p.amount < " + applied)).isZero();
		// a receipt pays more than it settles only as a round sum on account, recently
		assertThat(count("SELECT count(*) FROM payment p WHERE p.amount > " + applied
				+ " AND (p.amount % 1000 <> 0 OR p.remittance NOT LIKE '% on account'"
				+ " OR p.received_on < DATE '2026-11-25' - 30 OR p.amount - " + applied + " > 1000)"))
			.isZero();
		assertThat(count("SELECT count(*) FROM payment p WHERE p.amount > " + applied)).isBetween(1L, 1L);
		assertThat(count("""
				SELECT count(*) FROM payment_allocation a
				JOIN payment p ON p.id = a.payment_id JOIN invoice i ON i.id = a.invoice_id
				WHERE a.received_on <> p.received_on OR p.debtor_id <> i.debtor_id OR p.received_on < i.funded_on
				""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM credit_note c JOIN dispute d ON d.id = c.dispute_id
				WHERE c.issued_on <> d.resolved_on OR d.outcome <> 'CREDIT_NOTE' OR c.amount > d.amount
				   OR c.invoice_id <> d.invoice_id
				""")).isZero();
		assertThat(count("SELECT count(*) FROM payment WHERE (SELECT count(*) FROM payment_allocation a "
				+ "WHERE a.payment_id = payment.id) BETWEEN 2 AND 4"))
			.isPositive();
		assertThat(count("SELECT count(*) FROM credit_note WHERE dispute_id IS NULL")).isPositive();
	}

	@Test
	void queueHoldsRecentSubmissionsAndADoublePledge() throws SQLException {
		assertThat(count("""
				SELECT count(*) FROM invoice
				WHERE status = 'SUBMITTED' AND issue_date BETWEEN DATE '2026-11-05' AND DATE '2026-11-24'
				  AND submitted_at >= TIMESTAMPTZ '2026-11-15 00:00:00+01'
				  AND submitted_at < TIMESTAMPTZ '2026-11-25 00:00:00+01'
				  AND (SELECT count(*) FROM invoice_transition t WHERE t.invoice_id = invoice.id) = 1
				""")).isEqualTo(10);
		assertThat(count("""
				SELECT count(*) FROM invoice pledged JOIN invoice other
				  ON other.debtor_id = pledged.debtor_id AND other.amount = pledged.amount
				 AND other.issue_date = pledged.issue_date AND other.client_id <> pledged.client_id
				WHERE pledged.status = 'SUBMITTED'
				""")).isPositive();
	}

	@Test
	void noticesOfAssignmentDateFromTheFirstFundingOfANotifiedPairAndAFewAreMissing() throws SQLException {
		String notifiedPairs = """
				SELECT i.client_id, i.debtor_id, MIN(i.funded_on) AS first_funded
				FROM invoice i JOIN facility f ON f.client_id = i.client_id
				WHERE f.notification AND i.funded_on IS NOT NULL
				GROUP BY i.client_id, i.debtor_id
				""";
		long pairs = count("SELECT count(*) FROM (" + notifiedPairs + ") p");
		long notices = count("SELECT count(*) FROM notice_of_assignment");
		assertThat(pairs).isPositive();
		// one pair in 40 (by its ids) has none on file: the queue's NO_NOTICE flag still
		// finds them
		assertThat(notices).isLessThan(pairs).isGreaterThanOrEqualTo(pairs * 9 / 10);
		assertThat(count("SELECT count(*) FROM (" + notifiedPairs + ") p "
				+ "WHERE (p.client_id * 7919 + p.debtor_id) % 40 <> 0"))
			.isEqualTo(notices);
		assertThat(count("SELECT count(*) FROM notice_of_assignment n JOIN (" + notifiedPairs + ") p "
				+ "ON p.client_id = n.client_id AND p.debtor_id = n.debtor_id "
				+ "WHERE n.sent_on = p.first_funded AND CAST(n.recorded_at AT TIME ZONE 'UTC' AS date) = p.first_funded "
				+ "AND n.reference LIKE 'NOA-C%-D%'"))
			.isEqualTo(notices);
	}

	@Test
	void theQueueHoldsAsManyInvoicesAsAsked() {
		assertThat(SCALE.queued()).isEqualTo(10);
		assertThat(SCALE.withQueue(25).queued()).isEqualTo(25);
		assertThat(DemoScale.forInvoices(1_000_000).queued()).isEqualTo(5_000);
		assertThat(DemoScale.forInvoices(1_000_000).withQueue(10_000).queued()).isEqualTo(10_000);
		assertThatIllegalArgumentException().isThrownBy(() -> SCALE.withQueue(1_001));
	}

	@Test
	void debtorsAreSharedAndScoredByBureaus() throws SQLException {
		assertThat(count("""
				SELECT count(*) FROM (SELECT debtor_id FROM invoice GROUP BY debtor_id
				                      HAVING count(DISTINCT client_id) >= 2) shared
				""")).isGreaterThanOrEqualTo(10);
		assertThat(count("SELECT count(*) FROM debtor d WHERE NOT EXISTS "
				+ "(SELECT 1 FROM bureau_score b WHERE b.debtor_id = d.id)"))
			.isBetween(1L, 12L);
		assertThat(count("""
				SELECT count(*) FROM (SELECT debtor_id FROM bureau_score GROUP BY debtor_id
				                      HAVING max(as_of) < DATE '2026-11-25' - 180) stale
				""")).isPositive();
		assertThat(count("SELECT count(*) FROM bureau_score WHERE as_of > DATE '2026-11-25'")).isZero();
		assertThat(count("""
				SELECT count(*) FROM client c JOIN facility f ON f.client_id = c.id
				WHERE f.facility_limit NOT BETWEEN 250000 AND 5000000 OR f.currency <> 'EUR'
				   OR f.default_advance_rate NOT IN (0.8, 0.85, 0.9)
				   OR c.onboarded_on > DATE '2024-11-25' OR c.onboarded_on < DATE '2020-11-25'
				""")).isZero();
	}

	@Test
	void everyFundedInvoiceHasOneAdvanceThatReconcilesToTheCent() throws SQLException {
		// funded: every invoice with a funding day, open or closed; one advance each
		assertThat(count("""
				SELECT count(*) FROM invoice i
				WHERE (i.funded_on IS NOT NULL) <> EXISTS (SELECT 1 FROM advance a WHERE a.invoice_id = i.id)
				""")).isZero();
		assertThat(count("SELECT count(*) - count(DISTINCT invoice_id) FROM advance")).isZero();
		assertThat(count("""
				SELECT count(*) FROM advance a JOIN invoice i ON i.id = a.invoice_id
				WHERE a.funded_on <> i.funded_on OR a.face <> i.amount OR a.amount + a.reserve <> a.face
				   OR a.amount <= 0 OR a.reserve < 0
				""")).isZero();
		// the advance is face x rate rounded once to the cent, HALF_EVEN: within half a
		// cent of the exact product, and on an exact half cent the even cent
		assertThat(count("""
				SELECT count(*) FROM advance
				WHERE abs(amount - face * advance_rate) > 0.005
				   OR (abs(amount - face * advance_rate) = 0.005 AND (amount * 100) % 2 <> 0)
				""")).isZero();
	}

	@Test
	void advancesFollowTheBandsInForceAndTheFacility() throws SQLException {
		// the demo's history (2024-11-25 on) lies after band set 1 took effect
		// (2024-01-01)
		assertThat(count("""
				SELECT count(*) FROM advance a JOIN invoice i ON i.id = a.invoice_id
				JOIN facility f ON f.client_id = i.client_id
				WHERE a.advance_rate > f.default_advance_rate OR a.fee_structure <> f.fee_structure
				   OR a.fee_period_days <> f.fee_period_days OR a.day_count <> f.day_count
				   OR a.band_set_version IS DISTINCT FROM 1 OR a.fee_rate IS NULL OR a.decision_id IS NOT NULL
				""")).isZero();
		// each advance is priced by a band of its version that prices: the band's fee
		// rate, and the lower of the band's and the facility's advance rate
		assertThat(count("""
				SELECT count(*) FROM advance a JOIN invoice i ON i.id = a.invoice_id
				JOIN facility f ON f.client_id = i.client_id
				WHERE NOT EXISTS (SELECT 1 FROM pricing_band b JOIN pricing_band_set s ON s.id = b.band_set_id
				                  WHERE s.version = a.band_set_version AND NOT b.auto_decline
				                    AND b.fee_rate = a.fee_rate
				                    AND LEAST(b.advance_rate, f.default_advance_rate) = a.advance_rate)
				""")).isZero();
		assertThat(count("SELECT count(DISTINCT fee_rate) FROM advance")).as("debtors in more than one band")
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void fundingRunsPayOutEachClientsInvoicesOfADay() throws SQLException {
		assertThat(count("""
				SELECT count(*) FROM funding_run r
				WHERE r.total <> (SELECT sum(a.amount) FROM advance a WHERE a.funding_run_id = r.id)
				   OR r.invoice_count <> (SELECT count(*) FROM advance a WHERE a.funding_run_id = r.id)
				   OR r.paid_by IS NULL OR r.paid_at IS NULL OR r.paid_at < r.created_at
				   OR (r.created_at AT TIME ZONE 'Europe/Amsterdam')::date <> r.run_on
				   OR (r.paid_at AT TIME ZONE 'Europe/Amsterdam')::date <> r.run_on
				   OR r.created_by NOT IN ('underwriter', 'j.devries', 'm.jansen')
				""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM advance a JOIN invoice i ON i.id = a.invoice_id
				LEFT JOIN funding_run r ON r.id = a.funding_run_id
				WHERE r.id IS NULL OR r.client_id <> i.client_id OR r.run_on <> a.funded_on
				""")).isZero();
		// one run per client and funding day
		assertThat(count("SELECT count(*) FROM funding_run")).isEqualTo(count("""
				SELECT count(*) FROM (SELECT DISTINCT client_id, funded_on FROM invoice WHERE funded_on IS NOT NULL) d
				"""));
	}

	@Test
	void exposureRowsAreTheSumsOfTheExposureBookWithZeros() throws SQLException {
		assertThat(count("""
				SELECT count(*) FROM debtor d
				LEFT JOIN debtor_exposure x ON x.debtor_id = d.id
				LEFT JOIN (SELECT debtor_id, sum(funded) AS funded, sum(reserved) AS reserved
				           FROM exposure_book(DATE '2026-11-25') GROUP BY debtor_id) e ON e.debtor_id = d.id
				WHERE x.debtor_id IS NULL OR x.funded <> COALESCE(e.funded, 0) OR x.reserved <> COALESCE(e.reserved, 0)
				""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM client c
				LEFT JOIN facility_exposure x ON x.client_id = c.id
				LEFT JOIN (SELECT client_id, sum(funded) AS funded, sum(reserved) AS reserved
				           FROM exposure_book(DATE '2026-11-25') GROUP BY client_id) e ON e.client_id = c.id
				WHERE x.client_id IS NULL OR x.funded <> COALESCE(e.funded, 0) OR x.reserved <> COALESCE(e.reserved, 0)
				""")).isZero();
		// real money: the open funded invoices carry what is left of their advances;
		// debtors without one carry a row of zeros
		assertThat(count("SELECT count(*) FROM facility_exposure WHERE funded > 0")).isEqualTo(5);
		assertThat(count("SELECT count(*) FROM debtor_exposure WHERE funded = 0 AND reserved = 0")).isPositive();
		assertThat(count("""
				SELECT count(*) FROM debtor_exposure x
				WHERE (x.funded > 0) <> EXISTS (SELECT 1 FROM invoice i WHERE i.debtor_id = x.debtor_id
				                              AND i.status IN ('FUNDED', 'PARTIALLY_PAID'))
				""")).isZero();
	}

	@Test
	void everyClientIsPaidOnAnAccountWithValidCheckDigits() throws SQLException {
		List<String> ibans = strings("SELECT iban FROM client ORDER BY id");
		assertThat(ibans).hasSize(5).doesNotContainNull().doesNotHaveDuplicates().allSatisfy((iban) -> {
			// ISO 13616: the first four characters moved to the end, letters as 10-35,
			// the number leaves 1 when divided by 97
			String rearranged = iban.substring(4) + iban.substring(0, 4);
			StringBuilder digits = new StringBuilder();
			for (char c : rearranged.toCharArray()) {
				digits.append(Character.isLetter(c) ? String.valueOf(c - 'A' + 10) : String.valueOf(c));
			}
			assertThat(new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue()).as(iban).isEqualTo(1);
		});
		assertThat(count("""
				SELECT count(*) FROM client
				WHERE bic IS NULL OR bic !~ '^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$'
				   OR substr(iban, 1, 2) <> substr(bic, 5, 2) OR substr(iban, 1, 2) <> country
				""")).isZero();
	}

	@Test
	void leavesNoIdentityBehind() throws SQLException {
		for (String table : TABLES) {
			assertThat(count("SELECT nextval(pg_get_serial_sequence('" + table + "', 'id')) - "
					+ "(SELECT COALESCE(MAX(id), 1) FROM " + table + ")"))
				.as(table)
				.isEqualTo(1);
		}
	}

	@Test
	void refusesADatabaseWithBusinessData() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new DemoPortfolioGenerator(book.dataSource()).generate(SCALE, TODAY, SEED))
			.withMessageContaining("empty");
	}

	@Test
	void sameSeedGivesTheSameRowsAndAnotherSeedOthers() throws IOException, SQLException {
		Map<String, String> first = fingerprint(book.dataSource());
		try (EmbeddedPostgres again = EmbeddedPostgres.builder().start();
				EmbeddedPostgres other = EmbeddedPostgres.builder().start()) {
			new DemoPortfolioGenerator(GeneratedBook.migrated(again)).generate(SCALE, TODAY, SEED);
			new DemoPortfolioGenerator(GeneratedBook.migrated(other)).generate(SCALE, TODAY, SEED + 1);
			assertThat(fingerprint(again.getPostgresDatabase())).isEqualTo(first);
			assertThat(fingerprint(other.getPostgresDatabase()).get("invoice")).isNotEqualTo(first.get("invoice"));
		}
	}

	private static Map<String, String> fingerprint(DataSource dataSource) throws SQLException {
		Map<String, String> fingerprint = new LinkedHashMap<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (String table : TABLES) {
				try (ResultSet rows = statement.executeQuery(
						"SELECT count(*) || ':' || md5(string_agg(t::text, '|' ORDER BY id)) FROM " + table + " t")) {
					rows.next();
					fingerprint.put(table, rows.getString(1));
				}
			}
		}
		return fingerprint;
	}

	private static long count(String sql) {
		return book.count(sql);
	}

	private static List<String> strings(String sql) {
		return book.strings(sql);
	}

}
