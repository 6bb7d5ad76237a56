package com.factordesk.invoice;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import com.factordesk.shared.Money;

/**
 * One invoice waiting for an underwriter (SUBMITTED, VERIFIED, HELD or
 * AWAITING_SECOND_APPROVAL) as the underwriter queue shows it.
 */
public record QueueItem(Long id, String clientRef, String clientName, String debtorRef, String debtorName,
		String number, Money amount, LocalDate issueDate, LocalDate dueDate, Instant submittedAt,
		InvoiceStatus status) {

	/**
	 * How long the invoice has been waiting since it was submitted, never negative.
	 */
	public Duration inQueue(Instant now) {
		Duration waited = Duration.between(this.submittedAt, now);
		return waited.isNegative() ? Duration.ZERO : waited;
	}

	/**
	 * Days since the invoice was issued.
	 */
	public long ageInDays(LocalDate today) {
		return ChronoUnit.DAYS.between(this.issueDate, today);
	}

	public long termsInDays() {
		return ChronoUnit.DAYS.between(this.issueDate, this.dueDate);
	}

}
