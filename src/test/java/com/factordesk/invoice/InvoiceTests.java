package com.factordesk.invoice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.factordesk.client.Client;
import com.factordesk.debtor.Debtor;
import com.factordesk.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InvoiceTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:15:30Z"), ZoneOffset.UTC);

	private final Client client = new Client("C9001", "Test Logistics B.V.", "REG-C9001", "NL", "transport",
			LocalDate.of(2022, 1, 1));

	private final Debtor debtor = new Debtor("D90001", "Buyer N.V.", "REG-D90001", "BE", "wholesale",
			Money.of("50000"));

	private Invoice submitted() {
		return Invoice.submit(this.client, this.debtor, null, "INV-1", LocalDate.of(2026, 11, 20),
				LocalDate.of(2026, 12, 20), Money.of("1000.00"), "client:C9001", this.clock);
	}

	@Test
	void aSubmittedInvoiceStartsItsHistory() {
		Invoice invoice = submitted();
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(invoice.getTransitions()).singleElement().satisfies((step) -> {
			assertThat(step.getFromStatus()).isNull();
			assertThat(step.getToStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
			assertThat(step.getChangedBy()).isEqualTo("client:C9001");
			assertThat(step.getChangedAt()).isEqualTo(this.clock.instant());
		});
	}

	@Test
	void everyTransitionIsRecordedWithWhoWhenAndWhy() {
		Invoice invoice = submitted();
		invoice.approve(Money.of("850.00"), false, "underwriter", "Good payer", this.clock);
		invoice.fund("underwriter", this.clock);
		assertThat(invoice.getTransitions()).extracting(InvoiceTransition::getToStatus)
			.containsExactly(InvoiceStatus.SUBMITTED, InvoiceStatus.APPROVED, InvoiceStatus.FUNDED);
		assertThat(invoice.getTransitions().get(1).getReason()).isEqualTo("Good payer");
		assertThat(invoice.getTransitions().get(1).getChangedBy()).isEqualTo("underwriter");
		assertThat(invoice.getTransitions().get(1).getFromStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(invoice.getApprovedAdvance()).contains(Money.of("850.00"));
		assertThat(invoice.getFundedOn()).isEqualTo(LocalDate.of(2026, 11, 25));
		assertThat(invoice.getClosedOn()).isNull();
	}

	@Test
	void anApprovalAboveTheThresholdWaitsForASecondApproverWhoIsNotTheFirst() {
		Invoice invoice = submitted();
		invoice.approve(Money.of("900.00"), true, "alice", null, this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
		assertThatExceptionOfType(InvoiceRefusal.class)
			.isThrownBy(() -> invoice.approveSecond("alice", null, this.clock))
			.satisfies((refusal) -> assertThat(refusal.getCode()).isEqualTo("invoice.secondApproval.sameApprover"));
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
		invoice.approveSecond("bob", "four eyes", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(invoice.getTransitions()).last()
			.satisfies((step) -> assertThat(step.getChangedBy()).isEqualTo("bob"));
	}

	@Test
	void aHeldApprovalIsReleasedAndAWithdrawnOneReturnsToTheQueue() {
		Invoice invoice = submitted();
		invoice.hold(Money.of("800.00"), "alice", "over the debtor's credit limit", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.HELD);
		invoice.release(false, Invoice.SYSTEM, "headroom", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		invoice.changeApprovedAdvance(Money.of("700.00"), false, "alice", "lower advance", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(invoice.getApprovedAdvance()).contains(Money.of("700.00"));
		invoice.lapse(10, this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(invoice.getApprovedAdvance()).isEmpty();
		assertThat(invoice.getTransitions()).extracting(InvoiceTransition::getToStatus)
			.containsExactly(InvoiceStatus.SUBMITTED, InvoiceStatus.HELD, InvoiceStatus.APPROVED,
					InvoiceStatus.APPROVED, InvoiceStatus.SUBMITTED);
		assertThat(invoice.getTransitions()).last()
			.satisfies((step) -> assertThat(step.getReason()).contains("lapsed").contains("10 days"));
	}

	@Test
	void whoeverChangesAnAmountAwaitingTheSecondApprovalCannotGiveIt() {
		Invoice invoice = submitted();
		invoice.approve(Money.of("900.00"), true, "alice", null, this.clock);
		// a manager lowers the amount alice approved, then tries to approve it himself
		invoice.changeApprovedAdvance(Money.of("800.00"), true, "bob", "lower", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
		assertThat(invoice.getApprovedBy()).isEqualTo("bob");
		assertThatExceptionOfType(InvoiceRefusal.class).isThrownBy(() -> invoice.approveSecond("bob", null, this.clock))
			.satisfies((refusal) -> assertThat(refusal.getCode()).isEqualTo("invoice.secondApproval.sameApprover"));
		// alice did not approve 800.00: she may give the second approval, as may anyone
		// else
		invoice.approveSecond("alice", "four eyes on the new amount", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(invoice.getApprovedAdvance()).contains(Money.of("800.00"));
	}

	@Test
	void raisingAnApprovedAdvanceAboveTheThresholdNeedsASecondApprovalAgain() {
		Invoice invoice = submitted();
		invoice.approve(Money.of("500.00"), false, "alice", null, this.clock);
		invoice.changeApprovedAdvance(Money.of("950.00"), true, "carol", "raised", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.AWAITING_SECOND_APPROVAL);
		assertThatExceptionOfType(InvoiceRefusal.class)
			.isThrownBy(() -> invoice.approveSecond("carol", null, this.clock));
	}

	@ParameterizedTest(name = "an advance of {0} on a face of 1000.00 is refused")
	@CsvSource({ "0.00", "-1.00", "1000.01" })
	void anAdvanceIsPositiveAndAtMostTheFace(String advance) {
		Invoice invoice = submitted();
		assertThatExceptionOfType(InvoiceRefusal.class)
			.isThrownBy(() -> invoice.approve(Money.of(advance), false, "alice", null, this.clock))
			.satisfies((refusal) -> assertThat(refusal.getCode()).isEqualTo("invoice.advance.outOfRange"));
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(invoice.getApprovedAdvance()).isEmpty();
	}

	@Test
	void aRejectedInvoiceIsReopenedToTheQueue() {
		Invoice invoice = submitted();
		invoice.reject("alice", "debtor in default", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.REJECTED);
		assertThat(invoice.getClosedOn()).isEqualTo(LocalDate.of(2026, 11, 25));
		invoice.reopen("manager", "new information", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(invoice.getClosedOn()).isNull();
	}

	@ParameterizedTest(name = "{0} -> {1} is refused")
	@CsvSource({ "SUBMITTED, FUNDED", "SUBMITTED, PAID", "REJECTED, APPROVED", "PAID, REJECTED", "APPROVED, PAID",
			"HELD, FUNDED", "AWAITING_SECOND_APPROVAL, FUNDED", "WRITTEN_OFF, FUNDED" })
	void illegalTransitionsAreRefused(InvoiceStatus from, InvoiceStatus to) {
		assertThat(from.canMoveTo(to)).isFalse();
	}

	@Test
	void anInvoiceCannotBeFundedBeforeItIsApproved() {
		Invoice invoice = submitted();
		assertThatExceptionOfType(IllegalTransitionException.class).isThrownBy(() -> invoice.fund("alice", this.clock))
			.satisfies((refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("invoice.transition.illegal");
				assertThat(refusal.getArguments()).hasSize(3).first().isEqualTo("INV-1");
				assertThat(refusal.getArguments().get(1)).hasToString("SUBMITTED");
				assertThat(refusal.getArguments().get(2)).hasToString("fund");
			});
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(invoice.getTransitions()).hasSize(1);
		assertThat(invoice.getFundedOn()).isNull();
	}

	@Test
	void anInvoiceIsFundedOnce() {
		Invoice invoice = funded();
		assertThatExceptionOfType(IllegalTransitionException.class).isThrownBy(() -> invoice.fund("bob", this.clock));
	}

	@ParameterizedTest
	@EnumSource(value = InvoiceStatus.class, names = { "CHARGED_BACK", "WRITTEN_OFF" })
	void lossStatusesAreFinal(InvoiceStatus closed) {
		for (InvoiceStatus next : InvoiceStatus.values()) {
			assertThat(closed.canMoveTo(next)).as("%s -> %s", closed, next).isFalse();
		}
	}

	@Test
	void aPaymentIsAppliedUpToTheOutstandingAndTheRestStaysUnapplied() {
		Invoice invoice = funded();
		Payment first = new Payment(this.debtor, LocalDate.of(2026, 11, 21), Money.of("400.00"), "PAY-1");
		first.applyTo(invoice, Money.of("400.00"), "alice", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
		assertThat(invoice.outstanding()).isEqualTo(Money.of("600.00"));

		Payment second = new Payment(this.debtor, LocalDate.of(2026, 11, 24), Money.of("750.00"), "PAY-2");
		PaymentAllocation allocation = second.applyTo(invoice, Money.of("750.00"), "alice", this.clock);
		assertThat(allocation.getAmount()).isEqualTo(Money.of("600.00"));
		assertThat(second.unapplied()).isEqualTo(Money.of("150.00"));
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PAID);
		assertThat(invoice.outstanding()).isEqualTo(Money.ZERO);
		assertThat(invoice.getClosedOn()).as("closed on the day the payment was received")
			.isEqualTo(LocalDate.of(2026, 11, 24));

		Payment third = new Payment(this.debtor, LocalDate.of(2026, 11, 25), Money.of("10.00"), "PAY-3");
		assertThatExceptionOfType(InvoiceRefusal.class)
			.isThrownBy(() -> third.applyTo(invoice, Money.of("10.00"), "alice", this.clock));
		assertThat(third.unapplied()).isEqualTo(Money.of("10.00"));
	}

	@Test
	void aBouncedPaymentReopensThePaidInvoice() {
		Invoice invoice = funded();
		Payment part = new Payment(this.debtor, LocalDate.of(2026, 11, 21), Money.of("300.00"), "PAY-1");
		part.applyTo(invoice, Money.of("300.00"), "alice", this.clock);
		Payment rest = new Payment(this.debtor, LocalDate.of(2026, 11, 22), Money.of("700.00"), "PAY-2");
		rest.applyTo(invoice, Money.of("700.00"), "alice", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PAID);

		rest.reverse(LocalDate.of(2026, 11, 25), "alice", "returned by the bank", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
		assertThat(invoice.getClosedOn()).isNull();
		assertThat(invoice.outstanding()).isEqualTo(Money.of("700.00"));
		assertThat(rest.unapplied()).isEqualTo(Money.ZERO);

		part.reverse(LocalDate.of(2026, 11, 25), "alice", "returned by the bank", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
		assertThat(invoice.outstanding()).isEqualTo(Money.of("1000.00"));
		assertThatExceptionOfType(InvoiceRefusal.class)
			.isThrownBy(() -> part.reverse(LocalDate.of(2026, 11, 25), "alice", "twice", this.clock));
	}

	@Test
	void creditNotesDiluteUpToTheOutstandingAndADisputeIsAFlag() {
		Invoice invoice = funded();
		Dispute dispute = invoice.dispute(DisputeReason.QUALITY, LocalDate.of(2026, 11, 22), Money.of("250.00"),
				"alice", this.clock);
		assertThat(invoice.isDisputed()).isTrue();
		assertThat(invoice.getStatus()).as("a dispute is no status").isEqualTo(InvoiceStatus.FUNDED);
		dispute.resolve(DisputeOutcome.CREDIT_NOTE, LocalDate.of(2026, 11, 24));
		invoice.credit(Money.of("250.00"), dispute, LocalDate.of(2026, 11, 24), "quality", "alice", this.clock);
		assertThat(invoice.isDisputed()).isFalse();
		assertThat(invoice.outstanding()).isEqualTo(Money.of("750.00"));
		assertThatExceptionOfType(InvoiceRefusal.class)
			.isThrownBy(() -> invoice.credit(Money.of("750.01"), null, LocalDate.of(2026, 11, 25), "too much", "alice",
					this.clock))
			.satisfies((refusal) -> assertThat(refusal.getCode()).isEqualTo("invoice.credit.exceedsOutstanding"));
		invoice.credit(Money.of("750.00"), null, LocalDate.of(2026, 11, 25), "settled", "alice", this.clock);
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PAID);
	}

	@Test
	void aShortPaidInvoiceIsClosedAndAnUnpaidOneChargedBackOrWrittenOff() {
		Invoice shortPaid = funded();
		new Payment(this.debtor, LocalDate.of(2026, 11, 21), Money.of("990.00"), "PAY-1").applyTo(shortPaid,
				Money.of("990.00"), "alice", this.clock);
		shortPaid.closeShortPaid("alice", "10.00 bank charges", this.clock);
		assertThat(shortPaid.getStatus()).isEqualTo(InvoiceStatus.PAID);
		assertThat(shortPaid.getClosedOn()).isEqualTo(LocalDate.of(2026, 11, 25));

		Invoice recourse = funded();
		recourse.chargeBack("alice", "recourse period exceeded", this.clock);
		assertThat(recourse.getStatus()).isEqualTo(InvoiceStatus.CHARGED_BACK);
		assertThatExceptionOfType(IllegalTransitionException.class)
			.isThrownBy(() -> recourse.writeOff("alice", "twice", this.clock));

		Invoice loss = funded();
		loss.writeOff("alice", "insolvent", this.clock);
		assertThat(loss.getStatus()).isEqualTo(InvoiceStatus.WRITTEN_OFF);
		assertThat(loss.getClosedOn()).isEqualTo(LocalDate.of(2026, 11, 25));
	}

	private Invoice funded() {
		Invoice invoice = submitted();
		invoice.approve(Money.of("850.00"), false, "alice", null, this.clock);
		invoice.fund("alice", this.clock);
		return invoice;
	}

	@Test
	void amountsAndDatesAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Invoice.submit(this.client, this.debtor, null, "INV-2", LocalDate.of(2026, 11, 20),
					LocalDate.of(2026, 12, 20), Money.of("0.00"), "client", this.clock))
			.withMessageContaining("positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Invoice.submit(this.client, this.debtor, null, "INV-3", LocalDate.of(2026, 11, 20),
					LocalDate.of(2026, 11, 19), Money.of("10.00"), "client", this.clock))
			.withMessageContaining("due");
	}

	@Test
	void daysPastDueCountFromTheDueDate() {
		Invoice invoice = submitted();
		assertThat(invoice.daysPastDue(LocalDate.of(2026, 12, 20))).isZero();
		assertThat(invoice.daysPastDue(LocalDate.of(2027, 1, 19))).isEqualTo(30);
		assertThat(invoice.termsInDays()).isEqualTo(30);
	}

}
