package com.factordesk.risk.calibration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;

import com.factordesk.risk.Component;
import com.factordesk.risk.ComponentScore;
import com.factordesk.risk.DebtorRiskInputs;
import com.factordesk.risk.Grade;
import com.factordesk.risk.PiecewiseLinearCurve;
import com.factordesk.risk.RiskAssessment;
import com.factordesk.risk.RiskScorer;
import com.factordesk.risk.ScoringAdministration;
import com.factordesk.risk.ScoringDraft;
import com.factordesk.risk.ScoringModel;
import com.factordesk.risk.internal.ScoringModels;
import com.factordesk.shared.BusinessRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Calibrates the scoring model on the desk's own history (DESIGN section 2b) and saves
 * the result as a draft scoring version, which scores nobody until an admin publishes it.
 * <p>
 * Fit on the matured invoices issued 24 to 7 months before this month, judge on those
 * issued 6 to 1 months before (an invoice has matured when its due date + 30 days is on
 * or before today). Each invoice carries the score its debtor had at the end of the month
 * before it was issued, from what was known then, and whether it was paid 30+ days late.
 * The blend weights are fitted to maximise the AUC for 30+ days late on the fit window
 * ({@link BlendFit}); then the payment blend and the knots of the days-beyond-terms and
 * dispute-rate curves (kept falling, within 0-100), each kept only when it raises the AUC
 * on the judge window too. Those two searches re-score the samples for every candidate:
 * when that would take longer than the time left, they run on a random share of the fit
 * samples (at 1,000,000 invoices). Grade cut-offs, the bureau scales and the other rules
 * stay as they are.
 * <p>
 * The admin page starts a calibration in the background ({@link #start}) and follows it
 * ({@link #latestRun}): at 1,000,000 invoices it takes minutes, longer than a request
 * should. One runs at a time across every instance.
 */
@Service
public class ScoringCalibration {

	/**
	 * The name of the one thread calibrations run on.
	 */
	public static final String EXECUTOR = "calibrationExecutor";

	/**
	 * Why a run failed when it broke on something unexpected (logged).
	 */
	static final String BROKEN = "calibration.failed";

	/**
	 * Why a run failed when another version was published while it ran.
	 */
	static final String STALE = "calibration.stale";

	/**
	 * Why a run failed when its instance stopped before it finished.
	 */
	static final String INTERRUPTED = "calibration.interrupted";

	/**
	 * Longer than any calibration takes (about 2 minutes at 1,000,000 invoices): a run
	 * still running after it was left by an instance that stopped.
	 */
	static final Duration LONGEST_RUN = Duration.ofMinutes(30);

	private static final Logger logger = LoggerFactory.getLogger(ScoringCalibration.class);

	static final int FIT_FROM_MONTHS = 24;

	static final int FIT_TO_MONTHS = 7;

	static final int JUDGE_FROM_MONTHS = 6;

	static final int JUDGE_TO_MONTHS = 1;

	/**
	 * The longest the payment blend search or the curve search may take, estimated from
	 * one re-scoring of the fit samples before it starts; past it the search runs on a
	 * random share of the fit samples that keeps within it.
	 */
	static final Duration CURVE_BUDGET = Duration.ofSeconds(90);

	/**
	 * The longest a whole calibration should take: the two searches share what the
	 * samples and the weights left of it (at 1,000,000 invoices scoring the month-ends
	 * takes most of it).
	 */
	static final Duration CALIBRATION_BUDGET = Duration.ofSeconds(150);

	/**
	 * The smallest share of the fit samples a search runs on; below it the search is
	 * skipped.
	 */
	static final double SMALLEST_SHARE = 0.02;

	private static final long SUBSAMPLE_SEED = 20_261_125L;

	/**
	 * The most re-scorings one curve search may do: knots x 2 directions x 3 step sizes x
	 * {@link #CURVE_PASSES} passes.
	 */
	private static final int CURVE_PASSES = 2;

	private final ScoringModels models;

	private final ScoringAdministration administration;

	private final CalibrationSamples samples;

	private final RiskScorer scorer = new RiskScorer();

	private final Clock clock;

	private final CalibrationRuns runs;

	private final Executor executor;

	ScoringCalibration(ScoringModels models, ScoringAdministration administration, CalibrationSamples samples,
			Clock clock, CalibrationRuns runs, @Qualifier(EXECUTOR) Executor executor) {
		this.models = models;
		this.administration = administration;
		this.samples = samples;
		this.clock = clock;
		this.runs = runs;
		this.executor = executor;
	}

	/**
	 * Starts a calibration in the background, as {@link #calibrate} does it, and returns
	 * at once; {@link #latestRun} follows it. The run saves the draft as the admin who
	 * started it.
	 * @param basedOnVersion the version in force the admin saw
	 * @return the run, running
	 * @throws OptimisticLockingFailureException when another version was published since
	 * @throws BusinessRefusal when {@code basedOnVersion} was never a version, or another
	 * calibration is running
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public CalibrationRun start(int basedOnVersion, String actor) {
		requireInForce(basedOnVersion);
		Instant now = this.clock.instant();
		this.runs.interruptStartedBefore(now.minus(LONGEST_RUN), now);
		long id;
		try {
			id = this.runs.start(basedOnVersion, actor, now);
		}
		catch (DuplicateKeyException ex) {
			throw BusinessRefusal.of("calibration.running",
					"A calibration is running already: its draft shows on the scoring page when it is done");
		}
		this.executor.execute(new DelegatingSecurityContextRunnable(() -> run(id, basedOnVersion, actor),
				SecurityContextHolder.getContext()));
		return this.runs.latest().orElseThrow();
	}

	/**
	 * The latest calibration run, running or finished, if any.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public Optional<CalibrationRun> latestRun() {
		return this.runs.latest();
	}

	private void run(long id, int basedOnVersion, String actor) {
		try {
			ScoringDraft draft = calibrate(basedOnVersion, actor);
			this.runs.done(id, draft.revision(), this.clock.instant());
		}
		catch (BusinessRefusal ex) {
			logger.info("Calibration run {} refused: {}", id, ex.getMessage());
			this.runs.failed(id, ex.getCode(), this.clock.instant());
		}
		catch (OptimisticLockingFailureException ex) {
			logger.info("Calibration run {} outdated: {}", id, ex.getMessage());
			this.runs.failed(id, STALE, this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.error("Calibration run {} failed", id, ex);
			this.runs.failed(id, BROKEN, this.clock.instant());
		}
	}

	/**
	 * Fits a model to the history and saves it as the draft, in place of the open one.
	 * @param basedOnVersion the version in force the admin saw
	 * @return the draft as saved
	 * @throws OptimisticLockingFailureException when another version was published since
	 * @throws BusinessRefusal when {@code basedOnVersion} was never a version
	 * @throws BusinessRefusal when the fit window has no 30+ days late or no other
	 * matured invoice to learn from
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public ScoringDraft calibrate(int basedOnVersion, String actor) {
		requireInForce(basedOnVersion);
		Instant started = this.clock.instant();
		Fit fit = fit(LocalDate.now(this.clock));
		// a version published while it fitted: the draft would be compared with the wrong
		// one
		requireInForce(basedOnVersion);
		ScoringDraft.FitReport report = new ScoringDraft.FitReport(fit.fitFrom(), fit.fitTo(), fit.judgeFrom(),
				fit.judgeTo(), fit.fitInvoices(), fit.fitLate30(), fit.judgeInvoices(), fit.judgeLate30(),
				fit.activeFitAuc30(), fit.draftFitAuc30(), fit.activeJudgeAuc30(), fit.draftJudgeAuc30(),
				Duration.between(started, this.clock.instant()).toMillis(), fit.judgeGrades());
		ScoringDraft draft = this.administration.saveDraft(fit.model(), ScoringDraft.CALIBRATION, report, actor);
		logger.info("Calibrated scoring draft {}: weights {} / {} / {}, AUC30 on the judge window {} (in force {})",
				draft.revision(), fit.model().weights().paymentBehaviour(), fit.model().weights().bureau(),
				fit.model().weights().disputes(), fit.draftJudgeAuc30(), fit.activeJudgeAuc30());
		return draft;
	}

	/**
	 * @throws BusinessRefusal when {@code basedOnVersion} was never a version
	 * @throws OptimisticLockingFailureException when a later version is in force
	 */
	private void requireInForce(int basedOnVersion) {
		int inForce = this.models.current().version();
		if (basedOnVersion < 1 || basedOnVersion > inForce) {
			throw BusinessRefusal.onField("basedOnVersion", "calibration.version.unknown",
					"There is no scoring version " + basedOnVersion + " to calibrate from: version " + inForce
							+ " is in force",
					basedOnVersion, inForce);
		}
		if (inForce != basedOnVersion) {
			throw new OptimisticLockingFailureException("Scoring version " + inForce + " was published since version "
					+ basedOnVersion + " was shown: calibrate from the page again");
		}
	}

	/**
	 * The calibrated model and what it measured, saved nowhere.
	 */
	Fit fit(LocalDate today) {
		long fitStarted = System.nanoTime();
		YearMonth month = YearMonth.from(today);
		LocalDate fitFrom = month.minusMonths(FIT_FROM_MONTHS).atDay(1);
		LocalDate fitTo = month.minusMonths(FIT_TO_MONTHS).atEndOfMonth();
		LocalDate judgeFrom = month.minusMonths(JUDGE_FROM_MONTHS).atDay(1);
		LocalDate judgeTo = month.minusMonths(JUDGE_TO_MONTHS).atEndOfMonth();
		ScoringModel active = this.models.current();
		double neutral = active.bureauDecay().neutralScore().doubleValue();

		List<Sample> fitSamples = new ArrayList<>();
		List<Sample> judgeSamples = new ArrayList<>();
		this.samples.scored(fitFrom, judgeTo, today, (outcome, debtor) -> {
			Sample sample = sample(debtor.inputs(), debtor.assessment(), active, outcome);
			(outcome.issueMonth().isAfter(fitTo) ? judgeSamples : fitSamples).add(sample);
		});
		long fitLate30 = fitSamples.stream().mapToLong((sample) -> sample.group().late()).sum();
		long fitInvoices = fitLate30 + fitSamples.stream().mapToLong((sample) -> sample.group().onTime()).sum();
		if (fitLate30 == 0 || fitLate30 == fitInvoices) {
			throw BusinessRefusal.of("calibration.noHistory",
					"Nothing to calibrate on: of the " + fitInvoices + " matured invoices issued from " + fitFrom
							+ " to " + fitTo + ", " + fitLate30 + " were 30+ days late; calibration needs both",
					fitInvoices, fitFrom, fitTo, fitLate30);
		}

		List<BlendFit.Group> groups = fitSamples.stream().map(Sample::group).toList();
		BlendFit.Hundredths weights = BlendFit.fit(groups, BlendFit.Hundredths.of(active.weights()), neutral);
		ScoringModel draft = with(active, weights.toWeights(), active.adbtCurve(), active.disputeRateCurve());
		ScoringModel blended = fitPaymentBlend(draft, fitSamples, searchBudget(fitStarted, 2));
		if (blended != draft) {
			double withBlend = objective(judgeSamples, blended);
			double weightsOnly = objective(judgeSamples, draft);
			logger.info("Calibration: payment blend {} / {} / {} gives AUC30 {} on the judge window, {} without: {}",
					blended.paymentBlend().adbt(), blended.paymentBlend().onTime(), blended.paymentBlend().openItems(),
					withBlend, weightsOnly, (withBlend > weightsOnly) ? "kept" : "left as it was");
			if (withBlend > weightsOnly) {
				draft = blended;
			}
		}
		ScoringModel curved = fitCurves(draft, fitSamples, searchBudget(fitStarted, 1));
		if (curved != draft) {
			double withCurves = objective(judgeSamples, curved);
			double weightsOnly = objective(judgeSamples, draft);
			logger.info(
					"Calibration: weights {} / {} / {} give AUC30 {} on the judge window, with the fitted"
							+ " curves {}: the curves are {}",
					weights.paymentBehaviour(), weights.bureau(), weights.disputes(), weightsOnly, withCurves,
					(withCurves > weightsOnly) ? "kept" : "left as they were");
			if (withCurves > weightsOnly) {
				draft = curved;
			}
		}

		long judgeLate30 = judgeSamples.stream().mapToLong((sample) -> sample.group().late()).sum();
		long judgeInvoices = judgeLate30 + judgeSamples.stream().mapToLong((sample) -> sample.group().onTime()).sum();
		int[] draftJudgeBins = bins(judgeSamples, draft);
		logger.info("Calibration on the judge window: AUC late {} and 30+ {} in force, {} and {} with the draft",
				aucLate(judgeSamples, activeBins(judgeSamples)), activeAuc(judgeSamples),
				aucLate(judgeSamples, draftJudgeBins), auc(judgeSamples, draftJudgeBins));
		return new Fit(draft, fitFrom, fitTo, judgeFrom, judgeTo, fitInvoices, fitLate30, judgeInvoices, judgeLate30,
				rounded(activeAuc(fitSamples)), rounded(auc(fitSamples, draft)), rounded(activeAuc(judgeSamples)),
				rounded(auc(judgeSamples, draftJudgeBins)), grades(judgeSamples, draftJudgeBins));
	}

	/**
	 * The payment behaviour blend (days beyond terms, share paid on time, open items, in
	 * hundredths adding up to 1, some weight on the history) fitted on the fit samples
	 * with the draft's weights and curves, climbing from the blend in force; the draft
	 * itself when no blend ranks better (or the budget leaves no time for a search).
	 */
	private ScoringModel fitPaymentBlend(ScoringModel draft, List<Sample> allFitSamples, Duration budget) {
		// about 6 neighbours a move, a few moves per step size
		List<Sample> fitSamples = withinBudget("Payment blend", allFitSamples, draft, 6L * 5 * 3, budget);
		if (fitSamples.isEmpty()) {
			return draft;
		}
		double base = objective(fitSamples, draft);
		ScoringModel.PaymentBlend inForce = draft.paymentBlend();
		BlendFit.Hundredths start = new BlendFit.Hundredths(hundredths(inForce.adbt()), hundredths(inForce.onTime()),
				hundredths(inForce.openItems()));
		Map<BlendFit.Hundredths, Double> seen = new HashMap<>();
		BlendFit.Hundredths best = BlendFit.climb(start,
				(candidate) -> seen.computeIfAbsent(candidate, (key) -> (key.paymentBehaviour() + key.bureau() == 0)
						? Double.NEGATIVE_INFINITY : objective(fitSamples, withBlend(draft, blend(key)))));
		ScoringModel fitted = withBlend(draft, blend(best));
		return (best.equals(start) || objective(fitSamples, fitted) <= base) ? draft : fitted;
	}

	/**
	 * What one search may take: its share of what is left of {@link #CALIBRATION_BUDGET}
	 * since {@code fitStarted}, {@code searchesLeft} searches sharing it, and at most
	 * {@link #CURVE_BUDGET}.
	 */
	private static Duration searchBudget(long fitStarted, int searchesLeft) {
		Duration left = CALIBRATION_BUDGET.minusNanos(System.nanoTime() - fitStarted);
		Duration share = left.isNegative() ? Duration.ZERO : left.dividedBy(searchesLeft);
		return (share.compareTo(CURVE_BUDGET) < 0) ? share : CURVE_BUDGET;
	}

	/**
	 * The fit samples a search of about {@code rescorings} re-scorings can run on within
	 * {@code budget}, timed by one re-scoring of them all: all of them when they fit,
	 * else a random share (the same on every run: a fixed seed over the samples in their
	 * order), none when that share would be under {@link #SMALLEST_SHARE}.
	 */
	private List<Sample> withinBudget(String search, List<Sample> samples, ScoringModel model, long rescorings,
			Duration budget) {
		long started = System.nanoTime();
		objective(samples, model);
		Duration estimate = Duration.ofNanos(System.nanoTime() - started).multipliedBy(rescorings);
		if (estimate.compareTo(budget) <= 0) {
			return samples;
		}
		double share = (double) budget.toNanos() / estimate.toNanos();
		if (share < SMALLEST_SHARE) {
			logger.info("{} not calibrated: about {} s of re-scoring, {} s left", search, estimate.toSeconds(),
					budget.toSeconds());
			return List.of();
		}
		SplittableRandom random = new SplittableRandom(SUBSAMPLE_SEED);
		List<Sample> subset = samples.stream().filter((sample) -> random.nextDouble() < share).toList();
		logger.info("{} calibrated on {} of {} fit samples: about {} s of re-scoring them all, {} s allowed", search,
				subset.size(), samples.size(), estimate.toSeconds(), budget.toSeconds());
		return subset;
	}

	/**
	 * A payment blend from hundredths in the order days beyond terms, on time, open
	 * items.
	 */
	private static ScoringModel.PaymentBlend blend(BlendFit.Hundredths hundredths) {
		return new ScoringModel.PaymentBlend(BigDecimal.valueOf(hundredths.paymentBehaviour(), 2),
				BigDecimal.valueOf(hundredths.bureau(), 2), BigDecimal.valueOf(hundredths.disputes(), 2));
	}

	private static int hundredths(BigDecimal fraction) {
		return fraction.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
	}

	private static ScoringModel withBlend(ScoringModel model, ScoringModel.PaymentBlend blend) {
		return new ScoringModel(0, model.weights(), blend, model.adbtCurve(), model.disputeRateCurve(),
				model.credibilityK(), model.disputeCredibilityK(), model.trend(), model.bureauDecay(),
				model.pastDueCap(), model.bureauScales());
	}

	/**
	 * The days-beyond-terms curve's and then the dispute-rate curve's knots fitted on the
	 * fit samples with the draft's weights; the draft itself when no curve ranks better,
	 * a curve does not fall from left to right, or the budget leaves no time for a
	 * search.
	 */
	private ScoringModel fitCurves(ScoringModel draft, List<Sample> allFitSamples, Duration budget) {
		int knots = draft.adbtCurve().points().size() + draft.disputeRateCurve().points().size();
		List<Sample> fitSamples = withinBudget("Curves", allFitSamples, draft, (long) knots * 2 * 3 * CURVE_PASSES,
				budget);
		if (fitSamples.isEmpty()) {
			return draft;
		}
		double base = objective(fitSamples, draft);
		ScoringModel model = draft;
		ScoringModel current = model;
		double[] adbt = ys(current.adbtCurve());
		if (BlendFit.nonIncreasing(adbt)) {
			double[] fitted = BlendFit.monotoneKnots(adbt, (ys) -> objective(fitSamples,
					with(current, current.weights(), curve(current.adbtCurve(), ys), current.disputeRateCurve())),
					CURVE_PASSES);
			model = with(model, model.weights(), curve(model.adbtCurve(), fitted), model.disputeRateCurve());
		}
		ScoringModel afterAdbt = model;
		double[] disputes = ys(afterAdbt.disputeRateCurve());
		if (BlendFit.nonIncreasing(disputes)) {
			double[] fitted = BlendFit.monotoneKnots(disputes, (ys) -> objective(fitSamples, with(afterAdbt,
					afterAdbt.weights(), afterAdbt.adbtCurve(), curve(afterAdbt.disputeRateCurve(), ys))),
					CURVE_PASSES);
			model = with(model, model.weights(), model.adbtCurve(), curve(model.disputeRateCurve(), fitted));
		}
		return (model.equals(draft) || objective(fitSamples, model) <= base) ? draft : model;
	}

	private static Sample sample(DebtorRiskInputs inputs, RiskAssessment assessment, ScoringModel active,
			CalibrationSamples.Outcomes outcome) {
		double[] subScores = new double[Component.values().length];
		for (Component component : Component.values()) {
			ComponentScore score = assessment.component(component);
			subScores[component.ordinal()] = score.missing() ? Double.NaN : score.subScore().doubleValue();
		}
		ScoringModel.PastDueCap cap = active.pastDueCap();
		boolean capped = inputs.openItems().maxDaysPastDue() >= cap.daysPastDue()
				|| inputs.openItems().amount60PlusPastDue().isPositive();
		return new Sample(inputs, BlendFit.bin(assessment.score().doubleValue()), new BlendFit.Group(subScores,
				capped ? cap.maxScore().doubleValue() : Double.POSITIVE_INFINITY, outcome.late(), outcome.onTime()),
				outcome.paidLate());
	}

	/**
	 * The AUC for 30+ days late of the samples as the model in force scored them.
	 */
	private static double activeAuc(List<Sample> samples) {
		long[] late = new long[BlendFit.BINS];
		long[] onTime = new long[BlendFit.BINS];
		for (Sample sample : samples) {
			late[sample.activeBin()] += sample.group().late();
			onTime[sample.activeBin()] += sample.group().onTime();
		}
		return BlendFit.auc(late, onTime);
	}

	private static int[] activeBins(List<Sample> samples) {
		return samples.stream().mapToInt(Sample::activeBin).toArray();
	}

	/**
	 * The AUC for 30+ days late of the samples re-scored with {@code model}.
	 */
	private double auc(List<Sample> samples, ScoringModel model) {
		return auc(samples, bins(samples, model));
	}

	/**
	 * What the payment blend and the curves are fitted to, as the blend weights are
	 * (DESIGN section 2b): the AUC for 30+ days late of the samples re-scored with
	 * {@code model}. The AUC for late at all is measured beside it and logged.
	 */
	private double objective(List<Sample> samples, ScoringModel model) {
		return auc(samples, model);
	}

	/**
	 * The AUC for late at all of the samples in the given score bins.
	 */
	private static double aucLate(List<Sample> samples, int[] bins) {
		long[] late = new long[BlendFit.BINS];
		long[] onTime = new long[BlendFit.BINS];
		for (int i = 0; i < bins.length; i++) {
			Sample sample = samples.get(i);
			late[bins[i]] += sample.paidLate();
			onTime[bins[i]] += sample.group().late() + sample.group().onTime() - sample.paidLate();
		}
		return BlendFit.auc(late, onTime);
	}

	/**
	 * The score bins of the samples re-scored with {@code model}, in their order.
	 */
	private int[] bins(List<Sample> samples, ScoringModel model) {
		return samples.parallelStream()
			.mapToInt((sample) -> BlendFit.bin(this.scorer.score(sample.inputs(), model).score().doubleValue()))
			.toArray();
	}

	/**
	 * Per grade, the samples' invoices and those 30+ days late, as the version in force
	 * and as the draft ({@code draftBins}) graded them.
	 */
	private static List<ScoringDraft.FitReport.GradeOutcome> grades(List<Sample> samples, int[] draftBins) {
		long[][] tally = new long[Grade.values().length][4];
		for (int i = 0; i < draftBins.length; i++) {
			BlendFit.Group group = samples.get(i).group();
			long[] active = tally[grade(samples.get(i).activeBin()).ordinal()];
			active[0] += group.late() + group.onTime();
			active[1] += group.late();
			long[] drafted = tally[grade(draftBins[i]).ordinal()];
			drafted[2] += group.late() + group.onTime();
			drafted[3] += group.late();
		}
		List<ScoringDraft.FitReport.GradeOutcome> grades = new ArrayList<>();
		for (Grade grade : Grade.values()) {
			long[] counts = tally[grade.ordinal()];
			grades.add(new ScoringDraft.FitReport.GradeOutcome(grade, counts[0], counts[1], counts[2], counts[3]));
		}
		return grades;
	}

	private static Grade grade(int bin) {
		return Grade.of(BigDecimal.valueOf(bin, 1));
	}

	private static double auc(List<Sample> samples, int[] bins) {
		long[] late = new long[BlendFit.BINS];
		long[] onTime = new long[BlendFit.BINS];
		for (int i = 0; i < bins.length; i++) {
			late[bins[i]] += samples.get(i).group().late();
			onTime[bins[i]] += samples.get(i).group().onTime();
		}
		return BlendFit.auc(late, onTime);
	}

	private static ScoringModel with(ScoringModel model, ScoringModel.Weights weights, PiecewiseLinearCurve adbt,
			PiecewiseLinearCurve disputeRate) {
		return new ScoringModel(0, weights, model.paymentBlend(), adbt, disputeRate, model.credibilityK(),
				model.disputeCredibilityK(), model.trend(), model.bureauDecay(), model.pastDueCap(),
				model.bureauScales());
	}

	private static double[] ys(PiecewiseLinearCurve curve) {
		return curve.points().stream().mapToDouble((point) -> point.y().doubleValue()).toArray();
	}

	/**
	 * The curve with the same x and the given y values (whole or half points, as the
	 * search moves them from the curve's own).
	 */
	private static PiecewiseLinearCurve curve(PiecewiseLinearCurve curve, double[] ys) {
		List<PiecewiseLinearCurve.Point> points = new ArrayList<>();
		for (int i = 0; i < ys.length; i++) {
			points.add(new PiecewiseLinearCurve.Point(curve.points().get(i).x(),
					BigDecimal.valueOf(ys[i]).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros()));
		}
		return new PiecewiseLinearCurve(points);
	}

	private static BigDecimal rounded(double auc) {
		return Double.isNaN(auc) ? null : BigDecimal.valueOf(auc).setScale(4, RoundingMode.HALF_EVEN);
	}

	/**
	 * One debtor's matured invoices of one issue month: its inputs and score at the end
	 * of the month before, and their outcomes.
	 */
	private record Sample(DebtorRiskInputs inputs, int activeBin, BlendFit.Group group, long paidLate) {
	}

	/**
	 * A calibrated model and what it measured.
	 */
	record Fit(ScoringModel model, LocalDate fitFrom, LocalDate fitTo, LocalDate judgeFrom, LocalDate judgeTo,
			long fitInvoices, long fitLate30, long judgeInvoices, long judgeLate30, BigDecimal activeFitAuc30,
			BigDecimal draftFitAuc30, BigDecimal activeJudgeAuc30, BigDecimal draftJudgeAuc30,
			List<ScoringDraft.FitReport.GradeOutcome> judgeGrades) {
	}

}
