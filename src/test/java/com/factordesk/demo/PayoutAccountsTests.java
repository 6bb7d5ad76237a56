package com.factordesk.demo;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's payout accounts carry ISO 13616 check digits: checked against the example
 * IBANs the national registries publish.
 */
class PayoutAccountsTests {

	@Test
	void checkDigitsAreThoseOfThePublishedExamples() {
		// the example IBANs of the SWIFT IBAN registry, rebuilt from their national part
		assertThat(PayoutAccounts.iban("NL", "ABNA0417164300")).isEqualTo("NL91ABNA0417164300");
		assertThat(PayoutAccounts.iban("BE", "539007547034")).isEqualTo("BE68539007547034");
		assertThat(PayoutAccounts.iban("DE", "370400440532013000")).isEqualTo("DE89370400440532013000");
		assertThat(PayoutAccounts.iban("FR", "20041010050500013M02606")).isEqualTo("FR1420041010050500013M02606");
	}

	@Test
	void validAcceptsTheExamplesAndRefusesATypo() {
		assertThat(PayoutAccounts.valid("NL91ABNA0417164300")).isTrue();
		assertThat(PayoutAccounts.valid("NL91ABNA0417164301")).isFalse();
		assertThat(PayoutAccounts.valid("NL19ABNA0417164300")).isFalse();
	}

	@Test
	void everyDebtorPaysFromAValidAccountOfItsOwnCountryTheSameForTheSameSeed() {
		String[] countries = { "NL", "BE", "DE", "FR" };
		DebtorPlan[] debtors = new DebtorPlan[40];
		for (int i = 0; i < debtors.length; i++) {
			debtors[i] = new DebtorPlan();
			debtors[i].country = countries[i % countries.length];
		}
		PayoutAccounts.assign(debtors, new SplittableRandom(7));
		for (DebtorPlan debtor : debtors) {
			assertThat(PayoutAccounts.valid(debtor.iban)).as(debtor.iban).isTrue();
			assertThat(debtor.iban).startsWith(debtor.country);
		}
		String first = debtors[0].iban;
		PayoutAccounts.assign(debtors, new SplittableRandom(7));
		assertThat(debtors[0].iban).isEqualTo(first);
	}

}
