package com.factordesk.invoice;

import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.ClientRepository;
import com.factordesk.client.DayCount;
import com.factordesk.client.FacilityTerms;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.DebtorRepository;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The model on PostgreSQL: Flyway's schema validated by Hibernate, money kept to the
 * cent, history kept with the invoice, and the database's own rules refusing bad rows.
 */
@IntegrationTest
@Transactional
class PersistenceIntegrationTests {

	@Autowired
	private ClientRepository clients;

	@Autowired
	private DebtorRepository debtors;

	@Autowired
	private InvoiceRepository invoices;

	@Autowired
	private PaymentRepository payments;

	@Autowired
	private EntityManager entityManager;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	private Client client() {
		Client client = new Client("T-C1", "Persist Transport B.V.", "T-REG-C1", "NL", "transport",
				LocalDate.of(2023, 3, 1));
		client.signFacility(new FacilityTerms(Money.of("500000"), Rate.percent("85"), 90, true, Rate.percent("25")))
			.agreeFeeTerms(new FeeTerms(FeeKind.DAILY, 30, DayCount.ACT_365, Rate.percent("0.25")));
		return this.clients.save(client);
	}

	private Debtor debtor() {
		Debtor debtor = new Debtor("T-D1", "Persist Buyer N.V.", "T-REG-D1", "BE", "wholesale", Money.of("75000"));
		debtor.insure(Money.of("50000"), LocalDate.of(2027, 6, 30));
		return this.debtors.save(debtor);
	}

	/**
	 * An invoice of 1,000.00 issued 2026-10-01, due 2026-10-31, approved at 850.00 and
	 * funded.
	 */
	private Invoice funded(Client client, Debtor debtor, String number) {
		Invoice submitted = Invoice.submit(client, debtor, null, number, LocalDate.of(2026, 10, 1),
				LocalDate.of(2026, 10, 31), Money.of("1000.00"), "client:T-C1", this.clock);
		submitted.approve(Money.of("850.00"), false, "underwriter", null, this.clock);
		submitted.fund("underwriter", this.clock);
		return this.invoices.save(submitted);
	}

