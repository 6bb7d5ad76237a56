package com.factordesk.portfolio;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import com.factordesk.portfolio.PortfolioTable.Column;
import com.factordesk.portfolio.PortfolioTable.Kind;
import com.factordesk.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * CSV as RFC 4180 writes it, in machine formats whatever the reader's language.
 */
class CsvTableTests {

	private static final List<Column> COLUMNS = List.of(new Column("name", Kind.TEXT), new Column("day", Kind.DATE),
			new Column("amount", Kind.MONEY), new Column("invoices", Kind.COUNT), new Column("share", Kind.SHARE),
			new Column("dso", Kind.DECIMAL));

	@Test
	void aHeaderAndRowsEndInCrLfWithIsoDatesAndPointDecimals() {
		StringWriter out = new StringWriter();
		CsvTable csv = new CsvTable(out, COLUMNS);
		csv.header();
		csv.row(Arrays.asList("Plain AG", LocalDate.of(2024, 2, 29), Money.of("1234567.50"), 12L,
				new BigDecimal("0.125000"), new BigDecimal("73.71")));
		csv.row(Arrays.asList("Nobody", null, Money.ZERO, 0, null, null));
		assertThat(out).hasToString("name,day,amount,invoices,share,dso\r\n"
				+ "Plain AG,2024-02-29,1234567.50,12,0.125000,73.71\r\n" + "Nobody,,0.00,0,,\r\n");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = { "plain|plain", "a, b|\"a, b\"", "say \"hi\"|\"say \"\"hi\"\"\"", "=1+2|'=1+2", "+31 20|'+31 20",
					"-5|'-5", "@SUM(A1)|'@SUM(A1)", "Amsterdam-Noord|Amsterdam-Noord" })
	void textIsQuotedWhenItMustAndNeverAFormula(String text, String field) {
		assertThat(CsvTable.field(text, Kind.TEXT)).isEqualTo(field);
	}

	@Test
	void lineBreaksAreQuotedAndANegativeAmountStaysANumber() {
		assertThat(CsvTable.field("two\r\nlines", Kind.TEXT)).isEqualTo("\"two\r\nlines\"");
		assertThat(CsvTable.field(Money.of("-12.50"), Kind.MONEY)).isEqualTo("-12.50");
		assertThat(CsvTable.field(new BigDecimal("1E+3"), Kind.DECIMAL)).isEqualTo("1000");
	}

	@Test
	void aRowOfTheWrongWidthIsABug() {
		CsvTable csv = new CsvTable(new StringWriter(), COLUMNS);
		assertThatIllegalStateException().isThrownBy(() -> csv.row(List.of("one")));
	}

}
