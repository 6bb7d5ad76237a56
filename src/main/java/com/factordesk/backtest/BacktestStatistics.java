package com.factordesk.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How well a score ranks risk, from scored outcomes: the ROC AUC (the chance that a
 * random invoice paid on time had a higher score than a random late one, ties counting
 * half), the Gini coefficient (2 AUC - 1) and the Kolmogorov-Smirnov statistic (the
 * largest gap between the score distributions of late and on-time invoices). A pure
 * function.
 */
final class BacktestStatistics {

	private BacktestStatistics() {
	}

	/**
	 * One scored invoice: the score its debtor had when it was issued, and whether it was
	 * paid late.
	 */
	record Outcome(BigDecimal score, boolean late) {
	}

	/**
	 * The AUC, Gini and KS at four decimals; {@code null} each when there are no late or
	 * no on-time outcomes.
	 */
	record Separation(BigDecimal auc, BigDecimal gini, BigDecimal ks) {
	}

	static Separation separation(List<Outcome> outcomes) {
		long late = outcomes.stream().filter(Outcome::late).count();
		long onTime = outcomes.size() - late;
		if (late == 0 || onTime == 0) {
			return new Separation(null, null, null);
		}
		Outcome[] sorted = outcomes.toArray(Outcome[]::new);
		Arrays.sort(sorted, Comparator.comparing(Outcome::score));
		// rank-sum (Mann-Whitney U) of the on-time invoices, ties sharing their average
		// rank
		BigDecimal onTimeRankSum = BigDecimal.ZERO;
		long lateSeen = 0;
		long onTimeSeen = 0;
		long maxGapNumerator = 0;
		int i = 0;
		while (i < sorted.length) {
			int j = i;
			long lateInTie = 0;
			while (j < sorted.length && sorted[j].score().compareTo(sorted[i].score()) == 0) {
				if (sorted[j].late()) {
					lateInTie++;
				}
				j++;
			}
			long tieSize = j - i;
			long onTimeInTie = tieSize - lateInTie;
			// ranks i+1 .. j, average (i + 1 + j) / 2
			BigDecimal averageRank = BigDecimal.valueOf(i + 1L + j).divide(BigDecimal.valueOf(2));
			onTimeRankSum = onTimeRankSum.add(averageRank.multiply(BigDecimal.valueOf(onTimeInTie)));
			lateSeen += lateInTie;
			onTimeSeen += onTimeInTie;
			// KS: |F_late - F_onTime| after this score, as lateSeen/late -
			// onTimeSeen/onTime
			long gapNumerator = Math.abs(lateSeen * onTime - onTimeSeen * late);
			if (gapNumerator > maxGapNumerator) {
				maxGapNumerator = gapNumerator;
			}
			i = j;
		}
		BigDecimal pairs = BigDecimal.valueOf(late).multiply(BigDecimal.valueOf(onTime));
		BigDecimal u = onTimeRankSum.subtract(
				BigDecimal.valueOf(onTime).multiply(BigDecimal.valueOf(onTime + 1)).divide(BigDecimal.valueOf(2)));
		BigDecimal auc = u.divide(pairs, 4, RoundingMode.HALF_EVEN);
		BigDecimal ks = BigDecimal.valueOf(maxGapNumerator).divide(pairs, 4, RoundingMode.HALF_EVEN);
		BigDecimal gini = auc.multiply(BigDecimal.valueOf(2))
			.subtract(BigDecimal.ONE)
			.setScale(4, RoundingMode.HALF_EVEN);
		return new Separation(auc, gini, ks);
	}

}
