package com.factordesk.invoice;

import java.util.Arrays;
import java.util.List;

/**
 * A rule of the invoice lifecycle refuses a change; nothing was changed. The code is a
 * message key, the arguments fill it in.
 */
public class InvoiceRefusal extends RuntimeException {

	private final String code;

	private final List<Object> arguments;

	InvoiceRefusal(String code, Object... arguments) {
		super(code + " " + Arrays.toString(arguments));
		this.code = code;
		this.arguments = List.of(arguments);
	}

	public String getCode() {
		return this.code;
	}

	public List<Object> getArguments() {
		return this.arguments;
	}

}
