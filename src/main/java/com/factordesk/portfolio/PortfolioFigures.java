package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.factordesk.shared.Money;
import com.factordesk.shared.ReportingDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The headline figures of a scope as of the end of a day (DESIGN section 5), in one SQL
 * statement over the one balance, each family of figures in one pass: the open items
 * (open AR, current, at risk, disputed, aging both ways), the credit sales (standard and
 * countback DSO, gross invoiced), the open AR at the window's start (CEI), the
 * collections (days beyond terms), the disputes and the credit notes (dilution).
 * <p>
 * Conventions: credit sales of a window of N days are the face of the invoices funded on
 * or before the day with an issue date in the N days ending on it; the CEI's period is
 * the same N days, its AR at start the open AR at the end of day asOf - N; days beyond
 * terms weigh each allocation received in the N days by its amount and count an early or
 * on-time payment as 0 days; at risk means over 90 days past due; a dispute is open at
 * the end of the day when it was opened by then and not resolved by then; dilution is
 * over the trailing 12 months (issue and credit dates after asOf minus one year).
 */
@Service
@Transactional(transactionManager = ReportingDatabase.TRANSACTIONS, readOnly = true)
public class PortfolioFigures {

	/** The windows of the DSO selector, in days; 90 is the default and the headline's. */
	public static final Set<Integer> WINDOWS = Set.of(30, 90, 365);

	public static final int DEFAULT_WINDOW = 90;

	/** The labels of the bands of invoice-date aging, by days since the invoice date. */
	static final String[] ISSUE_BUCKETS = { "0-30", "31-60", "61-90", "91-120", "120+" };

	private static final String SCOPE_O = PortfolioScope.condition("o.client_id", "o.debtor_id");

	private static final String SCOPE_I = PortfolioScope.condition("i.client_id", "i.debtor_id");

