package com.factordesk.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.factordesk.ingest.InvoiceImports.InvoiceRow;
import com.factordesk.shared.InputBounds;
import com.factordesk.shared.Violation;

/**
 * The columns of an invoices file (DESIGN section 7):
 * {@code client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency}
 * and, optionally and in this order, {@code funded_date} and the pair
 * {@code debtor_registration_number,debtor_country}; and the checks of one row on its
 * own.
 */
final class InvoiceColumns {

	static final List<String> REQUIRED = List.of("client_ref", "debtor_ref", "debtor_name", "invoice_number",
			"issue_date", "due_date", "amount", "currency");

	static final String EXPECTED = String.join(",", REQUIRED)
			+ "[,funded_date][,debtor_registration_number,debtor_country]";

	private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,15}(\\.\\d{1,2})?");

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final boolean fundedDate;

	private final boolean registration;

	private final int count;

	private InvoiceColumns(boolean fundedDate, boolean registration) {
		this.fundedDate = fundedDate;
		this.registration = registration;
		this.count = REQUIRED.size() + (fundedDate ? 1 : 0) + (registration ? 2 : 0);
	}

	/**
	 * The columns this header names, or {@code null} when it is not one of the allowed
	 * headers (names compared without case and surrounding blanks).
	 */
	static InvoiceColumns of(List<String> header) {
		List<String> names = header.stream().map((name) -> name.strip().toLowerCase(Locale.ROOT)).toList();
		if (names.size() < REQUIRED.size() || !names.subList(0, REQUIRED.size()).equals(REQUIRED)) {
			return null;
		}
		List<String> rest = names.subList(REQUIRED.size(), names.size());
		if (rest.isEmpty()) {
			return new InvoiceColumns(false, false);
		}
		if (rest.equals(List.of("funded_date"))) {
			return new InvoiceColumns(true, false);
		}
		if (rest.equals(List.of("debtor_registration_number", "debtor_country"))) {
			return new InvoiceColumns(false, true);
		}
		if (rest.equals(List.of("funded_date", "debtor_registration_number", "debtor_country"))) {
			return new InvoiceColumns(true, true);
		}
		return null;
	}

	/**
	 * The row, or {@code null} when it breaks a rule (each one added to the problems).
	 */
	InvoiceRow read(CsvRecords.CsvRecord record, Problems problems) {
		List<String> fields = record.fields();
		int line = record.line();
		if (fields.size() != this.count) {
			problems.add(line,
					Violation.of("import.row.columns",
							"The line has " + fields.size() + " fields; the header has " + this.count, fields.size(),
							this.count));
			return null;
		}
		long before = problems.count();
		String clientRef = text(fields.get(0), "client_ref", 32, true, line, problems);
		String debtorRef = text(fields.get(1), "debtor_ref", 32, true, line, problems);
		String debtorName = text(fields.get(2), "debtor_name", 200, false, line, problems);
		String number = text(fields.get(3), "invoice_number", 64, true, line, problems);
		LocalDate issueDate = date(fields.get(4), "issue_date", true, line, problems);
		LocalDate dueDate = date(fields.get(5), "due_date", true, line, problems);
		if (issueDate != null && dueDate != null && dueDate.isBefore(issueDate)) {
			problems.add(line,
					Violation.onField("due_date", "import.row.dueBeforeIssue",
							"Due " + dueDate + " is before the issue date " + issueDate, dueDate.toString(),
							issueDate.toString()));
		}
		BigDecimal amount = amount(fields.get(6), "amount", line, problems);
		String currency = currency(fields.get(7), line, problems);
		int next = REQUIRED.size();
		LocalDate fundedOn = null;
		if (this.fundedDate) {
			fundedOn = date(fields.get(next), "funded_date", false, line, problems);
			if (fundedOn != null && issueDate != null && fundedOn.isBefore(issueDate)) {
				problems.add(line,
						Violation.onField("funded_date", "import.invoices.fundedBeforeIssue",
								"Funded " + fundedOn + " is before the issue date " + issueDate, fundedOn.toString(),
								issueDate.toString()));
			}
			next++;
		}
		String registrationNumber = null;
		String country = null;
		if (this.registration) {
			registrationNumber = text(fields.get(next), "debtor_registration_number", 64, false, line, problems);
			country = country(fields.get(next + 1), line, problems);
		}
		if (problems.count() > before) {
			return null;
		}
		return new InvoiceRow(clientRef, debtorRef, debtorName, number, issueDate, dueDate, amount, currency, fundedOn,
				registrationNumber, country);
	}

	static String text(String value, String field, int longest, boolean required, int line, Problems problems) {
		String text = value.strip();
		if (text.isEmpty()) {
			if (required) {
				problems.add(line, Violation.onField(field, "import.row.empty", field + " is empty", field));
			}
			return null;
		}
		if (text.length() > longest) {
			problems.add(line, Violation.onField(field, "import.row.tooLong",
					field + " is longer than " + longest + " characters", field, longest));
			return null;
		}
		if (text.chars().anyMatch(Character::isISOControl)) {
			problems.add(line, Violation.onField(field, "import.row.control",
					field + " holds a control character (a tab or a line break)", field));
			return null;
		}
		return text;
	}

	static LocalDate date(String value, String field, boolean required, int line, Problems problems) {
		String text = value.strip();
		if (text.isEmpty()) {
			if (required) {
				problems.add(line, Violation.onField(field, "import.row.empty", field + " is empty", field));
			}
			return null;
		}
		if (!DATE.matcher(text).matches()) {
			problems.add(line, Violation.onField(field, "import.row.dateFormat",
					field + " '" + clip(text) + "' is not a date yyyy-MM-dd", field, clip(text)));
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(text, ISO_DATE);
			if (!InputBounds.sane(date)) {
				problems.add(line, Violation.onField(field, "import.row.dateRange",
						field + " " + text + " is not between 1900 and 2999", field, text));
				return null;
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			problems.add(line, Violation.onField(field, "import.row.impossibleDate",
					field + " " + text + " is not a day of the calendar", field, text));
			return null;
		}
	}

	static BigDecimal amount(String value, String field, int line, Problems problems) {
		String text = value.strip();
		if (text.isEmpty()) {
			problems.add(line, Violation.onField(field, "import.row.empty", field + " is empty", field));
			return null;
		}
		if (!AMOUNT.matcher(text).matches()) {
			problems.add(line, Violation.onField(field, "import.row.amountFormat",
					field + " '" + clip(text) + "' is not an amount like 1234.56", field, clip(text)));
			return null;
		}
		BigDecimal amount = new BigDecimal(text).setScale(2);
		if (amount.signum() <= 0) {
			problems.add(line, Violation.onField(field, "import.row.amountNotPositive",
					field + " " + text + " is not above 0", field, text));
			return null;
		}
		return amount;
	}

	private static String currency(String value, int line, Problems problems) {
		String text = value.strip();
		if (text.isEmpty()) {
			problems.add(line, Violation.onField("currency", "import.row.empty", "currency is empty", "currency"));
			return null;
		}
		if (!CURRENCY.matcher(text).matches() || !known(text)) {
			problems.add(line, Violation.onField("currency", "import.row.unknownCurrency",
					"'" + clip(text) + "' is not an ISO 4217 currency code", clip(text)));
			return null;
		}
		return text;
	}

	private static boolean known(String code) {
		try {
			Currency.getInstance(code);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String country(String value, int line, Problems problems) {
		String text = value.strip().toUpperCase(Locale.ROOT);
		if (text.isEmpty()) {
			return null;
		}
		if (!COUNTRIES.contains(text)) {
			problems.add(line, Violation.onField("debtor_country", "import.row.unknownCountry",
					"'" + clip(text) + "' is not an ISO 3166 country code such as NL", clip(text)));
			return null;
		}
		return text;
	}

	static String clip(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

}
