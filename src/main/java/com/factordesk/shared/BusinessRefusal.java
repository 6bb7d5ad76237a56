package com.factordesk.shared;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.InvalidPropertyException;
import org.springframework.validation.Errors;

/**
 * The desk's rules refuse what was asked: one or more {@link Violation}s, each a message
 * key with its arguments and, when it concerns one, the form field. Nothing was changed.
 * A form shows it as field or global errors ({@link #rejectOn(Errors)}) in the reader's
 * language; the API answers it as a 422 {@code application/problem+json}; a page that
 * does not catch it shows a 422 error page. The exception's message is the English text,
 * for the logs.
 */
public class BusinessRefusal extends RuntimeException {

	private final List<Violation> violations;

	public BusinessRefusal(List<Violation> violations) {
		super(violations.stream().map(Violation::defaultMessage).collect(Collectors.joining("; ")));
		if (violations.isEmpty()) {
			throw new IllegalArgumentException("A refusal names at least one broken rule");
		}
		this.violations = List.copyOf(violations);
	}

	public BusinessRefusal(Violation violation) {
		this(List.of(violation));
	}

	/**
	 * A refusal of the request as a whole.
	 */
	public static BusinessRefusal of(String code, String defaultMessage, Object... arguments) {
		return new BusinessRefusal(Violation.of(code, defaultMessage, arguments));
	}

	/**
	 * A refusal of the value of one form field.
	 */
	public static BusinessRefusal onField(String field, String code, String defaultMessage, Object... arguments) {
		return new BusinessRefusal(Violation.onField(field, code, defaultMessage, arguments));
	}

	/**
	 * Every broken rule, in the order found; never empty.
	 */
	public List<Violation> getViolations() {
		return this.violations;
	}

	/**
	 * The code of the first broken rule: enough when there is only one.
	 */
	public String getCode() {
		return this.violations.get(0).code();
	}

	/**
	 * Shows this refusal on the form: each violation on its field when the form has that
	 * field, as an error of the whole form otherwise.
	 */
	public void rejectOn(Errors errors) {
		for (Violation violation : this.violations) {
			if (violation.field() != null && hasField(errors, violation.field())) {
				errors.rejectValue(violation.field(), violation.code(), violation.getArguments(),
						violation.defaultMessage());
			}
			else {
				errors.reject(violation.code(), violation.getArguments(), violation.defaultMessage());
			}
		}
	}

	private static boolean hasField(Errors errors, String field) {
		try {
			errors.getFieldValue(field);
			return true;
		}
		catch (InvalidPropertyException ex) {
			return false;
		}
	}

}
