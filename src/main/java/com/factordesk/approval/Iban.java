package com.factordesk.approval;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The check of an International Bank Account Number (ISO 13616): two letters of a
 * country, two check digits and up to 30 letters and digits, whose check digits make the
 * whole number, read with the first four characters moved to the end and each letter as
 * its number (A = 10 ... Z = 35), leave 1 when divided by 97.
 */
public final class Iban {

	private static final Pattern FORM = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");

	private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

	private Iban() {
	}

	/**
	 * Whether this text is an IBAN in its electronic form (capitals, no spaces) with
	 * check digits that hold.
	 */
	public static boolean isValid(String iban) {
		if (iban == null || !FORM.matcher(iban).matches()) {
			return false;
		}
		String rearranged = iban.substring(4) + iban.substring(0, 4);
		StringBuilder digits = new StringBuilder(rearranged.length() * 2);
		for (char c : rearranged.toCharArray()) {
			digits.append(Character.digit(c, 36));
		}
		return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
	}

}