	private static final String FIGURES = """
			WITH open_disputes AS MATERIALIZED (
			    SELECT DISTINCT f.invoice_id FROM dispute_fact f
			    WHERE f.opened_on <= {d} AND (f.resolved_on IS NULL OR f.resolved_on > {d})
			),
			items AS MATERIALIZED (
			    SELECT o.outstanding, o.debtor_id, o.client_id, o.days_past_due,
			           {due_bucket} AS due_bucket, {issue_bucket} AS issue_bucket,
			           (od.invoice_id IS NOT NULL) AS disputed
			    FROM open_receivable({d}) o
			    LEFT JOIN open_disputes od ON od.invoice_id = o.invoice_id
			    WHERE {scope_o}
			),
			open_items AS (
			    SELECT COALESCE(SUM(o.outstanding), 0) AS open_ar, COUNT(*) AS invoices,
			           COUNT(DISTINCT o.debtor_id) AS debtors, COUNT(DISTINCT o.client_id) AS clients,
			           COALESCE(SUM(o.outstanding) FILTER (WHERE o.days_past_due <= 0), 0) AS current_ar,
			           COALESCE(SUM(o.outstanding) FILTER (WHERE o.days_past_due > 90), 0) AS at_risk_ar,
			           COALESCE(SUM(o.outstanding) FILTER (WHERE o.disputed), 0) AS disputed_ar,
			           COUNT(*) FILTER (WHERE o.disputed) AS disputed_invoices
			           {aging}
			    FROM items o
			),
			start_ar AS (
			    -- stored with the trend (V065) and still right: then not summed (COALESCE runs the sum only
			    -- when the stored value is missing); read in this statement's snapshot
			    SELECT ar_n, CASE WHEN {n} = 90 THEN ar_n
			                      ELSE COALESCE({stored_90},
			                                    (SELECT COALESCE(SUM(o.outstanding), 0) FROM open_receivable({d} - 90) o
			                                     WHERE {scope_o})) END AS ar_90
			    -- OFFSET 0: read once, not copied into both columns (each copy would sum it again)
			    FROM (SELECT COALESCE({stored_n},
			                          (SELECT COALESCE(SUM(o.outstanding), 0) FROM open_receivable({d} - {n}) o
			                           WHERE {scope_o})) AS ar_n
			          OFFSET 0) s
			),
			daily AS MATERIALIZED (
			    -- the whole book's from its kept sales per day (V064); a client's or a debtor's from its invoices.
			    -- Planned with the scope's values (custom plans), one branch only is run
			    SELECT s.issue_date, s.sales FROM book_sales({d}) s
			    WHERE CAST(:clientId AS bigint) IS NULL AND CAST(:debtorId AS bigint) IS NULL
			    UNION ALL
			    SELECT i.issue_date, SUM(i.amount) AS sales
			    FROM invoice i
			    WHERE (CAST(:clientId AS bigint) IS NOT NULL OR CAST(:debtorId AS bigint) IS NOT NULL)
			      AND i.funded_on <= {d} AND i.issue_date <= {d} AND {scope_i}
			    GROUP BY i.issue_date
			),
			sales AS (
			    SELECT COALESCE(SUM(sales) FILTER (WHERE issue_date > {d} - {n}), 0) AS sales_n,
			           COALESCE(SUM(sales) FILTER (WHERE issue_date > {d} - 90), 0) AS sales_90,
			           COALESCE(SUM(sales) FILTER (WHERE issue_date > CAST({d} - INTERVAL '1 year' AS date)), 0)
			               AS gross_12
			    FROM daily
			),
			monthly AS (
			    SELECT CAST(date_trunc('month', issue_date) AS date) AS month, SUM(sales) AS sales
			    FROM daily
			    GROUP BY 1
			),
			periods AS (
			    SELECT p.month,
			           CASE WHEN p.month = CAST(date_trunc('month', {d}) AS date) THEN {d} - p.month + 1
			                ELSE CAST(p.month + INTERVAL '1 month' AS date) - p.month END AS days,
			           COALESCE(m.sales, 0) AS sales
			    FROM (SELECT CAST(g AS date) AS month
			          FROM generate_series(date_trunc('month', {d}), (SELECT MIN(month) FROM monthly),
			                               INTERVAL '-1 month') AS g) p
			    LEFT JOIN monthly m ON m.month = p.month
			),
			walk AS (
			    SELECT days, sales, COALESCE(SUM(sales) OVER earlier, 0) AS sales_before,
			           COALESCE(SUM(days) OVER earlier, 0) AS days_before
			    FROM periods
			    WINDOW earlier AS (ORDER BY month DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
			),
			countback AS (
			    SELECT w.days_before + CASE WHEN oi.open_ar = w.sales_before THEN 0
			                                ELSE (oi.open_ar - w.sales_before) / NULLIF(w.sales, 0) * w.days END AS dso
			    FROM walk w CROSS JOIN open_items oi
			    WHERE oi.open_ar - w.sales_before <= w.sales
			    ORDER BY w.days_before
			    LIMIT 1
			),
			collections AS (
			    SELECT COALESCE(SUM(c.amount) FILTER (WHERE c.received_on > {d} - {n}), 0) AS collected_n,
			           SUM(c.amount * GREATEST(c.received_on - c.due_date, 0)) FILTER (WHERE c.received_on > {d} - {n})
			               AS weighted_n,
			           COALESCE(SUM(c.amount) FILTER (WHERE c.received_on > {d} - 90), 0) AS collected_90,
			           SUM(c.amount * GREATEST(c.received_on - c.due_date, 0)) FILTER (WHERE c.received_on > {d} - 90)
			               AS weighted_90
			    FROM collection_fact c
			    WHERE c.received_on > {d} - GREATEST({n}, 90) AND c.received_on <= {d}
			      AND (c.reversed_on IS NULL OR c.reversed_on > {d})
			      AND c.funded_on <= {d} AND {scope_c}
			),
			disputes AS (
			    SELECT COUNT(*) FILTER (WHERE f.opened_on > {d} - {n}) AS opened,
			           COUNT(*) FILTER (WHERE f.resolved_on > {d} - {n} AND f.resolved_on <= {d}) AS resolved,
			           AVG(f.resolved_on - f.opened_on) FILTER (WHERE f.resolved_on > {d} - {n} AND f.resolved_on <= {d})
			               AS resolved_age,
			           COUNT(*) FILTER (WHERE f.resolved_on IS NULL OR f.resolved_on > {d}) AS open,
			           COALESCE(SUM(f.amount) FILTER (WHERE f.resolved_on IS NULL OR f.resolved_on > {d}), 0)
			               AS open_amount,
			           AVG({d} - f.opened_on) FILTER (WHERE f.resolved_on IS NULL OR f.resolved_on > {d}) AS open_age
			    FROM dispute_fact f
			    CROSS JOIN LATERAL (SELECT i.client_id, i.debtor_id, i.funded_on FROM invoice i
			                        WHERE i.id = f.invoice_id LIMIT 1) i
			    WHERE f.opened_on <= {d} AND (f.resolved_on IS NULL OR f.resolved_on > {d} - GREATEST({n}, 90))
			      AND i.funded_on <= {d} AND {scope_i}
			),
			dilution AS (
			    SELECT COALESCE(SUM(n.amount), 0) AS credited
			    FROM credit_note_fact n
			    CROSS JOIN LATERAL (SELECT i.client_id, i.debtor_id, i.funded_on FROM invoice i
			                        WHERE i.id = n.invoice_id LIMIT 1) i
			    WHERE n.issued_on > CAST({d} - INTERVAL '1 year' AS date) AND n.issued_on <= {d}
			      AND i.funded_on <= {d} AND {scope_i}
			),
			written_off AS (
			    SELECT COALESCE(SUM(LEAST(s.credit_loss, f.disputed)), 0) AS written_off
			    FROM settlement_fact s
			    JOIN invoice i ON i.id = s.invoice_id
			    JOIN LATERAL (SELECT SUM(f.amount) AS disputed FROM dispute_fact f
			                  WHERE f.invoice_id = s.invoice_id AND f.opened_on <= s.settled_on
			                    AND (f.resolved_on IS NULL OR f.resolved_on > s.settled_on)) f ON f.disputed IS NOT NULL
			    WHERE s.kind = 'WRITTEN_OFF' AND s.settled_on > CAST({d} - INTERVAL '1 year' AS date)
			      AND s.settled_on <= {d} AND (s.reversed_on IS NULL OR s.reversed_on > {d}) AND {scope_i}
			)
			SELECT oi.*, sa.ar_n, sa.ar_90, sl.sales_n, sl.sales_90, sl.gross_12,
			       (SELECT dso FROM countback) AS countback,
			       co.collected_n, co.weighted_n, co.collected_90, co.weighted_90,
			       di.opened, di.resolved, di.resolved_age, di.open AS disputes_open, di.open_amount AS disputes_open_amount,
			       di.open_age AS disputes_open_age, dl.credited, wo.written_off
			FROM open_items oi CROSS JOIN start_ar sa CROSS JOIN sales sl CROSS JOIN collections co
			CROSS JOIN disputes di CROSS JOIN dilution dl CROSS JOIN written_off wo
			"""
		.replace("{stored_n}", storedOpenAr("{d} - {n}"))
		.replace("{stored_90}", storedOpenAr("{d} - 90"))
		.replace("{aging}", agingColumns())
		.replace("{due_bucket}", AgingBucket.bucketOf("o.days_past_due"))
		.replace("{issue_bucket}", issueBucketOf("(" + "{d}" + " - o.issue_date)"))
		.replace("{scope_o}", SCOPE_O)
		.replace("{scope_i}", SCOPE_I)
		.replace("{scope_c}", PortfolioScope.condition("c.client_id", "c.debtor_id"))
		.replace("{d}", "CAST(:asOf AS date)")
		.replace("{n}", "CAST(:days AS integer)");

