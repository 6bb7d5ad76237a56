package com.factordesk.approval;

import com.factordesk.shared.Money;

/**
 * The money in use on a debtor (across all clients) or on a client's facility: advances
 * outstanding on funded invoices and advances reserved by approvals awaiting funding or a
 * second approval.
 *
 * @param funded advances outstanding (advance - collected, never below zero)
 * @param reserved advances of approvals not yet funded
 */
public record Exposure(Money funded, Money reserved) {

	public static final Exposure NONE = new Exposure(Money.ZERO, Money.ZERO);

	/**
	 * Everything in use: funded + reserved.
	 */
	public Money total() {
		return this.funded.plus(this.reserved);
	}

}
