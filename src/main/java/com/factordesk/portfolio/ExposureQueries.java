package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.factordesk.approval.CreditPolicy;
import com.factordesk.shared.Money;
import com.factordesk.shared.ReportingDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exposure and concentration as of the end of a day (DESIGN section 5), from the approval
 * feature's {@code exposure_on(d, zone)}: outstanding advances on funded invoices open at
 * d plus approvals awaiting funding at the end of d; the whole book today from the
 * exposure rows, which hold the present. One statement groups the scope's (client,
 * debtor) exposure by debtor, client, grade (the debtor's score in force on d), industry
 * and country; the largest debtors and clients get their limits, their exposure across
 * the whole book and their share of each client's book. The cross-aged debtors apply the
 * workbench's rule ({@code debtor_cross_aging} with the policy's share) and the watchlist
 * is the workbench's {@code debtor_watchlist}.
 */
@Service
@Transactional(transactionManager = ReportingDatabase.TRANSACTIONS, readOnly = true)
public class ExposureQueries {

	/**
	 * Within this share of a limit (and not over it) a limit is near: the watchlist's 10
	 * %.
	 */
	static final BigDecimal NEAR = new BigDecimal("0.90");

	/** As many rows as an export can hold: every debtor and client of the scope. */
	static final int ALL = Integer.MAX_VALUE;

	/**
	 * The ranked debtors and clients of the scope, over its rows per debtor
	 * ({@code debtor_row}) and per client ({@code client_row}): a top-N, not every row
	 * sorted. Shared by {@link #EXPOSURE} and {@link #EXPOSURE_TODAY}.
	 */
	private static final String RANKED = """
			), top_debtor AS MATERIALIZED (
			    SELECT r.*, ROW_NUMBER() OVER (ORDER BY r.exposure DESC, r.debtor_id) AS rank
			    FROM (SELECT * FROM debtor_row ORDER BY exposure DESC, debtor_id LIMIT :topDebtors) r
			), top_client AS MATERIALIZED (
			    SELECT r.*, ROW_NUMBER() OVER (ORDER BY r.exposure DESC, r.client_id) AS rank
			    FROM (SELECT * FROM client_row ORDER BY exposure DESC, client_id LIMIT :topClients) r
			""";

	/** The debtors' rows grouped by grade (on the day), industry and country. */
	private static final String GROUPED = """
			), debtor_grade AS MATERIALIZED (
			    SELECT x.debtor_id, s.grade
			    FROM debtor_row x
			    LEFT JOIN LATERAL debtor_score_on(x.debtor_id, CAST(:asOf AS date)) s ON TRUE
			), grouped AS (
			    SELECT GROUPING(g.grade, d.industry, d.country) AS g, g.grade, d.industry, d.country,
			           SUM(r.funded) AS funded, SUM(r.reserved) AS reserved, SUM(r.exposure) AS exposure, COUNT(*) AS debtors
			    FROM debtor_row r JOIN debtor d ON d.id = r.debtor_id JOIN debtor_grade g ON g.debtor_id = r.debtor_id
			    GROUP BY GROUPING SETS ((g.grade), (d.industry), (d.country))
			""";

	/** The total row, first of the families picked. */
	private static final String TOTAL = """
			    SELECT 'total' AS family, 1 AS rank, CAST(NULL AS bigint) AS client_id, CAST(NULL AS bigint) AS debtor_id,
			           CAST(NULL AS varchar) AS grade, CAST(NULL AS varchar) AS industry, CAST(NULL AS varchar) AS country,
			           t.funded, t.reserved, t.exposure, CAST(NULL AS bigint) AS debtors, CAST(NULL AS bigint) AS clients
			    FROM total t
			    UNION ALL
			""";

	/** The grade, industry and country rows, last of the families picked. */
	private static final String GROUPS = """
			    UNION ALL
			    SELECT CASE r.g WHEN 3 THEN 'grade' WHEN 5 THEN 'industry' ELSE 'country' END,
			           ROW_NUMBER() OVER (PARTITION BY r.g ORDER BY r.exposure DESC, r.grade, r.industry, r.country),
			           NULL, NULL, r.grade, r.industry, r.country, r.funded, r.reserved, r.exposure, r.debtors, NULL
			    FROM grouped r
			""";

