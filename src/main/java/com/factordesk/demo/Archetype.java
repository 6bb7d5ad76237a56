package com.factordesk.demo;

/**
 * Payment behaviour of a debtor, across all its clients.
 */
enum Archetype {

	/** Pays on time, sometimes a few days early. */
	PUNCTUAL(0.35),
	/** Pays 10 to 25 days late, steadily. */
	STEADY_SLOW(0.25),
	/** On time, except late in summer and the fourth quarter. */
	SEASONAL(0.10),
	/** On time a year ago, later and later since. */
	DETERIORATING(0.10),
	/** Disputes about a quarter of its invoices. */
	SERIAL_DISPUTER(0.08),
	/** Stopped paying four to eight months ago. */
	DEFAULTER(0.05),
	/** No clear pattern. */
	MIXED(0.07);

	final double share;

	Archetype(double share) {
		this.share = share;
	}

}
