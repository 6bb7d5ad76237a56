package com.factordesk.approval;

import java.time.LocalDate;

import com.factordesk.shared.Money;

/**
 * One reserve ledger entry as the statement's drill-down lists it, with what it refers
 * to: the invoice (its number), the receipt, the settlement, the rebate run, the entry it
 * reverses.
 */
public record StatementEntry(long id, LocalDate bookedOn, ReserveEntryKind kind, Money amount, Long invoiceId,
		String invoiceNumber, Long paymentId, Long settlementId, Long rebateRunId, Long reversesId, String note,
		String createdBy) {
}
