package com.factordesk.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import com.factordesk.risk.internal.RiskInputsQuery;
import com.factordesk.risk.internal.RiskScoreStore;
import com.factordesk.risk.internal.ScoringModels;
import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;
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
 */
@Service
public class RiskScoring {

	private static final Logger logger = LoggerFactory.getLogger(RiskScoring.class);

	private final RiskInputsQuery inputs;

	private final RiskScoreStore store;

	private final ScoringModels models;

	private final RiskScorer scorer = new RiskScorer();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AdvisoryLocks locks;

	RiskScoring(RiskInputsQuery inputs, RiskScoreStore store, ScoringModels models, JdbcClient jdbc, Clock clock,
			AdvisoryLocks locks) {
		this.inputs = inputs;
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
		Map<Long, Scored> scored = assessAll(today);
		this.store.saveAll(scored, today, started, trigger);
		ScoringRun run = new ScoringRun(today, scored.size(), Duration.between(started, this.clock.instant()));
		logger.info("Scored {} debtors as of {} in {} ms ({})", run.debtors(), today, run.elapsed().toMillis(),
				trigger);
		return run;
	}

	/**
	 * Re-scores one debtor as of today and stores the snapshot as its current score. Thin
	 * files shrink toward the portfolio mean of the latest full scoring run.
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
		DebtorRiskInputs debtorInputs = this.inputs.one(debtorId, today)
			.toInputs(today, this.store.latestPortfolioMean().orElse(ScoringModels.NEUTRAL_MEAN));
		RiskAssessment assessment = this.scorer.score(debtorInputs, model);
		this.store.saveAll(Map.of(debtorId, new Scored(debtorInputs, assessment)), today, scoredAt, trigger);
		return assessment;
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
			this.store.saveHistory(assessAll(asOf), asOf, this.clock.instant(), ScoreTrigger.SEED);
		}
	}

	/**
	 * The scores of every debtor as of the end of {@code asOf}, computed and not stored.
	 */
	@Transactional(readOnly = true)
	public Map<Long, RiskAssessment> assessAllAsOf(LocalDate asOf) {
		Map<Long, RiskAssessment> result = new LinkedHashMap<>();
		assessAll(asOf).forEach((debtorId, scored) -> result.put(debtorId, scored.assessment()));
		return result;
	}

	/**
	 * The inputs and scores of every debtor as of the end of {@code asOf}, computed and
	 * not stored: what calibration re-scores with candidate models.
	 */
	@Transactional(readOnly = true)
	public Map<Long, Scored> scoredAllAsOf(LocalDate asOf) {
		return assessAll(asOf);
	}

	/**
	 * One debtor's score as of the end of {@code asOf}, from what was known then: later
	 * invoices, payments, disputes and bureau scores change nothing.
	 */
	@Transactional(readOnly = true)
	public RiskAssessment assessAsOf(long debtorId, LocalDate asOf) {
		ScoringModel model = this.models.current();
		BigDecimal mean = portfolioMean(this.inputs.all(asOf), asOf, model);
		return this.scorer.score(this.inputs.one(debtorId, asOf).toInputs(asOf, mean), model);
	}

	/**
	 * A debtor's score as of the end of {@code asOf}, by reference.
	 * @throws NotFoundException when there is no such debtor
	 * @throws BusinessRefusal when {@code asOf} is after today
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER', 'API_READ')")
	@Transactional(readOnly = true)
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

	private Map<Long, Scored> assessAll(LocalDate asOf) {
		ScoringModel model = this.models.current();
		Map<Long, RiskInputsQuery.Facts> facts = this.inputs.all(asOf);
		BigDecimal mean = portfolioMean(facts, asOf, model);
		Map<Long, Scored> scored = new LinkedHashMap<>();
		facts.forEach((debtorId, fact) -> {
			DebtorRiskInputs debtorInputs = fact.toInputs(asOf, mean);
			scored.put(debtorId, new Scored(debtorInputs, this.scorer.score(debtorInputs, model)));
		});
		return scored;
	}

	/**
	 * The mean payment behaviour sub-score of the debtors who paid invoices, each on its
	 * own history alone.
	 */
	private BigDecimal portfolioMean(Map<Long, RiskInputsQuery.Facts> facts, LocalDate asOf, ScoringModel model) {
		ScoringModel own = ScoringModels.withoutShrinkage(model);
		BigDecimal sum = BigDecimal.ZERO;
		int count = 0;
		for (RiskInputsQuery.Facts fact : facts.values()) {
			if (fact.payments().paidCount() > 0) {
				RiskAssessment assessment = this.scorer.score(fact.toInputs(asOf, ScoringModels.NEUTRAL_MEAN), own);
				sum = sum.add(assessment.component(Component.PAYMENT_BEHAVIOUR).subScore());
				count++;
			}
		}
		return (count == 0) ? ScoringModels.NEUTRAL_MEAN
				: sum.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN);
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
