package com.factordesk.shared;

import java.math.BigDecimal;
import java.text.ParseException;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Numbers are read as the reader writes them in their language, strictly: what is not a
 * number of that language is refused rather than read as another number.
 */
class LocaleNumbersTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "2,5|2.5", "0,05|0.05", "1.000|1000", "1.234.567,89|1234567.89", "-3|-3",
			"+4,25|4.25", " 70 |70", ",5|0.5", "100|100" })
	void dutchReadsTheDecimalCommaAndTheGroupingDot(String text, String expected) throws ParseException {
		assertThat(LocaleNumbers.parse(text, DUTCH)).isEqualByComparingTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "2.5|2.5", "0.05|0.05", "1,000|1000", "1,234,567.89|1234567.89", "-3|-3" })
	void englishReadsTheDecimalPointAndTheGroupingComma(String text, String expected) throws ParseException {
		assertThat(LocaleNumbers.parse(text, Locale.ENGLISH)).isEqualByComparingTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2.5", "12.34", "1.00,5", "1.0000", "2,5x", "2,5 %", "1E+999999999", "1e5", "2,5e3", "--1",
			"", " ", ",", "-", "NaN", "Infinity", "0x10", "١٢", "1 000", "2,,5",
			"12345678901234567890123456789012345678901" })
	void dutchRefusesWhatIsNoDutchNumber(String text) {
		assertThatExceptionOfType(ParseException.class).isThrownBy(() -> LocaleNumbers.parse(text, DUTCH));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2,5", "1,00.5", "2.5.1", "1E+50", "3 days" })
	void englishRefusesWhatIsNoEnglishNumber(String text) {
		assertThatExceptionOfType(ParseException.class).isThrownBy(() -> LocaleNumbers.parse(text, Locale.ENGLISH));
	}

	@Test
	void wholeNumbersRefuseDecimalsAndWhatIsBeyondTheirRange() throws ParseException {
		assertThat(LocaleNumbers.parseInt("3.650", DUTCH)).isEqualTo(3650);
		assertThat(LocaleNumbers.parseInt("90", Locale.ENGLISH)).isEqualTo(90);
		assertThatExceptionOfType(ParseException.class).isThrownBy(() -> LocaleNumbers.parseInt("30,5", DUTCH));
		assertThatExceptionOfType(ParseException.class)
			.isThrownBy(() -> LocaleNumbers.parseInt("2147483648", Locale.ENGLISH));
		assertThat(LocaleNumbers.parseLong("2147483648", Locale.ENGLISH)).isEqualTo(2147483648L);
		assertThatExceptionOfType(ParseException.class)
			.isThrownBy(() -> LocaleNumbers.parseLong("99999999999999999999", Locale.ENGLISH));
	}

	@Test
	void aFormFieldShowsTheNumberTheReadersWayWithoutGrouping() {
		assertThat(LocaleNumbers.print(new BigDecimal("2.25"), DUTCH)).isEqualTo("2,25");
		assertThat(LocaleNumbers.print(new BigDecimal("1000.5"), DUTCH)).isEqualTo("1000,5");
		assertThat(LocaleNumbers.print(new BigDecimal("2.25"), Locale.ENGLISH)).isEqualTo("2.25");
		assertThat(LocaleNumbers.print(null, DUTCH)).isEmpty();
	}

	@Test
	void anAmountCarriesItsCurrencyAndStaysOnOneLine() {
		assertThat(LocaleNumbers.amount(new BigDecimal("6859.46"), DUTCH)).isEqualTo("EUR\u00a06.859,46");
		assertThat(LocaleNumbers.amount(new BigDecimal("6859.46"), Locale.ENGLISH)).isEqualTo("EUR\u00a06,859.46");
		assertThat(LocaleNumbers.amount(new BigDecimal("-0.5"), Locale.ENGLISH)).isEqualTo("EUR\u00a0-0.50");
	}

	@Test
	void curvePointsAreWrittenWithSemicolonsWhereTheCommaIsTheDecimalSeparator() {
		assertThat(LocaleNumbers.localPoints("0:100, 0.05:80, 0.2:0", DUTCH)).isEqualTo("0:100; 0,05:80; 0,2:0");
		assertThat(LocaleNumbers.machinePoints("0:100; 0,05:80; 0,2:0", DUTCH)).isEqualTo("0:100, 0.05:80, 0.2:0");
		assertThat(LocaleNumbers.localPoints("0:100, 0.05:80", Locale.ENGLISH)).isEqualTo("0:100, 0.05:80");
		assertThat(LocaleNumbers.machinePoints("0:100, 0.05:80", Locale.ENGLISH)).isEqualTo("0:100, 0.05:80");
		// the English way in Dutch, or a typo, is left for the desk to read or refuse
		assertThat(LocaleNumbers.machinePoints("0:100, 30:50", DUTCH)).isEqualTo("0:100, 30:50");
		assertThat(LocaleNumbers.machinePoints("0:100; x:50", DUTCH)).isEqualTo("0:100; x:50");
		assertThat(LocaleNumbers.localPoints("0:100; x:50", DUTCH)).isEqualTo("0:100; x:50");
	}

}
