package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.FacilityTerms;
import com.factordesk.client.FeeTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.invoice.PaymentSource;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test data for settlement, in the test's transaction: a client of its own (facility
 * 1,000,000, recourse after 60 days or non-recourse, tiered 30-day fee terms unless told)
 * and a debtor of its own (credit limit 1,000,000), and invoices funded on a day in the
 * past as a funding run would have funded them: the approval reserves the advance on the
 * exposure rows, the run pays it (an {@link Advance} at a fee rate given, reserved to
 * funded) and the reserve is credited to the client's ledger (RESERVE_CREATED) on the
 * funding day. Each verb is the domain's own, on the day it happens.
 */
final class SettlementBook {

	private final EntityManager entities;

	private final ExposureEngine engine;

	private final ReserveLedger ledger;

	private final JdbcTemplate jdbc;

	private final Client client;

	private final Debtor debtor;

	private SettlementBook(EntityManager entities, ExposureEngine engine, ReserveLedger ledger, JdbcTemplate jdbc,
			Integer recourseDays, FeeTerms feeTerms) {
		this.entities = entities;
		this.engine = engine;
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.client = Clients.aClient()
			.facility(new FacilityTerms(Money.of("1000000.00"), Rate.percent("80"), recourseDays, false,
					Rate.percent("100")))
			.build();
		this.client.getFacility().agreeFeeTerms(feeTerms);
		this.debtor = Debtors.aDebtor().creditLimit("1000000.00").build();
		entities.persist(this.client);
		entities.persist(this.debtor);
		entities.flush();
	}

	static SettlementBook recourse(EntityManager entities, ExposureEngine engine, ReserveLedger ledger,
			JdbcTemplate jdbc) {
		return new SettlementBook(entities, engine, ledger, jdbc, 60, FeeTerms.STANDARD);
	}

	static SettlementBook nonRecourse(EntityManager entities, ExposureEngine engine, ReserveLedger ledger,
			JdbcTemplate jdbc) {
		return new SettlementBook(entities, engine, ledger, jdbc, null, FeeTerms.STANDARD);
	}

	static SettlementBook withTerms(EntityManager entities, ExposureEngine engine, ReserveLedger ledger,
			JdbcTemplate jdbc, Integer recourseDays, FeeTerms feeTerms) {
		return new SettlementBook(entities, engine, ledger, jdbc, recourseDays, feeTerms);
	}

	/**
	 * An invoice of {@code face} issued 30 days before it falls due, funded on
	 * {@code fundedOn} with an advance of {@code advance} at {@code feePercent} per 30
	 * days ({@code null}: an advance taken over without a fee rate, as an imported
	 * book's).
	 */
	Invoice funded(String face, String advance, String feePercent, LocalDate fundedOn, LocalDate due) {
		Money amount = Money.of(advance);
		Invoice invoice = Invoices.anInvoice(this.client, this.debtor)
			.amount(face)
			.issued(due.minusDays(30))
			.due(due)
			.approved(advance)
			.build();
		this.entities.persist(invoice);
		Exposures locked = this.engine.lock(Set.of(this.debtor.getId()), Set.of(this.client.getId()));
		this.engine.reserve(locked, this.debtor.getId(), this.client.getId(), amount);
		FundingRun run = new FundingRun(this.client, "fixture", Invoices.on(fundedOn));
		run.add(amount);
		this.entities.persist(run);
		invoice.fund("fixture", Invoices.on(fundedOn));
		Advance record = new Advance(invoice, run, amount,
				new Rate(amount.amount().divide(invoice.getAmount().amount(), 6, java.math.RoundingMode.HALF_EVEN)),
				(feePercent != null) ? Rate.percent(feePercent) : null, this.client.getFacility().getFeeTerms(), null,
				null);
		this.entities.persist(record);
		this.engine.fund(locked, this.debtor.getId(), this.client.getId(), amount);
		if (record.getReserve().isPositive()) {
			this.ledger.book(this.client.getId(), ReserveEntryKind.RESERVE_CREATED, record.getReserve(), fundedOn,
					ReserveEntry.Source.invoice(invoice.getId()), "fixture funding");
		}
		this.entities.flush();
		return invoice;
	}

	/**
	 * A receipt from the debtor, entered by hand, not yet applied.
	 */
	Payment receipt(String amount, LocalDate receivedOn) {
		Payment payment = Payment.receive(this.debtor, receivedOn, Money.of(amount), "R" + System.nanoTime(),
				this.debtor.getName(), null, null, PaymentSource.MANUAL, null, "fixture", Invoices.on(receivedOn));
		this.entities.persist(payment);
		this.entities.flush();
		return payment;
	}

	Client client() {
		return this.client;
	}

	Debtor debtor() {
		return this.debtor;
	}

	/**
	 * The debtor's and the facility's funded exposure (they are the only ones on them).
	 */
	Money fundedExposure() {
		this.entities.flush();
		BigDecimal debtor = this.jdbc.queryForObject("SELECT funded FROM debtor_exposure WHERE debtor_id = ?",
				BigDecimal.class, this.debtor.getId());
		BigDecimal facility = this.jdbc.queryForObject("SELECT funded FROM facility_exposure WHERE client_id = ?",
				BigDecimal.class, this.client.getId());
		assertThat(debtor).as("the debtor's and the facility's funded exposure").isEqualByComparingTo(facility);
		return Money.of(debtor);
	}

	/**
	 * The exposure rows equal what exposure_book(today) adds up from the invoices.
	 */
	void assertRowsMatchTheBook(LocalDate today) {
		this.entities.flush();
		List<BigDecimal> book = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(funded), 0), COALESCE(SUM(reserved), 0) FROM exposure_book(?) WHERE client_id = ?",
				(rs, row) -> List.of(rs.getBigDecimal(1).setScale(2), rs.getBigDecimal(2).setScale(2)), today,
				this.client.getId());
		List<BigDecimal> rows = this.jdbc.queryForObject(
				"SELECT funded, reserved FROM facility_exposure WHERE client_id = ?",
				(rs, row) -> List.of(rs.getBigDecimal(1).setScale(2), rs.getBigDecimal(2).setScale(2)),
				this.client.getId());
		assertThat(rows).as("facility_exposure against exposure_book").isEqualTo(book);
	}

	/**
	 * The ledger entries of an invoice as "KIND amount booked_on", oldest first.
	 */
	List<String> entries(Invoice invoice) {
		this.entities.flush();
		return this.jdbc.queryForList(
				"SELECT kind || ' ' || amount || ' ' || booked_on FROM reserve_entry WHERE invoice_id = ? ORDER BY id",
				String.class, invoice.getId());
	}

	/**
	 * The client's ledger balance: the sum of its entries.
	 */
	Money ledgerSum() {
		this.entities.flush();
		return Money
			.of(this.jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM reserve_entry WHERE client_id = ?",
					BigDecimal.class, this.client.getId()));
	}

}
