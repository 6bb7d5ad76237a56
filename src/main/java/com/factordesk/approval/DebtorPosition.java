package com.factordesk.approval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import com.factordesk.shared.Money;

/**
 * What a debtor owes on our funded invoices today, across all clients, next to its credit
 * limit; and what it owes the one client of an invoice, out of that client's whole open
 * funded book: the client's concentration on it.
 */
public record DebtorPosition(Money openAmount, long openInvoices, long clients, long pastDueInvoices,
		Money pastDueAmount, long openDisputes, Money clientOpenAmount, Money clientBook) {

	/**
	 * The debtor's share of the client's open funded book in percent, one decimal, half
	 * up as the quote's concentration line writes it; empty when the client has nothing
	 * open.
	 */
	public Optional<BigDecimal> clientConcentration() {
		if (!this.clientBook.isPositive()) {
			return Optional.empty();
		}
		return Optional.of(this.clientOpenAmount.amount()
			.movePointRight(2)
			.divide(this.clientBook.amount(), 1, RoundingMode.HALF_UP));
	}

}
