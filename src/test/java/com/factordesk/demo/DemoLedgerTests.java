package com.factordesk.demo;

import java.io.IOException;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo book's history carries its money as if the desk had run for two years (DESIGN
 * sections 4b and 8, issue 10): every closed funded invoice is settled and reconciles to
 * the cent, each client's reserve ledger adds up to what its invoices, settlements and
 * rebate runs say, the fees are what the bands charge, and the receipts read like a
 * bank's. Checked with SQL on the demo-size book (the demo seed) in an embedded
 * PostgreSQL of its own; every expected figure is worked out from the rows of other
 * tables.
 */
class DemoLedgerTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	private static final long SEED = 20261125L;

	/**
	 * Per funded invoice: its advance, reserve, what was applied to it, what was
	 * credited, its live settlement (if any) and what its ledger entries add up to.
	 */
	private static final String FUNDED = """
			SELECT i.id, i.client_id, i.status, i.amount AS face, i.funded_on, i.closed_on, f.recourse,
			       a.amount AS advance, a.reserve,
			       COALESCE((SELECT sum(x.amount) FROM payment_allocation x WHERE x.invoice_id = i.id), 0) AS applied,
			       COALESCE((SELECT sum(c.amount) FROM credit_note c WHERE c.invoice_id = i.id), 0) AS credited,
			       COALESCE((SELECT sum(e.amount) FROM reserve_entry e WHERE e.invoice_id = i.id
			                 AND e.kind = 'PASSED_ON'), 0) AS passed_on,
			       COALESCE((SELECT sum(e.amount) FROM reserve_entry e WHERE e.invoice_id = i.id), 0) AS ledger,
			       s.id AS settlement_id, s.kind, s.settled_on, s.days, s.face AS s_face, s.advance AS s_advance,
			       s.reserve AS s_reserve, s.collected, s.credited AS s_credited, s.fee, s.shortfall, s.credit_loss,
			       s.rebate
			FROM invoice i
			JOIN facility f ON f.client_id = i.client_id
			JOIN advance a ON a.invoice_id = i.id
			LEFT JOIN settlement s ON s.invoice_id = i.id AND s.reversed_on IS NULL
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
	void everyClosedFundedInvoiceIsSettledOnceAndReconcilesToTheCent() {
		long closed = count("SELECT count(*) FROM invoice WHERE funded_on IS NOT NULL "
				+ "AND status IN ('PAID', 'CHARGED_BACK', 'WRITTEN_OFF')");
		assertThat(closed).isGreaterThan(25_000);
		assertThat(count("SELECT count(*) FROM settlement")).isEqualTo(closed);
		assertThat(count("SELECT count(*) FROM (" + FUNDED + ") x WHERE settlement_id IS NOT NULL")).isEqualTo(closed);
		assertThat(count("SELECT count(*) FROM (" + FUNDED + ") x WHERE (settlement_id IS NULL) <> "
				+ "(status IN ('FUNDED', 'PARTIALLY_PAID'))"))
			.as("a settlement for each closed funded invoice, none for an open one")
			.isZero();
		// allocations - advance - rebate - passed on = fee - credit loss, to the cent
		assertThat(count("SELECT count(*) FROM (" + FUNDED + ") x WHERE settlement_id IS NOT NULL "
				+ "AND applied - advance - rebate - passed_on <> fee - credit_loss"))
			.isZero();
		// rebate = reserve - fee - credited - shortfall, and the settlement's figures are
		// the invoice's, its advance's, its allocations' and its credit notes'
		assertThat(count("SELECT count(*) FROM (" + FUNDED + ") x WHERE settlement_id IS NOT NULL "
				+ "AND (rebate <> s_reserve - fee - s_credited - shortfall OR s_face <> face "
				+ "OR s_advance <> advance OR s_reserve <> reserve OR collected <> applied "
				+ "OR s_credited <> credited OR settled_on <> closed_on OR days <> closed_on - funded_on)"))
			.isZero();
		// how it closed: paid in full; charged back with recourse (the outstanding face
		// is the client's shortfall); written off without (the factor's credit loss)
		assertThat(count("""
				SELECT count(*) FROM (%s) x WHERE settlement_id IS NOT NULL AND NOT (
				    (status = 'PAID' AND kind = 'PAID' AND shortfall = 0 AND credit_loss = 0
				     AND applied + credited = face)
				 OR (status = 'CHARGED_BACK' AND kind = 'CHARGED_BACK' AND recourse AND credit_loss = 0
				     AND shortfall = face - credited - applied AND shortfall > 0)
				 OR (status = 'WRITTEN_OFF' AND kind = 'WRITTEN_OFF' AND NOT recourse AND shortfall = 0
				     AND credit_loss = face - credited - applied AND credit_loss > 0))
				""".formatted(FUNDED))).isZero();
		// an invoice's own entries add up to its rebate once settled, to its reserve less
		// its credit notes while open
		assertThat(count("SELECT count(*) FROM (" + FUNDED + ") x WHERE ledger <> "
				+ "CASE WHEN settlement_id IS NULL THEN reserve - credited ELSE rebate END"))
			.isZero();
	}

	@Test
	void eachMovementIsBookedOnItsDayAndReferencesWhatCausedIt() {
		// the reserve on the funding day, each credit note on its issue day
		assertThat(count("""
				SELECT count(*) FROM advance a JOIN invoice i ON i.id = a.invoice_id
				WHERE NOT EXISTS (SELECT 1 FROM reserve_entry e WHERE e.invoice_id = i.id AND e.kind = 'RESERVE_CREATED'
				                  AND e.amount = a.reserve AND e.booked_on = a.funded_on
				                  AND e.client_id = i.client_id)
				""")).isZero();
		assertThat(count("SELECT count(*) FROM reserve_entry WHERE kind = 'RESERVE_CREATED'"))
			.isEqualTo(count("SELECT count(*) FROM advance"));
		assertThat(count("""
				SELECT count(*) FROM credit_note c JOIN invoice i ON i.id = c.invoice_id
				WHERE (SELECT count(*) FROM reserve_entry e WHERE e.invoice_id = c.invoice_id AND e.kind = 'DILUTION'
				       AND e.amount = -c.amount AND e.booked_on = c.issued_on) <>
				      (SELECT count(*) FROM credit_note o WHERE o.invoice_id = c.invoice_id AND o.amount = c.amount
				       AND o.issued_on = c.issued_on)
				""")).isZero();
		assertThat(count("SELECT count(*) FROM reserve_entry WHERE kind = 'DILUTION'"))
			.isEqualTo(count("SELECT count(*) FROM credit_note"));
		// the fee and the chargeback on the settling day, naming the settlement
		assertThat(count("""
				SELECT count(*) FROM settlement s
				WHERE (s.fee > 0) <> EXISTS (SELECT 1 FROM reserve_entry e WHERE e.settlement_id = s.id
				                             AND e.kind = 'FEE' AND e.amount = -s.fee AND e.booked_on = s.settled_on
				                             AND e.invoice_id = s.invoice_id AND e.client_id = s.client_id)
				   OR (s.shortfall > 0) <> EXISTS (SELECT 1 FROM reserve_entry e WHERE e.settlement_id = s.id
				                             AND e.kind = 'CHARGEBACK' AND e.amount = -s.shortfall
				                             AND e.booked_on = s.settled_on)
				""")).isZero();
		assertThat(count("SELECT count(*) FROM reserve_entry WHERE kind IN ('FEE', 'CHARGEBACK') "
				+ "AND settlement_id IS NULL"))
			.isZero();
		// each rebate run is paid and debits the ledger by its total on its day, never
		// today
		assertThat(count("SELECT count(*) FROM rebate_run")).isGreaterThan(40L * 52);
		assertThat(count("""
				SELECT count(*) FROM rebate_run r
				WHERE r.paid_at IS NULL OR r.run_on >= DATE '2026-11-25'
				   OR (SELECT count(*) FROM reserve_entry e WHERE e.rebate_run_id = r.id AND e.kind = 'REBATE_PAID'
				       AND e.amount = -r.total AND e.booked_on = r.run_on AND e.client_id = r.client_id) <> 1
				""")).isZero();
		assertThat(count("SELECT count(*) FROM reserve_entry WHERE kind = 'REBATE_PAID'"))
			.isEqualTo(count("SELECT count(*) FROM rebate_run"));
		// the history has no short pays, passed-on cash or reversals; nothing after today
		assertThat(count("SELECT count(*) FROM reserve_entry WHERE kind IN ('SHORT_PAY', 'PASSED_ON', 'REVERSAL') "
				+ "OR booked_on > DATE '2026-11-25'"))
			.isZero();
	}

	@Test
	void eachClientsLedgerAddsUpToItsInvoicesSettlementsAndRebateRuns() {
		// the balance is the sum of its movements by kind, credits less debits
		assertThat(count("""
				SELECT count(*) FROM client_reserve_position() p
				LEFT JOIN (SELECT client_id,
				                  sum(CASE WHEN kind IN ('RESERVE_CREATED', 'PASSED_ON') THEN abs(amount) ELSE 0 END)
				                - sum(CASE WHEN kind IN ('FEE', 'DILUTION', 'SHORT_PAY', 'CHARGEBACK', 'REBATE_PAID')
				                           THEN abs(amount) ELSE 0 END) AS movements
				           FROM reserve_entry GROUP BY client_id) m ON m.client_id = p.client_id
				WHERE p.balance <> COALESCE(m.movements, 0)
				""")).isZero();
		// and what the other tables say it should be: the reserves of its funded
		// invoices, less their credit notes, the settlements' fees and shortfalls and the
		// rebate runs' totals
		assertThat(count("""
				SELECT count(*) FROM client_reserve_position() p JOIN client c ON c.id = p.client_id
				WHERE p.balance <>
				      (SELECT COALESCE(sum(a.reserve), 0) FROM advance a JOIN invoice i ON i.id = a.invoice_id
				       WHERE i.client_id = c.id)
				    - (SELECT COALESCE(sum(n.amount), 0) FROM credit_note n JOIN invoice i ON i.id = n.invoice_id
				       WHERE i.client_id = c.id AND i.funded_on IS NOT NULL)
				    - (SELECT COALESCE(sum(s.fee + s.shortfall), 0) FROM settlement s WHERE s.client_id = c.id)
				    - (SELECT COALESCE(sum(r.total), 0) FROM rebate_run r WHERE r.client_id = c.id)
				""")).isZero();
		assertThat(count("SELECT count(*) FROM client_reserve_position() WHERE balance <= 0")).isZero();
	}

	@Test
	void todayMostClientsHaveSmallRebatesDueAndAShortfallOnlyWhereTheBookHasOne() {
		// Weekly rebate runs pay out what the ledger holds beyond the open invoices'
		// reserve, so what is available today is what was released since a client's last
		// run (less than a week, plus less than the 100 euros a run waits for). It is
		// negative only when a debit the releases since did not cover was booked after
		// the last run: a chargeback, a credit note on an open invoice, or a settlement
		// whose fee and credit notes took more than its reserve. No tolerance is needed
		// for the others: they are never below zero.
		String lastRun = "(SELECT max(r.run_on) FROM rebate_run r WHERE r.client_id = p.client_id)";
		assertThat(count("""
				SELECT count(*) FROM client_reserve_position() p
				WHERE p.available < 0 AND NOT EXISTS (
				    SELECT 1 FROM reserve_entry e LEFT JOIN settlement s ON s.id = e.settlement_id
				    WHERE e.client_id = p.client_id AND e.booked_on >= %s
				      AND (e.kind IN ('CHARGEBACK', 'DILUTION') OR s.rebate < 0))
				""".formatted(lastRun))).isZero();
		long clients = count("SELECT count(*) FROM client");
		assertThat(count("SELECT count(*) FROM client_reserve_position() WHERE available >= 0"))
			.as("clients without a shortfall, of %d", clients)
			.isGreaterThanOrEqualTo(clients * 3 / 4);
		assertThat(count("SELECT count(*) FROM client_reserve_position() WHERE available < 0"))
			.as("a few clients owe their reserve what a chargeback or a credit note took")
			.isPositive();
		// small: what a client has due is a small part of the reserve it holds, and the
		// book's shortfalls are a small part of the reserve held
		assertThat(count("SELECT count(*) FROM client_reserve_position() WHERE available > 0.25 * held")).isZero();
		assertThat(share("SELECT sum(greatest(-available, 0)) / sum(held) FROM client_reserve_position()"))
			.isLessThan(0.05);
		// every client ran rebates recently (within the last four weeks)
		assertThat(count("SELECT count(*) FROM client_reserve_position() p WHERE " + lastRun + " IS NULL OR " + lastRun
				+ " < DATE '2026-11-25' - 28"))
			.isZero();
	}

	@Test
	void feesArePlausibleForTheBandsAndTheFacilities() {
		// the realised fee per 30 days over the book sits within the bands' range
		// (1.00 % for grade A to 3.50 % for grade D per 30 days)
		double perThirtyDays = share(
				"SELECT sum(fee) / sum(face * greatest(days, 1) / 30.0) FROM settlement WHERE kind = 'PAID'");
		assertThat(perThirtyDays).isBetween(0.01, 0.035);
		// a tiered fee charges per started period, so at least the lowest band's rate per
		// 30 days over the days outstanding; never more than the highest band's per
		// period
		assertThat(count("""
				SELECT count(*) FROM settlement s JOIN facility f ON f.client_id = s.client_id
				WHERE f.fee_structure = 'TIERED' AND (s.fee < round(s.face * 0.01 * f.fee_period_days / 30.0, 2) - 0.01
				   OR s.fee > round(s.face * 0.035 * f.fee_period_days / 30.0
				                    * greatest(1, ceil(s.days::numeric / f.fee_period_days)), 2) + 0.01)
				""")).isZero();
		// a flat fee once: 1.00 % to 3.50 % of the face whatever the days (a cent either
		// side: the fee rounds half to even, SQL's round half up)
		assertThat(count("""
				SELECT count(*) FROM settlement s JOIN facility f ON f.client_id = s.client_id
				WHERE f.fee_structure = 'FLAT'
				  AND s.fee NOT BETWEEN round(s.face * 0.01, 2) - 0.01 AND round(s.face * 0.035, 2) + 0.01
				""")).isZero();
		// a daily fee on the funds in use: never more than the highest rate on the whole
		// advance for the days outstanding
		assertThat(count("""
				SELECT count(*) FROM settlement s JOIN facility f ON f.client_id = s.client_id
				WHERE f.fee_structure = 'DAILY' AND s.fee > round(s.advance * 0.035 * 12 * s.days / 360.0, 2) + 0.01
				""")).isZero();
		// the desk earned its fees: a few percent of what it funded
		assertThat(share("SELECT sum(fee) / sum(face) FROM settlement")).isBetween(0.005, 0.05);
	}

	@Test
	void receiptsReadLikeTheBanksAndAFewRecentOnesLeaveUnappliedCash() {
		assertThat(count("""
				SELECT count(*) FROM payment p JOIN debtor d ON d.id = p.debtor_id
				WHERE p.source <> 'HISTORY' OR p.counterparty <> d.name OR p.iban IS NULL OR p.remittance IS NULL
				   OR p.recorded_by IS NULL OR p.recorded_at IS NULL OR p.passed_on <> 0
				""")).isZero();
		// one account per debtor, and no two debtors on one account
		assertThat(count("SELECT count(*) FROM (SELECT debtor_id FROM payment GROUP BY debtor_id "
				+ "HAVING count(DISTINCT iban) > 1) x"))
			.isZero();
		assertThat(count("SELECT count(*) FROM (SELECT iban FROM payment GROUP BY iban "
				+ "HAVING count(DISTINCT debtor_id) > 1) x"))
			.isZero();
		for (String iban : book.strings("SELECT DISTINCT iban FROM payment")) {
			assertThat(PayoutAccounts.valid(iban)).as(iban).isTrue();
		}
		// the remittance names every invoice the receipt paid
		assertThat(count("""
				SELECT count(*) FROM payment_allocation a JOIN payment p ON p.id = a.payment_id
				JOIN invoice i ON i.id = a.invoice_id
				WHERE position(i.number IN p.remittance) = 0
				""")).isZero();
		// unapplied cash: a few thousand euros on 5 to 10 recent receipts
		String unapplied = """
				SELECT p.received_on, p.amount - (SELECT sum(a.amount) FROM payment_allocation a
				                                  WHERE a.payment_id = p.id) - p.passed_on AS unapplied
				FROM payment p WHERE p.reversed_on IS NULL
				""";
		assertThat(count("SELECT count(*) FROM (" + unapplied + ") u WHERE unapplied > 0")).isBetween(5L, 10L);
		assertThat(count("SELECT count(*) FROM (" + unapplied + ") u WHERE unapplied < 0")).isZero();
		assertThat(share("SELECT sum(unapplied) FROM (" + unapplied + ") u")).isBetween(1_000.0, 10_000.0);
		assertThat(count("SELECT count(*) FROM (" + unapplied + ") u WHERE unapplied > 0 "
				+ "AND received_on < DATE '2026-11-25' - 30"))
			.isZero();
	}

	@Test
	void theExposureRowsStillEqualTheExposureBook() {
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
	}

	@Test
	void theReportCountsTheLedgerRows() {
		GenerationReport report = book.report();
		assertThat(count("SELECT count(*) FROM settlement")).isEqualTo(report.settlements());
		assertThat(count("SELECT count(*) FROM rebate_run")).isEqualTo(report.rebateRuns());
		assertThat(count("SELECT count(*) FROM reserve_entry")).isEqualTo(report.reserveEntries());
		// the sequences continue after the generated ids
		for (String table : new String[] { "settlement", "rebate_run", "reserve_entry" }) {
			assertThat(count("SELECT nextval(pg_get_serial_sequence('" + table + "', 'id')) - "
					+ "(SELECT COALESCE(MAX(id), 1) FROM " + table + ")"))
				.as(table)
				.isEqualTo(1);
		}
	}

	private static long count(String sql) {
		return book.count(sql);
	}

	private static double share(String sql) {
		return book.share(sql);
	}

}
