package com.factordesk.ingest;

/**
 * How an import ended (DESIGN section 7).
 */
public enum ImportStatus {

	/**
	 * Every row was valid and at least one changed the book.
	 */
	IMPORTED,

	/**
	 * A row was invalid: nothing was written.
	 */
	REJECTED,

	/**
	 * Every row was valid and already in the book as it is: nothing changed (the same
	 * file twice).
	 */
	UNCHANGED

}
