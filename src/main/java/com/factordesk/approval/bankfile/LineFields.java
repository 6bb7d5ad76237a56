package com.factordesk.approval.bankfile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.factordesk.approval.Iban;
import com.factordesk.shared.Money;
import com.factordesk.shared.Violation;

/**
 * The checks a bank line's fields share, whatever the file: each adds a {@link Violation}
 * on its field when the value does not hold.
 */
final class LineFields {

	static final int COUNTERPARTY_MAX = 140;

	static final int REMITTANCE_MAX = 500;

	static final int REFERENCE_MAX = 64;

	private static final Pattern AMOUNT = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,2})?");

	private LineFields() {
	}

	static LocalDate date(String field, String text, List<Violation> problems) {
		if (text == null || text.isBlank()) {
			problems.add(Violation.onField(field, "receipts.line.missing", "The " + field + " is missing", field));
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			problems.add(
					Violation.onField(field, "receipts.line.date", text + " is not a date (yyyy-MM-dd)", text.strip()));
			return null;
		}
	}

	/**
	 * The amount as written, signed: digits with a point and at most two decimals.
	 */
	static BigDecimal amount(String text, List<Violation> problems) {
		if (text == null || text.isBlank()) {
			problems.add(Violation.onField("amount", "receipts.line.missing", "The amount is missing", "amount"));
			return null;
		}
		String amount = text.strip();
		if (!AMOUNT.matcher(amount).matches()) {
			problems.add(Violation.onField("amount", "receipts.line.amount",
					amount + " is not an amount (digits, a point and at most two decimals)", amount));
			return null;
		}
		BigDecimal value = new BigDecimal(amount).setScale(2);
		if (value.signum() == 0) {
			problems.add(Violation.onField("amount", "receipts.line.amountZero", "The amount is zero"));
			return null;
		}
		return value;
	}

	/**
	 * The IBAN in its electronic form (capitals, no spaces), {@code null} when none is
	 * given.
	 */
	static String iban(String text, List<Violation> problems) {
		String iban = normalizedIban(text);
		if (iban != null && !Iban.isValid(iban)) {
			problems.add(Violation.onField("iban", "receipts.line.iban", text.strip() + " is not a valid IBAN",
					text.strip()));
		}
		return iban;
	}

	static String normalizedIban(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
	}

	/**
	 * The text stripped and with its runs of white space made one space, {@code null}
	 * when empty; too long a text is a problem on its field.
	 */
	static String text(String field, String text, int max, List<Violation> problems) {
		if (text == null) {
			return null;
		}
		String cleaned = text.strip().replaceAll("\\s+", " ");
		if (cleaned.isEmpty()) {
			return null;
		}
		if (cleaned.length() > max) {
			problems.add(Violation.onField(field, "receipts.line.tooLong",
					"The " + field + " is longer than " + max + " characters", String.valueOf(max)));
		}
		return cleaned;
	}

	static Money money(BigDecimal amount) {
		return Money.of(amount.abs());
	}

}