	/**
	 * The rows picked, with their names, limits and books: the client's exposure from the
	 * scope's client rows ({@code client_book} when the scope is one debtor), the ranked
	 * debtors' books and open face ({@code debtor_book}).
	 */
	private static final String ROWS = """
			SELECT r.family, r.rank, c.ref AS client_ref, c.legal_name AS client_name, d.ref AS debtor_ref,
			       d.name AS debtor_name, CASE WHEN r.family = 'debtor' THEN dg.grade ELSE r.grade END AS grade,
			       r.industry, r.country, r.funded, r.reserved, r.exposure, r.debtors,
			       r.clients, (SELECT t.exposure FROM total t) AS scope_total,
			       CASE WHEN r.family IN ('pair', 'client')
			            THEN CASE WHEN CAST(:debtorId AS bigint) IS NULL THEN COALESCE(cr.exposure, 0) ELSE cb.exposure END
			       END AS client_exposure,
			       db.exposure AS debtor_exposure,
			       db.open_face, d.credit_limit,
			       CASE WHEN d.insurer_limit_expires_on >= CAST(:asOf AS date) THEN d.insurer_limit END AS insurer_limit,
			       f.facility_limit
			FROM picked r
			LEFT JOIN client c ON c.id = r.client_id AND r.family IN ('pair', 'client')
			LEFT JOIN debtor d ON d.id = r.debtor_id AND r.family IN ('pair', 'debtor')
			LEFT JOIN client_row cr ON cr.client_id = r.client_id AND r.family IN ('pair', 'client')
			LEFT JOIN client_book cb ON cb.client_id = r.client_id AND r.family IN ('pair', 'client')
			LEFT JOIN debtor_book db ON db.debtor_id = r.debtor_id AND r.family = 'debtor'
			LEFT JOIN debtor_grade dg ON dg.debtor_id = r.debtor_id AND r.family = 'debtor'
			LEFT JOIN facility_terms f ON f.client_id = r.client_id AND r.family = 'client'
			ORDER BY r.family, r.rank
			""";

