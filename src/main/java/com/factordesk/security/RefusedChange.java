package com.factordesk.security;

import org.springframework.validation.Errors;

/**
 * A change to a user account or an API key that the desk's rules refuse. The code is a
 * message key; the field, when there is one, is the form field it belongs to.
 */
public class RefusedChange extends RuntimeException {

	private final String code;

	private final String field;

	RefusedChange(String code, String field, String message) {
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

	/**
	 * Shows this refusal on the form: on its field, or for the whole form.
	 */
	public void rejectOn(Errors errors) {
		if (this.field != null) {
			errors.rejectValue(this.field, this.code, getMessage());
		}
		else {
			errors.reject(this.code, getMessage());
		}
	}

}
