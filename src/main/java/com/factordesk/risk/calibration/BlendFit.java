package com.factordesk.risk.calibration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.factordesk.risk.Component;
import com.factordesk.risk.ScoringModel;

/**
 * The calibration's search, a pure function: the blend weights (in hundredths,
 * non-negative, adding up to exactly 100) and the monotone curve knots that maximise the
 * ROC AUC for 30+ days late.
 * <p>
 * A score is ranked as {@code RiskScorer} makes it: the weighted average of the
 * components present (a missing one's weight shared among the others), the neutral score
 * when none is, capped for long past-due items, rounded half up to one decimal. The AUC
 * (the chance that an on-time invoice scored higher than a late one, ties counting half)
 * counts the invoices in 1,001 bins of 0.1 points, so one evaluation costs one pass over
 * the samples. The AUC is not smooth in the weights (it moves in steps), so the search
 * does not follow a gradient: it scores the whole simplex at steps of 0.05, then climbs
 * from the weights in force and the three best grid points by moving 0.04, 0.02 and then
 * 0.01 from one component to another while that strictly improves the AUC. Same samples,
 * same result: every order is fixed and ties keep the earlier candidate (the weights in
 * force first).
 */
final class BlendFit {

	static final int HUNDRED = 100;

	static final int BINS = 1001;

	private static final int COMPONENTS = Component.values().length;

	private static final int GRID = 5;

	private static final int[] STEPS = { 4, 2, 1 };

	private static final int STARTS_FROM_GRID = 3;

	private static final double EPSILON = 1e-12;

	private BlendFit() {
	}

	/**
	 * Invoices that share a debtor and a scoring date, so a score: the components'
	 * sub-scores then ({@code NaN} for a missing one, in the order of {@link Component}),
	 * the highest score the debtor could have ({@code +Infinity} without a cap), and how
	 * many of them were paid 30+ days late and how many not.
	 */
	record Group(double[] subScores, double cap, long late, long onTime) {

		Group {
			if (subScores.length != COMPONENTS) {
				throw new IllegalArgumentException(
						"A sample has " + COMPONENTS + " sub-scores, got " + subScores.length);
			}
			subScores = subScores.clone();
			if (late < 0 || onTime < 0) {
				throw new IllegalArgumentException("Invoice counts cannot be negative");
			}
		}

	}

	/**
	 * Blend weights in hundredths: each 0-100, together exactly 100.
	 */
	record Hundredths(int paymentBehaviour, int bureau, int disputes) {

		Hundredths {
			if (paymentBehaviour < 0 || bureau < 0 || disputes < 0 || paymentBehaviour + bureau + disputes != HUNDRED) {
				throw new IllegalArgumentException("Weights are 0-100 hundredths adding up to 100, got "
						+ paymentBehaviour + " / " + bureau + " / " + disputes);
			}
		}

		static Hundredths of(ScoringModel.Weights weights) {
			return new Hundredths(hundredths(weights.paymentBehaviour()), hundredths(weights.bureau()),
					hundredths(weights.disputes()));
		}

		int[] asArray() {
			return new int[] { this.paymentBehaviour, this.bureau, this.disputes };
		}

		static Hundredths of(int[] weights) {
			return new Hundredths(weights[0], weights[1], weights[2]);
		}

		ScoringModel.Weights toWeights() {
			return new ScoringModel.Weights(BigDecimal.valueOf(this.paymentBehaviour, 2),
					BigDecimal.valueOf(this.bureau, 2), BigDecimal.valueOf(this.disputes, 2));
		}

