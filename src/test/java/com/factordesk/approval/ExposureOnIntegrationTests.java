package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code exposure_on(d, zone)} (V036): exposure as of the end of a day from the advances,
 * collections and decisions dated by then. Today it equals the exposure rows the engine
 * keeps; on past days it gives the figures worked out by hand below. Everything is rolled
 * back; today is the demo's 2026-11-25, the desk's zone Europe/Amsterdam (CET, UTC+1,
 * after 2026-10-25).
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw1", roles = "UNDERWRITER")
class ExposureOnIntegrationTests {

	@Autowired
	private Underwriting underwriting;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	@Test
	void todayItEqualsTheExposureRowsOfTheApprovedDebtorAndItsFacility() {
		Client client = Clients.aClient()
			.facility(new FacilityTerms(Money.of("1000000.00"), Rate.percent("80"), null, false, Rate.percent("100")))
			.build();
		this.entities.persist(client);
		long debtorId = this.jdbc.queryForObject("""
				SELECT s.debtor_id FROM debtor_current_score s
				JOIN debtor d ON d.id = s.debtor_id
				LEFT JOIN debtor_exposure e ON e.debtor_id = s.debtor_id
				WHERE s.grade IN ('A', 'B') AND COALESCE(e.funded + e.reserved, 0) < 5000 AND d.insurer_limit IS NULL
				ORDER BY s.debtor_id LIMIT 1
				""", Long.class);
		Debtor debtor = this.entities.find(Debtor.class, debtorId);
		debtor.setCreditLimit(Money.of("90000.00"), LocalDate.of(2027, 6, 30));
		Invoice invoice = Invoices.anInvoice(client, debtor)
			.issued(LocalDate.of(2026, 11, 20))
			.due(LocalDate.of(2026, 12, 20))
			.amount("10000.00")
			.build();
		this.entities.persist(invoice);
		this.entities.flush();
		Underwriting.Outcome approved = this.underwriting.approve(invoice.getId(), Optional.of(Money.of("6000.00")),
				Optional.empty(), null);
		this.entities.flush();
		assertThat(approved.advance()).isEqualTo(Money.of("6000.00"));

		LocalDate today = LocalDate.now(this.clock);
		String zone = this.clock.getZone().getId();
		// the new approval reserves 6,000.00 on the client's facility, as of today
		assertThat(this.jdbc.queryForObject("SELECT SUM(reserved) FROM exposure_on(?, ?) WHERE client_id = ?",
				BigDecimal.class, today, zone, client.getId()))
			.isEqualByComparingTo("6000.00");
		// the debtor's row (its exposure across all clients, the demo book's invoices
		// with it) equals exposure_on(today) for it
		assertThat(this.jdbc.queryForObject(
				"""
						SELECT COUNT(*) FROM debtor_exposure e
						FULL JOIN (SELECT debtor_id, SUM(funded) AS funded, SUM(reserved) AS reserved
						           FROM exposure_on(?, ?) WHERE debtor_id = ? GROUP BY debtor_id) x ON x.debtor_id = e.debtor_id
						WHERE e.debtor_id = ?
						  AND (COALESCE(e.funded, 0) <> COALESCE(x.funded, 0) OR COALESCE(e.reserved, 0) <> COALESCE(x.reserved, 0))
						""",
				Long.class, today, zone, debtorId, debtorId))
			.as("the debtor's exposure row differs from exposure_on(today)")
			.isZero();
		// and so is the client's facility row
		assertThat(this.jdbc.queryForObject(
				"""
						SELECT COUNT(*) FROM facility_exposure e
						FULL JOIN (SELECT client_id, SUM(funded) AS funded, SUM(reserved) AS reserved
						           FROM exposure_on(?, ?) WHERE client_id = ? GROUP BY client_id) x ON x.client_id = e.client_id
						WHERE e.client_id = ?
						  AND (COALESCE(e.funded, 0) <> COALESCE(x.funded, 0) OR COALESCE(e.reserved, 0) <> COALESCE(x.reserved, 0))
						""",
				Long.class, today, zone, client.getId(), client.getId()))
			.as("the facility's exposure row differs from exposure_on(today)")
			.isZero();
	}

