package com.factordesk.risk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import com.factordesk.risk.PortfolioMeans;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The portfolio means per as-of date and scoring version ({@code risk_portfolio_means}),
 * so that scoring one debtor as of a date reads one row instead of aggregating the whole
 * portfolio. Rows are written in the caller's transaction.
 */
@Component
public class PortfolioMeansStore {

	private static final String COLUMNS = """
			payment_history, debtors_with_history, dispute_rate_by_count, dispute_rate_by_amount, invoices
			""";

	private static final String INSERT = """
			INSERT INTO risk_portfolio_means (as_of, model_version, payment_history, debtors_with_history,
			                                  dispute_rate_by_count, dispute_rate_by_amount, invoices, computed_at)
			VALUES (:asOf, :version, :history, :debtors, :byCount, :byAmount, :invoices, :computedAt)
			ON CONFLICT (model_version, as_of) DO
			""";

	private final JdbcClient jdbc;

	PortfolioMeansStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The means stored for exactly this date and version.
	 */
	public Optional<PortfolioMeans> find(LocalDate asOf, int modelVersion) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM risk_portfolio_means WHERE model_version = :version AND as_of = :asOf")
			.param("version", modelVersion)
			.param("asOf", asOf)
			.query(PortfolioMeansStore::means)
			.optional();
	}

	/**
	 * The means of the newest date on or before {@code asOf} stored for this version.
	 */
	public Optional<PortfolioMeans> latest(LocalDate asOf, int modelVersion) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				FROM risk_portfolio_means WHERE model_version = :version AND as_of <= :asOf
				ORDER BY as_of DESC LIMIT 1
				""").param("version", modelVersion).param("asOf", asOf).query(PortfolioMeansStore::means).optional();
	}

	/**
	 * Stores the means of a date, replacing any stored before: a scoring run's, computed
	 * from the data as it stands.
	 */
	public void replace(LocalDate asOf, int modelVersion, PortfolioMeans means, Instant computedAt) {
		insert(asOf, modelVersion, means, computedAt, """
				UPDATE SET payment_history = EXCLUDED.payment_history,
				           debtors_with_history = EXCLUDED.debtors_with_history,
				           dispute_rate_by_count = EXCLUDED.dispute_rate_by_count,
				           dispute_rate_by_amount = EXCLUDED.dispute_rate_by_amount,
				           invoices = EXCLUDED.invoices, computed_at = EXCLUDED.computed_at
				""");
	}

	/**
	 * Stores the means of a date unless some are stored already (computed meanwhile by
	 * another request); the stored ones win.
	 * @return the means now stored
	 */
	public PortfolioMeans storeIfAbsent(LocalDate asOf, int modelVersion, PortfolioMeans means, Instant computedAt) {
		insert(asOf, modelVersion, means, computedAt, "NOTHING");
		return find(asOf, modelVersion).orElseThrow();
	}

	private void insert(LocalDate asOf, int modelVersion, PortfolioMeans means, Instant computedAt, String onConflict) {
		this.jdbc.sql(INSERT + onConflict)
			.param("asOf", asOf)
			.param("version", modelVersion)
			.param("history", means.paymentHistory())
			.param("debtors", means.debtorsWithHistory())
			.param("byCount", means.disputeRateByCount())
			.param("byAmount", means.disputeRateByAmount())
			.param("invoices", means.invoices())
			.param("computedAt", Timestamp.from(computedAt))
			.update();
	}

	private static PortfolioMeans means(ResultSet rs, int row) throws SQLException {
		return new PortfolioMeans(rs.getBigDecimal("payment_history"), rs.getInt("debtors_with_history"),
				rs.getBigDecimal("dispute_rate_by_count"), rs.getBigDecimal("dispute_rate_by_amount"),
				rs.getInt("invoices"));
	}

}