	/**
	 * One row per family member: {@code total}, {@code debtor} (ranked), {@code client}
	 * (ranked), {@code pair} (the clients of the ranked debtors), {@code grade},
	 * {@code industry}, {@code country}. The scope's (client, debtor) pairs are summed
	 * once per debtor and once per client (a pair is unique, so a debtor's clients are
	 * its pairs); grade, industry and country group the debtors' rows; only the ranked
	 * debtors and clients are sorted (a top-N), not every row of every family.
	 */
	private static final String EXPOSURE = """
			WITH pair AS MATERIALIZED (
			    SELECT e.client_id, e.debtor_id, SUM(e.funded) AS funded, SUM(e.reserved) AS reserved
			    FROM exposure_on(CAST(:asOf AS date), CAST(:zone AS text)) e
			    WHERE %s
			    GROUP BY e.client_id, e.debtor_id
			    HAVING SUM(e.funded) + SUM(e.reserved) > 0
			), debtor_row AS MATERIALIZED (
			    -- pairs are unique: a debtor's clients are its pairs, a client's debtors its pairs
			    SELECT p.debtor_id, SUM(p.funded) AS funded, SUM(p.reserved) AS reserved, SUM(p.funded + p.reserved) AS exposure,
			           COUNT(*) AS clients
			    FROM pair p GROUP BY p.debtor_id
			), client_row AS MATERIALIZED (
			    SELECT p.client_id, SUM(p.funded) AS funded, SUM(p.reserved) AS reserved, SUM(p.funded + p.reserved) AS exposure,
			           COUNT(*) AS debtors
			    FROM pair p GROUP BY p.client_id
			), total AS MATERIALIZED (
			    SELECT SUM(r.funded) AS funded, SUM(r.reserved) AS reserved, SUM(r.exposure) AS exposure FROM debtor_row r
			{ranked}
			{grouped}
			), picked AS (
			{total}
			    SELECT 'debtor', r.rank, NULL, r.debtor_id, NULL, NULL, NULL, r.funded, r.reserved, r.exposure, 1, r.clients
			    FROM top_debtor r
			    UNION ALL
			    SELECT 'client', r.rank, r.client_id, NULL, NULL, NULL, NULL, r.funded, r.reserved, r.exposure, r.debtors, 1
			    FROM top_client r
			    UNION ALL
			    SELECT 'pair', ROW_NUMBER() OVER (ORDER BY p.funded + p.reserved DESC, p.debtor_id, p.client_id), p.client_id,
			           p.debtor_id, NULL, NULL, NULL, p.funded, p.reserved, p.funded + p.reserved, 1, 1
			    FROM pair p WHERE p.debtor_id IN (SELECT t.debtor_id FROM top_debtor t)
			{groups}
			), client_book AS MATERIALIZED (
			    -- each client's exposure over all its debtors, for the clients of the rows shown: its row of the scope
			    -- unless the scope is one debtor, then from the client's own rows
			    SELECT x.client_id, b.exposure
			    FROM (SELECT DISTINCT client_id FROM picked WHERE family IN ('pair', 'client')) x
			    JOIN LATERAL (SELECT COALESCE(SUM(e.funded + e.reserved), 0) AS exposure
			                  FROM exposure_on(CAST(:asOf AS date), CAST(:zone AS text)) e
			                  WHERE e.client_id = x.client_id) b ON TRUE
			    WHERE CAST(:debtorId AS bigint) IS NOT NULL
			), debtor_book AS MATERIALIZED (
			    -- each ranked debtor's exposure over all its clients (what its credit limit caps): its row of the scope
			    -- unless the scope is one client; and its open face (what its insurer limit caps)
			    SELECT x.debtor_id, COALESCE(x.debtor_total, b.exposure) AS exposure, o.open_face
			    FROM (SELECT debtor_id, CASE WHEN CAST(:clientId AS bigint) IS NULL THEN exposure END AS debtor_total
			          FROM picked WHERE family = 'debtor') x
			    LEFT JOIN LATERAL (SELECT COALESCE(SUM(e.funded + e.reserved), 0) AS exposure
			                       FROM exposure_on(CAST(:asOf AS date), CAST(:zone AS text)) e
			                       WHERE e.debtor_id = x.debtor_id AND x.debtor_total IS NULL) b ON TRUE
			    JOIN LATERAL (SELECT COALESCE(SUM(o.outstanding), 0) AS open_face
			                  FROM open_receivable(CAST(:asOf AS date)) o
			                  WHERE o.debtor_id = x.debtor_id) o ON TRUE
			)
			{rows}

			"""
		.replace("{ranked}", RANKED)
		.replace("{grouped}", GROUPED)
		.replace("{total}", TOTAL)
		.replace("{groups}", GROUPS)
		.replace("{rows}", ROWS)
		.formatted(PortfolioScope.condition("e.client_id", "e.debtor_id"));