	@Test
	void onAPastDayItCountsTheAdvancesCollectionsAndApprovalsDatedByThen() {
		Client client = Clients.aClient().named("Exposure Past B.V.").build();
		Debtor debtor = Debtors.aDebtor().named("Past Exposure GmbH").creditLimit("100000.00").build();
		this.entities.persist(client);
		this.entities.persist(debtor);
		// A: face 10,000.00, funded 2026-09-01 with 8,000.00; 3,000.00 received
		// 2026-10-15,
		// 6,000.00 received 2026-11-10 (1,000.00 still open: partially paid)
		Invoice a = Invoices.anInvoice(client, debtor)
			.issued(LocalDate.of(2026, 9, 1))
			.due(LocalDate.of(2026, 10, 1))
			.amount("10000.00")
			.fundedOn(LocalDate.of(2026, 9, 1))
			.build();
		// B: face 5,000.00, funded 2026-10-01 with 4,000.00; a credit note of 1,000.00 on
		// 2026-10-20 (does not repay the advance), written off 2026-11-01
		Invoice b = Invoices.anInvoice(client, debtor)
			.issued(LocalDate.of(2026, 10, 1))
			.due(LocalDate.of(2026, 10, 31))
			.amount("5000.00")
			.fundedOn(LocalDate.of(2026, 10, 1))
			.build();
		// E: face 2,500.00, approved 2026-10-20 with 2,000.00, changed 2026-10-25 to
		// 1,500.00, withdrawn 2026-11-05 (back in the queue)
		Invoice e = Invoices.anInvoice(client, debtor).issued(LocalDate.of(2026, 10, 15)).amount("2500.00").build();
		// F: face 875.00, approved at 2026-10-30T23:30Z = 2026-10-31 00:30 in Amsterdam
		// with 700.00, funded 2026-11-03
		Invoice f = Invoices.anInvoice(client, debtor)
			.issued(LocalDate.of(2026, 10, 28))
			.amount("875.00")
			.approved("700.00")
			.fundedOn(LocalDate.of(2026, 11, 3))
			.build();
		for (Invoice invoice : new Invoice[] { a, b, e, f }) {
			this.entities.persist(invoice);
		}
		pay(debtor, a, LocalDate.of(2026, 10, 15), "3000.00");
		pay(debtor, a, LocalDate.of(2026, 11, 10), "6000.00");
		b.credit(Money.of("1000.00"), null, LocalDate.of(2026, 10, 20), "price", "underwriter",
				Invoices.on(LocalDate.of(2026, 10, 20)));
		b.writeOff("manager", "insolvent", Invoices.on(LocalDate.of(2026, 11, 1)));
		this.entities.flush();
		advance(a, LocalDate.of(2026, 9, 1), "8000.00");
		advance(b, LocalDate.of(2026, 10, 1), "4000.00");
		advance(f, LocalDate.of(2026, 11, 3), "700.00");
		decision(e, "APPROVE", "2026-10-20T09:00:00Z", "APPROVED", "2000.00");
		decision(e, "CHANGE", "2026-10-25T09:00:00Z", "APPROVED", "1500.00");
		decision(e, "WITHDRAW", "2026-11-05T09:00:00Z", "SUBMITTED", "1500.00");
		decision(f, "APPROVE", "2026-10-30T23:30:00Z", "APPROVED", "700.00");
		decision(f, "FUND", "2026-11-03T09:00:00Z", "FUNDED", "700.00");

		// 2026-08-31: nothing funded or approved yet
		assertExposure(client, LocalDate.of(2026, 8, 31), "0.00", "0.00");
		// 2026-10-01: A 8,000 + B 4,000 funded
		assertExposure(client, LocalDate.of(2026, 10, 1), "12000.00", "0.00");
		// 2026-10-20: A 8,000 - 3,000 = 5,000, B 4,000 (the credit note does not count);
		// E approved that day: 2,000
		assertExposure(client, LocalDate.of(2026, 10, 20), "9000.00", "2000.00");
		// 2026-10-30: F's approval is 00:30 on the 31st in Amsterdam: not yet; E changed
		// to
		// 1,500
		assertExposure(client, LocalDate.of(2026, 10, 30), "9000.00", "1500.00");
		// 2026-10-31: E 1,500 + F 700 awaiting funding
		assertExposure(client, LocalDate.of(2026, 10, 31), "9000.00", "2200.00");
		// 2026-11-01: B written off that day: closed; A 5,000
		assertExposure(client, LocalDate.of(2026, 11, 1), "5000.00", "2200.00");
		// 2026-11-03: F funded: 5,000 + 700 funded, E 1,500 still approved
		assertExposure(client, LocalDate.of(2026, 11, 3), "5700.00", "1500.00");
		// 2026-11-05: E withdrawn
		assertExposure(client, LocalDate.of(2026, 11, 5), "5700.00", "0.00");
		// 2026-11-10: A collected 9,000 > its advance of 8,000: 0 left; F 700
		assertExposure(client, LocalDate.of(2026, 11, 10), "700.00", "0.00");
		// today: the same as exposure_book, built from the invoices' current status
		LocalDate today = LocalDate.now(this.clock);
		assertExposure(client, today, "700.00", "0.00");
		assertThat(this.jdbc.queryForObject("SELECT SUM(funded + reserved) FROM exposure_book(?) WHERE client_id = ?",
				BigDecimal.class, today, client.getId()))
			.isEqualByComparingTo("700.00");
	}

