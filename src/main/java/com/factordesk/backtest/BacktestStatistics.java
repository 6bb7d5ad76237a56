package com.factordesk.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import com.factordesk.backtest.BacktestReport.Interval;
import com.factordesk.backtest.BacktestReport.RocPoint;
import com.factordesk.backtest.BacktestReport.Separation;

/**
 * How well a risk measure ranks bad outcomes: the ROC AUC (the chance that a random bad
 * invoice had a higher risk than a random good one, ties counting half), the Gini
 * coefficient (2 AUC - 1), the Kolmogorov-Smirnov statistic (the largest gap between the
 * risk distributions of bad and good invoices), the ROC curve and percentile bootstrap
 * intervals of the AUC. Pure functions.
 * <p>
 * A {@link Ranking} sorts the invoices by risk once (O(n log n)); every statistic after
 * that is one O(n) walk through the sorted groups of equal risk, so a bootstrap resample
 * (a count per invoice of how often it was drawn) costs O(n) and sorts nothing.
 */
final class BacktestStatistics {

	/** Bootstrap resamples for the intervals. */
	static final int RESAMPLES = BacktestReport.RESAMPLES;

	/** The fixed seed of the resamples: the same invoices give the same intervals. */
	static final long SEED = 20261202L;

	private static final int SCALE = 4;

	private static final BigDecimal TWO = BigDecimal.valueOf(2);

	private BacktestStatistics() {
	}

	/**
	 * Invoices sorted by a risk measure, higher is riskier, grouped by equal risk.
	 */
	static final class Ranking {

		private final int[] order;

		private final int[] groupEnds;

		private Ranking(int[] order, int[] groupEnds) {
			this.order = order;
			this.groupEnds = groupEnds;
		}

		/**
		 * Sorts the invoices by their risk, lowest first.
		 */
		static Ranking of(double[] risk) {
			Integer[] boxed = new Integer[risk.length];
			for (int i = 0; i < risk.length; i++) {
				boxed[i] = i;
			}
			Arrays.sort(boxed, (a, b) -> Double.compare(risk[a], risk[b]));
			int[] order = new int[risk.length];
			int[] ends = new int[risk.length];
			int groups = 0;
			for (int i = 0; i < risk.length; i++) {
				order[i] = boxed[i];
				if (i > 0 && Double.compare(risk[order[i]], risk[order[i - 1]]) != 0) {
					ends[groups++] = i;
				}
			}
			if (risk.length > 0) {
				ends[groups++] = risk.length;
			}
			return new Ranking(order, Arrays.copyOf(ends, groups));
		}

		/**
		 * AUC, Gini and KS at four decimals, exact (integer arithmetic until the one
		 * division); {@code null} each without both bad and good outcomes.
		 */
		Separation separation(boolean[] bad) {
			long badTotal = 0;
			for (boolean b : bad) {
				badTotal += b ? 1 : 0;
			}
			long goodTotal = bad.length - badTotal;
			if (badTotal == 0 || goodTotal == 0) {
				return Separation.NONE;
			}
			// twice the Mann-Whitney U of the bad invoices: each bad one counts 2 per
			// good
			// one below it and 1 per good one tied with it
			long twiceU = 0;
			long badSeen = 0;
			long goodSeen = 0;
			long maxGap = 0;
			int start = 0;
			for (int end : this.groupEnds) {
				long badInGroup = 0;
				for (int k = start; k < end; k++) {
					badInGroup += bad[this.order[k]] ? 1 : 0;
				}
				long goodInGroup = (end - start) - badInGroup;
				twiceU += badInGroup * (2 * goodSeen + goodInGroup);
				badSeen += badInGroup;
				goodSeen += goodInGroup;
				// |F_bad - F_good| after this risk, as badSeen/badTotal -
				// goodSeen/goodTotal
				maxGap = Math.max(maxGap, Math.abs(badSeen * goodTotal - goodSeen * badTotal));
				start = end;
			}
			BigDecimal pairs = BigDecimal.valueOf(badTotal).multiply(BigDecimal.valueOf(goodTotal));
			BigDecimal auc = BigDecimal.valueOf(twiceU).divide(pairs.multiply(TWO), SCALE, RoundingMode.HALF_EVEN);
			BigDecimal ks = BigDecimal.valueOf(maxGap).divide(pairs, SCALE, RoundingMode.HALF_EVEN);
			return new Separation(auc, auc.multiply(TWO).subtract(BigDecimal.ONE), ks);
		}