	/**
	 * {@link #EXPOSURE} for the whole book today, from the exposure rows the engine keeps
	 * (DESIGN section 5: today from the exposure rows): each debtor's and each client's
	 * exposure is its row ({@code debtor_exposure_now}, {@code facility_exposure_now}),
	 * so the book's open invoices are not read at all; only the ranked debtors' pairs and
	 * the ranked clients' debtors are summed from {@code exposure_on}, through the
	 * indexes by debtor and by client. The same rows as {@link #EXPOSURE} for today
	 * (ExposureQueriesIntegrationTests compares them).
	 */
	private static final String EXPOSURE_TODAY = """
			WITH debtor_row AS MATERIALIZED (
			    SELECT e.debtor_id, e.funded, e.reserved, e.funded + e.reserved AS exposure
			    FROM debtor_exposure_now e
			    WHERE e.funded + e.reserved > 0
			), client_row AS MATERIALIZED (
			    SELECT e.client_id, e.funded, e.reserved, e.funded + e.reserved AS exposure
			    FROM facility_exposure_now e
			    WHERE e.funded + e.reserved > 0
			), total AS MATERIALIZED (
			    SELECT SUM(r.funded) AS funded, SUM(r.reserved) AS reserved, SUM(r.exposure) AS exposure FROM debtor_row r
			{ranked}
			), pair AS MATERIALIZED (
			    -- the ranked debtors' pairs: their clients and each one's share of that client's book
			    SELECT p.client_id, t.debtor_id, p.funded, p.reserved
			    FROM top_debtor t
			    CROSS JOIN LATERAL (SELECT e.client_id, SUM(e.funded) AS funded, SUM(e.reserved) AS reserved
			                        FROM exposure_on(CAST(:asOf AS date), CAST(:zone AS text)) e
			                        WHERE e.debtor_id = t.debtor_id
			                        GROUP BY e.client_id
			                        HAVING SUM(e.funded) + SUM(e.reserved) > 0) p
			), client_debtors AS MATERIALIZED (
			    -- the ranked clients' debtors with exposure
			    SELECT t.client_id, p.debtors
			    FROM top_client t
			    CROSS JOIN LATERAL (SELECT COUNT(*) AS debtors
			                        FROM (SELECT e.debtor_id
			                              FROM exposure_on(CAST(:asOf AS date), CAST(:zone AS text)) e
			                              WHERE e.client_id = t.client_id
			                              GROUP BY e.debtor_id
			                              HAVING SUM(e.funded) + SUM(e.reserved) > 0) x) p
			{grouped}
			), picked AS (
			{total}
			    SELECT 'debtor', r.rank, NULL, r.debtor_id, NULL, NULL, NULL, r.funded, r.reserved, r.exposure, 1,
			           (SELECT COUNT(*) FROM pair p WHERE p.debtor_id = r.debtor_id)
			    FROM top_debtor r
			    UNION ALL
			    SELECT 'client', r.rank, r.client_id, NULL, NULL, NULL, NULL, r.funded, r.reserved, r.exposure,
			           COALESCE((SELECT c.debtors FROM client_debtors c WHERE c.client_id = r.client_id), 0), 1
			    FROM top_client r
			    UNION ALL
			    SELECT 'pair', ROW_NUMBER() OVER (ORDER BY p.funded + p.reserved DESC, p.debtor_id, p.client_id), p.client_id,
			           p.debtor_id, NULL, NULL, NULL, p.funded, p.reserved, p.funded + p.reserved, 1, 1
			    FROM pair p
			{groups}
			), client_book AS (
			    -- the whole book is never one debtor's
			    SELECT CAST(NULL AS bigint) AS client_id, CAST(NULL AS numeric) AS exposure WHERE FALSE
			), debtor_book AS MATERIALIZED (
			    -- each ranked debtor's open face (what its insurer limit caps)
			    SELECT x.debtor_id, x.exposure, o.open_face
			    FROM picked x
			    JOIN LATERAL (SELECT COALESCE(SUM(o.outstanding), 0) AS open_face
			                  FROM open_receivable(CAST(:asOf AS date)) o
			                  WHERE o.debtor_id = x.debtor_id) o ON TRUE
			    WHERE x.family = 'debtor'
			)
			{rows}
			"""
		.replace("{ranked}", RANKED)
		.replace("{grouped}", GROUPED)
		.replace("{total}", TOTAL)
		.replace("{groups}", GROUPS)
		.replace("{rows}", ROWS);

	private static final String CROSS_AGED = """
			SELECT d.ref, d.name, c.open_amount, c.aged_amount
			FROM debtor_cross_aging(CAST(:asOf AS date), CAST(:share AS numeric)) c
			JOIN debtor d ON d.id = c.debtor_id
			WHERE c.cross_aged
			  AND (CAST(:debtorId AS bigint) IS NULL OR c.debtor_id = :debtorId)
			  AND (CAST(:clientId AS bigint) IS NULL
			       OR EXISTS (SELECT 1 FROM open_receivable(CAST(:asOf AS date)) o
			                  WHERE o.client_id = :clientId AND o.debtor_id = c.debtor_id))
			ORDER BY c.aged_amount / c.open_amount DESC, c.aged_amount DESC, d.ref
			""";

