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
		invoice.moveTo(InvoiceStatus.APPROVED, "underwriter", "Good payer", this.clock);
		invoice.moveTo(InvoiceStatus.FUNDED, "system", null, this.clock);
		invoice.moveTo(InvoiceStatus.PAID, "system", null, this.clock);
		assertThat(invoice.getTransitions()).extracting(InvoiceTransition::getToStatus)
			.containsExactly(InvoiceStatus.SUBMITTED, InvoiceStatus.APPROVED, InvoiceStatus.FUNDED, InvoiceStatus.PAID);
		assertThat(invoice.getTransitions().get(1).getReason()).isEqualTo("Good payer");
		assertThat(invoice.getTransitions().get(1).getFromStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(invoice.getFundedOn()).isEqualTo(LocalDate.of(2026, 11, 25));
		assertThat(invoice.getClosedOn()).isEqualTo(LocalDate.of(2026, 11, 25));
	}

	@ParameterizedTest(name = "{0} -> {1} is refused")
	@CsvSource({ "SUBMITTED, FUNDED", "SUBMITTED, PAID", "REJECTED, APPROVED", "PAID, DISPUTED", "APPROVED, PAID",
			"WRITTEN_OFF, FUNDED" })
	void illegalTransitionsAreRefused(InvoiceStatus from, InvoiceStatus to) {
		assertThat(from.canMoveTo(to)).isFalse();
	}

	@Test
	void anInvoiceCannotBeFundedBeforeItIsApproved() {
		Invoice invoice = submitted();
		assertThatExceptionOfType(IllegalTransitionException.class)
			.isThrownBy(() -> invoice.moveTo(InvoiceStatus.FUNDED, "system", null, this.clock))
			.withMessageContaining("INV-1")
			.withMessageContaining("SUBMITTED to FUNDED");
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.SUBMITTED);
		assertThat(invoice.getTransitions()).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(value = InvoiceStatus.class, names = { "PAID", "REJECTED", "CHARGED_BACK", "WRITTEN_OFF" })
	void closedStatusesAreFinal(InvoiceStatus closed) {
		for (InvoiceStatus next : InvoiceStatus.values()) {
			assertThat(closed.canMoveTo(next)).as("%s -> %s", closed, next).isFalse();
		}
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
