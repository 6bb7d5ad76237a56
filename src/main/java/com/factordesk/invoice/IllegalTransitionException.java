package com.factordesk.invoice;

/**
 * An invoice was asked to move to a status that cannot follow its current one.
 */
public class IllegalTransitionException extends RuntimeException {

	IllegalTransitionException(String number, InvoiceStatus from, InvoiceStatus to) {
		super("Invoice " + number + " cannot move from " + from + " to " + to);
	}

}
