package com.factordesk.approval;

/**
 * What the desk does next about a debtor's past-due invoices.
 */
public enum NextAction {

	CALL, EMAIL, LETTER, VISIT, CALL_CLIENT, LEGAL

}
