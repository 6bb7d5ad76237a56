package com.factordesk.debtor;

/**
 * A fact that feeds a debtor's risk score: an invoice, a payment applied to it, a
 * dispute, a credit note, a bureau score. Entities that are such facts say what a change
 * to them means; {@link DebtorInputsListener} publishes it on every insert, update and
 * delete.
 */
public interface FeedsDebtorScore {

	/**
	 * What a change to this fact means for a debtor's score, built from ids alone (no
	 * lazy association is loaded: this runs while the change is flushed).
	 * @param inserted whether the fact is new, or an existing one changed
	 */
	DebtorInputsChanged scoreInputChange(boolean inserted);

}
