package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.factordesk.shared.Money;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The headline figures of a scope month by month: as of the 11 month ends before its day
 * and as of the day itself (DESIGN section 5, "trends month by month over 12 months").
 * <p>
 * A month end before today is stored once computed ({@code portfolio_trend_snapshot},
 * V038) and served from there until a change dated on or before it arrives in its scope:
 * triggers on the invoices, allocations, credit notes, disputes, advances and settlements
 * record the earliest day each statement touched, with the transaction that wrote it, and
 * a stored month end is stale when such a change is one its computation could not see
 * (not in the PostgreSQL snapshot taken before its figures were read). The day itself,
 * and a month end that is today or later, are computed each time: their day is not over.
 */
@Service
@Transactional
public class PortfolioTrends {

	/** The number of points of a trend: 12 months. */
	public static final int MONTHS = 12;

	/**
	 * The version of the figures' definitions the stored month ends were computed with:
	 * raise it when a formula of {@link PortfolioFigures#headline} changes, and the
	 * stored month ends of the earlier version are recomputed.
	 */
	static final int VERSION = 1;

	private static final String STORED = """
			SELECT s.*
			FROM portfolio_trend_snapshot s
			WHERE s.client_id = :client AND s.debtor_id = :debtor AND s.month_end IN (:days)
			  AND s.version = :version
			  AND NOT EXISTS (%s)
			""".formatted(stale("s", "month_end"));

	private static final String STORE = """
			INSERT INTO portfolio_trend_snapshot (month_end, client_id, debtor_id, version, computed_in, computed_after,
			    open_ar, current_ar, sales_90, dso_90, dso_countback, best_possible_dso, average_days_delinquent,
			    collection_effectiveness_index, days_beyond_terms, at_risk_rate, dilution_rate)
			VALUES (:day, :client, :debtor, :version, pg_current_xact_id(), CAST(:seen AS pg_snapshot),
			    :openAr, :currentAr, :sales90, :dso90, :dsoCountback, :bestPossibleDso, :averageDaysDelinquent,
			    :cei, :daysBeyondTerms, :atRiskRate, :dilutionRate)
			ON CONFLICT (client_id, debtor_id, month_end) DO UPDATE SET version = EXCLUDED.version,
			    computed_in = EXCLUDED.computed_in, computed_after = EXCLUDED.computed_after, computed_at = now(),
			    open_ar = EXCLUDED.open_ar, current_ar = EXCLUDED.current_ar, sales_90 = EXCLUDED.sales_90,
			    dso_90 = EXCLUDED.dso_90, dso_countback = EXCLUDED.dso_countback,
			    best_possible_dso = EXCLUDED.best_possible_dso,
			    average_days_delinquent = EXCLUDED.average_days_delinquent,
			    collection_effectiveness_index = EXCLUDED.collection_effectiveness_index,
			    days_beyond_terms = EXCLUDED.days_beyond_terms, at_risk_rate = EXCLUDED.at_risk_rate,
			    dilution_rate = EXCLUDED.dilution_rate
			""";

	/**
	 * Whether a scope's open AR at a day is stored and right (V065).
	 */
	private static final String START_STORED = """
			SELECT COUNT(*) FROM portfolio_open_ar_snapshot o
			WHERE o.client_id = :client AND o.debtor_id = :debtor AND o.day = :day AND o.version = :version
			  AND NOT EXISTS (%s)
			""".formatted(stale("o", "day"));

	private static final String START_STORE = """
			INSERT INTO portfolio_open_ar_snapshot (day, client_id, debtor_id, version, computed_in, computed_after,
			    open_ar)
			SELECT :day, :client, :debtor, :version, pg_current_xact_id(), CAST(:seen AS pg_snapshot),
			       COALESCE(SUM(o.outstanding), 0)
			FROM open_receivable(:day) o
			WHERE %s
			ON CONFLICT (client_id, debtor_id, day) DO UPDATE SET version = EXCLUDED.version,
			    computed_in = EXCLUDED.computed_in, computed_after = EXCLUDED.computed_after, computed_at = now(),
			    open_ar = EXCLUDED.open_ar
			""".formatted(PortfolioScope.condition("o.client_id", "o.debtor_id"));

