package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.factordesk.shared.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Portfolio figures as of the end of a day, each one SQL aggregate over the open AR that
 * the invoice feature publishes ({@code open_receivable(d)}, DESIGN section 5): funded
 * invoices issued by d, not closed by d, with something outstanding after the payments
 * and credit notes dated by d.
 */
@Service
@Transactional(readOnly = true)
public class PortfolioQueries {

	static final String OPEN_ITEMS = """
			WITH open_ar AS (
			    SELECT invoice_id AS id, client_id, debtor_id, due_date, days_past_due, outstanding
			    FROM open_receivable(CAST(:asOf AS date)) o
			    WHERE %s
			)
			""".formatted(PortfolioScope.condition("o.client_id", "o.debtor_id"));

	private static final String TOTALS = OPEN_ITEMS + """
			SELECT COALESCE(SUM(outstanding), 0) AS amount, COUNT(*) AS invoices,
			       COUNT(DISTINCT debtor_id) AS debtors, COUNT(DISTINCT client_id) AS clients
			FROM open_ar
			""";

	private static final String AGING = OPEN_ITEMS + """
			SELECT %s AS bucket,
			       COUNT(*) AS invoices, SUM(outstanding) AS amount
			FROM open_ar GROUP BY 1
			""".formatted(AgingBucket.bucketOf("days_past_due"));

	private static final String TOP_DEBTORS = OPEN_ITEMS + """
			SELECT d.ref, d.name, d.credit_limit, t.clients, t.invoices, t.amount, t.past_due
			FROM (SELECT debtor_id, COUNT(DISTINCT client_id) AS clients, COUNT(*) AS invoices,
			             SUM(outstanding) AS amount,
			             COALESCE(SUM(outstanding) FILTER (WHERE days_past_due > 0), 0) AS past_due
			      FROM open_ar GROUP BY debtor_id
			      ORDER BY amount DESC, debtor_id LIMIT :limit) t
			JOIN debtor d ON d.id = t.debtor_id
			ORDER BY t.amount DESC, d.ref
			""";

	private final JdbcClient jdbc;

	PortfolioQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@PreAuthorize("hasRole('MANAGER')")
	public PortfolioOverview overview(PortfolioScope scope, int topDebtors) {
		Totals totals = scope.bind(this.jdbc.sql(TOTALS)).query(this::totals).single();
		return new PortfolioOverview(scope.asOf(), totals.amount(), totals.invoices(), totals.debtors(),
				totals.clients(), aging(scope, totals.amount()), topDebtors(scope, topDebtors, totals.amount()));
	}

	List<AgingBucket> aging(PortfolioScope scope, Money openAr) {
		Map<String, AgingBucket> found = scope.bind(this.jdbc.sql(AGING)).query((rs, row) -> {
			Money amount = Money.of(rs.getBigDecimal("amount"));
			return new AgingBucket(rs.getString("bucket"), rs.getLong("invoices"), amount, share(amount, openAr));
		}).list().stream().collect(Collectors.toMap(AgingBucket::bucket, Function.identity()));
		List<AgingBucket> buckets = new ArrayList<>();
		for (String bucket : AgingBucket.BUCKETS) {
			buckets.add(found.getOrDefault(bucket, new AgingBucket(bucket, 0, Money.ZERO, BigDecimal.ZERO)));
		}
		return buckets;
	}

	List<TopDebtor> topDebtors(PortfolioScope scope, int limit, Money openAr) {
		return scope.bind(this.jdbc.sql(TOP_DEBTORS)).param("limit", limit).query((rs, row) -> {
			Money amount = Money.of(rs.getBigDecimal("amount"));
			return new TopDebtor(rs.getString("ref"), rs.getString("name"), rs.getLong("clients"),
					rs.getLong("invoices"), amount, Money.of(rs.getBigDecimal("past_due")),
					Money.of(rs.getBigDecimal("credit_limit")), share(amount, openAr));
		}).list();
	}

	private Totals totals(ResultSet rs, int row) throws SQLException {
		return new Totals(Money.of(rs.getBigDecimal("amount")), rs.getLong("invoices"), rs.getLong("debtors"),
				rs.getLong("clients"));
	}

	private static BigDecimal share(Money part, Money whole) {
		if (!whole.isPositive()) {
			return BigDecimal.ZERO;
		}
		return part.amount().divide(whole.amount(), 6, RoundingMode.HALF_EVEN);
	}

	private record Totals(Money amount, long invoices, long debtors, long clients) {
	}

}
