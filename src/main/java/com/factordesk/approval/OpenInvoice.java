package com.factordesk.approval;

import java.time.LocalDate;

import com.factordesk.shared.Money;

/**
 * A funded invoice with something outstanding: one a receipt can be applied to.
 */
public record OpenInvoice(long invoiceId, String number, String clientRef, long debtorId, String debtorRef,
		String debtorName, LocalDate dueDate, Money outstanding) {

}