		private static int hundredths(BigDecimal fraction) {
			// a weight configured with finer steps is searched from the nearest hundredth
			return fraction.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_EVEN).intValueExact();
		}

	}

	/**
	 * The score bin (tenths of a point, 0-1000) of a group under the given weights.
	 */
	static int bin(Group group, int[] weights, double neutral) {
		double present = 0;
		double sum = 0;
		double[] subScores = group.subScores();
		for (int i = 0; i < COMPONENTS; i++) {
			if (!Double.isNaN(subScores[i])) {
				present += weights[i];
				sum += weights[i] * subScores[i];
			}
		}
		double total = (present > 0) ? sum / present : neutral;
		if (total > group.cap()) {
			total = group.cap();
		}
		return bin(total);
	}

	/**
	 * The bin of a score 0-100: tenths of a point, rounded half up.
	 */
	static int bin(double score) {
		// the small margin keeps a score that is x.x5 in decimals on the upper side
		int bin = (int) Math.floor(score * 10 + 0.5 + 1e-9);
		return Math.max(0, Math.min(BINS - 1, bin));
	}

	/**
	 * The AUC for 30+ days late of the groups under the given weights; {@code NaN} when
	 * none or all are late.
	 */
	static double auc(List<Group> groups, int[] weights, double neutral) {
		long[] late = new long[BINS];
		long[] onTime = new long[BINS];
		for (Group group : groups) {
			int bin = bin(group, weights, neutral);
			late[bin] += group.late();
			onTime[bin] += group.onTime();
		}
		return auc(late, onTime);
	}

	/**
	 * The AUC from the late and on-time invoices counted per score bin: the chance that
	 * an on-time invoice is in a higher bin than a late one, the same bin counting half.
	 */
	static double auc(long[] late, long[] onTime) {
		double lateTotal = 0;
		double onTimeTotal = 0;
		double pairs = 0;
		double lateBelow = 0;
		for (int bin = 0; bin < late.length; bin++) {
			pairs += onTime[bin] * (lateBelow + 0.5 * late[bin]);
			lateBelow += late[bin];
			lateTotal += late[bin];
			onTimeTotal += onTime[bin];
		}
		if (lateTotal == 0 || onTimeTotal == 0) {
			return Double.NaN;
		}
		return pairs / (lateTotal * onTimeTotal);
	}

	/**
	 * The weights that rank the groups best, searched from {@code inForce} and the grid.
	 */
	static Hundredths fit(List<Group> groups, Hundredths inForce, double neutral) {
		Map<Hundredths, Double> seen = new HashMap<>();
		ToDoubleFunction<Hundredths> objective = (weights) -> seen.computeIfAbsent(weights,
				(key) -> orWorst(auc(groups, key.asArray(), neutral)));
		List<Hundredths> grid = new ArrayList<>();
		for (int payment = 0; payment <= HUNDRED; payment += GRID) {
			for (int bureau = 0; bureau <= HUNDRED - payment; bureau += GRID) {
				grid.add(new Hundredths(payment, bureau, HUNDRED - payment - bureau));
			}
		}
		List<Hundredths> ranked = new ArrayList<>(grid);
		// a stable sort: equal AUCs keep the grid's order
		ranked.sort((a, b) -> Double.compare(objective.applyAsDouble(b), objective.applyAsDouble(a)));
		List<Hundredths> starts = new ArrayList<>();
		starts.add(inForce);
		for (Hundredths candidate : ranked) {
			if (starts.size() > STARTS_FROM_GRID) {
				break;
			}
			if (!starts.contains(candidate)) {
				starts.add(candidate);
			}
		}
		Hundredths best = null;
		double bestAuc = Double.NEGATIVE_INFINITY;
		for (Hundredths start : starts) {
			Hundredths climbed = climb(start, objective);
			double auc = objective.applyAsDouble(climbed);
			if (auc > bestAuc + EPSILON) {
				best = climbed;
				bestAuc = auc;
			}
		}
		return best;
	}

	/**
	 * From {@code start}, the best neighbour (a step moved from one component to another)
	 * while it strictly improves, with ever smaller steps.
	 */
	static Hundredths climb(Hundredths start, ToDoubleFunction<Hundredths> objective) {
		Hundredths current = start;
		double currentAuc = objective.applyAsDouble(current);
		for (int step : STEPS) {
			boolean improved = true;
			while (improved) {
				improved = false;
				Hundredths bestNeighbour = null;
				double bestAuc = currentAuc;
				for (int from = 0; from < COMPONENTS; from++) {
					for (int to = 0; to < COMPONENTS; to++) {
						int[] weights = current.asArray();
						if (from == to || weights[from] < step) {
							continue;
						}
						weights[from] -= step;
						weights[to] += step;
						Hundredths neighbour = Hundredths.of(weights);
						double auc = objective.applyAsDouble(neighbour);
						if (auc > bestAuc + EPSILON) {
							bestNeighbour = neighbour;
							bestAuc = auc;
						}
					}
				}
				if (bestNeighbour != null) {
					current = bestNeighbour;
					currentAuc = bestAuc;
					improved = true;
				}
			}
		}
		return current;
	}

	/**
	 * The y-values of a curve's knots that maximise {@code objective}, kept
	 * non-increasing in x and within 0-100: each knot in turn is moved up or down by 10,
	 * 5 and then 2 points when the curve stays monotone and the objective strictly
	 * improves, at most {@code passes} rounds per step size.
	 */
	static double[] monotoneKnots(double[] ys, ToDoubleFunction<double[]> objective, int passes) {
		double[] current = ys.clone();
		requireNonIncreasing(current);
		double currentValue = objective.applyAsDouble(current);
		for (double step : new double[] { 10, 5, 2 }) {
			for (int pass = 0; pass < passes; pass++) {
				boolean changed = false;
				for (int knot = 0; knot < current.length; knot++) {
					for (double delta : new double[] { step, -step }) {
						double[] candidate = current.clone();
						candidate[knot] = Math.max(0, Math.min(HUNDRED, candidate[knot] + delta));
						if (candidate[knot] == current[knot] || !nonIncreasing(candidate)) {
							continue;
						}
						double value = objective.applyAsDouble(candidate);
						if (value > currentValue + EPSILON) {
							current = candidate;
							currentValue = value;
							changed = true;
						}
					}
				}
				if (!changed) {
					break;
				}
			}
		}
		return current;
	}

	static boolean nonIncreasing(double[] ys) {
		for (int i = 0; i < ys.length; i++) {
			if (ys[i] < 0 || ys[i] > HUNDRED || (i > 0 && ys[i] > ys[i - 1])) {
				return false;
			}
		}
		return true;
	}

	private static void requireNonIncreasing(double[] ys) {
		if (!nonIncreasing(ys)) {
			throw new IllegalArgumentException(
					"A curve to fit must fall from left to right within 0-100, got " + Arrays.toString(ys));
		}
	}

	private static double orWorst(double auc) {
		return Double.isNaN(auc) ? Double.NEGATIVE_INFINITY : auc;
	}

}
