package com.factordesk.portfolio;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The portfolio's SQL run alone over a plain JDBC connection, outside the application,
 * for {@code web.PortfolioBenchmark}: the one statement of the headline figures (every
 * family of figures in one pass, what {@code GET /api/v1/portfolio/summary} and each live
 * point of the trends run), with the same text and parameters the application sends.
 */
public final class PortfolioStatements {

	private final PortfolioFigures figures;

	private final PortfolioTrends trends;

	private final TransactionTemplate transactions;

	/**
	 * @param dataSource the book's database
	 * @param today the app's today (the demo clock's)
	 */
	public PortfolioStatements(DataSource dataSource, LocalDate today) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		this.figures = new PortfolioFigures(jdbc);
		this.trends = new PortfolioTrends(this.figures, jdbc,
				Clock.fixed(today.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	/**
	 * The trends section's own SQL once the month ends are stored: the whole book's trend
	 * up to a day, its last point given (the dashboard passes the figures section's), in
	 * a transaction as the app runs it.
	 * @param asOf the day
	 * @param onTheDay the headline figures of that day
	 * @return how many points came from the store
	 */
	public String storedTrend(LocalDate asOf, Headline onTheDay) {
		Integer fromStore = this.transactions
			.execute((status) -> this.trends.trend(PortfolioScope.portfolio(asOf), onTheDay).fromStore());
		return String.valueOf(fromStore);
	}

	/**
	 * @return the whole book's headline figures as of a day
	 */
	public Headline headlineOf(LocalDate asOf) {
		return this.figures.headline(PortfolioScope.portfolio(asOf));
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
