package com.factordesk.portfolio;

import java.math.BigDecimal;

import com.factordesk.shared.Money;

/**
 * A debtor among the largest by open amount, with how many clients it owes and its credit
 * limit.
 */
public record TopDebtor(String ref, String name, long clients, long openInvoices, Money openAmount, Money pastDueAmount,
		Money creditLimit, BigDecimal share) {

	public boolean overLimit() {
		return this.openAmount.isGreaterThan(this.creditLimit);
	}

}
