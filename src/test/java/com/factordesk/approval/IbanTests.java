package com.factordesk.approval;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IBAN check (ISO 13616, mod 97).
 */
class IbanTests {

	/**
	 * NL91ABNA0417164300 and DE89370400440532013000 are the standard's own examples;
	 * NL33RABO0312457898 is the payout account's default: RABO0312457898NL00 read as
	 * digits (R=27 A=10 B=11 O=24, N=23 L=21) leaves 65 modulo 97, and 98 - 65 = 33.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "NL91ABNA0417164300", "DE89370400440532013000", "NL33RABO0312457898", "BE68539007547034" })
	void ibansWhoseCheckDigitsHoldAreValid(String iban) {
		assertThat(Iban.isValid(iban)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "NL92ABNA0417164300", "NL91ABNA0417164301", "nl91abna0417164300", "NL91 ABNA 0417 1643 00",
			"NL91", "" })
	void aWrongCheckDigitOrAnotherFormIsNot(String iban) {
		assertThat(Iban.isValid(iban)).isFalse();
	}

}
