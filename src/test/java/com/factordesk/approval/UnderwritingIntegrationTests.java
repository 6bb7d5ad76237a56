package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.Enforcement;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Invoices;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The underwriters' decisions through the one exposure engine: each decision moves the
 * invoice, the debtor's and the facility's exposure rows and records itself, and each
 * enforcement mode does what it says. The invoices belong to a client of their own
 * (facility limit 1,000,000, advance 80 %, concentration 100 %: the quote never cuts for
 * concentration) and to a demo debtor with a good grade, little exposure and no insurer
 * limit (a test that needs one sets it); everything is rolled back. Today is the demo's
 * 2026-11-25.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw1", roles = "UNDERWRITER")
class UnderwritingIntegrationTests {

	@Autowired
	private Underwriting underwriting;

	@Autowired
	private InvoiceQuotes quotes;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MessageSource messages;

	@Autowired
	private Clock clock;

	@Autowired
	private ApprovalLapses lapses;

	@Autowired
	private CreditLimits creditLimits;

	@Autowired
	private CreditPolicy policy;

	@Autowired
	private MeterRegistry meters;

	private Client client;

	private Debtor debtor;

	@BeforeEach
	void aClientOfItsOwnAndAGoodDebtor() {
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
	}

	@Test
	void anApprovalInFullReservesTheQuotedAdvanceAndFreezesWhatItUsed() {
		Invoice invoice = queued("10000.00");
		Money quoted = quotedAdvance(invoice);
		Exposure debtorBefore = debtorExposure();

		Underwriting.Outcome outcome = this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(),
				"fine");

		assertThat(outcome.status()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(outcome.advance()).isEqualTo(quoted);
		assertThat(debtorExposure().reserved()).isEqualTo(debtorBefore.reserved().plus(quoted));
		assertThat(facilityExposure()).isEqualTo(new Exposure(Money.ZERO, quoted));
		assertThat(invoice.getApprovedAdvance()).contains(quoted);
		assertThat(this.jdbc.queryForMap("""
				SELECT kind, decided_by, advance, quoted_advance, grade, score IS NOT NULL AS scored,
				       band_set_version IS NOT NULL AS banded, jsonb_array_length(quote -> 'lines') > 0 AS lined,
				       terms_version
				FROM invoice_decision WHERE invoice_id = ?
				""", invoice.getId())).containsEntry("kind", "APPROVE")
			.as("the facility's first terms, version 1")
			.containsEntry("terms_version", 1)
			.containsEntry("decided_by", "uw1")
			.containsEntry("advance", quoted.amount())
			.containsEntry("quoted_advance", quoted.amount())
			.containsEntry("scored", true)
			.containsEntry("banded", true)
			.containsEntry("lined", true);
		assertRowsMatchTheBook();
	}

