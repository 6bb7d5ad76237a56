package com.factordesk.demo;

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

}