	/**
	 * The scope's watchlist in one statement and one snapshot: every debtor of the scope
	 * when nothing is kept ({@code :kept} null) or the kept list cannot tell what changed
	 * since (V067), else only the debtors changed since it was computed; with the
	 * snapshot read ({@code seen}, null when the transaction wrote) and the debtors
	 * changed, on a first row that stands alone when no debtor is on the list.
	 */
	static final String WATCHLIST = """
			WITH changed AS (
			    SELECT c.debtor_id FROM debtors_changed_since(CAST(:kept AS text)) c
			), isolation AS (
			    -- kept and reused only by a statement that takes its own snapshot (READ COMMITTED: never older
			    -- than the one kept) on the primary (a standby's snapshot lists no running transaction of the
			    -- primary: one still running would look visible), when its transaction wrote nothing
			    SELECT current_setting('transaction_isolation') = 'read committed' AND NOT pg_is_in_recovery()
			               AS own_snapshot
			), seen AS (
			    SELECT CASE WHEN pg_current_xact_id_if_assigned() IS NULL AND i.own_snapshot
			                THEN CAST(pg_current_snapshot() AS text) || '@' || CAST(pg_postmaster_start_time() AS text)
			           END AS seen,
			           CAST(:kept AS text) IS NULL OR NOT i.own_snapshot
			               OR EXISTS (SELECT 1 FROM changed c WHERE c.debtor_id IS NULL) AS everything,
			           ARRAY(SELECT c.debtor_id FROM changed c WHERE c.debtor_id IS NOT NULL) AS changed
			    FROM isolation i
			), scoped AS (
			    -- the scope's debtors with something open on the day: an invoice funded and not closed by then
			    -- (its open AR and its advance's exposure; no balance needed to know it; the open condition as the
			    -- index on the closing day reads it: V041), or an approval that
			    -- reserves exposure (only that branch of exposure_on is read); every one of them, or the changed ones
			    SELECT i.debtor_id FROM invoice i
			    WHERE (SELECT s.everything FROM seen s)
			      AND i.funded_on <= CAST(:asOf AS date) AND COALESCE(i.closed_on, CAST('infinity' AS date)) > CAST(:asOf AS date)
			      AND %1$s
			    UNION
			    SELECT c.debtor_id FROM seen s CROSS JOIN unnest(s.changed) AS c(debtor_id)
			    WHERE NOT s.everything
			      AND EXISTS (SELECT 1 FROM invoice i
			                  WHERE i.debtor_id = c.debtor_id AND i.funded_on <= CAST(:asOf AS date)
			                    AND COALESCE(i.closed_on, CAST('infinity' AS date)) > CAST(:asOf AS date) AND %1$s)
			    UNION
			    SELECT e.debtor_id FROM exposure_on(CAST(:asOf AS date), CAST(:zone AS text)) e
			    WHERE %2$s AND e.reserved > 0
			      AND ((SELECT s.everything FROM seen s) OR e.debtor_id IN (SELECT c.debtor_id FROM changed c))
			)
			SELECT s.seen, s.everything, s.changed, l.*
			FROM seen s
			LEFT JOIN (
			    SELECT d.id, d.ref, d.name, w.grade_fell, w.grade_then, w.grade_now, w.near_limit, w.exposure,
			           w.limit_amount, w.limit_kind, w.paying_later, w.dbt_90, w.dbt_365
			    FROM debtor_watchlist(CAST(:asOf AS date), ARRAY(SELECT debtor_id FROM scoped), CAST(:laterDays AS numeric)) w
			    JOIN debtor d ON d.id = w.debtor_id
			) l ON TRUE
			"""
		.formatted(PortfolioScope.condition("i.client_id", "i.debtor_id"),
				PortfolioScope.condition("e.client_id", "e.debtor_id"));

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CreditPolicy policy;

	private final KeptWatchlists watchlists;

