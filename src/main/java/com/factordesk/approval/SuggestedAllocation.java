package com.factordesk.approval;

import com.factordesk.shared.Money;

/**
 * Part of a receipt suggested for an open invoice, and why.
 */
public record SuggestedAllocation(OpenInvoice invoice, Money amount, Reason reason) {

	/**
	 * Why an invoice is suggested, in the order they are tried.
	 */
	public enum Reason {

		/** The remittance text names the invoice's number. */
		NUMBER_IN_REMITTANCE,

		/** The invoice's outstanding equals what is left of the receipt. */
		EXACT_AMOUNT,

		/** The payer's oldest invoice due, until the receipt is used up. */
		OLDEST_DUE,

		/** Added by hand on the form. */
		ADDED

	}

}
