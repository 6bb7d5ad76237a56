package com.factordesk.security;

/**
 * An API key the desk's rules refuse to issue or revoke. The code is a message key; the
 * field, when there is one, is the form field it belongs to.
 */
public class ApiKeyRejected extends RuntimeException {

	private final String code;

	private final String field;

	ApiKeyRejected(String code, String field, String message) {
		super(message);
		this.code = code;
		this.field = field;
	}

	public String getCode() {
		return this.code;
	}

	public String getField() {
		return this.field;
	}

}
