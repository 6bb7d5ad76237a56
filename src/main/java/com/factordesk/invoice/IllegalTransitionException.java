package com.factordesk.invoice;

import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * An invoice was asked to do what its lifecycle does not allow from its current status
 * (fund a rejected invoice, approve a paid one). The status and the verb are shown in the
 * reader's language ({@code status.*}, {@code invoice.verb.*}).
 */
public class IllegalTransitionException extends InvoiceRefusal {

	IllegalTransitionException(String number, InvoiceStatus from, String verb) {
		super("invoice.transition.illegal", number, text("status." + from, from.name()),
				text("invoice.verb." + verb, verb));
	}

	private static DefaultMessageSourceResolvable text(String code, String english) {
		return new DefaultMessageSourceResolvable(new String[] { code }, english) {

			@Override
			public String toString() {
				return english;
			}

		};
	}

}
