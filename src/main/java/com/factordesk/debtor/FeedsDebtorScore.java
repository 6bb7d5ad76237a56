package com.factordesk.debtor;

/**
 * A fact that feeds a debtor's risk score: an invoice, a payment applied to it, a
 * dispute, a credit note, a bureau score. Entities that are such facts name their debtor
 * and what a change to them means; {@link DebtorInputsListener} turns every insert and
 * update of them into a {@link DebtorInputsChanged}.
 */
public interface FeedsDebtorScore {

	/**
	 * The debtor whose score this fact feeds.
	 */
	long scoredDebtorId();

	/**
	 * What a change to this fact means for the score, in a few words ("payment applied").
	 * @param inserted whether the fact is new, or an existing one changed
	 */
	String scoreInputChange(boolean inserted);

}
