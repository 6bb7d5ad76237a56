package com.factordesk.invoice;

import java.util.List;

import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Violation;

/**
 * A rule of the invoice lifecycle or of cash application refuses a change; nothing was
 * changed. One {@link BusinessRefusal} with a code (a message key) and its arguments.
 */
public class InvoiceRefusal extends BusinessRefusal {

	InvoiceRefusal(String code, Object... arguments) {
		super(Violation.of(code, code + " " + List.of(arguments), arguments));
	}

	/**
	 * What fills in the message: the invoice number first, then the amounts or states the
	 * rule names.
	 */
	public List<Object> getArguments() {
		return getViolations().get(0).arguments();
	}

}
