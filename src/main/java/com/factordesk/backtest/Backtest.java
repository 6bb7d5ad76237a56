package com.factordesk.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.factordesk.backtest.BacktestReport.GradeOutcome;
import com.factordesk.backtest.BacktestReport.Interval;
import com.factordesk.backtest.BacktestReport.Ranked;
import com.factordesk.backtest.BacktestReport.RocCurve;
import com.factordesk.backtest.BacktestReport.Separation;
import com.factordesk.backtest.BacktestStatistics.Judged;
import com.factordesk.backtest.BacktestStatistics.Ranking;
import com.factordesk.risk.DebtorRiskInputs;
import com.factordesk.risk.Grade;
import com.factordesk.risk.RiskScoring;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.ReportingDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Backtests the score against two challengers (DESIGN.md section 2b): for the invoices
 * issued in a period whose outcome has matured, the score their debtor had when each was
 * issued, against whether it was paid late and 30 or more days late.
 * <p>
 * <b>Which invoices</b>: issued in the period (of the client, when one is given), whose
 * due date + 30 days is on or before the as-of date (today): by then the outcome is known
 * for both measures. Late = paid after the due date, or unpaid on the as-of date; 30+
 * days late = paid 30 or more days after the due date, or unpaid. An invoice settled by
 * credit notes alone is left out (dilution says nothing of when a debtor pays). Days
 * beyond terms: to the last payment, early payment counting as 0; for an unpaid invoice
 * to the as-of date.
 * <p>
 * <b>The score when issued</b> is the debtor's as-of score at the end of the month before
 * the issue month: the score the desk had on file then, computed from what was known on
 * that date only.
 * <p>
 * <b>The challengers</b>, on the same invoices and the same scoring date: the debtor's
 * prior share of invoices paid late (from its scoring inputs; with no invoices paid, the
 * portfolio's share on that date), and a logistic regression on the raw scoring inputs
 * ({@link RawInputs}), one for late and one for 30+ days late, fitted on older invoices:
 * those of the whole book issued in the {@value #FIT_MONTHS} months up to the scoring
 * date of the period's first day whose outcome had matured by that date, each with its
 * outcome as known then. Nothing the regression learns comes from after the date the
 * period's first invoices were scored on.
 * <p>
 * <b>Intervals</b>: percentile bootstrap 95 % intervals of each AUC, the same
 * {@value BacktestStatistics#RESAMPLES} resamples of the judged invoices for every
 * ranking, with a fixed seed.
 */
@Service
public class Backtest {

	/** How many months of older invoices the regression challenger is fitted on. */
	static final int FIT_MONTHS = 12;

	/** How many scoring dates are scored at once. */
	static final int CONCURRENT_DATES = 2;

	private static final String OUTCOMES = """
			SELECT i.debtor_id, i.issue_date, i.amount,
			       CASE WHEN i.outstanding <= 0
			            THEN GREATEST(0, i.last_collected_on - i.due_date)
			            ELSE CAST(:asOf AS date) - i.due_date END AS days_beyond
			FROM invoice_balance(CAST(:asOf AS date)) i
			JOIN client cl ON cl.id = i.client_id
			WHERE i.issue_date BETWEEN :from AND :to
			  AND (CAST(:clientRef AS text) IS NULL OR cl.ref = :clientRef)
			  AND i.due_date + 30 <= CAST(:asOf AS date)
			  AND (i.outstanding > 0 OR i.last_collected_on IS NOT NULL)
			""";

	private final RiskScoring scoring;

	private final JdbcClient jdbc;

	private final Clock clock;

	Backtest(RiskScoring scoring, @Qualifier(ReportingDatabase.JDBC) JdbcClient jdbc, Clock clock) {
		this.scoring = scoring;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Backtests the score on the invoices issued from {@code from} to {@code to}.
	 * @param clientRef a client's reference (exactly as stored, e.g. {@code C0001}), or
	 * {@code null} for the whole book
	 * @throws BusinessRefusal when the period is reversed or ends after today
	 * @throws NotFoundException when there is no client with that reference
	 */
	@PreAuthorize("hasAnyRole('MANAGER', 'ADMIN', 'API_READ')")
	@Transactional(transactionManager = ReportingDatabase.TRANSACTIONS, readOnly = true)
	public BacktestReport run(LocalDate from, LocalDate to, String clientRef) {
		long started = System.nanoTime();
		LocalDate today = LocalDate.now(this.clock);
		if (from.isAfter(to)) {
			throw BusinessRefusal.onField("from", "backtest.period.reversed",
					"The period starts after it ends: " + from + " > " + to, from, to);
		}
		if (to.isAfter(today)) {
			throw BusinessRefusal.onField("to", "backtest.period.future", "The period ends after today (" + today + ")",
					to, today);
		}
		if (clientRef != null && this.jdbc.sql("SELECT COUNT(*) FROM client WHERE ref = :ref")
			.param("ref", clientRef)
			.query(Long.class)
			.single() == 0) {
			throw new NotFoundException("Client", clientRef);
		}
		List<Row> judged = outcomes(from, to, clientRef, today);
		LocalDate fitAsOf = scoringDate(from);
		List<Row> fitting = judged.isEmpty() ? List.of()
				: outcomes(fitAsOf.plusDays(1).minusMonths(FIT_MONTHS), fitAsOf, null, fitAsOf);
		readScores(judged, fitting);

		int n = judged.size();
		boolean[] late = new boolean[n];
		boolean[] late30 = new boolean[n];
		double[] scoreRisk = new double[n];
		double[] priorShare = new double[n];
		for (int i = 0; i < n; i++) {
			Row row = judged.get(i);
			late[i] = row.daysBeyond > 0;
			late30[i] = row.daysBeyond >= 30;
			scoreRisk[i] = -row.score.doubleValue();
			priorShare[i] = row.priorLateShare;
		}
		Ranking score = Ranking.of(scoreRisk);
		Ranking prior = Ranking.of(priorShare);
		Ranking regressionLate = regression(fitting, judged, (row) -> row.daysBeyond > 0);
		Ranking regressionLate30 = regression(fitting, judged, (row) -> row.daysBeyond >= 30);

		Judged scoreLate = new Judged(score, late);
		Judged scoreLate30 = new Judged(score, late30);
		Judged priorLate = new Judged(prior, late);
		Judged priorLate30 = new Judged(prior, late30);
		Judged regressionJudgedLate = (regressionLate != null) ? new Judged(regressionLate, late) : null;
		Judged regressionJudgedLate30 = (regressionLate30 != null) ? new Judged(regressionLate30, late30) : null;
		List<Judged> toBootstrap = Stream
			.of(scoreLate, scoreLate30, priorLate, priorLate30, regressionJudgedLate, regressionJudgedLate30)
			.filter(Objects::nonNull)
			.toList();
		Map<Judged, Interval> intervals = new IdentityHashMap<>();
		if (n > 0) {
			List<Interval> bootstrapped = BacktestStatistics.bootstrap(toBootstrap, n, BacktestStatistics.RESAMPLES,
					BacktestStatistics.SEED);
			for (int j = 0; j < toBootstrap.size(); j++) {
				intervals.put(toBootstrap.get(j), bootstrapped.get(j));
			}
		}

		List<RocCurve> curves = new ArrayList<>();
		Ranked scoreRanked = ranked(BacktestReport.SCORE, scoreLate, scoreLate30, intervals, curves);
		List<Ranked> challengers = List.of(
				ranked(BacktestReport.PRIOR_LATE_SHARE, priorLate, priorLate30, intervals, curves),
				ranked(BacktestReport.LOGISTIC_REGRESSION, regressionJudgedLate, regressionJudgedLate30, intervals,
						curves));
		long lateCount = count(late);
		long late30Count = count(late30);
		return new BacktestReport(from, to, clientRef, today, n, share(lateCount, n), share(late30Count, n),
				scoreRanked, challengers, grades(judged), curves, Duration.ofNanos(System.nanoTime() - started));
	}

	private static Ranked ranked(String name, Judged late, Judged late30, Map<Judged, Interval> intervals,
			List<RocCurve> curves) {
		Separation lateSeparation = Separation.NONE;
		Separation late30Separation = Separation.NONE;
		if (late != null) {
			lateSeparation = late.ranking().separation(late.bad());
			curves.add(new RocCurve(name, "late", late.ranking().roc(late.bad())));
		}
		if (late30 != null) {
			late30Separation = late30.ranking().separation(late30.bad());
			curves.add(new RocCurve(name, "late30", late30.ranking().roc(late30.bad())));
		}
		return new Ranked(name, lateSeparation, (lateSeparation.auc() != null) ? intervals.get(late) : null,
				late30Separation, (late30Separation.auc() != null) ? intervals.get(late30) : null);
	}

	/**
	 * The score on file when an invoice is issued: as of the end of the month before.
	 */
	static LocalDate scoringDate(LocalDate issued) {
		return issued.withDayOfMonth(1).minusDays(1);
	}

	private List<Row> outcomes(LocalDate from, LocalDate to, String clientRef, LocalDate asOf) {
		return this.jdbc.sql(OUTCOMES)
			.param("from", from)
			.param("to", to)
			.param("asOf", asOf)
			.param("clientRef", clientRef)
			.query((rs, rowNum) -> new Row(rs.getLong("debtor_id"),
					scoringDate(rs.getObject("issue_date", LocalDate.class)), rs.getBigDecimal("amount"),
					rs.getInt("days_beyond")))
			.list();
	}

	/**
	 * Reads every debtor's score and inputs once per scoring date into the rows scored on
	 * that date. The dates are scored {@value #CONCURRENT_DATES} at a time (while one
	 * date's inputs are aggregated in the database, another's are scored), and at most
	 * that many dates' inputs are held at once; each row gets the same figures whichever
	 * thread scored its date.
	 */
	private void readScores(List<Row> judged, List<Row> fitting) {
		Map<LocalDate, List<Row>> byDate = new TreeMap<>();
		for (List<Row> rows : List.of(judged, fitting)) {
			for (Row row : rows) {
				byDate.computeIfAbsent(row.scoredOn, (date) -> new ArrayList<>()).add(row);
			}
		}
		ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT_DATES, (task) -> {
			Thread thread = new Thread(task, "backtest-scoring");
			thread.setDaemon(true);
			return thread;
		});
		try {
			Deque<Map.Entry<Future<Map<Long, RiskScoring.Scored>>, List<Row>>> pending = new ArrayDeque<>();
			for (Map.Entry<LocalDate, List<Row>> date : byDate.entrySet()) {
				pending
					.add(Map.entry(threads.submit(() -> this.scoring.scoredAllAsOf(date.getKey())), date.getValue()));
				if (pending.size() == CONCURRENT_DATES) {
					Map.Entry<Future<Map<Long, RiskScoring.Scored>>, List<Row>> next = pending.remove();
					readScores(next.getValue(), completed(next.getKey()));
				}
			}
			while (!pending.isEmpty()) {
				Map.Entry<Future<Map<Long, RiskScoring.Scored>>, List<Row>> next = pending.remove();
				readScores(next.getValue(), completed(next.getKey()));
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static <T> T completed(Future<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while scoring for the backtest", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("Scoring for the backtest failed", ex.getCause());
		}
	}

	/**
	 * Gives the rows scored on one date their debtor's score and inputs as of that date.
	 */
	private static void readScores(List<Row> rows, Map<Long, RiskScoring.Scored> scored) {
		long paid = 0;
		double paidLate = 0;
		for (RiskScoring.Scored debtor : scored.values()) {
			DebtorRiskInputs.Payments payments = debtor.inputs().payments();
			paid += payments.paidCount();
			paidLate += payments.paidCount() * payments.lateShare().doubleValue();
		}
		double portfolioLateShare = (paid == 0) ? 0 : paidLate / paid;
		for (Row row : rows) {
			RiskScoring.Scored debtor = scored.get(row.debtorId);
			if (debtor == null) {
				throw new IllegalStateException("No score for debtor " + row.debtorId + " as of " + row.scoredOn);
			}
			DebtorRiskInputs.Payments payments = debtor.inputs().payments();
			row.score = debtor.assessment().score();
			row.grade = debtor.assessment().grade();
			row.priorLateShare = (payments.paidCount() > 0) ? payments.lateShare().doubleValue() : portfolioLateShare;
			row.raw = RawInputs.of(debtor.inputs(), debtor.assessment());
		}
	}

	/**
	 * The judged invoices ranked by a regression fitted on the fitting ones; {@code null}
	 * when the fitting invoices do not have both outcomes.
	 */
	private static Ranking regression(List<Row> fitting, List<Row> judged, Predicate<Row> isBad) {
		boolean[] bad = new boolean[fitting.size()];
		long badCount = 0;
		for (int i = 0; i < bad.length; i++) {
			bad[i] = isBad.test(fitting.get(i));
			badCount += bad[i] ? 1 : 0;
		}
		if (badCount == 0 || badCount == bad.length) {
			return null;
		}
		double[] means = RawInputs.means(fitting.stream().map((row) -> row.raw).toArray(double[][]::new));
		double[][] x = new double[fitting.size()][];
		for (int i = 0; i < x.length; i++) {
			x[i] = RawInputs.complete(fitting.get(i).raw, means);
		}
		LogisticRegression model = LogisticRegression.fit(x, bad);
		double[] risk = new double[judged.size()];
		for (int i = 0; i < risk.length; i++) {
			risk[i] = model.logOdds(RawInputs.complete(judged.get(i).raw, means));
		}
		return Ranking.of(risk);
	}

	private static List<GradeOutcome> grades(List<Row> judged) {
		Map<Grade, GradeTally> tallies = new EnumMap<>(Grade.class);
		for (Grade grade : Grade.values()) {
			tallies.put(grade, new GradeTally(grade));
		}
		for (Row row : judged) {
			tallies.get(row.grade).add(row.amount, row.daysBeyond);
		}
		return tallies.values().stream().map(GradeTally::outcome).toList();
	}

	private static long count(boolean[] flags) {
		long count = 0;
		for (boolean flag : flags) {
			count += flag ? 1 : 0;
		}
		return count;
	}

	private static BigDecimal share(long part, long whole) {
		if (whole == 0) {
			return BigDecimal.ZERO.setScale(4);
		}
		return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
	}

	/**
	 * One invoice with a known outcome, and what its debtor looked like when it was
	 * scored.
	 */
	private static final class Row {

		final long debtorId;

		final LocalDate scoredOn;

		final BigDecimal amount;

		final int daysBeyond;

		BigDecimal score;

		Grade grade;

		double priorLateShare;

		double[] raw;

		Row(long debtorId, LocalDate scoredOn, BigDecimal amount, int daysBeyond) {
			this.debtorId = debtorId;
			this.scoredOn = scoredOn;
			this.amount = amount;
			this.daysBeyond = daysBeyond;
		}

	}

}