	@Test
	void todayEachFundedInvoiceOwesItsAdvanceLessItsAllocationsNotReversedAsSummedFromThem() {
		// today nothing is received or reversed later: exposure_on reads each invoice's
		// kept
		// total (V063); here it is summed from the allocations themselves
		Client client = Clients.aClient().named("Exposure Today B.V.").build();
		Debtor debtor = Debtors.aDebtor().named("Today Exposure GmbH").creditLimit("100000.00").build();
		this.entities.persist(client);
		this.entities.persist(debtor);
		LocalDate today = LocalDate.now(this.clock);
		// face 10,000.00 funded with 8,000.00; 3,000.00 and 2,000.00 received, the
		// 2,000.00 reversed today: 8,000 - 3,000 = 5,000.00 outstanding on the advance
		Invoice invoice = Invoices.anInvoice(client, debtor)
			.issued(today.minusDays(40))
			.due(today.minusDays(10))
			.amount("10000.00")
			.fundedOn(today.minusDays(40))
			.build();
		this.entities.persist(invoice);
		pay(debtor, invoice, today.minusDays(20), "3000.00");
		pay(debtor, invoice, today.minusDays(5), "2000.00");
		this.entities.flush();
		advance(invoice, today.minusDays(40), "8000.00");
		this.jdbc.update("UPDATE payment_allocation SET reversed_on = ? WHERE invoice_id = ? AND amount = 2000.00",
				today, invoice.getId());
		assertExposure(client, today, "5000.00", "0.00");
		assertThat(this.jdbc.queryForObject("""
				SELECT EXISTS (SELECT 1 FROM payment_allocation WHERE received_on > ? OR reversed_on > ?)
				""", Boolean.class, today, today))
			.as("an allocation dated after today: exposure_on would sum them, not read the kept totals")
			.isFalse();
		// every funded invoice of the book open today, against its allocations summed
		var compared = this.jdbc.queryForMap(
				"""
						WITH expected AS (
						    SELECT i.id AS invoice_id,
						           GREATEST(0, f.amount - COALESCE((SELECT SUM(a.amount) FROM payment_allocation a
						                                            WHERE a.invoice_id = i.id AND a.received_on <= ?
						                                              AND (a.reversed_on IS NULL OR a.reversed_on > ?)), 0)) AS funded,
						           EXISTS (SELECT 1 FROM payment_allocation a WHERE a.invoice_id = i.id) AS paid
						    FROM invoice i JOIN advance f ON f.invoice_id = i.id AND f.funded_on <= ?
						    WHERE i.closed_on IS NULL OR i.closed_on > ?
						), actual AS (
						    SELECT e.invoice_id, e.funded FROM exposure_on(?, ?) e
						    WHERE EXISTS (SELECT 1 FROM advance f WHERE f.invoice_id = e.invoice_id)
						)
						SELECT COUNT(*) FILTER (WHERE x.invoice_id IS NULL OR y.invoice_id IS NULL OR x.funded <> y.funded)
						           AS differing,
						       COUNT(*) FILTER (WHERE x.paid AND x.funded > 0) AS partly_repaid, COUNT(*) AS compared
						FROM expected x FULL JOIN actual y ON y.invoice_id = x.invoice_id
						""",
				today, today, today, today, today, this.clock.getZone().getId());
		assertThat((Long) compared.get("differing")).as("invoices whose exposure differs").isZero();
		assertThat((Long) compared.get("partly_repaid")).as("funded invoices partly repaid").isPositive();
		assertThat((Long) compared.get("compared")).isGreaterThan(100L);
	}

