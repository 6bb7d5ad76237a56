package com.factordesk.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.factordesk.risk.DebtorRiskInputs.Disputes;
import com.factordesk.risk.DebtorRiskInputs.Payments;

import com.factordesk.risk.internal.PortfolioMeansStore;
import com.factordesk.risk.internal.RiskInputsQuery;
import com.factordesk.risk.internal.RiskScoreStore;
import com.factordesk.risk.internal.ScoringModels;
import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores debtors: all of them at once (set-based: a few SQL aggregates, then the pure
 * {@link RiskScorer}), or one as of any date using only what was known on that date.
 * Stored scores are snapshots a decision can cite.
 * <p>
 * Thin files are shrunk toward the {@link PortfolioMeans} of the date, kept per as-of
 * date and scoring version: a scoring run computes them from the aggregates it reads
 * anyway and stores them; the score of one debtor as of a date reads them, and only for a
 * date nobody computed yet aggregates the portfolio, once, and stores them for the next.
 * Stored means of a past date stay as they were computed (a payment recorded later with
 * an earlier date changes the debtor's own inputs, not the portfolio's means of that
 * date); today's are replaced by every full run.
 */
@Service
public class RiskScoring {

	private static final Logger logger = LoggerFactory.getLogger(RiskScoring.class);

	private final RiskInputsQuery inputs;

	private final RiskScoreStore store;

	private final ScoringModels models;

	private final RiskScorer scorer = new RiskScorer();

	private final PortfolioMeansStore means;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AdvisoryLocks locks;

	private final MeterRegistry meters;

