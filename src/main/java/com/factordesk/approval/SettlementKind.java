package com.factordesk.approval;

/**
 * How a funded invoice was closed, and so what its settlement charges (DESIGN section
 * 4b).
 */
public enum SettlementKind {

	/**
	 * Paid in full, or credited down to nothing: the fee, the rest of the reserve back.
	 */
	PAID,
	/** Closed by a decision with part unpaid: the client owes the shortfall. */
	SHORT_PAID,
	/** Recourse: the client buys back the outstanding face. */
	CHARGED_BACK,
	/** Non-recourse: the outstanding face is the factor's credit loss. */
	WRITTEN_OFF

}
