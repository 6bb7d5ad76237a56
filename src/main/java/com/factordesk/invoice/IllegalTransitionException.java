package com.factordesk.invoice;

/**
 * An invoice was asked to do what its lifecycle does not allow from its current status
 * (fund a rejected invoice, approve a paid one).
 */
public class IllegalTransitionException extends InvoiceRefusal {

	IllegalTransitionException(String number, InvoiceStatus from, String verb) {
		super("invoice.transition.illegal", number, from, verb);
	}

}
