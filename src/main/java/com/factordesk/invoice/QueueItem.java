package com.factordesk.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import com.factordesk.shared.Money;

/**
 * One SUBMITTED invoice as the underwriter queue shows it.
 */
public record QueueItem(Long id, String clientRef, String clientName, String debtorRef, String debtorName,
		String number, Money amount, LocalDate issueDate, LocalDate dueDate, Instant submittedAt) {

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
