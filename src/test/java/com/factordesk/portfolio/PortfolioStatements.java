package com.factordesk.portfolio;

import java.time.LocalDate;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portfolio's SQL run alone over a plain JDBC connection, outside the application,
 * for {@code web.PortfolioBenchmark}: the one statement of the headline figures (every
 * family of figures in one pass, what {@code GET /api/v1/portfolio/summary} and each live
 * point of the trends run), with the same text and parameters the application sends.
 */
public final class PortfolioStatements {

	private final PortfolioFigures figures;

	public PortfolioStatements(DataSource dataSource) {
		this.figures = new PortfolioFigures(JdbcClient.create(dataSource));
	}

	/**
	 * Runs the headline figures' statement for the whole book.
	 * @param asOf the day
	 * @return the open AR it found, to print beside the time
	 */
	public String headline(LocalDate asOf) {
		return this.figures.figures(PortfolioScope.portfolio(asOf), PortfolioFigures.DEFAULT_WINDOW)
			.openAr()
			.amount()
			.toPlainString();
	}

}
