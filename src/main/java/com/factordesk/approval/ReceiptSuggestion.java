package com.factordesk.approval;

import java.util.List;

/**
 * The allocations suggested for what is left of a receipt, and for a receipt whose payer
 * is unknown the debtor they suggest.
 *
 * @param payer the debtor the suggested invoices belong to, or {@code null} when none is
 * suggested
 * @param payerSuggested whether the payer is a suggestion (the receipt has none yet)
 * @param ambiguous whether the remittance names invoices of several debtors, so no payer
 * is suggested
 */
public record ReceiptSuggestion(Payer payer, boolean payerSuggested, boolean ambiguous,
		List<SuggestedAllocation> allocations) {

	public ReceiptSuggestion {
		allocations = List.copyOf(allocations);
	}

	/**
	 * A debtor as the pages name it.
	 */
	public record Payer(long id, String ref, String name) {

	}

}
