package com.factordesk.backtest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import com.factordesk.risk.Grade;

/**
 * Whether the score ranked risk, beside two challengers: for the invoices issued in a
 * period whose outcome has matured (due date + 30 days on or before the as-of date), the
 * score their debtor had when they were issued against whether they were paid late, and
 * 30 or more days late.
 *
 * @param from the first issue date
 * @param to the last issue date
 * @param clientRef the client the invoices were limited to, or {@code null} for the whole
 * book
 * @param asOf the date the outcomes are known as of (today)
 * @param invoices the invoices with a matured outcome
 * @param lateShare the share paid after the due date (or unpaid on the as-of date)
 * @param late30Share the share paid 30 or more days after the due date (or unpaid)
 * @param score how the score ranked both outcomes
 * @param challengers how each challenger ranked them, on the same invoices
 * @param grades per grade: invoices, both late shares and amount-weighted days beyond
 * terms
 * @param roc the ROC curves of the score and the challengers, late and 30+ days late
 * @param elapsed how long the backtest took
 */
public record BacktestReport(LocalDate from, LocalDate to, String clientRef, LocalDate asOf, long invoices,
		BigDecimal lateShare, BigDecimal late30Share, Ranked score, List<Ranked> challengers, List<GradeOutcome> grades,
		List<RocCurve> roc, Duration elapsed) {

	/** The score's name among the rankings. */
	public static final String SCORE = "score";

	/** The challenger that ranks by the debtor's prior share of invoices paid late. */
	public static final String PRIOR_LATE_SHARE = "priorLateShare";

	/** The challenger that ranks by a logistic regression on the raw scoring inputs. */
	public static final String LOGISTIC_REGRESSION = "logisticRegression";

	/** The bootstrap resamples behind each interval. */
	public static final int RESAMPLES = 200;

	/** A grade with fewer invoices than this is not judged. */
	public static final int JUDGED_FROM = 30;

	public BacktestReport {
		challengers = List.copyOf(challengers);
		grades = List.copyOf(grades);
		roc = List.copyOf(roc);
	}

	public BigDecimal auc() {
		return this.score.late().auc();
	}

	public BigDecimal gini() {
		return this.score.late().gini();
	}

	public BigDecimal ks() {
		return this.score.late().ks();
	}

	public BigDecimal auc30() {
		return this.score.late30().auc();
	}

	public BigDecimal gini30() {
		return this.score.late30().gini();
	}

	public BigDecimal ks30() {
		return this.score.late30().ks();
	}

	/**
	 * The score first, then the challengers.
	 */
	public List<Ranked> rankings() {
		List<Ranked> rankings = new java.util.ArrayList<>();
		rankings.add(this.score);
		rankings.addAll(this.challengers);
		return rankings;
	}

	/**
	 * The grades with enough invoices to be judged.
	 */
	public long judgedGrades() {
		return this.grades.stream().filter(GradeOutcome::judged).count();
	}

	/**
	 * Whether each judged grade was late at least as often as the judged one above it (A
	 * better than B ... better than E); {@code false} with fewer than two judged grades,
	 * where there is nothing to tell.
	 */
	public boolean monotone() {
		return monotone(GradeOutcome::lateShare);
	}

	/**
	 * The same for 30+ days late.
	 */
	public boolean monotone30() {
		return monotone(GradeOutcome::late30Share);
	}

	private boolean monotone(Function<GradeOutcome, BigDecimal> share) {
		if (judgedGrades() < 2) {
			return false;
		}
		BigDecimal previous = null;
		for (GradeOutcome grade : this.grades) {
			if (!grade.judged()) {
				continue;
			}
			if (previous != null && share.apply(grade).compareTo(previous) < 0) {
				return false;
			}
			previous = share.apply(grade);
		}
		return true;
	}

	/**
	 * How one ranking (the score or a challenger) separated the outcomes.
	 *
	 * @param name {@link #SCORE}, {@link #PRIOR_LATE_SHARE} or
	 * {@link #LOGISTIC_REGRESSION}
	 * @param late AUC, Gini and KS for late payment
	 * @param lateInterval the bootstrap 95 % interval of that AUC, {@code null} without
	 * an AUC
	 * @param late30 the same for 30+ days late
	 * @param late30Interval its interval
	 */
	public record Ranked(String name, Separation late, Interval lateInterval, Separation late30,
			Interval late30Interval) {

		public BigDecimal auc() {
			return this.late.auc();
		}

		public BigDecimal auc30() {
			return this.late30.auc();
		}

	}

	/**
	 * ROC AUC, Gini (2 AUC - 1) and KS at four decimals; {@code null} each without both
	 * outcomes.
	 */
	public record Separation(BigDecimal auc, BigDecimal gini, BigDecimal ks) {

		public static final Separation NONE = new Separation(null, null, null);

	}

	/**
	 * A percentile bootstrap 95 % interval.
	 */
	public record Interval(BigDecimal low, BigDecimal high) {
	}

	/**
	 * How the invoices of one grade turned out.
	 *
	 * @param grade the grade the debtor had when the invoice was issued
	 * @param invoices the invoices
	 * @param lateShare the share paid late
	 * @param late30Share the share paid 30+ days late
	 * @param avgDaysBeyondTerms the amount-weighted average days beyond terms (early
	 * payment counts as 0, an unpaid invoice its days past due on the as-of date)
	 */
	public record GradeOutcome(Grade grade, long invoices, BigDecimal lateShare, BigDecimal late30Share,
			BigDecimal avgDaysBeyondTerms) {

		/**
		 * Whether the grade has enough invoices ({@value BacktestReport#JUDGED_FROM}) to
		 * be judged.
		 */
		public boolean judged() {
			return this.invoices >= JUDGED_FROM;
		}

	}

	/**
	 * A ROC curve: the true against the false positive rate, from the riskiest invoices
	 * down.
	 *
	 * @param name the ranking
	 * @param outcome {@code late} or {@code late30}
	 * @param points the curve from (0, 0) to (1, 1)
	 */
	public record RocCurve(String name, String outcome, List<RocPoint> points) {

		public RocCurve {
			points = List.copyOf(points);
		}

	}

	/**
	 * One point of a ROC curve.
	 */
	public record RocPoint(BigDecimal falsePositiveRate, BigDecimal truePositiveRate) {
	}

}
