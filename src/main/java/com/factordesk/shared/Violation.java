package com.factordesk.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.springframework.context.MessageSourceResolvable;

/**
 * One rule a request breaks: a message key with the arguments of its text, and the form
 * field it belongs to ({@code null} when it concerns the whole request). A
 * {@link MessageSourceResolvable}, so that a page or the API says it in the reader's
 * language; the default message is the English text, for the logs.
 *
 * @param code the message key, e.g. {@code bands.gap}
 * @param field the form field (a property path such as {@code bands[2].scoreFrom}), or
 * {@code null} for the whole request
 * @param arguments the arguments of the message, in the order of its placeholders
 * @param defaultMessage the broken rule in English, with the figures
 */
public record Violation(String code, String field, List<Object> arguments,
		String defaultMessage) implements MessageSourceResolvable {

	public Violation {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(defaultMessage, "defaultMessage");
		arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
	}

	/**
	 * A rule the request as a whole breaks.
	 */
	public static Violation of(String code, String defaultMessage, Object... arguments) {
		return new Violation(code, null, Arrays.asList(arguments), defaultMessage);
	}

	/**
	 * A rule the value of one form field breaks.
	 */
	public static Violation onField(String field, String code, String defaultMessage, Object... arguments) {
		return new Violation(code, Objects.requireNonNull(field, "field"), Arrays.asList(arguments), defaultMessage);
	}

	/**
	 * The same rule, on another field.
	 */
	public Violation on(String field) {
		return new Violation(this.code, field, this.arguments, this.defaultMessage);
	}

	@Override
	public String[] getCodes() {
		return new String[] { this.code };
	}

	@Override
	public Object[] getArguments() {
		return this.arguments.toArray();
	}

	@Override
	public String getDefaultMessage() {
		return this.defaultMessage;
	}

}
