package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.factordesk.IntegrationTest;
import com.factordesk.approval.CreditLimitDecision.Kind;
import com.factordesk.approval.CreditLimitDecision.Status;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Invoices;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A limit applied through {@link CreditLimits} re-checks what it covers in the same
 * transaction (the exposure engine's {@code limitChanged}): lowered under the exposure,
 * it holds the newest approvals until the rest fits; raised, it releases held approvals
 * first held, first released, as far as the room goes. Three approvals of 10,000.00,
 * 6,000.00 and 8,000.00 (oldest first) on a client of their own (a holding facility of
 * 1,000,000.00) and a well graded demo debtor with little exposure (E, read before the
 * approvals); everything is rolled back. All limits stay within the underwriter's
 * authority (E is below 5,000.00, every limit below 100,000.00): they apply at once. The
 * credit limit flag of a queued invoice says the figures the engine finds approving it.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw1", roles = "UNDERWRITER")
class LimitChangesIntegrationTests {

	@Autowired
	private CreditLimits limits;

	@Autowired
	private Underwriting underwriting;

	@Autowired
	private InvoiceFlags flags;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	private Client client;

	private Debtor debtor;

	/** The debtor's exposure before the test's approvals. */
	private BigDecimal before;

	private Invoice oldest;

	private Invoice middle;

	private Invoice newest;

	@BeforeEach
	void threeApprovalsOnADebtorWithRoom() {
		this.client = Clients.aClient()
			.facility(new FacilityTerms(Money.of("1000000.00"), Rate.percent("80"), null, false, Rate.percent("100")))
			.build();
		this.entities.persist(this.client);
		long debtorId = this.jdbc.queryForObject("""
				SELECT s.debtor_id FROM debtor_current_score s
				JOIN debtor d ON d.id = s.debtor_id
				LEFT JOIN debtor_exposure e ON e.debtor_id = s.debtor_id
				WHERE s.grade IN ('A', 'B') AND COALESCE(e.funded + e.reserved, 0) < 5000 AND d.insurer_limit IS NULL
				  AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.debtor_id = s.debtor_id
				                  AND i.status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL', 'HELD'))
				ORDER BY s.debtor_id LIMIT 1
				""", Long.class);
		this.debtor = this.entities.find(Debtor.class, debtorId);
		this.debtor.setCreditLimit(Money.of("90000.00"), LocalDate.of(2027, 6, 30));
		this.before = exposure();
		// faces of 20,000.00: each quote advances at least 70 % of it, above the advances
		// approved here
		this.oldest = approved("10000.00");
		this.middle = approved("6000.00");
		this.newest = approved("8000.00");
		// E + 10,000.00 + 6,000.00 + 8,000.00
		assertThat(exposure()).isEqualByComparingTo(this.before.add(new BigDecimal("24000.00")));
	}

	@Test
	void aLimitLoweredUnderTheExposureHoldsTheNewestApprovalsUntilTheRestFits() {
		// E + 15,000.00: E + 24,000.00 is 9,000.00 over; holding the newest (8,000.00)
		// leaves E + 16,000.00, still 1,000.00 over; holding the middle one (6,000.00)
		// leaves E + 10,000.00, within it: the oldest stays approved
		assertThat(propose(this.before.add(new BigDecimal("15000.00")))).isEqualTo(Status.APPLIED);

		assertThat(statuses()).containsExactly(InvoiceStatus.APPROVED, InvoiceStatus.HELD, InvoiceStatus.HELD);
		assertThat(exposure()).isEqualByComparingTo(this.before.add(new BigDecimal("10000.00")));
		assertThat(this.jdbc.queryForList("""
				SELECT invoice_id FROM invoice_decision
				WHERE invoice_id IN (?, ?, ?) AND kind IN ('HOLD', 'LIMIT_LOWERED') ORDER BY id
				""", Long.class, this.oldest.getId(), this.middle.getId(), this.newest.getId())).as("held newest first")
			.containsExactly(this.newest.getId(), this.middle.getId());
	}

	@Test
	void aRaisedLimitReleasesHeldApprovalsFirstHeldFirstAsFarAsTheRoomGoes() {
		propose(this.before.add(new BigDecimal("15000.00")));
		// held: the newest first (8,000.00), then the middle one (6,000.00)

		// E + 20,000.00: the first held (8,000.00) fits on E + 10,000.00 (E + 18,000.00);
		// the next (6,000.00) would make E + 24,000.00 and waits
		propose(this.before.add(new BigDecimal("20000.00")));
		assertThat(statuses()).containsExactly(InvoiceStatus.APPROVED, InvoiceStatus.HELD, InvoiceStatus.APPROVED);
		assertThat(exposure()).isEqualByComparingTo(this.before.add(new BigDecimal("18000.00")));

		// E + 24,000.00: room for the last one, exactly
		propose(this.before.add(new BigDecimal("24000.00")));
		assertThat(statuses()).containsExactly(InvoiceStatus.APPROVED, InvoiceStatus.APPROVED, InvoiceStatus.APPROVED);
		assertThat(exposure()).isEqualByComparingTo(this.before.add(new BigDecimal("24000.00")));
	}

	@Test
	void aLimitRaisedAboveTheExposureHoldsNothing() {
		propose(this.before.add(new BigDecimal("24000.00")));
		assertThat(statuses()).containsExactly(InvoiceStatus.APPROVED, InvoiceStatus.APPROVED, InvoiceStatus.APPROVED);
	}

	@Test
	void theCreditLimitFlagSaysWhatTheExposureEngineFindsOnApproval() {
		propose(this.before.add(new BigDecimal("30000.00")));
		Invoice queued = Invoices.anInvoice(this.client, this.debtor)
			.amount("20000.00")
			.issued(LocalDate.of(2026, 11, 21))
			.build();
		this.entities.persist(queued);
		this.entities.flush();

		// the flag: E + 24,000.00 in use, 20,000.00 x 80 % = 16,000.00 advanced, E +
		// 40,000.00 against E + 30,000.00
		Flag flag = this.flags.of(queued.getId())
			.stream()
			.filter((found) -> found.code() == FlagCode.OVER_CREDIT_LIMIT)
			.findFirst()
			.orElseThrow();
		assertThat((BigDecimal) flag.arguments().get(0))
			.isEqualByComparingTo(this.before.add(new BigDecimal("24000.00")));
		assertThat((BigDecimal) flag.arguments().get(1)).isEqualByComparingTo("16000.00");
		assertThat((BigDecimal) flag.arguments().get(2))
			.isEqualByComparingTo(this.before.add(new BigDecimal("40000.00")));

		// the engine, approving the quoted advance (the facility's 80 %, below the band's
		// rate), finds the same figures and holds it
		Underwriting.Outcome outcome = this.underwriting.approve(queued.getId(), Optional.empty(), Optional.empty(),
				null);
		assertThat(outcome.status()).isEqualTo(InvoiceStatus.HELD);
		LimitUse credit = outcome.limits()
			.stream()
			.filter((use) -> use.kind() == LimitKind.CREDIT_LIMIT)
			.findFirst()
			.orElseThrow();
		assertThat(credit.before().amount()).isEqualByComparingTo((BigDecimal) flag.arguments().get(0));
		assertThat(credit.after().amount()).isEqualByComparingTo((BigDecimal) flag.arguments().get(2));
		assertThat(credit.limit().amount()).isEqualByComparingTo((BigDecimal) flag.arguments().get(3));
	}

	private Invoice approved(String advance) {
		Invoice invoice = Invoices.anInvoice(this.client, this.debtor)
			.amount("20000.00")
			.issued(LocalDate.of(2026, 11, 20))
			.build();
		this.entities.persist(invoice);
		this.entities.flush();
		Underwriting.Outcome outcome = this.underwriting.approve(invoice.getId(), Optional.of(Money.of(advance)),
				Optional.empty(), null);
		assertThat(outcome.status()).isEqualTo(InvoiceStatus.APPROVED);
		return invoice;
	}

	private Status propose(BigDecimal limit) {
		return this.limits.propose(new ProposeLimit(Kind.CREDIT_LIMIT, this.debtor.getRef(), Money.of(limit),
				LocalDate.of(2027, 6, 30), "Re-rated"));
	}

	private List<InvoiceStatus> statuses() {
		this.entities.flush();
		return List.of(this.oldest, this.middle, this.newest).stream().map((invoice) -> {
			this.entities.refresh(invoice);
			return invoice.getStatus();
		}).toList();
	}

	private BigDecimal exposure() {
		this.entities.flush();
		return this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(funded + reserved), 0) FROM debtor_exposure WHERE debtor_id = ?", BigDecimal.class,
				this.debtor.getId());
	}

}
