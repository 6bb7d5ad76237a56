package com.factordesk.approval;

/**
 * The movements of a client's reserve (DESIGN section 4b). Credits raise what the factor
 * holds for the client, debits lower it; a reversal undoes one earlier entry.
 */
public enum ReserveEntryKind {

	/**
	 * The reserve of a funded invoice: face - advance (a credit).
	 */
	RESERVE_CREATED(1),

	/**
	 * The discount fee earned on a settled invoice (a debit).
	 */
	FEE(-1),

	/**
	 * A credit note on a funded invoice: what the debtor no longer owes (a debit).
	 */
	DILUTION(-1),

	/**
	 * What a debtor left unpaid on an invoice closed as short paid (a debit).
	 */
	SHORT_PAY(-1),

	/**
	 * A recourse invoice the client buys back: its outstanding (a debit).
	 */
	CHARGEBACK(-1),

	/**
	 * Reserve paid out to the client in a rebate run (a debit).
	 */
	REBATE_PAID(-1),

	/**
	 * Cash received that belongs to the client (a payment for an invoice we did not fund,
	 * an over-payment), passed on to it (a credit).
	 */
	PASSED_ON(1),

	/**
	 * Undoes one earlier entry with the opposite amount.
	 */
	REVERSAL(0);

	private final int sign;

	ReserveEntryKind(int sign) {
		this.sign = sign;
	}

	/**
	 * 1 for a credit, -1 for a debit, 0 for a reversal (the sign of what it undoes,
	 * turned).
	 */
	public int sign() {
		return this.sign;
	}

}
