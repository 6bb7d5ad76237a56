package com.factordesk.shared;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bounds of typed input: no number is written out beyond them, no date outside
 * 1900-2999 passes, a password is measured in bytes.
 */
class InputBoundsTests {

	@ParameterizedTest
	@ValueSource(strings = { "1E+999999999", "1e999999999", "-1E+20000000", "1E-999999999", "1.5E+31", "1E+0031",
			"1E+9999999999" })
	void numbersWithHugeExponentsAreRefusedBeforeTheyAreConverted(String text) {
		assertThat(InputBounds.hugeExponent(text)).isTrue();
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> InputBounds.decimal(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1E+5", "2.5e-3", "100", "-0.25", "1E+30", "abc", "30:50", "" })
	void ordinaryTextAndNumbersAreNotHugeExponents(String text) {
		assertThat(InputBounds.hugeExponent(text)).isFalse();
	}

	@Test
	void decimalsWithinTheirDigitsAreRead() {
		assertThat(InputBounds.decimal(" 2.25 ")).isEqualByComparingTo("2.25");
		assertThat(InputBounds.decimal("1E+5")).isEqualByComparingTo("100000");
		assertThat(InputBounds.decimal("999999999999999999999999")).isEqualByComparingTo("999999999999999999999999");
		assertThatExceptionOfType(NumberFormatException.class)
			.isThrownBy(() -> InputBounds.decimal("9999999999999999999999999"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> InputBounds.decimal("1E+29"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> InputBounds.decimal("NaN"));
		assertThatExceptionOfType(NumberFormatException.class).isThrownBy(() -> InputBounds.decimal(null));
	}

	@Test
	void aHugeNumberIsNotSaneWithoutBeingWrittenOut() {
		assertThat(InputBounds.sane(new BigDecimal("1E+999999999"))).isFalse();
		assertThat(InputBounds.sane(new BigDecimal("1E-999999999"))).isFalse();
		assertThat(InputBounds.sane(new BigDecimal("123456.789"))).isTrue();
	}

	@Test
	void datesLieBetween1900And2999() {
		assertThat(InputBounds.sane(LocalDate.of(1900, 1, 1))).isTrue();
		assertThat(InputBounds.sane(LocalDate.of(2999, 12, 31))).isTrue();
		assertThat(InputBounds.sane(LocalDate.of(1899, 12, 31))).isFalse();
		assertThat(InputBounds.sane(LocalDate.of(99999, 12, 31))).isFalse();
		assertThat(InputBounds.sane(LocalDate.of(0, 1, 1))).isFalse();
	}

	@Test
	void textIsMeasuredInUtf8Bytes() {
		assertThat(InputBounds.utf8Bytes("a".repeat(72))).isEqualTo(72);
		assertThat(InputBounds.utf8Bytes("é".repeat(40))).isEqualTo(80);
	}

	@Test
	void controlCharactersAreFoundExceptLineBreaksInText() {
		assertThat(InputBounds.controlCharacter("a\u0000b", true)).isEqualTo(1);
		assertThat(InputBounds.controlCharacter("line\r\nnext\ttab", true)).isEqualTo(-1);
		assertThat(InputBounds.controlCharacter("line\nnext", false)).isEqualTo(4);
		assertThat(InputBounds.controlCharacter("del\u007f", true)).isEqualTo(3);
	}

}