	@Test
	void aLowerAdvanceIsReservedAsApprovedAndOneAboveTheQuoteIsRefusedOnItsField() {
		Invoice invoice = queued("10000.00");
		Money quoted = quotedAdvance(invoice);

		assertThatThrownBy(() -> this.underwriting.approve(invoice.getId(), Optional.of(quoted.plus(Money.of("0.01"))),
				Optional.empty(), null))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("decision.amount.aboveQuote");
				assertThat(refusal.getViolations().get(0).field()).isEqualTo("amount");
			});
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(facilityExposure()).isEqualTo(Exposure.NONE);

		this.underwriting.approve(invoice.getId(), Optional.of(Money.of("5000.00")), Optional.empty(), null);

		assertThat(facilityExposure()).isEqualTo(new Exposure(Money.ZERO, Money.of("5000.00")));
		assertThat(invoice.getApprovedAdvance()).contains(Money.of("5000.00"));
	}

	@Test
	void aCrossAgedDebtorsInvoiceIsRefusedUnlessAManagerApprovesItWithAReason() {
		// funded, due 2026-07-01: 147 days past due on 2026-11-25, and far more than the
		// rest the debtor owes: over the policy's 10 % of its open amount
		this.entities.persist(Invoices.anInvoice(this.client, this.debtor)
			.issued(LocalDate.of(2026, 6, 1))
			.due(LocalDate.of(2026, 7, 1))
			.fundedOn(LocalDate.of(2026, 6, 2))
			.amount("900000.00")
			.build());
		Invoice invoice = queued("10000.00");

		assertThatThrownBy(() -> this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(), null))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("decision.crossAged");
				assertThat(this.messages.getMessage(refusal.getViolations().get(0), Locale.ENGLISH))
					.startsWith("Invoice " + invoice.getNumber() + " is not eligible: its debtor is cross-aged, ")
					.contains("(EUR 900,000.00) is over 90 days past due, above the policy's 10 %");
			});
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(facilityExposure()).isEqualTo(Exposure.NONE);

		as("mgr1", "MANAGER");
		Underwriting.Outcome outcome = this.underwriting.approve(invoice.getId(), Optional.empty(),
				Optional.of("aged invoice settled by agreement, payment due this week"), null);
		assertThat(outcome.status()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(facilityExposure()).isEqualTo(new Exposure(Money.ZERO, outcome.advance()));
		assertThat(this.jdbc.queryForObject("SELECT override_reason FROM invoice_decision WHERE invoice_id = ?",
				String.class, invoice.getId()))
			.isEqualTo("aged invoice settled by agreement, payment due this week");
	}

	@Test
	void aDebtorCrossAgedSinceTheFirstApprovalWaitsForTheSecondManagersReason() {
		this.debtor.setCreditLimit(Money.of("2000000.00"), LocalDate.of(2027, 6, 30));
		Invoice invoice = queued("150000.00");
		assertThat(approve(invoice)).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
		// then an invoice of the debtor 147 days past due, larger than all else it owes
		this.entities.persist(Invoices.anInvoice(this.client, this.debtor)
			.issued(LocalDate.of(2026, 6, 1))
			.due(LocalDate.of(2026, 7, 1))
			.fundedOn(LocalDate.of(2026, 6, 2))
			.amount("1500000.00")
			.build());
		this.entities.flush();

		as("mgr2", "MANAGER");
		assertThatThrownBy(() -> this.underwriting.approveSecond(invoice.getId(), Optional.empty(), null))
			.isInstanceOfSatisfying(BusinessRefusal.class,
					(refusal) -> assertThat(refusal.getCode()).isEqualTo("decision.crossAged"));
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
		assertThat(this.underwriting.approveSecond(invoice.getId(), Optional.of("collection agreed"), null).status())
			.isEqualTo(InvoiceStatus.APPROVED);
	}

	@Test
	void aStricterModeHoldsWhatIsOverADebtorsLimitNowAndWarnLetsTheHeldGoAhead() {
		facility(Enforcement.WARN);
		Invoice older = queued("10000.00");
		Invoice newer = queued("10000.00");
		Exposure before = debtorExposure();
		Money advance = quotedAdvance(older);
		// room for one advance: under WARN both go ahead over the credit limit
		this.debtor.setCreditLimit(before.total().plus(advance).plus(Money.of("1.00")), null);
		this.entities.flush();
		approve(older);
		approve(newer);
		assertThat(newer.getStatus()).isEqualTo(InvoiceStatus.APPROVED);

		as("mgr1", "MANAGER");
		this.creditLimits.setEnforcement(this.client.getRef(), Enforcement.HOLD, "over-limit approvals must wait");
		assertThat(newer.getStatus()).isEqualTo(InvoiceStatus.HELD);
		assertThat(older.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(debtorExposure().reserved()).isEqualTo(before.reserved().plus(advance));

		this.creditLimits.setEnforcement(this.client.getRef(), Enforcement.WARN, "back to warnings");
		assertThat(newer.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(debtorExposure().reserved()).isEqualTo(before.reserved().plus(advance).plus(advance));
		assertRowsMatchTheBook();
	}

	@Test
	void theSecondUnderwriterIsToldWhoDecidedFirstAndWhen() {
		Invoice invoice = queued("10000.00");
		this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(), null);

		as("uw2", "UNDERWRITER");
		assertThatThrownBy(() -> this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(), null))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("decision.alreadyDecided");
				String english = this.messages.getMessage(refusal.getViolations().get(0), Locale.ENGLISH);
				assertThat(english)
					.startsWith("Invoice " + invoice.getNumber() + " was already decided: Approved, by uw1 on ");
			});
	}

	@Test
	void aboveTheFourEyesThresholdAnApprovalWaitsForAnotherManager() {
		// face 150,000 at 80 %: the advance of about 120,000 is above the 100,000
		// threshold
		this.debtor.setCreditLimit(Money.of("500000.00"), LocalDate.of(2027, 6, 30));
		Invoice invoice = queued("150000.00");
		as("both", "UNDERWRITER", "MANAGER");
		Underwriting.Outcome first = this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(),
				null);
		assertThat(first.status()).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
		assertThat(facilityExposure().reserved()).as("awaiting a second approval reserves").isEqualTo(first.advance());

		assertThatThrownBy(() -> this.underwriting.approveSecond(invoice.getId(), Optional.empty(), null))
			.isInstanceOfSatisfying(BusinessRefusal.class,
					(refusal) -> assertThat(refusal.getCode()).isEqualTo("decision.secondApproval.sameApprover"));

		as("uw1", "UNDERWRITER");
		assertThatThrownBy(() -> this.underwriting.approveSecond(invoice.getId(), Optional.empty(), null))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);

		as("mgr", "MANAGER");
		assertThat(this.underwriting.approveSecond(invoice.getId(), Optional.empty(), null).status())
			.isEqualTo(InvoiceStatus.APPROVED);
		assertThat(facilityExposure().reserved()).isEqualTo(first.advance());
	}

	@Test
	void aPublishedPolicyVersionLowersTheFourEyesThresholdForTheNextApproval() {
		// two invoices of 10,000 at 80 %: advances of about 8,000 each, the debtor's
		// exposure under 5,000 + 16,000; with the configured 100,000 threshold the
		// first is approved at once, with a published 5,000 the second waits
		Invoice first = queued("10000.00");
		Invoice second = queued("10000.00");
		assertThat(approve(first)).isEqualTo(InvoiceStatus.APPROVED);

		as("admin", "ADMIN");
		PolicyProperties configured = this.policy.current();
		this.policy.publish(new PolicyProperties(configured.staleDays(), configured.duplicateWindowDays(),
				configured.crossAgingShare(), configured.bureauStaleDays(), configured.creditNoteDays(),
				new BigDecimal("5000"), configured.lapseDays(), configured.underwriterAuthority(),
				configured.watchlistLaterDays()), "tighter control", "admin");
		as("uw1", "UNDERWRITER");

		assertThat(approve(second)).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
	}

	@Test
	void splittingCannotAvoidTheSecondApprovalOnceTheDebtorsExposureIsAboveTheThreshold() {
		this.debtor.setCreditLimit(Money.of("500000.00"), LocalDate.of(2027, 6, 30));
		Money before = debtorExposure().total();
		// parts of 60,000 face (advance about 48,000 each) until the debtor's exposure
		// passes 100,000
		InvoiceStatus last = null;
		Money exposure = before;
		while (!exposure.isGreaterThan(Money.of("100000.00"))) {
			Invoice part = queued("60000.00");
			Underwriting.Outcome outcome = this.underwriting.approve(part.getId(), Optional.empty(), Optional.empty(),
					null);
			exposure = exposure.plus(outcome.advance());
			last = outcome.status();
		}
		assertThat(last).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
	}

	@Test
	void operatorsSeeTheQueueGrowWithASubmittedInvoiceAndShrinkWithItsApproval() {
		double queued = this.meters.get("factordesk.queue.invoices").gauge().value();
		Invoice invoice = queued("10000.00");
		assertThat(this.meters.get("factordesk.queue.invoices").gauge().value()).isEqualTo(queued + 1);
		approve(invoice);
		this.entities.flush();
		assertThat(this.meters.get("factordesk.queue.invoices").gauge().value()).isEqualTo(queued);
		// the approval reserved its advance against the debtor's limit: the exposure
		// gauge
		// sums every debtor's funded and reserved advances
		assertThat(this.meters.get("factordesk.exposure.debtors").gauge().value()).isEqualTo(
				this.jdbc.queryForObject("SELECT SUM(funded) + SUM(reserved) FROM debtor_exposure", Double.class));
	}

	@Test
	void blockRefusesAnApprovalOverTheCreditLimitAndChangesNothing() {
		facility(Enforcement.BLOCK);
		Invoice invoice = queued("10000.00");
		Money quoted = quotedAdvance(invoice);
		Exposure before = debtorExposure();
		// one cent short of room for the advance
		this.debtor.setCreditLimit(before.total().plus(quoted).minus(Money.of("0.01")), null);

		double blockedBefore = this.meters.counter("factordesk.approvals.blocked", "limit", "CREDIT_LIMIT").count();

		assertThatThrownBy(() -> this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(), null))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("decision.blocked");
				assertThat(this.messages.getMessage(refusal.getViolations().get(0), Locale.ENGLISH))
					.contains("credit limit");
			});
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(debtorExposure()).isEqualTo(before);
		// operators see the refusal, by the limit that refused it
		assertThat(this.meters.counter("factordesk.approvals.blocked", "limit", "CREDIT_LIMIT").count())
			.isEqualTo(blockedBefore + 1);

		// exactly room for it
		this.debtor.setCreditLimit(before.total().plus(quoted), null);
		assertThat(this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(), null).status())
			.isEqualTo(InvoiceStatus.APPROVED);
	}

	@Test
	void warnApprovesOverTheLimitAndRecordsTheBreach() {
		facility(Enforcement.WARN);
		Invoice invoice = queued("10000.00");
		this.debtor.setCreditLimit(debtorExposure().total(), null);

		Underwriting.Outcome outcome = this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(),
				null);

		assertThat(outcome.status()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(outcome.overLimit()).isTrue();
		assertThat(this.jdbc.queryForObject(
				"SELECT limits @> '[{\"kind\": \"CREDIT_LIMIT\", \"over\": true}]' FROM invoice_decision WHERE invoice_id = ?",
				Boolean.class, invoice.getId()))
			.isTrue();
	}

	@Test
	void aManagerOverridesABlockWithAReasonAndAnUnderwriterCannot() {
		facility(Enforcement.BLOCK);
		Invoice invoice = queued("10000.00");
		this.debtor.setCreditLimit(debtorExposure().total(), null);

		assertThatThrownBy(
				() -> this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.of("good customer"), null))
			.isInstanceOfSatisfying(BusinessRefusal.class,
					(refusal) -> assertThat(refusal.getCode()).isEqualTo("decision.override.managerOnly"));

		as("mgr", "MANAGER");
		Underwriting.Outcome outcome = this.underwriting.approve(invoice.getId(), Optional.empty(),
				Optional.of("insured elsewhere"), null);
		assertThat(outcome.status()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(this.jdbc.queryForObject("SELECT override_reason FROM invoice_decision WHERE invoice_id = ?",
				String.class, invoice.getId()))
			.isEqualTo("insured elsewhere");
	}

	@Test
	void holdWaitsWithoutReservingAndHeadroomReleasesTheFirstHeldFirst() {
		facility(Enforcement.HOLD);
		Invoice first = queued("10000.00");
		Invoice second = queued("10000.00");
		Invoice third = queued("10000.00");
		Money advance = quotedAdvance(first);
		Exposure before = debtorExposure();
		// room for one and a half advances
		this.debtor.setCreditLimit(before.total().plus(advance).plus(advance.times(Rate.percent("50"))), null);

		assertThat(approve(first)).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(approve(second)).isEqualTo(InvoiceStatus.HELD);
		assertThat(approve(third)).isEqualTo(InvoiceStatus.HELD);
		assertThat(debtorExposure().reserved()).as("held approvals reserve nothing")
			.isEqualTo(before.reserved().plus(advance));

		this.underwriting.withdraw(first.getId(), "client asked");

		// room for one and a half again: the first held (second) goes on, the third still
		// waits
		assertThat(second.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(third.getStatus()).isEqualTo(InvoiceStatus.HELD);
		assertThat(first.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(debtorExposure().reserved()).isEqualTo(before.reserved().plus(advance));
		assertThat(decisionKinds(second)).containsExactly("HOLD", "RELEASE");
		assertRowsMatchTheBook();
	}

	@Test
	void raisingAnAdvanceIsCheckedAndCuttingItReleasesHeldApprovals() {
		facility(Enforcement.HOLD);
		Invoice first = queued("10000.00");
		Invoice second = queued("10000.00");
		Money advance = quotedAdvance(first);
		Exposure before = debtorExposure();
		this.debtor.setCreditLimit(before.total().plus(advance).plus(Money.of("1000.00")), null);
		this.underwriting.approve(first.getId(), Optional.of(Money.of("1000.00")), Optional.empty(), null);
		assertThat(approve(second)).isEqualTo(InvoiceStatus.APPROVED);

		// 1,000 -> 1,000.01 leaves the limit a cent short: the raise is held, releasing
		// its reservation
		Underwriting.Outcome raised = this.underwriting.changeAdvance(first.getId(), Money.of("1000.01"), null);
		assertThat(raised.status()).isEqualTo(InvoiceStatus.HELD);
		assertThat(debtorExposure().reserved()).isEqualTo(before.reserved().plus(advance));

		this.underwriting.changeAdvance(second.getId(), Money.of("500.00"), "client needs less");

		assertThat(first.getStatus()).as("the cut made room for the held one").isEqualTo(InvoiceStatus.APPROVED);
		assertThat(debtorExposure().reserved())
			.isEqualTo(before.reserved().plus(Money.of("500.00")).plus(Money.of("1000.01")));
		assertThatThrownBy(() -> this.underwriting.changeAdvance(second.getId(), advance.plus(Money.of("0.01")), null))
			.isInstanceOfSatisfying(BusinessRefusal.class,
					(refusal) -> assertThat(refusal.getCode()).isEqualTo("decision.amount.aboveQuote"));
		assertRowsMatchTheBook();
	}

	@Test
	void aRejectionReleasesTheReservationAndOnlyAManagerReopens() {
		Invoice invoice = queued("10000.00");
		Money quoted = quotedAdvance(invoice);
		approve(invoice);

		assertThatThrownBy(() -> this.underwriting.reject(invoice.getId(), RejectionReason.OTHER, " "))
			.isInstanceOfSatisfying(BusinessRefusal.class,
					(refusal) -> assertThat(refusal.getCode()).isEqualTo("decision.reject.noteRequired"));
		this.underwriting.reject(invoice.getId(), RejectionReason.SUSPECTED_FRAUD, "goods never shipped");

		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.REJECTED);
		assertThat(facilityExposure()).isEqualTo(Exposure.NONE);
		// the rejection is a record like an approval: the score, the band version and the
		// quote's lines it was turned down on, frozen
		assertThat(this.jdbc.queryForMap("""
				SELECT reason_code, note, advance, score IS NOT NULL AS scored, band_set_version IS NOT NULL AS banded,
				       jsonb_array_length(quote -> 'lines') > 0 AS lined, quoted_advance
				FROM invoice_decision WHERE invoice_id = ? AND kind = 'REJECT'
				""", invoice.getId())).containsEntry("reason_code", "SUSPECTED_FRAUD")
			.containsEntry("note", "goods never shipped")
			.containsEntry("advance", null)
			.containsEntry("scored", true)
			.containsEntry("banded", true)
			.containsEntry("lined", true)
			.containsEntry("quoted_advance", quoted.amount());
		assertThatThrownBy(() -> this.underwriting.reopen(invoice.getId(), "second look"))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
		as("mgr", "MANAGER");
		this.underwriting.reopen(invoice.getId(), "second look");
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(decisionKinds(invoice)).containsExactly("APPROVE", "REJECT", "REOPEN");
	}

	@Test
	void aLoweredLimitHoldsTheNewestApprovalsOverItAndARaisedOneReleasesThem() {
		facility(Enforcement.HOLD);
		Invoice older = queued("10000.00");
		Invoice newer = queued("10000.00");
		Money advance = quotedAdvance(older);
		Exposure before = debtorExposure();
		approve(older);
		approve(newer);

		this.debtor.setCreditLimit(before.total().plus(advance), null);
		this.underwriting.limitChanged(this.debtor.getId(), null, "mgr");

		assertThat(newer.getStatus()).isEqualTo(InvoiceStatus.HELD);
		assertThat(older.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(debtorExposure().reserved()).isEqualTo(before.reserved().plus(advance));

		this.debtor.setCreditLimit(before.total().plus(advance).plus(advance), null);
		this.underwriting.limitChanged(this.debtor.getId(), null, "mgr");

		assertThat(newer.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(decisionKinds(newer)).containsExactly("APPROVE", "LIMIT_LOWERED", "RELEASE");
		assertRowsMatchTheBook();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Enforcement.class)
	void raisingAnApprovedAmountOverTheCreditLimitIsBlockedHeldOrWarnedAsTheFacilitySays(Enforcement mode) {
		facility(mode);
		Invoice invoice = queued("10000.00");
		Exposure before = debtorExposure();
		this.underwriting.approve(invoice.getId(), Optional.of(Money.of("5000.00")), Optional.empty(), null);
		// headroom for 1,000.00 more: raising the advance by 2,000.00 goes over by
		// 1,000.00
		this.debtor.setCreditLimit(before.total().plus(Money.of("6000.00")), null);
		this.entities.flush();

		switch (mode) {
			case BLOCK -> {
				assertThatThrownBy(() -> this.underwriting.changeAdvance(invoice.getId(), Money.of("7000.00"), "raise"))
					.isInstanceOfSatisfying(BusinessRefusal.class,
							(refusal) -> assertThat(refusal.getCode()).isEqualTo("decision.blocked"));
				assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
				assertThat(invoice.getApprovedAdvance()).contains(Money.of("5000.00"));
				assertThat(debtorExposure().reserved()).isEqualTo(before.reserved().plus(Money.of("5000.00")));
			}
			case HOLD -> {
				Underwriting.Outcome outcome = this.underwriting.changeAdvance(invoice.getId(), Money.of("7000.00"),
						"raise");
				// held at the new amount, reserving nothing until there is headroom
				assertThat(outcome.status()).isEqualTo(InvoiceStatus.HELD);
				assertThat(invoice.getApprovedAdvance()).contains(Money.of("7000.00"));
				assertThat(debtorExposure().reserved()).isEqualTo(before.reserved());
			}
			case WARN -> {
				Underwriting.Outcome outcome = this.underwriting.changeAdvance(invoice.getId(), Money.of("7000.00"),
						"raise");
				assertThat(outcome.status()).isEqualTo(InvoiceStatus.APPROVED);
				assertThat(outcome.overLimit()).as("the breach is on the record").isTrue();
				assertThat(debtorExposure().reserved()).isEqualTo(before.reserved().plus(Money.of("7000.00")));
			}
		}
		// a cut is never refused and frees what it cuts
		if (mode != Enforcement.HOLD) {
			this.underwriting.changeAdvance(invoice.getId(), Money.of("1000.00"), "cut");
			assertThat(debtorExposure().reserved()).isEqualTo(before.reserved().plus(Money.of("1000.00")));
		}
		assertRowsMatchTheBook();
	}

	@Test
	void aLoweredFacilityLimitHoldsTheNewestApprovalOverItAndAManagerReleasesItWithAReason() {
		facility(Enforcement.HOLD);
		Invoice older = queued("10000.00");
		Invoice newer = queued("10000.00");
		approve(older);
		approve(newer);
		Money olderAdvance = older.getApprovedAdvance().orElseThrow();
		Money newerAdvance = newer.getApprovedAdvance().orElseThrow();
		assertThat(facilityExposure().reserved()).isEqualTo(olderAdvance.plus(newerAdvance));

		// room for the older approval only
		this.client.getFacility().setLimit(olderAdvance.plus(Money.of("1.00")));
		this.entities.flush();
		this.underwriting.limitChanged(null, this.client.getId(), "mgr");

		assertThat(newer.getStatus()).isEqualTo(InvoiceStatus.HELD);
		assertThat(older.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(facilityExposure().reserved()).isEqualTo(olderAdvance);
		assertThat(decisionKinds(newer)).containsExactly("APPROVE", "LIMIT_LOWERED");

		// an underwriter cannot release it; a manager must say why
		assertThatThrownBy(() -> this.underwriting.overrideHold(newer.getId(), "needed"))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
		as("mgr1", "MANAGER");
		assertThatThrownBy(() -> this.underwriting.overrideHold(newer.getId(), " ")).isInstanceOfSatisfying(
				BusinessRefusal.class,
				(refusal) -> assertThat(refusal.getCode()).isEqualTo("decision.override.reasonRequired"));
		Underwriting.Outcome released = this.underwriting.overrideHold(newer.getId(), "client's buyer prepays");
		assertThat(released.status()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(facilityExposure().reserved()).isEqualTo(olderAdvance.plus(newerAdvance));
		assertThat(this.jdbc.queryForObject(
				"SELECT override_reason FROM invoice_decision WHERE invoice_id = ? AND kind = 'RELEASE'", String.class,
				newer.getId()))
			.isEqualTo("client's buyer prepays");
		assertRowsMatchTheBook();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = Enforcement.class, names = { "BLOCK", "HOLD" })
	void theSecondApprovalMeetsACreditLimitLoweredSinceTheFirst(Enforcement mode) {
		facility(mode);
		this.debtor.setCreditLimit(Money.of("500000.00"), LocalDate.of(2027, 6, 30));
		// face 150,000 at the quoted rate: an advance above the 100,000 threshold
		Invoice invoice = queued("150000.00");
		assertThat(approve(invoice)).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
		Money advance = invoice.getApprovedAdvance().orElseThrow();
		Exposure reserving = debtorExposure();
		// the limit is cut below what the debtor's exposure now is
		this.debtor.setCreditLimit(reserving.total().minus(Money.of("1.00")), null);
		this.entities.flush();

		as("mgr2", "MANAGER");
		if (mode == Enforcement.BLOCK) {
			assertThatThrownBy(() -> this.underwriting.approveSecond(invoice.getId(), Optional.empty(), null))
				.isInstanceOfSatisfying(BusinessRefusal.class,
						(refusal) -> assertThat(refusal.getCode()).isEqualTo("decision.blocked"));
			assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
			assertThat(debtorExposure()).isEqualTo(reserving);
			// with a reason the manager approves it anyway
			assertThat(this.underwriting.approveSecond(invoice.getId(), Optional.of("limit review under way"), null)
				.status()).isEqualTo(InvoiceStatus.APPROVED);
		}
		else {
			assertThat(this.underwriting.approveSecond(invoice.getId(), Optional.empty(), null).status())
				.isEqualTo(InvoiceStatus.HELD);
			assertThat(debtorExposure().reserved()).isEqualTo(reserving.reserved().minus(advance));
		}
		assertRowsMatchTheBook();
	}

	@Test
	void aLoweredInsurerLimitHoldsTheNewestApprovalWhoseFaceItNoLongerCovers() {
		facility(Enforcement.HOLD);
		// the debtor's insured open face before: what it owes on funded open invoices
		Money owed = Money.of(this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(outstanding), 0) FROM open_receivable(?) WHERE debtor_id = ?", BigDecimal.class,
				LocalDate.now(this.clock), this.debtor.getId()));
		this.debtor.insure(owed.plus(Money.of("100000.00")), LocalDate.of(2027, 6, 30));
		this.entities.flush();
		Invoice older = queued("10000.00");
		Invoice newer = queued("10000.00");
		approve(older);
		approve(newer);
		assertThat(newer.getStatus()).isEqualTo(InvoiceStatus.APPROVED);

		// cover for one more face of 10,000.00, not two
		this.debtor.insure(owed.plus(Money.of("15000.00")), LocalDate.of(2027, 6, 30));
		this.entities.flush();
		this.underwriting.limitChanged(this.debtor.getId(), null, "mgr");

		assertThat(newer.getStatus()).isEqualTo(InvoiceStatus.HELD);
		assertThat(older.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(decisionKinds(newer)).containsExactly("APPROVE", "LIMIT_LOWERED");
		assertThat(facilityExposure().reserved()).isEqualTo(older.getApprovedAdvance().orElseThrow());
		assertRowsMatchTheBook();
	}

	@Test
	void anApprovalNotFundedWithinTenDaysLapsesAndReleasesItsExposure() {
		Invoice invoice = queued("10000.00");
		java.time.Instant beforeApproval = this.clock.instant();
		assertThat(approve(invoice)).isEqualTo(InvoiceStatus.APPROVED);
		this.entities.flush();

		// approved at or after beforeApproval, well within a minute of it
		assertThat(this.underwriting.lapsing(beforeApproval.plus(Duration.ofDays(10)))).doesNotContain(invoice.getId());
		assertThat(this.underwriting.lapsing(beforeApproval.plus(Duration.ofDays(10)).plusSeconds(60)))
			.contains(invoice.getId());
		assertThat(this.underwriting.lapse(invoice.getId())).isTrue();

		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(facilityExposure()).isEqualTo(Exposure.NONE);
		assertThat(this.jdbc.queryForObject(
				"SELECT decided_by FROM invoice_decision WHERE invoice_id = ? AND kind = 'LAPSE'", String.class,
				invoice.getId()))
			.isEqualTo("system");
		assertThat(this.lapses.lapseDue()).as("nothing due today").isZero();
	}

	@Test
	void aVerificationKeepsWhoConfirmedOnTheDebtor() {
		Invoice denied = queued("10000.00");
		Invoice confirmed = queued("10000.00");

		this.underwriting.recordVerification(denied.getId(), false, Optional.empty(),
				Optional.of(new Underwriting.NewContact("J. de Vries", "j.devries@example.com", null)), "not ordered");
		long contactId = this.jdbc.queryForObject("SELECT id FROM debtor_contact WHERE debtor_id = ? AND name = ?",
				Long.class, this.debtor.getId(), "J. de Vries");
		this.underwriting.recordVerification(confirmed.getId(), true, Optional.of(contactId), Optional.empty(), null);

		assertThat(denied.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(confirmed.getStatus()).isEqualTo(InvoiceStatus.VERIFIED);
		assertThat(decisionKinds(denied)).containsExactly("VERIFICATION_FAILED");
		assertThat(decisionKinds(confirmed)).containsExactly("VERIFIED");
		assertThat(approve(confirmed)).as("a verified invoice is approved like a submitted one")
			.isEqualTo(InvoiceStatus.APPROVED);
	}

	@Test
	void decisionsCannotBeChangedOrRemoved() {
		Invoice invoice = queued("10000.00");
		approve(invoice);
		assertThatThrownBy(
				() -> this.jdbc.update("UPDATE invoice_decision SET advance = 1 WHERE invoice_id = ?", invoice.getId()))
			.hasMessageContaining("invoice_decision is append-only");
	}

	private InvoiceStatus approve(Invoice invoice) {
		return this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(), null).status();
	}

	private Invoice queued(String amount) {
		Invoice invoice = Invoices.anInvoice(this.client, this.debtor)
			.issued(LocalDate.of(2026, 11, 20))
			.due(LocalDate.of(2026, 12, 20))
			.amount(amount)
			.build();
		this.entities.persist(invoice);
		this.entities.flush();
		return invoice;
	}

	private Money quotedAdvance(Invoice invoice) {
		return this.quotes.quote(invoice.getId()).orElseThrow().quote().advance();
	}

	private void facility(Enforcement enforcement) {
		this.client.getFacility().enforce(enforcement);
		this.entities.flush();
	}

	private Exposure debtorExposure() {
		this.entities.flush();
		return this.jdbc
			.query("SELECT funded, reserved FROM debtor_exposure WHERE debtor_id = ?",
					(rs, row) -> new Exposure(Money.of(rs.getBigDecimal(1)), Money.of(rs.getBigDecimal(2))),
					this.debtor.getId())
			.stream()
			.findFirst()
			.orElse(Exposure.NONE);
	}

	private Exposure facilityExposure() {
		this.entities.flush();
		return this.jdbc
			.query("SELECT funded, reserved FROM facility_exposure WHERE client_id = ?",
					(rs, row) -> new Exposure(Money.of(rs.getBigDecimal(1)), Money.of(rs.getBigDecimal(2))),
					this.client.getId())
			.stream()
			.findFirst()
			.orElse(Exposure.NONE);
	}

	private List<String> decisionKinds(Invoice invoice) {
		return this.jdbc.queryForList("SELECT kind FROM invoice_decision WHERE invoice_id = ? ORDER BY id",
				String.class, invoice.getId());
	}

	/**
	 * The rows the engine keeps equal what the invoices say, for the debtor and the
	 * facility.
	 */
	private void assertRowsMatchTheBook() {
		this.entities.flush();
		LocalDate today = LocalDate.now(this.clock);
		BigDecimal[] debtorBook = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(funded), 0), COALESCE(SUM(reserved), 0) FROM exposure_book(?) WHERE debtor_id = ?",
				(rs, row) -> new BigDecimal[] { rs.getBigDecimal(1), rs.getBigDecimal(2) }, today, this.debtor.getId());
		Exposure debtorRow = debtorExposure();
		assertThat(debtorRow.funded().amount()).isEqualByComparingTo(debtorBook[0]);
		assertThat(debtorRow.reserved().amount()).isEqualByComparingTo(debtorBook[1]);
		BigDecimal[] facilityBook = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(funded), 0), COALESCE(SUM(reserved), 0) FROM exposure_book(?) WHERE client_id = ?",
				(rs, row) -> new BigDecimal[] { rs.getBigDecimal(1), rs.getBigDecimal(2) }, today, this.client.getId());
		assertThat(facilityExposure().funded().amount()).isEqualByComparingTo(facilityBook[0]);
		assertThat(facilityExposure().reserved().amount()).isEqualByComparingTo(facilityBook[1]);
	}

	private static void as(String user, String... roles) {
		String[] authorities = java.util.Arrays.stream(roles).map((role) -> "ROLE_" + role).toArray(String[]::new);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, "n/a",
					AuthorityUtils.createAuthorityList(authorities)));
	}

}