	private static final String CLEAN_UP = """
			WITH month_ends AS (
			    DELETE FROM portfolio_trend_snapshot s WHERE s.version <> :version OR EXISTS (%s) RETURNING 1
			), starts AS (
			    DELETE FROM portfolio_open_ar_snapshot o WHERE o.version <> :version OR EXISTS (%s) RETURNING 1
			), changes AS (
			    DELETE FROM portfolio_book_change RETURNING 1
			)
			SELECT (SELECT COUNT(*) FROM month_ends) + (SELECT COUNT(*) FROM starts) AS stale,
			       (SELECT COUNT(*) FROM changes) AS changes
			""".formatted(stale("s", "month_end"), stale("o", "day"));

	private final PortfolioFigures figures;

	private final JdbcClient jdbc;

	private final Clock clock;

	PortfolioTrends(PortfolioFigures figures, JdbcClient jdbc, Clock clock) {
		this.figures = figures;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The 12 month ends up to a day: the last days of the 11 months before the day's
	 * month, and the day itself.
	 * @param day the last point
	 * @return the days, oldest first
	 */
	public static List<LocalDate> points(LocalDate day) {
		List<LocalDate> points = new ArrayList<>();
		YearMonth month = YearMonth.from(day);
		for (int back = MONTHS - 1; back > 0; back--) {
			points.add(month.minusMonths(back).atEndOfMonth());
		}
		points.add(day);
		return points;
	}

	/**
	 * The headline figures of a scope as of each of the 12 points up to its day, from the
	 * stored month ends where they are still right, computed (and stored) otherwise.
	 * @param scope the scope and its day
	 * @return the figures, oldest first
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public Trend trend(PortfolioScope scope) {
		return trend(scope, null);
	}

	/**
	 * The trend of a scope whose figures as of its day the caller has just read (the
	 * dashboard's figures section): the last point is those figures, not read again.
	 * @param scope the scope and its day
	 * @param onTheDay the headline figures as of the scope's day, or {@code null}
	 * @return the figures, oldest first
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public Trend trend(PortfolioScope scope, Headline onTheDay) {
		if (onTheDay != null && !onTheDay.asOf().equals(scope.asOf())) {
			throw new IllegalArgumentException("The figures of " + onTheDay.asOf()
					+ " are not the last point of a trend" + " up to " + scope.asOf());
		}
		return read(scope, points(scope.asOf()), onTheDay, start(scope.asOf()));
	}

	/**
	 * The day whose open AR the figures of a day's default window start from (the
	 * collection effectiveness index's AR at start), kept with the trend.
	 */
	static LocalDate start(LocalDate day) {
		return day.minusDays(PortfolioFigures.DEFAULT_WINDOW);
	}

	/**
	 * Keeps the whole book's trend ready for the dashboard: computes and stores, in the
	 * background, the portfolio's month ends of the 11 months before today's that are not
	 * stored or are stale (a late or back-dated change arrived), so that the page reads
	 * them stored. On a book of 1,000,000 invoices each month end is a few seconds of one
	 * core (README, Benchmarks); once a month, and after a back-dated change, the first
	 * page view would otherwise wait for them. One instance at a time (ShedLock).
	 */
	@Scheduled(initialDelayString = "${factordesk.portfolio.trends-refresh-delay:PT1M}",
			fixedDelayString = "${factordesk.portfolio.trends-refresh-every:PT10M}")
	@SchedulerLock(name = "portfolio-trends-refresh")
	public void refresh() {
		refreshBook();
	}

	/**
	 * What {@link #refresh()} does, now.
	 * @return how many of the book's month ends were computed (not stored, or stale)
	 */
	public int refreshBook() {
		List<LocalDate> monthEnds = points(today()).subList(0, MONTHS - 1);
		Trend trend = read(PortfolioScope.portfolio(today()), monthEnds, null, start(today()));
		return monthEnds.size() - trend.fromStore();
	}

	private Trend read(PortfolioScope scope, List<LocalDate> points, Headline onTheDay, LocalDate start) {
		boolean store = !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
		String seen = null;
		if (store) {
			// held until commit: the hourly clean-up waits for this computation to be
			// stored
			this.jdbc.sql("LOCK TABLE portfolio_trend_snapshot, portfolio_open_ar_snapshot IN ROW EXCLUSIVE MODE")
				.update();
			seen = this.jdbc.sql("SELECT CAST(pg_current_snapshot() AS text)").query(String.class).single();
			keepStart(scope, start, seen);
		}
		List<LocalDate> storable = points.stream().filter((day) -> storable(day, today())).toList();
		Map<LocalDate, Headline> stored = storable.isEmpty() ? Map.of()
				: this.jdbc.sql(STORED)
					.param("client", key(scope.clientId()))
					.param("debtor", key(scope.debtorId()))
					.param("days", storable)
					.param("version", VERSION)
					.query(PortfolioTrends::headline)
					.list()
					.stream()
					.collect(Collectors.toMap(Headline::asOf, Function.identity()));
		List<Headline> headlines = new ArrayList<>();
		int fromStore = 0;
		for (LocalDate day : points) {
			Headline headline;
			if (onTheDay != null && day.equals(scope.asOf())) {
				// read before this transaction's snapshot was taken: not stored
				headline = onTheDay;
			}
			else if (stored.containsKey(day)) {
				headline = stored.get(day);
				fromStore++;
			}
			else {
				headline = this.figures.headline(scope.on(day));
				if (store && storable(day, today())) {
					store(scope, headline, seen);
				}
			}
			headlines.add(headline);
		}
		return new Trend(scope, headlines, fromStore);
	}

	/**
	 * Stores a scope's open AR at the start of its default window when it is a past day
	 * and not stored right already: the figures read it from there (V065).
	 */
	private void keepStart(PortfolioScope scope, LocalDate start, String seen) {
		if (!start.isBefore(today())) {
			return;
		}
		Long stored = this.jdbc.sql(START_STORED)
			.param("client", key(scope.clientId()))
			.param("debtor", key(scope.debtorId()))
			.param("day", start)
			.param("version", VERSION)
			.query(Long.class)
			.single();
		if (stored == 0) {
			scope.on(start)
				.bind(this.jdbc.sql(START_STORE))
				.param("day", start)
				.param("client", key(scope.clientId()))
				.param("debtor", key(scope.debtorId()))
				.param("version", VERSION)
				.param("seen", seen)
				.update();
		}
	}

	/**
	 * Removes the stored month ends and window starts that are stale and the recorded
	 * changes that none needs any more. It locks the stored month ends and window starts
	 * against computations in flight (each holds ROW EXCLUSIVE from before its snapshot
	 * until it commits), so a change is removed only once every stored figure that could
	 * miss it is gone.
	 * @return the stale month ends and window starts, and the changes removed
	 */
	@Scheduled(cron = "0 17 * * * *")
	@SchedulerLock(name = "portfolio-trends-cleanup")
	public int[] cleanUp() {
		this.jdbc.sql("LOCK TABLE portfolio_trend_snapshot, portfolio_open_ar_snapshot IN SHARE ROW EXCLUSIVE MODE")
			.update();
		// one statement, one snapshot taken after the lock: a change committed meanwhile
		// is
		// neither deleted nor missed by the stale rows' test (each statement of its own
		// would see it in the last delete only)
		Map<String, Object> removed = this.jdbc.sql(CLEAN_UP).param("version", VERSION).query().singleRow();
		int stale = ((Number) removed.get("stale")).intValue();
		int changes = ((Number) removed.get("changes")).intValue();
		return new int[] { stale, changes };
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private void store(PortfolioScope scope, Headline headline, String seen) {
		this.jdbc.sql(STORE)
			.param("day", headline.asOf())
			.param("client", key(scope.clientId()))
			.param("debtor", key(scope.debtorId()))
			.param("version", VERSION)
			.param("seen", seen)
			.param("openAr", headline.openAr().amount())
			.param("currentAr", headline.currentAr().amount())
			.param("sales90", headline.sales90().amount())
			.param("dso90", headline.dso90())
			.param("dsoCountback", headline.dsoCountback())
			.param("bestPossibleDso", headline.bestPossibleDso())
			.param("averageDaysDelinquent", headline.averageDaysDelinquent())
			.param("cei", headline.collectionEffectivenessIndex())
			.param("daysBeyondTerms", headline.daysBeyondTerms())
			.param("atRiskRate", headline.atRiskRate())
			.param("dilutionRate", headline.dilutionRate())
			.update();
	}

	/**
	 * A month end before today: its day is over, so only a late or back-dated change can
	 * move its figures.
	 */
	static boolean storable(LocalDate day, LocalDate today) {
		return day.isBefore(today) && day.equals(YearMonth.from(day).atEndOfMonth());
	}

	/**
	 * The condition that a stored month end or window start (alias {@code s}, its day in
	 * column {@code day}) is stale: a change on or before it, in its scope, that its
	 * computation could not see (written after its snapshot, or by the transaction that
	 * stored it, whose own writes the snapshot cannot order).
	 */
	static String stale(String s, String day) {
		return """
				SELECT 1 FROM portfolio_book_change c
				WHERE c.earliest_day <= {s}.{day}
				  AND ({s}.client_id = 0 OR c.client_id IS NULL OR c.client_id = {s}.client_id)
				  AND ({s}.debtor_id = 0 OR c.debtor_id IS NULL OR c.debtor_id = {s}.debtor_id)
				  AND (c.changed_in = {s}.computed_in OR NOT pg_visible_in_snapshot(c.changed_in, {s}.computed_after))
				""".replace("{s}", s).replace("{day}", day);
	}

	private static long key(Long id) {
		return (id != null) ? id : 0L;
	}

	private static Headline headline(ResultSet rs, int row) throws SQLException {
		return new Headline(rs.getObject("month_end", LocalDate.class), Money.of(rs.getBigDecimal("open_ar")),
				Money.of(rs.getBigDecimal("current_ar")), Money.of(rs.getBigDecimal("sales_90")),
				rs.getBigDecimal("dso_90"), rs.getBigDecimal("dso_countback"), rs.getBigDecimal("best_possible_dso"),
				rs.getBigDecimal("average_days_delinquent"), rs.getBigDecimal("collection_effectiveness_index"),
				rs.getBigDecimal("days_beyond_terms"), rs.getBigDecimal("at_risk_rate"),
				rs.getBigDecimal("dilution_rate"));
	}

	/**
	 * A scope's headline figures at the 12 points up to its day.
	 *
	 * @param scope the scope and its day
	 * @param points the figures, oldest first; the last is as of the scope's day
	 * @param fromStore how many of them came from stored month ends
	 */
	public record Trend(PortfolioScope scope, List<Headline> points, int fromStore) {

		/**
		 * @return the days of the points, oldest first
		 */
		public List<LocalDate> days() {
			return this.points.stream().map(Headline::asOf).toList();
		}

		/**
		 * @return the charts of the trends section, each with the table beside it: open
		 * AR, the DSO family, the collection effectiveness index, days beyond terms, and
		 * the at-risk and dilution rates
		 */
		public List<Chart> charts() {
			return List.of(
					chart("ar", Unit.MONEY,
							Map.of("openAr", (h) -> h.openAr().amount(), "currentAr", (h) -> h.currentAr().amount()),
							"openAr", "currentAr"),
					chart("dso", Unit.DAYS,
							Map.of("dso90", Headline::dso90, "dsoCountback", Headline::dsoCountback, "bestPossibleDso",
									Headline::bestPossibleDso, "averageDaysDelinquent",
									Headline::averageDaysDelinquent),
							"dso90", "dsoCountback", "bestPossibleDso", "averageDaysDelinquent"),
					chart("cei", Unit.PERCENT,
							Map.of("collectionEffectivenessIndex", Headline::collectionEffectivenessIndex),
							"collectionEffectivenessIndex"),
					chart("dbt", Unit.DAYS, Map.of("daysBeyondTerms", Headline::daysBeyondTerms), "daysBeyondTerms"),
					chart("rates", Unit.FRACTION,
							Map.of("atRiskRate", Headline::atRiskRate, "dilutionRate", Headline::dilutionRate),
							"atRiskRate", "dilutionRate"));
		}

		private Chart chart(String id, Unit unit, Map<String, Function<Headline, BigDecimal>> figures,
				String... order) {
			List<Series> series = new ArrayList<>();
			for (String figure : order) {
				series.add(new Series(figure, this.points.stream().map(figures.get(figure)).toList()));
			}
			return new Chart(id, unit, series);
		}

	}

	/**
	 * One chart of the trends and the table beside it.
	 *
	 * @param id its id on the page ({@code trend-<id>} and {@code trend-<id>-table})
	 * @param unit what its values are
	 * @param series one line per figure
	 */
	public record Chart(String id, Unit unit, List<Series> series) {

		/**
		 * @return the values as the chart plots them: a fraction as a percentage
		 */
		public List<List<BigDecimal>> plotted() {
			return this.series.stream()
				.map((line) -> line.values()
					.stream()
					.map((value) -> (value != null && this.unit == Unit.FRACTION) ? value.movePointRight(2) : value)
					.toList())
				.toList();
		}

	}

	/**
	 * One figure's values, oldest first ({@code null} where it has no denominator).
	 *
	 * @param figure its name, e.g. {@code dso90}
	 * @param values its values
	 */
	public record Series(String figure, List<BigDecimal> values) {

	}

	/** How a chart's values read. */
	public enum Unit {

		/** An amount. */
		MONEY,
		/** A number of days. */
		DAYS,
		/** A figure already in percent (the CEI). */
		PERCENT,
		/** A share, as a fraction. */
		FRACTION

	}

}
