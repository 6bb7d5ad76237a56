package com.factordesk.invoice;

/**
 * How a dispute ended: withdrawn by the debtor, or settled with a credit note (dilution).
 */
public enum DisputeOutcome {

	WITHDRAWN, CREDIT_NOTE

}
