package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

import com.factordesk.shared.Money;
import com.factordesk.shared.ReportingDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The two agings of the figures section as exportable tables: by days past due
 * ({@code aging}) and by days since the invoice date ({@code aging-by-invoice-date}),
 * each one GROUP BY over the open items of the scope, every band listed even when empty.
 */
final class AgingTables {

	private static final List<PortfolioTable.Column> COLUMNS = List.of(
			new PortfolioTable.Column("bucket", PortfolioTable.Kind.TEXT),
			new PortfolioTable.Column("invoices", PortfolioTable.Kind.COUNT),
			new PortfolioTable.Column("amount", PortfolioTable.Kind.MONEY),
			new PortfolioTable.Column("share", PortfolioTable.Kind.SHARE));

	private AgingTables() {
	}

	/**
	 * Streams the bands of {@code labels} (in order), each with its count, amount and
	 * share of the open AR.
	 */
	static void rows(JdbcClient jdbc, PortfolioScope scope, String bucketOf, String[] labels,
			Consumer<List<Object>> row) {
		String sql = """
				SELECT b.bucket, COALESCE(a.invoices, 0) AS invoices, COALESCE(a.amount, 0) AS amount,
				       COALESCE(a.amount, 0) / NULLIF(SUM(a.amount) OVER (), 0) AS share
				FROM unnest(CAST(:labels AS text[])) WITH ORDINALITY AS b(bucket, position)
				LEFT JOIN (SELECT %s AS bucket, COUNT(*) AS invoices, SUM(o.outstanding) AS amount
				           FROM open_receivable(CAST(:asOf AS date)) o
				           WHERE %s
				           GROUP BY 1) a ON a.bucket = b.bucket
				ORDER BY b.position
				""".formatted(bucketOf, PortfolioScope.condition("o.client_id", "o.debtor_id"));
		scope.bind(jdbc.sql(sql)).param("labels", labels).query((rs) -> {
			BigDecimal share = rs.getBigDecimal("share");
			row.accept(java.util.Arrays.asList(rs.getString("bucket"), rs.getLong("invoices"),
					Money.of(rs.getBigDecimal("amount")),
					(share != null) ? share.setScale(6, java.math.RoundingMode.HALF_EVEN) : BigDecimal.ZERO));
		});
	}

	/**
	 * The open AR by days past due at the scope's day.
	 */
	@Component
	@Transactional(transactionManager = ReportingDatabase.TRANSACTIONS, readOnly = true)
	static class ByDaysPastDue implements PortfolioTable {

		private final JdbcClient jdbc;

		ByDaysPastDue(@Qualifier(ReportingDatabase.JDBC) JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public String name() {
			return "aging";
		}

		@Override
		public List<Column> columns() {
			return COLUMNS;
		}

		@Override
		public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
			AgingTables.rows(this.jdbc, scope, AgingBucket.bucketOf("o.days_past_due"), AgingBucket.BUCKETS, row);
		}

	}

	/**
	 * The open AR by days since the invoice date at the scope's day.
	 */
	@Component
	@Transactional(transactionManager = ReportingDatabase.TRANSACTIONS, readOnly = true)
	static class ByInvoiceDate implements PortfolioTable {

		private final JdbcClient jdbc;

		ByInvoiceDate(@Qualifier(ReportingDatabase.JDBC) JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public String name() {
			return "aging-by-invoice-date";
		}

		@Override
		public List<Column> columns() {
			return COLUMNS;
		}

		@Override
		public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
			AgingTables.rows(this.jdbc, scope, PortfolioFigures.issueBucketOf("(CAST(:asOf AS date) - o.issue_date)"),
					PortfolioFigures.ISSUE_BUCKETS, row);
		}

	}

}
