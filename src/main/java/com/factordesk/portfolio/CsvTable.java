package com.factordesk.portfolio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

import com.factordesk.shared.Money;

/**
 * Writes a {@link PortfolioTable} as CSV, row by row as the rows come: UTF-8 (the
 * writer's), a header row of the columns' machine names, comma separated, CRLF line ends
 * and quoting as RFC 4180 (a field with a comma, a quote or a line break in quotes, its
 * quotes doubled). Values keep machine formats whatever the reader's language: ISO dates,
 * {@code .} decimals without grouping, money with two decimals. A text that a spreadsheet
 * would run as a formula (it starts with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return) gets a leading {@code '}: a debtor's name is data, never a
 * formula.
 */
final class CsvTable {

	private static final String LINE_END = "\r\n";

	private final Writer out;

	private final List<PortfolioTable.Column> columns;

	CsvTable(Writer out, List<PortfolioTable.Column> columns) {
		this.out = out;
		this.columns = columns;
	}

	void header() {
		line(this.columns.stream().map(PortfolioTable.Column::header).map(CsvTable::quoted).toList());
	}

	void row(List<Object> values) {
		if (values.size() != this.columns.size()) {
			throw new IllegalStateException(
					"A row of " + values.size() + " values for " + this.columns.size() + " columns");
		}
		String[] fields = new String[values.size()];
		for (int i = 0; i < fields.length; i++) {
			fields[i] = field(values.get(i), this.columns.get(i).kind());
		}
		line(List.of(fields));
	}

	private void line(List<String> fields) {
		try {
			this.out.write(String.join(",", fields));
			this.out.write(LINE_END);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String field(Object value, PortfolioTable.Kind kind) {
		if (value == null) {
			return "";
		}
		String text;
		if (value instanceof Money money) {
			text = money.amount().toPlainString();
		}
		else if (value instanceof BigDecimal decimal) {
			text = decimal.toPlainString();
		}
		else {
			// a LocalDate prints ISO, a whole number as is
			text = value.toString();
		}
		if (kind == PortfolioTable.Kind.TEXT && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		return quoted(text);
	}

	static String quoted(String text) {
		boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
				|| text.indexOf('\r') >= 0;
		return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
	}

}