	ExposureQueries(@Qualifier(ReportingDatabase.JDBC) JdbcClient jdbc, Clock clock, CreditPolicy policy,
			KeptWatchlists watchlists) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.policy = policy;
		this.watchlists = watchlists;
	}

	/**
	 * The policy's cross-aging share (0.10 = 10 %), as the workbench's flag applies it.
	 */
	public BigDecimal crossAgingShare() {
		return this.policy.current().crossAgingShare();
	}

	/**
	 * By how many days more than over the year a debtor must have paid beyond terms over
	 * the last 90 days to be on the watchlist for paying later.
	 */
	public int watchlistLaterDays() {
		return this.policy.current().watchlistLaterDays();
	}

	/**
	 * Exposure and concentration for a scope: the largest debtors and clients and every
	 * grade, industry and country, in one statement.
	 * @param scope the scope and day
	 * @param topDebtors how many debtors to rank
	 * @param topClients how many clients to rank
	 * @return the section's figures
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public ExposureView exposure(PortfolioScope scope, int topDebtors, int topClients) {
		List<Row> rows = new ArrayList<>();
		stream(scope, topDebtors, topClients, rows::add);
		Money funded = Money.ZERO;
		Money reserved = Money.ZERO;
		Map<String, List<ExposureView.ClientShare>> shares = new LinkedHashMap<>();
		List<Row> debtorRows = new ArrayList<>();
		List<ExposureView.ClientExposure> clients = new ArrayList<>();
		Map<String, List<ExposureView.GroupExposure>> groups = new LinkedHashMap<>();
		for (String family : List.of("grade", "industry", "country")) {
			groups.put(family, new ArrayList<>());
		}
		for (Row row : rows) {
			switch (row.family()) {
				case "total" -> {
					// the grand total of an empty scope is a row of nulls
					funded = (row.funded() != null) ? row.funded() : Money.ZERO;
					reserved = (row.reserved() != null) ? row.reserved() : Money.ZERO;
				}
				case "pair" ->
					shares.computeIfAbsent(row.debtorRef(), (ref) -> new ArrayList<>()).add(row.clientShare());
				case "debtor" -> debtorRows.add(row);
				case "client" -> clients.add(row.client());
				default -> groups.get(row.family()).add(row.group());
			}
		}
		// each debtor's clients, the largest share of a client's book first
		List<ExposureView.DebtorExposure> debtors = debtorRows.stream()
			.map((row) -> row.debtor(shares.getOrDefault(row.debtorRef(), List.of())
				.stream()
				.sorted(Comparator.comparing(ExposureView.ClientShare::share,
						Comparator.nullsLast(Comparator.reverseOrder())))
				.toList()))
			.toList();
		// grades in their order (A best), the debtors without a score last
		List<ExposureView.GroupExposure> grades = groups.get("grade")
			.stream()
			.sorted(Comparator.comparing(ExposureView.GroupExposure::key,
					Comparator.nullsLast(Comparator.naturalOrder())))
			.toList();
		return new ExposureView(scope.asOf(), funded, reserved, debtors, clients, grades, groups.get("industry"),
				groups.get("country"));
	}

	/**
	 * The rows of the exposure statement, in family and rank order.
	 */
	void stream(PortfolioScope scope, int topDebtors, int topClients, Consumer<Row> row) {
		stream(scope, topDebtors, topClients, readsTheExposureRows(scope), row);
	}

	/**
	 * The rows of the exposure statement, from the exposure rows or computed from the
	 * advances, collections and approvals dated by the scope's day.
	 */
	void stream(PortfolioScope scope, int topDebtors, int topClients, boolean fromExposureRows, Consumer<Row> row) {
		scope.bind(this.jdbc.sql(fromExposureRows ? EXPOSURE_TODAY : EXPOSURE))
			.param("zone", this.clock.getZone().getId())
			.param("topDebtors", topDebtors)
			.param("topClients", topClients)
			.query(ExposureQueries::row)
			.stream()
			.forEach(row);
	}

	/**
	 * Whether a scope's exposure is read from the exposure rows: the whole book, today
	 * (they hold the present; a client's or a debtor's book is read through its indexes).
	 */
	boolean readsTheExposureRows(PortfolioScope scope) {
		return scope.isPortfolio() && scope.asOf().equals(LocalDate.now(this.clock));
	}

	/**
	 * The cross-aged debtors of the scope (a debtor of a client's book is judged on its
	 * open amount across all clients, as the workbench judges it), the most aged first.
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public List<ExposureView.CrossAged> crossAged(PortfolioScope scope) {
		return scope.bind(this.jdbc.sql(CROSS_AGED))
			.param("share", this.policy.current().crossAgingShare())
			.query((rs, row) -> {
				Money open = Money.of(rs.getBigDecimal("open_amount"));
				Money aged = Money.of(rs.getBigDecimal("aged_amount"));
				return new ExposureView.CrossAged(rs.getString("ref"), rs.getString("name"), open, aged,
						share(aged, open));
			})
			.list();
	}

	/**
	 * The debtors of the scope with exposure or open AR at the day that are on the
	 * workbench's watchlist, with why; the largest exposure first.
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public List<ExposureView.Watched> watchlist(PortfolioScope scope) {
		int laterDays = this.policy.current().watchlistLaterDays();
		KeptWatchlists.Key key = new KeptWatchlists.Key(scope.asOf(), scope.clientId(), scope.debtorId(), laterDays);
		Optional<KeptWatchlists.Kept> base = this.watchlists.kept(key);
		Map<Long, ExposureView.Watched> computed = new HashMap<>();
		List<Long> changed = new ArrayList<>();
		String[] seen = new String[1];
		boolean[] everything = new boolean[1];
		boolean[] first = { true };
		scope.bind(this.jdbc.sql(WATCHLIST))
			.param("kept", base.map(KeptWatchlists.Kept::snapshot).orElse(null))
			.param("zone", this.clock.getZone().getId())
			.param("laterDays", laterDays)
			.query((rs) -> {
				if (first[0]) {
					first[0] = false;
					seen[0] = rs.getString("seen");
					everything[0] = rs.getBoolean("everything");
					for (Long id : (Long[]) rs.getArray("changed").getArray()) {
						changed.add(id);
					}
				}
				if (rs.getObject("id") != null) {
					computed.put(rs.getLong("id"),
							new ExposureView.Watched(rs.getString("ref"), rs.getString("name"),
									rs.getBoolean("grade_fell"), rs.getString("grade_then"), rs.getString("grade_now"),
									rs.getBoolean("near_limit"), money(rs, "exposure"), money(rs, "limit_amount"),
									rs.getString("limit_kind"), rs.getBoolean("paying_later"),
									tenth(rs.getBigDecimal("dbt_90")), tenth(rs.getBigDecimal("dbt_365"))));
				}
			});
		return this.watchlists.merge(key, everything[0] ? Optional.empty() : base, changed, computed, seen[0]);
	}

	static BigDecimal share(Money part, Money whole) {
		if (whole == null || !whole.isPositive()) {
			return null;
		}
		return part.amount().divide(whole.amount(), 6, RoundingMode.HALF_EVEN);
	}

	private static BigDecimal tenth(BigDecimal days) {
		return (days != null) ? days.setScale(1, RoundingMode.HALF_EVEN) : null;
	}

	private static Money money(ResultSet rs, String column) throws SQLException {
		BigDecimal amount = rs.getBigDecimal(column);
		return (amount != null) ? Money.of(amount) : null;
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		return new Row(rs.getString("family"), rs.getLong("rank"), rs.getString("client_ref"),
				rs.getString("client_name"), rs.getString("debtor_ref"), rs.getString("debtor_name"),
				rs.getString("grade"), rs.getString("industry"), rs.getString("country"), money(rs, "funded"),
				money(rs, "reserved"), money(rs, "exposure"), rs.getLong("debtors"), rs.getLong("clients"),
				money(rs, "scope_total"), money(rs, "client_exposure"), money(rs, "debtor_exposure"),
				money(rs, "open_face"), money(rs, "credit_limit"), money(rs, "insurer_limit"),
				money(rs, "facility_limit"));
	}

	/**
	 * A row of the exposure statement: a member of a family with its exposure and, as the
	 * family has them, its limits and books.
	 */
	record Row(String family, long rank, String clientRef, String clientName, String debtorRef, String debtorName,
			String grade, String industry, String country, Money funded, Money reserved, Money exposure, long debtors,
			long clients, Money scopeTotal, Money clientExposure, Money debtorExposure, Money openFace,
			Money creditLimit, Money insurerLimit, Money facilityLimit) {

		ExposureView.ClientShare clientShare() {
			return new ExposureView.ClientShare(this.clientRef, this.clientName, this.exposure, this.clientExposure,
					share(this.exposure, this.clientExposure));
		}

		ExposureView.DebtorExposure debtor(List<ExposureView.ClientShare> shares) {
			return new ExposureView.DebtorExposure(this.rank, this.debtorRef, this.debtorName, this.grade, this.clients,
					this.funded, this.reserved, this.exposure, share(this.exposure, this.scopeTotal),
					this.debtorExposure, this.openFace, this.creditLimit, this.insurerLimit, shares);
		}

		ExposureView.ClientExposure client() {
			return new ExposureView.ClientExposure(this.rank, this.clientRef, this.clientName, this.debtors,
					this.funded, this.reserved, this.exposure, share(this.exposure, this.scopeTotal),
					this.clientExposure, this.facilityLimit);
		}

		ExposureView.GroupExposure group() {
			String key = switch (this.family) {
				case "grade" -> this.grade;
				case "industry" -> this.industry;
				default -> this.country;
			};
			return new ExposureView.GroupExposure(key, this.debtors, this.funded, this.reserved, this.exposure,
					share(this.exposure, this.scopeTotal));
		}

	}

}
