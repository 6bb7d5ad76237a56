package com.factordesk.approval;

import com.factordesk.shared.Money;

/**
 * What a debtor owes on our funded invoices today, across all clients, next to its credit
 * limit.
 */
public record DebtorPosition(Money openAmount, long openInvoices, long clients, long pastDueInvoices,
		Money pastDueAmount, long openDisputes) {

}
