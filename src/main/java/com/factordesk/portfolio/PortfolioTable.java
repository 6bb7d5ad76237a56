package com.factordesk.portfolio;

import java.util.List;
import java.util.function.Consumer;

/**
 * A table of the portfolio dashboard that exports to CSV and XLSX
 * ({@code /portfolio/export/{name}.csv} and {@code .xlsx}, with the page's {@code asOf},
 * {@code clientRef} and {@code debtorRef}). Each section of the dashboard declares its
 * tables as beans; the export streams the rows as they come, so a table of every open
 * invoice never sits in memory.
 */
public interface PortfolioTable {

	/**
	 * @return the table's name in the export's URL and file name, e.g. {@code aging}
	 */
	String name();

	/**
	 * @return the columns, in order; their headers are machine names (snake_case), as the
	 * CSV contracts of DESIGN section 7
	 */
	List<Column> columns();

	/**
	 * Streams the table's rows for a scope, one list of values per row in the order of
	 * {@link #columns()}: {@code String}, {@code Long}, {@code Integer},
	 * {@code BigDecimal}, {@code Money}, {@code LocalDate} or {@code null}.
	 * @param scope what the table is computed over
	 * @param row receives each row
	 */
	void rows(PortfolioScope scope, Consumer<List<Object>> row);

	/**
	 * A column: its header and the kind of value it holds (how XLSX formats it).
	 *
	 * @param header the header, e.g. {@code open_amount}
	 * @param kind what its values are
	 */
	record Column(String header, Kind kind) {
	}

	enum Kind {

		TEXT, COUNT, MONEY, DECIMAL, SHARE, DATE

	}

}
