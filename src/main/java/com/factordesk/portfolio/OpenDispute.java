package com.factordesk.portfolio;

import java.time.LocalDate;

import com.factordesk.shared.Money;

/**
 * A dispute open at the end of the scope's day on a funded invoice.
 *
 * @param daysOpen days from its opening to the scope's day
 */
public record OpenDispute(String clientRef, String debtorRef, String debtorName, String invoiceNumber, String reason,
		LocalDate openedOn, long daysOpen, Money amount, Money outstanding) {

}
