package com.factordesk.approval;

import com.factordesk.shared.Money;

/**
 * Where a client's reserve stands: the ledger's balance, the reserve still held for its
 * open funded invoices, and what that leaves (rebates due when positive, a shortfall the
 * client owes when negative).
 */
public record ReservePosition(Money balance, Money held, Money available) {

	public static final ReservePosition NONE = new ReservePosition(Money.ZERO, Money.ZERO, Money.ZERO);

	/**
	 * What a rebate run may pay the client now.
	 */
	public Money rebatesDue() {
		return this.available.isPositive() ? this.available : Money.ZERO;
	}

	/**
	 * What the client owes because its debits exceed what its reserve releases.
	 */
	public Money shortfall() {
		return this.available.isNegative() ? Money.ZERO.minus(this.available) : Money.ZERO;
	}

	public boolean inShortfall() {
		return this.available.isNegative();
	}

}