	@Test
	void todayItEqualsEveryDebtorsAndEveryFacilitysExposureRow() {
		// the demo book as the suite left it: a committed test that moves an invoice
		// without the engine (a payment applied to a demo invoice outside cash
		// application) leaves the rows apart, and this fails with the rows in its message
		LocalDate today = LocalDate.now(this.clock);
		String zone = this.clock.getZone().getId();
		assertThat(this.jdbc.queryForList("""
				SELECT r.debtor_id, r.funded, r.reserved, e.funded AS funded_on, e.reserved AS reserved_on
				FROM debtor_exposure r
				LEFT JOIN (SELECT x.debtor_id, SUM(x.funded) AS funded, SUM(x.reserved) AS reserved
				           FROM exposure_on(?, ?) x GROUP BY x.debtor_id) e ON e.debtor_id = r.debtor_id
				WHERE r.funded <> COALESCE(e.funded, 0) OR r.reserved <> COALESCE(e.reserved, 0)
				""", today, zone)).as("debtors whose exposure row differs from exposure_on(today)").isEmpty();
		assertThat(this.jdbc.queryForList("""
				SELECT r.client_id, r.funded, r.reserved, e.funded AS funded_on, e.reserved AS reserved_on
				FROM facility_exposure r
				LEFT JOIN (SELECT x.client_id, SUM(x.funded) AS funded, SUM(x.reserved) AS reserved
				           FROM exposure_on(?, ?) x GROUP BY x.client_id) e ON e.client_id = r.client_id
				WHERE r.funded <> COALESCE(e.funded, 0) OR r.reserved <> COALESCE(e.reserved, 0)
				""", today, zone)).as("facilities whose exposure row differs from exposure_on(today)").isEmpty();
		// and no debtor or client with exposure today lacks its row
		assertThat(this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM exposure_on(?, ?) x
				WHERE (x.funded > 0 OR x.reserved > 0)
				  AND (NOT EXISTS (SELECT 1 FROM debtor_exposure r WHERE r.debtor_id = x.debtor_id)
				       OR NOT EXISTS (SELECT 1 FROM facility_exposure r WHERE r.client_id = x.client_id))
				""", Long.class, today, zone)).isZero();
	}

	private void assertExposure(Client client, LocalDate day, String funded, String reserved) {
		var sums = this.jdbc.queryForMap("""
				SELECT COALESCE(SUM(funded), 0) AS funded, COALESCE(SUM(reserved), 0) AS reserved
				FROM exposure_on(?, ?) WHERE client_id = ?
				""", day, this.clock.getZone().getId(), client.getId());
		assertThat((BigDecimal) sums.get("funded")).as("funded on " + day).isEqualByComparingTo(funded);
		assertThat((BigDecimal) sums.get("reserved")).as("reserved on " + day).isEqualByComparingTo(reserved);
	}

	private void pay(Debtor debtor, Invoice invoice, LocalDate on, String amount) {
		Payment payment = new Payment(debtor, on, Money.of(amount), "PAY-" + invoice.getNumber() + "-" + on);
		payment.applyTo(invoice, Money.of(amount), "cash", Invoices.on(on));
		this.entities.persist(payment);
	}

	private void advance(Invoice invoice, LocalDate fundedOn, String amount) {
		this.jdbc.update("""
				INSERT INTO advance (invoice_id, funded_on, face, amount, reserve, advance_rate, fee_structure,
				                     fee_period_days, day_count)
				SELECT i.id, ?, i.amount, ?, i.amount - ?, ? / i.amount, f.fee_structure, f.fee_period_days, f.day_count
				FROM invoice i JOIN facility f ON f.client_id = i.client_id WHERE i.id = ?
				""", fundedOn, new BigDecimal(amount), new BigDecimal(amount), new BigDecimal(amount), invoice.getId());
	}

	private void decision(Invoice invoice, String kind, String at, String to, String advance) {
		this.jdbc.update("""
				INSERT INTO invoice_decision (invoice_id, kind, decided_by, decided_at, from_status, to_status, advance)
				VALUES (?, ?, 'uw1', ?, 'SUBMITTED', ?, ?)
				""", invoice.getId(), kind, java.sql.Timestamp.from(Instant.parse(at)), to, new BigDecimal(advance));
	}

}
