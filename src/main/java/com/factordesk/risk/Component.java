package com.factordesk.risk;

/**
 * The parts a debtor's score is blended from, each a sub-score 0-100.
 */
public enum Component {

	/**
	 * How the debtor pays our clients' invoices, across all clients.
	 */
	PAYMENT_BEHAVIOUR("payment behaviour"),

	/**
	 * What the credit bureaus say.
	 */
	BUREAU("bureau"),

	/**
	 * How often the debtor contests invoices.
	 */
	DISPUTES("disputes");

	private final String label;

	Component(String label) {
		this.label = label;
	}

	/**
	 * The name a person reads, in English.
	 */
	public String label() {
		return this.label;
	}

}
