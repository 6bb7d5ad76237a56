package com.factordesk.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Numbers as a person types and reads them in their language: "2,5" and "1.000,5" in
 * Dutch, "2.5" and "1,000.5" in English. Strict, so that a typo is an error rather than
 * another number: a grouping separator only between groups of three digits (a Dutch "2.5"
 * is refused, not read as 25), no exponent (a typed number has none, and 1E+999999999 is
 * never built), no trailing text, at most {@value #MAX_LENGTH} characters.
 */
public final class LocaleNumbers {

	/**
	 * The longest text read as a number.
	 */
	public static final int MAX_LENGTH = 40;

	/**
	 * Between a currency and its amount.
	 */
	public static final char NO_BREAK_SPACE = '\u00a0';

	/**
	 * The number formats of each locale, built once:
	 * {@link NumberFormat#getNumberInstance} reads the locale's pattern every time, a
	 * page's hundreds of amounts a few percent of its time; a copy of the one built is
	 * cheaper (README "Page latency").
	 */
	private static final Map<Locale, NumberFormat> NUMBER_FORMATS = new ConcurrentHashMap<>();

	private static final Map<Locale, NumberFormat> INTEGER_FORMATS = new ConcurrentHashMap<>();

	private static final Pattern MACHINE_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	private LocaleNumbers() {
	}

	/**
	 * The number the text means in the locale.
	 * @throws ParseException when the text is not a number written the locale's way
	 */
	public static BigDecimal parse(String text, Locale locale) throws ParseException {
		String trimmed = (text != null) ? text.strip() : "";
		if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH) {
			throw new ParseException("Not a number: too short or too long", 0);
		}
		char decimal = decimalSeparator(locale);
		char grouping = groupingSeparator(locale);
		Pattern pattern = Pattern.compile("[+-]?(?:\\d{1,3}(?:" + Pattern.quote(String.valueOf(grouping))
				+ "\\d{3})+|\\d*)(?:" + Pattern.quote(String.valueOf(decimal)) + "\\d+)?");
		if (!pattern.matcher(trimmed).matches() || trimmed.chars().noneMatch(Character::isDigit)) {
			throw new ParseException("Not a number in " + locale + ": " + trimmed, 0);
		}
		String plain = trimmed.replace(String.valueOf(grouping), "").replace(decimal, '.');
		if (plain.startsWith("+")) {
			plain = plain.substring(1);
		}
		return new BigDecimal(plain);
	}

	/**
	 * A whole number (an {@code int}) the text means in the locale.
	 * @throws ParseException when it is no whole number or beyond the range of an int
	 */
	public static int parseInt(String text, Locale locale) throws ParseException {
		return (int) parseWhole(text, locale, Integer.MIN_VALUE, Integer.MAX_VALUE);
	}

	/**
	 * A whole number (a {@code long}) the text means in the locale.
	 * @throws ParseException when it is no whole number or beyond the range of a long
	 */
	public static long parseLong(String text, Locale locale) throws ParseException {
		return parseWhole(text, locale, Long.MIN_VALUE, Long.MAX_VALUE);
	}

	private static long parseWhole(String text, Locale locale, long min, long max) throws ParseException {
		BigDecimal number = parse(text, locale);
		if (number.scale() > 0 || number.compareTo(BigDecimal.valueOf(min)) < 0
				|| number.compareTo(BigDecimal.valueOf(max)) > 0) {
			throw new ParseException("Not a whole number in range: " + text, 0);
		}
		return number.longValueExact();
	}

	/**
	 * The number as a form field shows it: every digit it has, the locale's decimal
	 * separator, no grouping (70 and 2,25 in Dutch).
	 */
	public static String print(BigDecimal number, Locale locale) {
		return (number != null) ? number.toPlainString().replace('.', decimalSeparator(locale)) : "";
	}

	/**
	 * The locale's number format ({@link NumberFormat#getNumberInstance(Locale)}), a copy
	 * of its own to set up and use: formats are not safe across threads.
	 */
	public static NumberFormat numberFormat(Locale locale) {
		return (NumberFormat) NUMBER_FORMATS.computeIfAbsent(locale, NumberFormat::getNumberInstance).clone();
	}

	/**
	 * The locale's integer format ({@link NumberFormat#getIntegerInstance(Locale)}), a
	 * copy of its own.
	 */
	public static NumberFormat integerFormat(Locale locale) {
		return (NumberFormat) INTEGER_FORMATS.computeIfAbsent(locale, NumberFormat::getIntegerInstance).clone();
	}

	/**
	 * An amount with its currency, the one way every page and text writes money: "EUR
	 * 6,859.46" in English, "EUR 6.859,46" in Dutch, with a no-break space so that it
	 * stays on one line.
	 */
	public static String amount(BigDecimal amount, Locale locale) {
		NumberFormat format = numberFormat(locale);
		format.setMinimumFractionDigits(2);
		format.setMaximumFractionDigits(2);
		format.setRoundingMode(RoundingMode.HALF_EVEN);
		return Money.CURRENCY + NO_BREAK_SPACE + format.format(amount);
	}

	/**
	 * Points "x:y" as the reader writes them: "0:100, 0.05:80" in English, "0:100;
	 * 0,05:80" in Dutch (the comma is the decimal separator there), from the form
	 * {@code 0:100, 0.05:80} that the desk stores.
	 */
	public static String localPoints(String points, Locale locale) {
		if (points == null || decimalSeparator(locale) != ',' || points.length() > 10_000) {
			return points;
		}
		List<String> local = new ArrayList<>();
		for (String pair : points.split(",", -1)) {
			String[] parts = pair.split(":", -1);
			if (parts.length != 2 || !MACHINE_NUMBER.matcher(parts[0].strip()).matches()
					|| !MACHINE_NUMBER.matcher(parts[1].strip()).matches()) {
				// not the desk's own form: what the reader typed, shown as typed
				return points;
			}
			local.add(parts[0].strip().replace('.', ',') + ":" + parts[1].strip().replace('.', ','));
		}
		return String.join("; ", local);
	}

	/**
	 * Points as the reader wrote them ({@link #localPoints}) in the form the desk reads
	 * ("0:100, 0.05:80"). Text that is not points written the locale's way is given back
	 * as it is, for the desk to read or refuse with its own message (a Dutch reader may
	 * also write "0:100, 30:50").
	 */
	public static String machinePoints(String points, Locale locale) {
		if (points == null || decimalSeparator(locale) != ',' || points.length() > 10_000) {
			return points;
		}
		List<String> machine = new ArrayList<>();
		for (String pair : points.split(";", -1)) {
			String[] parts = pair.split(":", -1);
			if (parts.length != 2) {
				return points;
			}
			try {
				machine.add(parse(parts[0], locale).toPlainString() + ":" + parse(parts[1], locale).toPlainString());
			}
			catch (ParseException ex) {
				return points;
			}
		}
		return String.join(", ", machine);
	}

	public static char decimalSeparator(Locale locale) {
		return DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
	}

	private static char groupingSeparator(Locale locale) {
		return DecimalFormatSymbols.getInstance(locale).getGroupingSeparator();
	}

}