	RiskScoring(RiskInputsQuery inputs, RiskScoreStore store, ScoringModels models, PortfolioMeansStore means,
			JdbcClient jdbc, Clock clock, AdvisoryLocks locks, MeterRegistry meters) {
		this.meters = meters;
		this.inputs = inputs;
		this.means = means;
		this.locks = locks;
		this.store = store;
		this.models = models;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Scores every debtor as of today and stores the snapshots.
	 */
	@Transactional
	public ScoringRun scoreAll(ScoreTrigger trigger) {
		Instant started = this.clock.instant();
		LocalDate today = LocalDate.now(this.clock);
		Map<Long, Scored> scored = assessAndKeepMeans(today, started);
		this.store.saveAll(scored, today, started, trigger);
		ScoringRun run = new ScoringRun(today, scored.size(), Duration.between(started, this.clock.instant()));
		timer(trigger).record(run.elapsed());
		logger.info("Scored {} debtors as of {} in {} ms ({})", run.debtors(), today, run.elapsed().toMillis(),
				trigger);
		return run;
	}

	/**
	 * Re-scores one debtor as of today and stores the snapshot as its current score. Thin
	 * files shrink toward the portfolio means of the latest full scoring run of the model
	 * in force (computed and stored for today when there is none).
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public RiskAssessment rescore(long debtorId, ScoreTrigger trigger) {
		// a publish in progress first: its re-score must not be outdated by one on the
		// old model
		this.locks.lockSharedForTransaction(AdvisoryLocks.Key.SCORING_PUBLICATION);
		// taken before the inputs are read, as a full run does: of two scores, the one
		// that read later wins
		Instant scoredAt = this.clock.instant();
		LocalDate today = LocalDate.now(this.clock);
		ScoringModel model = this.models.current();
		PortfolioMeans portfolio = this.means.latest(today, model.version()).orElseGet(() -> meansOf(today, model));
		DebtorRiskInputs debtorInputs = this.inputs.one(debtorId, today).toInputs(today, portfolio);
		RiskAssessment assessment = this.scorer.score(debtorInputs, model);
		this.store.saveAll(Map.of(debtorId, new Scored(debtorInputs, assessment)), today, scoredAt, trigger);
		return assessment;
	}

	/**
	 * Re-scores many debtors as of today in one pass, as {@link #rescore} would one at a
	 * time (the same inputs, model and portfolio means), their snapshots stored as their
	 * current scores: the inputs of every debtor are read set-based once, which costs
	 * what a full run costs instead of a few milliseconds per debtor. Debtors not known
	 * are left out.
	 * @return how many were re-scored
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public int rescoreMany(Collection<Long> debtorIds, ScoreTrigger trigger) {
		this.locks.lockSharedForTransaction(AdvisoryLocks.Key.SCORING_PUBLICATION);
		long started = System.nanoTime();
		Instant scoredAt = this.clock.instant();
		LocalDate today = LocalDate.now(this.clock);
		ScoringModel model = this.models.current();
		Map<Long, RiskInputsQuery.Facts> all = this.inputs.all(today);
		PortfolioMeans portfolio = this.means.latest(today, model.version())
			.orElseGet(() -> this.means.storeIfAbsent(today, model.version(),
					PortfolioMeans.of(payments(all), disputes(all), model), this.clock.instant()));
		Map<Long, RiskInputsQuery.Facts> wanted = new LinkedHashMap<>();
		for (Long debtorId : debtorIds) {
			RiskInputsQuery.Facts facts = all.get(debtorId);
			if (facts != null) {
				wanted.put(debtorId, facts);
			}
		}
		Map<Long, Scored> scored = assess(wanted, today, portfolio, model);
		this.store.saveAll(scored, today, scoredAt, trigger);
		timer(trigger).record(Duration.ofNanos(System.nanoTime() - started));
		return scored.size();
	}

	/**
	 * The time runs of many debtors take, by what started them, for operators
	 * ({@code factordesk_scoring_seconds} in Prometheus).
	 */
	private Timer timer(ScoreTrigger trigger) {
		return Timer.builder("factordesk.scoring")
			.description("Scoring runs of the whole book or of many debtors at once")
			.tag("trigger", trigger.name())
			.register(this.meters);
	}

	/**
	 * Stores every debtor's score as of the end of each month in the last year, from what
	 * was known then, so that a freshly loaded portfolio has a score history. The current
	 * scores are left as they are.
	 */
	@Transactional
	public void scoreHistory(int months) {
		LocalDate monthStart = LocalDate.now(this.clock).withDayOfMonth(1);
		for (int back = months; back >= 1; back--) {
			LocalDate asOf = monthStart.minusMonths(back - 1).minusDays(1);
			Instant scoredAt = this.clock.instant();
			this.store.saveHistory(assessAndKeepMeans(asOf, scoredAt), asOf, scoredAt, ScoreTrigger.SEED);
		}
	}

	/**
	 * The scores of every debtor as of the end of {@code asOf}, computed and not stored,
	 * with the portfolio means stored for that date (those the score of one debtor as of
	 * it uses), or, for a date nobody computed yet, those of the inputs just read.
	 */
	@Transactional(readOnly = true)
	public Map<Long, RiskAssessment> assessAllAsOf(LocalDate asOf) {
		Map<Long, RiskAssessment> result = new LinkedHashMap<>();
		scoredAllAsOf(asOf).forEach((debtorId, scored) -> result.put(debtorId, scored.assessment()));
		return result;
	}

	/**
	 * Every debtor's scoring inputs and score as of the end of {@code asOf}, computed and
	 * not stored: one load gives both (the backtest's challengers read the raw inputs the
	 * score was computed from).
	 */
	@Transactional(readOnly = true)
	public Map<Long, Scored> scoredAllAsOf(LocalDate asOf) {
		ScoringModel model = this.models.current();
		Map<Long, RiskInputsQuery.Facts> facts = this.inputs.all(asOf);
		PortfolioMeans portfolio = this.means.find(asOf, model.version())
			.orElseGet(() -> PortfolioMeans.of(payments(facts), disputes(facts), model));
		return assess(facts, asOf, portfolio, model);
	}

	/**
	 * One debtor's score as of the end of {@code asOf}, from what was known then: later
	 * invoices, payments, disputes and bureau scores change nothing. Reads the inputs of
	 * this debtor and the stored portfolio means of the date; for a date nobody computed
	 * yet, the means are computed from the whole portfolio once and stored (hence a
	 * writable transaction).
	 */
	@Transactional
	public RiskAssessment assessAsOf(long debtorId, LocalDate asOf) {
		ScoringModel model = this.models.current();
		PortfolioMeans portfolio = this.means.find(asOf, model.version()).orElseGet(() -> meansOf(asOf, model));
		return this.scorer.score(this.inputs.one(debtorId, asOf).toInputs(asOf, portfolio), model);
	}

	/**
	 * A debtor's score as of the end of {@code asOf}, by reference.
	 * @throws NotFoundException when there is no such debtor
	 * @throws BusinessRefusal when {@code asOf} is after today
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER', 'API_READ')")
	@Transactional
	public RiskAssessment assessAsOf(String debtorRef, LocalDate asOf) {
		if (asOf.isAfter(LocalDate.now(this.clock))) {
			throw BusinessRefusal.onField("asOf", "score.asOf.future",
					"A score can be taken as of today at the latest, not " + asOf, asOf);
		}
		long debtorId = this.jdbc.sql("SELECT id FROM debtor WHERE ref = :ref")
			.param("ref", debtorRef)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Debtor", debtorRef));
		return assessAsOf(debtorId, asOf);
	}

	/**
	 * Every debtor's score as of {@code asOf}, with the portfolio means computed from the
	 * same inputs and stored for that date (replacing any stored before).
	 */
	private Map<Long, Scored> assessAndKeepMeans(LocalDate asOf, Instant computedAt) {
		ScoringModel model = this.models.current();
		Map<Long, RiskInputsQuery.Facts> facts = this.inputs.all(asOf);
		PortfolioMeans portfolio = PortfolioMeans.of(payments(facts), disputes(facts), model);
		this.means.replace(asOf, model.version(), portfolio, computedAt);
		return assess(facts, asOf, portfolio, model);
	}

	/**
	 * Scores every debtor, in parallel (the scorer is a pure function, so each score is
	 * the same whichever thread computes it), keeping the order of {@code facts}.
	 */
	private Map<Long, Scored> assess(Map<Long, RiskInputsQuery.Facts> facts, LocalDate asOf, PortfolioMeans portfolio,
			ScoringModel model) {
		List<Map.Entry<Long, RiskInputsQuery.Facts>> debtors = List.copyOf(facts.entrySet());
		Scored[] scores = new Scored[debtors.size()];
		IntStream.range(0, scores.length).parallel().forEach((i) -> {
			DebtorRiskInputs debtorInputs = debtors.get(i).getValue().toInputs(asOf, portfolio);
			scores[i] = new Scored(debtorInputs, this.scorer.score(debtorInputs, model));
		});
		Map<Long, Scored> scored = new LinkedHashMap<>();
		for (int i = 0; i < scores.length; i++) {
			scored.put(debtors.get(i).getKey(), scores[i]);
		}
		return scored;
	}

	/**
	 * The portfolio means of a date nobody computed yet: one aggregate of the whole
	 * portfolio, stored for the next request (unless a concurrent one stored them first).
	 */
	private PortfolioMeans meansOf(LocalDate asOf, ScoringModel model) {
		Map<Long, RiskInputsQuery.Facts> facts = this.inputs.all(asOf);
		logger.debug("Computing the portfolio means as of {} for scoring version {}", asOf, model.version());
		return this.means.storeIfAbsent(asOf, model.version(),
				PortfolioMeans.of(payments(facts), disputes(facts), model), this.clock.instant());
	}

	private static List<Payments> payments(Map<Long, RiskInputsQuery.Facts> facts) {
		return facts.values().stream().map(RiskInputsQuery.Facts::payments).toList();
	}

	private static List<Disputes> disputes(Map<Long, RiskInputsQuery.Facts> facts) {
		return facts.values().stream().map(RiskInputsQuery.Facts::disputes).toList();
	}

	/**
	 * A full scoring run.
	 */
	public record ScoringRun(LocalDate asOf, int debtors, Duration elapsed) {

		public long debtorsPerSecond() {
			return this.debtors * 1000L / Math.max(1, this.elapsed.toMillis());
		}

	}

	public record Scored(DebtorRiskInputs inputs, RiskAssessment assessment) {
	}

}