	private final JdbcClient jdbc;

	PortfolioFigures(@Qualifier(ReportingDatabase.JDBC) JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The headline figures over the 90 days ending on the scope's day: what the summary
	 * API answers and the trends plot. Not guarded itself (the trends may compute it off
	 * a request): its callers are.
	 * @param scope what to compute them over, as of its day
	 * @return the figures, {@code null} where a denominator is zero
	 */
	public Headline headline(PortfolioScope scope) {
		return figures(scope, DEFAULT_WINDOW).headline();
	}

	/**
	 * Every figure of the figures section over a window of {@code days} days.
	 * @param scope what to compute them over, as of its day
	 * @param days 30, 90 or 365
	 * @return the figures with their inputs
	 */
	@PreAuthorize("hasAnyRole('MANAGER', 'API_READ')")
	public DsoFigures figures(PortfolioScope scope, int days) {
		if (!WINDOWS.contains(days)) {
			throw new IllegalArgumentException("A window of " + days + " days is not one of " + WINDOWS);
		}
		return scope.bind(this.jdbc.sql(FIGURES))
			.param("days", days)
			.param("version", PortfolioTrends.VERSION)
			.query((rs, row) -> figures(rs, scope, days))
			.single();
	}

	/**
	 * The scope's open AR at a day where the trend stored it (V065,
	 * {@link PortfolioTrends}) and it is still right, or null.
	 */
	private static String storedOpenAr(String day) {
		return """
				(SELECT o.open_ar FROM portfolio_open_ar_snapshot o
				 WHERE o.client_id = COALESCE(CAST(:clientId AS bigint), 0)
				   AND o.debtor_id = COALESCE(CAST(:debtorId AS bigint), 0)
				   AND o.day = %s AND o.version = :version
				   AND NOT EXISTS (%s))""".formatted(day, PortfolioTrends.stale("o", "day"));
	}

	private static DsoFigures figures(ResultSet rs, PortfolioScope scope, int days) throws SQLException {
		Money openAr = money(rs, "open_ar");
		Money currentAr = money(rs, "current_ar");
		Money sales = money(rs, "sales_n");
		Money sales90 = money(rs, "sales_90");
		Money arAtStart = money(rs, "ar_n");
		Money arAtStart90 = money(rs, "ar_90");
		Money collected = money(rs, "collected_n");
		Money collected90 = money(rs, "collected_90");
		Money credited = money(rs, "credited");
		Money writtenOff = money(rs, "written_off");
		Money gross = money(rs, "gross_12");
		List<AgingBucket> byDue = new ArrayList<>();
		for (int band = 0; band < AgingBucket.BUCKETS.length; band++) {
			Money amount = money(rs, "due_amount_" + band);
			byDue.add(new AgingBucket(AgingBucket.BUCKETS[band], rs.getLong("due_count_" + band), amount,
					share(amount, openAr)));
		}
		List<AgingBucket> byIssue = new ArrayList<>();
		for (int band = 0; band < ISSUE_BUCKETS.length; band++) {
			Money amount = money(rs, "issue_amount_" + band);
			byIssue.add(new AgingBucket(ISSUE_BUCKETS[band], rs.getLong("issue_count_" + band), amount,
					share(amount, openAr)));
		}
		DsoFigures.Disputes disputes = new DsoFigures.Disputes(rs.getLong("opened"), rs.getLong("resolved"),
				days(rs.getBigDecimal("resolved_age")), rs.getLong("disputes_open"), money(rs, "disputes_open_amount"),
				days(rs.getBigDecimal("disputes_open_age")));
		return new DsoFigures(scope.asOf(), days, openAr, rs.getLong("invoices"), rs.getLong("debtors"),
				rs.getLong("clients"), currentAr, money(rs, "at_risk_ar"), money(rs, "disputed_ar"),
				rs.getLong("disputed_invoices"), sales, sales90, dso(openAr, sales, days), dso(openAr, sales90, 90),
				days(rs.getBigDecimal("countback")), dso(currentAr, sales, days), dso(currentAr, sales90, 90),
				arAtStart, arAtStart90, cei(arAtStart, sales, openAr, currentAr),
				cei(arAtStart90, sales90, openAr, currentAr), collected,
				weightedDays(rs.getBigDecimal("weighted_n"), collected), collected90,
				weightedDays(rs.getBigDecimal("weighted_90"), collected90), disputes, credited, writtenOff, gross,
				ratio(credited.plus(writtenOff), gross), byDue, byIssue);
	}

	/**
	 * @return receivables / sales x days, in days to two decimals, or {@code null}
	 * without sales
	 */
	static BigDecimal dso(Money receivables, Money sales, int days) {
		if (!sales.isPositive()) {
			return null;
		}
		return receivables.amount()
			.multiply(BigDecimal.valueOf(days))
			.divide(sales.amount(), 2, RoundingMode.HALF_EVEN);
	}

	/**
	 * @return (AR at start + sales - AR at end) / (AR at start + sales - current AR at
	 * end) x 100, in percent to two decimals, or {@code null} when nothing was to be
	 * collected
	 */
	static BigDecimal cei(Money arAtStart, Money sales, Money arAtEnd, Money currentAtEnd) {
		BigDecimal collectable = arAtStart.amount().add(sales.amount()).subtract(currentAtEnd.amount());
		if (collectable.signum() <= 0) {
			return null;
		}
		BigDecimal collectedOf = arAtStart.amount().add(sales.amount()).subtract(arAtEnd.amount());
		return collectedOf.multiply(BigDecimal.valueOf(100)).divide(collectable, 2, RoundingMode.HALF_EVEN);
	}

	/**
	 * @return part / whole as a fraction to six decimals, or {@code null} when the whole
	 * is not positive
	 */
	static BigDecimal ratio(Money part, Money whole) {
		if (!whole.isPositive()) {
			return null;
		}
		return part.amount().divide(whole.amount(), 6, RoundingMode.HALF_EVEN);
	}

	private static BigDecimal weightedDays(BigDecimal weighted, Money collected) {
		if (weighted == null || !collected.isPositive()) {
			return null;
		}
		return weighted.divide(collected.amount(), 2, RoundingMode.HALF_EVEN);
	}

	private static BigDecimal days(BigDecimal value) {
		return (value != null) ? value.setScale(2, RoundingMode.HALF_EVEN) : null;
	}

	private static BigDecimal share(Money part, Money whole) {
		BigDecimal share = ratio(part, whole);
		return (share != null) ? share : BigDecimal.ZERO;
	}

	private static Money money(ResultSet rs, String column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		return (value != null) ? Money.of(value.setScale(2, RoundingMode.UNNECESSARY)) : Money.ZERO;
	}

	/**
	 * The SQL expression that puts an open item {@code age} days after its invoice date
	 * in its band of {@link #ISSUE_BUCKETS}.
	 */
	static String issueBucketOf(String age) {
		int[] lastDays = { 30, 60, 90, 120 };
		StringBuilder sql = new StringBuilder("CASE");
		for (int band = 0; band < lastDays.length; band++) {
			sql.append(" WHEN ")
				.append(age)
				.append(" <= ")
				.append(lastDays[band])
				.append(" THEN '")
				.append(ISSUE_BUCKETS[band])
				.append('\'');
		}
		return sql.append(" ELSE '").append(ISSUE_BUCKETS[lastDays.length]).append("' END").toString();
	}

	private static String agingColumns() {
		StringBuilder sql = new StringBuilder();
		for (int band = 0; band < AgingBucket.BUCKETS.length; band++) {
			sql.append(column("due", band, AgingBucket.BUCKETS[band]));
		}
		for (int band = 0; band < ISSUE_BUCKETS.length; band++) {
			sql.append(column("issue", band, ISSUE_BUCKETS[band]));
		}
		return sql.toString();
	}

	private static String column(String kind, int band, String label) {
		return ", COUNT(*) FILTER (WHERE o." + kind + "_bucket = '" + label + "') AS " + kind + "_count_" + band
				+ ", COALESCE(SUM(o.outstanding) FILTER (WHERE o." + kind + "_bucket = '" + label + "'), 0) AS " + kind
				+ "_amount_" + band;
	}

}