		/**
		 * The AUC of a resample in which invoice i was drawn {@code counts[i]} times;
		 * {@code NaN} without both outcomes.
		 */
		double auc(boolean[] bad, int[] counts) {
			double u = 0;
			double badSeen = 0;
			double goodSeen = 0;
			int start = 0;
			for (int end : this.groupEnds) {
				long badInGroup = 0;
				long goodInGroup = 0;
				for (int k = start; k < end; k++) {
					int i = this.order[k];
					if (bad[i]) {
						badInGroup += counts[i];
					}
					else {
						goodInGroup += counts[i];
					}
				}
				u += badInGroup * (goodSeen + goodInGroup / 2.0);
				badSeen += badInGroup;
				goodSeen += goodInGroup;
				start = end;
			}
			return (badSeen == 0 || goodSeen == 0) ? Double.NaN : u / (badSeen * goodSeen);
		}

		/**
		 * The ROC curve from the riskiest invoices down: after each group of equal risk,
		 * the share of good invoices flagged (false positive rate) and of bad ones (true
		 * positive rate), thinned to a point each time either rate passes a hundredth;
		 * empty without both outcomes.
		 */
		List<RocPoint> roc(boolean[] bad) {
			long badTotal = 0;
			for (boolean b : bad) {
				badTotal += b ? 1 : 0;
			}
			long goodTotal = bad.length - badTotal;
			List<RocPoint> points = new ArrayList<>();
			if (badTotal == 0 || goodTotal == 0) {
				return points;
			}
			points.add(new RocPoint(BigDecimal.ZERO.setScale(SCALE), BigDecimal.ZERO.setScale(SCALE)));
			long badFlagged = 0;
			long goodFlagged = 0;
			long lastGoodStep = 0;
			long lastBadStep = 0;
			int end = this.order.length;
			for (int g = this.groupEnds.length - 1; g >= 0; g--) {
				int start = (g == 0) ? 0 : this.groupEnds[g - 1];
				for (int k = start; k < end; k++) {
					if (bad[this.order[k]]) {
						badFlagged++;
					}
					else {
						goodFlagged++;
					}
				}
				end = start;
				long goodStep = goodFlagged * 100 / goodTotal;
				long badStep = badFlagged * 100 / badTotal;
				if (goodStep > lastGoodStep || badStep > lastBadStep || g == 0) {
					points.add(new RocPoint(rate(goodFlagged, goodTotal), rate(badFlagged, badTotal)));
					lastGoodStep = goodStep;
					lastBadStep = badStep;
				}
			}
			return points;
		}

		private static BigDecimal rate(long part, long whole) {
			return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), SCALE, RoundingMode.HALF_EVEN);
		}

	}

	/**
	 * One AUC to bootstrap: a ranking and the outcome it is judged on.
	 */
	record Judged(Ranking ranking, boolean[] bad) {
	}

	/**
	 * Percentile bootstrap 95 % intervals of the AUC of each judged ranking, all on the
	 * same resamples (the invoices are drawn with replacement, as many as there are, with
	 * a fixed seed), at four decimals; {@code null} for a ranking without both outcomes.
	 */
	static List<Interval> bootstrap(List<Judged> judged, int size, int resamples, long seed) {
		double[][] aucs = new double[judged.size()][resamples];
		SplittableRandom random = new SplittableRandom(seed);
		int[] counts = new int[size];
		for (int r = 0; r < resamples; r++) {
			Arrays.fill(counts, 0);
			for (int i = 0; i < size; i++) {
				counts[random.nextInt(size)]++;
			}
			for (int j = 0; j < judged.size(); j++) {
				aucs[j][r] = judged.get(j).ranking().auc(judged.get(j).bad(), counts);
			}
		}
		List<Interval> intervals = new ArrayList<>();
		for (double[] values : aucs) {
			intervals.add(percentiles(values));
		}
		return intervals;
	}

	/**
	 * The 2.5th and 97.5th percentiles (nearest rank) of the values that are numbers;
	 * {@code null} when none is.
	 */
	static Interval percentiles(double[] values) {
		double[] known = Arrays.stream(values).filter((value) -> !Double.isNaN(value)).sorted().toArray();
		if (known.length == 0) {
			return null;
		}
		return new Interval(round(known[nearestRank(0.025, known.length)]),
				round(known[nearestRank(0.975, known.length)]));
	}

	private static int nearestRank(double quantile, int n) {
		return Math.max(0, Math.min(n - 1, (int) Math.ceil(quantile * n) - 1));
	}

	private static BigDecimal round(double value) {
		return BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_EVEN);
	}

}
