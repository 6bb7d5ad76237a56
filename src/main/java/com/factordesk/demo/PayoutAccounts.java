package com.factordesk.demo;

import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * The bank account each client is paid on, and the one each debtor pays from: an IBAN of
 * its own country at one of that country's large banks (for a client with the bank's
 * BIC). The national part follows each country's layout (and its national check digits,
 * in Belgium and France); the IBAN's two check digits are ISO 13616's (mod 97).
 */
final class PayoutAccounts {

	private static final String[][] NL = { { "ABNA", "ABNANL2A" }, { "INGB", "INGBNL2A" }, { "RABO", "RABONL2U" },
			{ "TRIO", "TRIONL2U" }, { "SNSB", "SNSBNL2A" }, { "KNAB", "KNABNL2H" } };

	private static final String[][] BE = { { "001", "GEBABEBB" }, { "363", "BBRUBEBB" }, { "735", "KREDBEBB" },
			{ "068", "GKCCBEBB" } };

	private static final String[][] DE = { { "37040044", "COBADEFFXXX" }, { "50010517", "INGDDEFFXXX" },
			{ "10070000", "DEUTDEBBXXX" }, { "20050550", "HASPDEHHXXX" } };

	private static final String[][] FR = { { "30004", "BNPAFRPPXXX" }, { "30003", "SOGEFRPPXXX" },
			{ "30006", "AGRIFRPPXXX" }, { "10107", "BREDFRPPXXX" } };

	private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

	private PayoutAccounts() {
	}

	/**
	 * Gives every client an IBAN and a BIC, drawn from its own random stream.
	 */
	static void assign(ClientPlan[] clients, SplittableRandom r) {
		for (ClientPlan client : clients) {
			String[][] banks = banks(client.country);
			String[] bank = banks[r.nextInt(banks.length)];
			String country = (banks == NL) ? "NL" : client.country;
			client.iban = iban(country, bban(country, bank[0], r));
			client.bic = bank[1];
		}
	}

	/**
	 * Gives every debtor the IBAN it pays from, drawn from its own random stream.
	 */
	static void assign(DebtorPlan[] debtors, SplittableRandom r) {
		for (DebtorPlan debtor : debtors) {
			String[][] banks = banks(debtor.country);
			String country = (banks == NL) ? "NL" : debtor.country;
			debtor.iban = iban(country, bban(country, banks[r.nextInt(banks.length)][0], r));
		}
	}

	private static String[][] banks(String country) {
		return switch (country) {
			case "BE" -> BE;
			case "DE" -> DE;
			case "FR" -> FR;
			default -> NL;
		};
	}

	private static String bban(String country, String bank, SplittableRandom r) {
		return switch (country) {
			case "BE" -> {
				String number = bank + digits(7, r);
				long check = Long.parseLong(number) % 97;
				yield number + twoDigits((check == 0) ? 97 : check);
			}
			case "DE" -> bank + digits(10, r);
			case "FR" -> {
				String branch = digits(5, r);
				String account = digits(11, r);
				// the RIB key: 97 - (89 x bank + 15 x branch + 3 x account) mod 97
				long key = 97
						- (89 * Long.parseLong(bank) + 15 * Long.parseLong(branch) + 3 * Long.parseLong(account) % 97)
								% 97;
				yield bank + branch + account + twoDigits(key);
			}
			default -> bank + digits(10, r);
		};
	}

	/**
	 * The IBAN of a national account number: country, ISO 13616 check digits (98 minus
	 * the number of the account, the country and "00", letters as 10-35, mod 97), the
	 * account number.
	 */
	static String iban(String country, String bban) {
		BigInteger number = new BigInteger(numeric(bban + country + "00"));
		int check = 98 - number.mod(NINETY_SEVEN).intValue();
		return country + twoDigits(check) + bban;
	}

	/**
	 * True when the IBAN's check digits are right: the account, the country and the check
	 * digits, letters as 10-35, leave 1 mod 97.
	 */
	static boolean valid(String iban) {
		if (iban == null || iban.length() < 5) {
			return false;
		}
		String rearranged = iban.substring(4) + iban.substring(0, 4);
		return new BigInteger(numeric(rearranged)).mod(NINETY_SEVEN).intValue() == 1;
	}

	private static String numeric(String text) {
		StringBuilder digits = new StringBuilder(text.length() * 2);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				digits.append(c - 'A' + 10);
			}
			else {
				digits.append(c);
			}
		}
		return digits.toString();
	}

	private static String digits(int count, SplittableRandom r) {
		StringBuilder digits = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			digits.append((char) ('0' + r.nextInt(10)));
		}
		return digits.toString();
	}

	private static String twoDigits(long value) {
		return (value < 10) ? "0" + value : Long.toString(value);
	}

}
