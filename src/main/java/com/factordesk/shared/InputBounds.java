package com.factordesk.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The bounds of what a user can type, in one place: numbers whose exponent or digits no
 * desk figure needs (a {@code 1E+999999999} written out in full fills the heap), dates
 * that no invoice, price or report can have, text with control characters. Each field
 * then has its own, narrower, range ({@code @DecimalMax}, {@link SaneDate}).
 */
public final class InputBounds {

	/**
	 * The most digits a number may have, before or after the decimal point: an amount up
	 * to 10^15 with six decimals fits.
	 */
	public static final int MAX_DIGITS = 24;

	/**
	 * The largest exponent (either sign) a number may be written with.
	 */
	public static final int MAX_EXPONENT = 30;

	/**
	 * The first date a user may type.
	 */
	public static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);

	/**
	 * The last date a user may type.
	 */
	public static final LocalDate LAST_DATE = LocalDate.of(2999, 12, 31);

	private static final Pattern SCIENTIFIC = Pattern.compile("\\s*[+-]?(?:\\d+\\.?\\d*|\\.\\d+)[eE]([+-]?\\d+)\\s*");

	private InputBounds() {
	}

	/**
	 * A decimal the user wrote, within {@link #MAX_DIGITS} and {@link #MAX_EXPONENT}:
	 * parse every typed decimal through this (a form's number formatter too) before it is
	 * written out anywhere.
	 * @throws NumberFormatException if the text is not a decimal or out of these bounds
	 * (never materialises a huge number)
	 */
	public static BigDecimal decimal(String text) {
		if (text == null) {
			throw new NumberFormatException("No number");
		}
		String trimmed = text.trim();
		if (trimmed.length() > 2 * MAX_DIGITS + 8) {
			throw new NumberFormatException("Too long for a number");
		}
		if (hugeExponent(trimmed)) {
			throw new NumberFormatException("Exponent out of range");
		}
		BigDecimal value = new BigDecimal(trimmed);
		if (!sane(value)) {
			throw new NumberFormatException("Number out of range");
		}
		return value;
	}

	/**
	 * Whether a number stays within {@link #MAX_DIGITS} digits on each side of the
	 * decimal point when written out in full.
	 */
	public static boolean sane(BigDecimal value) {
		if (value == null) {
			return true;
		}
		if (Math.abs((long) value.scale()) > MAX_DIGITS + MAX_EXPONENT) {
			return false;
		}
		long integerDigits = (long) value.precision() - value.scale();
		return integerDigits <= MAX_DIGITS && value.scale() <= MAX_DIGITS;
	}

	/**
	 * Whether a text is a number written with an exponent beyond {@link #MAX_EXPONENT}
	 * ({@code 1E+999999999}): such a text is refused wherever it is typed, before it is
	 * converted.
	 */
	public static boolean hugeExponent(String text) {
		if (text == null || text.length() > 100) {
			return false;
		}
		Matcher matcher = SCIENTIFIC.matcher(text);
		if (!matcher.matches()) {
			return false;
		}
		String exponent = matcher.group(1).replace("+", "").replace("-", "");
		return exponent.replaceFirst("^0+", "").length() > 3 || Integer.parseInt(exponent) > MAX_EXPONENT;
	}

	/**
	 * Whether a date lies between {@link #FIRST_DATE} and {@link #LAST_DATE}.
	 */
	public static boolean sane(LocalDate date) {
		return date == null || (!date.isBefore(FIRST_DATE) && !date.isAfter(LAST_DATE));
	}

	/**
	 * The length of a text in UTF-8 bytes (bcrypt reads at most 72 of a password).
	 */
	public static int utf8Bytes(CharSequence text) {
		return (text != null) ? text.toString().getBytes(StandardCharsets.UTF_8).length : 0;
	}

	/**
	 * The first control character of a text that may span lines (tab, line feed and
	 * carriage return allowed), or -1.
	 */
	public static int controlCharacter(CharSequence text, boolean lineBreaksAllowed) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean control = c < 0x20 || c == 0x7f;
			if (control && !(lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r'))) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A date a user typed lies between 1900-01-01 and 2999-12-31.
	 */
	@Documented
	@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = SaneDateValidator.class)
	public @interface SaneDate {

		String message() default "{input.date.outOfRange}";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	/**
	 * A text is at most {@link #max()} bytes long in UTF-8.
	 */
	@Documented
	@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = MaxBytesValidator.class)
	public @interface MaxBytes {

		int max();

		String message() default "{input.text.tooManyBytes}";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	public static class SaneDateValidator implements ConstraintValidator<SaneDate, LocalDate> {

		@Override
		public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
			return sane(value);
		}

	}

	public static class MaxBytesValidator implements ConstraintValidator<MaxBytes, CharSequence> {

		private int max;

		@Override
		public void initialize(MaxBytes annotation) {
			this.max = annotation.max();
		}

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			return utf8Bytes(value) <= this.max;
		}

	}

}
