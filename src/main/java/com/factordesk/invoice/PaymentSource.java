package com.factordesk.invoice;

/**
 * Where a receipt came from.
 */
public enum PaymentSource {

	/**
	 * The book's history: the demo generator or a migrated book.
	 */
	HISTORY,

	/**
	 * Entered by hand.
	 */
	MANUAL,

	/**
	 * A line of a CAMT.053 bank statement file.
	 */
	CAMT053,

	/**
	 * A line of a CSV bank statement file.
	 */
	CSV,

	/**
	 * The integration API.
	 */
	API,

	/**
	 * A row of a payments file (DESIGN section 7), imported on the admin console or
	 * through the API.
	 */
	IMPORT

}
