package com.factordesk.demo;

/**
 * Payment behaviour of a debtor, across all its clients.
 */
enum Archetype {

	/** On time, often early; late on at most about one invoice in ten, many never. */
	PUNCTUAL(0.30),
	/** Late on most invoices, by one to three weeks, now and then on time. */
	STEADY_SLOW(0.28),
	/** Mostly on time, except late in summer and the fourth quarter. */
	SEASONAL(0.10),
	/** Mostly on time a year ago, later and later since. */
	DETERIORATING(0.10),
	/** Disputes 15 to 30 % of its invoices and pays most of them late. */
	SERIAL_DISPUTER(0.08),
	/** Slowed down, then stopped paying five to fifteen months ago. */
	DEFAULTER(0.07),
	/** No clear pattern: late on about half. */
	MIXED(0.07);

	final double share;

	Archetype(double share) {
		this.share = share;
	}

}