	@Test
	void anInvoiceKeepsItsAmountFacilityAndHistory() {
		Client client = client();
		Debtor debtor = debtor();
		Invoice invoice = Invoice.submit(client, debtor, null, "T-INV-1", LocalDate.of(2026, 11, 1),
				LocalDate.of(2026, 12, 1), Money.of("12345.67"), "client:T-C1", this.clock);
		invoice.approve(Money.of("10000.00"), false, "underwriter", "within limits", this.clock);
		invoice.fund("underwriter", this.clock);
		long id = this.invoices.save(invoice).getId();
		this.entityManager.flush();
		this.entityManager.clear();

		Invoice found = this.invoices.findDetailById(id).orElseThrow();
		assertThat(found.getAmount()).isEqualTo(Money.of("12345.67"));
		assertThat(found.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
		assertThat(found.getFundedOn()).isEqualTo(LocalDate.now(this.clock));
		assertThat(found.getClient().getFacility().getDefaultAdvanceRate()).isEqualTo(Rate.percent("85"));
		assertThat(found.getClient().getFacility().getRecourseDays()).isEqualTo(90);
		assertThat(found.getClient().getFacility().getFeeTerms())
			.isEqualTo(new FeeTerms(FeeKind.DAILY, 30, DayCount.ACT_365, Rate.percent("0.25")));
		assertThat(this.jdbc.queryForList("SELECT fee_structure, day_count FROM facility WHERE client_id = ?",
				found.getClient().getId()))
			.singleElement()
			.isEqualTo(java.util.Map.of("fee_structure", "DAILY", "day_count", "ACT_365"));
		assertThat(found.getDebtor().isInsuredOn(LocalDate.of(2027, 6, 30))).isTrue();
		assertThat(found.getTransitions()).extracting(InvoiceTransition::getToStatus)
			.containsExactly(InvoiceStatus.SUBMITTED, InvoiceStatus.APPROVED, InvoiceStatus.FUNDED);
		assertThat(this.jdbc.queryForObject("SELECT amount FROM invoice WHERE id = ?", String.class, id))
			.isEqualTo("12345.67");
	}

	@Test
	void aPaymentIsAppliedToInvoicesOfItsDebtorAndLeavesTheRestUnapplied() {
		Debtor debtor = debtor();
		Invoice invoice = funded(client(), debtor, "T-INV-2");
		Payment payment = new Payment(debtor, LocalDate.of(2026, 11, 2), Money.of("1500.00"), "T-PAY-1");
		payment.applyTo(invoice, Money.of("1500.00"), "underwriter", this.clock);
		this.payments.save(payment);
		this.entityManager.flush();
		assertThat(payment.unapplied()).isEqualTo(Money.of("500.00"));
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, invoice.getId()))
			.isEqualTo("PAID");
		assertThat(this.jdbc.queryForObject("SELECT received_on FROM payment_allocation WHERE invoice_id = ?",
				LocalDate.class, invoice.getId()))
			.isEqualTo(LocalDate.of(2026, 11, 2));
	}

	@Test
	void anAllocationCarriesItsInvoicesClientDebtorDueDateAndFundingDayEvenAfterTheInvoiceChanges() {
		Client client = client();
		Debtor debtor = debtor();
		Invoice invoice = funded(client, debtor, "T-INV-3");
		Payment payment = new Payment(debtor, LocalDate.of(2026, 11, 2), Money.of("400.00"), "T-PAY-3");
		payment.applyTo(invoice, Money.of("400.00"), "underwriter", this.clock);
		this.payments.save(payment);
		this.entityManager.flush();
		String read = "SELECT client_id, debtor_id, due_date, funded_on FROM collection_fact WHERE invoice_id = ?";
		assertThat(this.jdbc.queryForList(read, invoice.getId())).singleElement()
			.isEqualTo(java.util.Map.of("client_id", client.getId(), "debtor_id", debtor.getId(), "due_date",
					java.sql.Date.valueOf("2026-10-31"), "funded_on",
					java.sql.Date.valueOf(LocalDate.now(this.clock))));
		// the copies follow the invoice (the application does not move a funded invoice's
		// due date; the database keeps them equal should anything do so)
		this.jdbc.update("UPDATE invoice SET due_date = DATE '2026-11-15' WHERE id = ?", invoice.getId());
		assertThat(this.jdbc.queryForObject("SELECT due_date FROM collection_fact WHERE invoice_id = ?",
				LocalDate.class, invoice.getId()))
			.isEqualTo(LocalDate.of(2026, 11, 15));
	}

	@Test
	void anInvoiceNumberIsUniquePerClient() {
		Client client = client();
		Debtor debtor = debtor();
		this.invoices.saveAndFlush(Invoice.submit(client, debtor, null, "T-DUP", LocalDate.of(2026, 11, 1),
				LocalDate.of(2026, 12, 1), Money.of("10.00"), "client", this.clock));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.invoices.saveAndFlush(Invoice.submit(client, debtor, null, "T-DUP",
					LocalDate.of(2026, 11, 2), LocalDate.of(2026, 12, 2), Money.of("20.00"), "client", this.clock)))
			.withMessageContaining("uq_invoice_client_number");
	}

	@Test
	void theDatabaseRefusesNonPositiveAmountsAndDueDatesBeforeIssue() {
		Client client = client();
		Debtor debtor = debtor();
		this.entityManager.flush();
		String insert = """
				INSERT INTO invoice (client_id, debtor_id, number, issue_date, due_date, amount, status, submitted_at)
				VALUES (?, ?, ?, ?, ?, ?, 'SUBMITTED', now())
				""";
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.update(insert, client.getId(), debtor.getId(), "T-NEG",
					LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), new java.math.BigDecimal("-1.00")))
			.withMessageContaining("ck_invoice_amount_positive");
	}

	@Test
	void theDatabaseRefusesDueDatesBeforeIssue() {
		Client client = client();
		Debtor debtor = debtor();
		this.entityManager.flush();
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.jdbc.update("""
				INSERT INTO invoice (client_id, debtor_id, number, issue_date, due_date, amount, status, submitted_at)
				VALUES (?, ?, 'T-DATE', DATE '2026-02-01', DATE '2026-01-01', 5.00, 'SUBMITTED', now())
				""", client.getId(), debtor.getId())).withMessageContaining("ck_invoice_due_after_issue");
	}

}
