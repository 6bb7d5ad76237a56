package com.factordesk.security;

/**
 * A change to a user account that the desk's rules refuse. The code is a message key; the
 * field, when there is one, is the form field it belongs to.
 */
public class UserAccountException extends RuntimeException {

	private final String code;

	private final String field;

	UserAccountException(String code, String field, String message) {
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
