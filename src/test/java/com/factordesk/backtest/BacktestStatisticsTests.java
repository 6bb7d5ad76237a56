package com.factordesk.backtest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.factordesk.backtest.BacktestReport.Interval;
import com.factordesk.backtest.BacktestReport.RocPoint;
import com.factordesk.backtest.BacktestReport.Separation;
import com.factordesk.backtest.BacktestStatistics.Judged;
import com.factordesk.backtest.BacktestStatistics.Ranking;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * AUC, KS, ROC and bootstrap intervals on hand-worked examples. A score ranks by safety,
 * so its risk is minus the score: "L20" is a late invoice whose debtor scored 20.
 */
class BacktestStatisticsTests {

	/**
	 * Separation of scored outcomes written as "L20" (late, score 20) or "G70" (on time,
	 * score 70).
	 */
	private static Separation separation(String... outcomes) {
		double[] risk = new double[outcomes.length];
		boolean[] bad = new boolean[outcomes.length];
		for (int i = 0; i < outcomes.length; i++) {
			bad[i] = outcomes[i].charAt(0) == 'L';
			risk[i] = -Double.parseDouble(outcomes[i].substring(1));
		}
		return Ranking.of(risk).separation(bad);
	}

	@Test
	void aScoreThatPutsEveryLatePayerBelowEveryPunctualOneSeparatesPerfectly() {
		Separation separation = separation("L20", "L30", "G70", "G90");
		assertThat(separation.auc()).isEqualByComparingTo("1");
		assertThat(separation.gini()).isEqualByComparingTo("1");
		assertThat(separation.ks()).isEqualByComparingTo("1");
	}

	@Test
	void aReversedScoreHasAnAucOfZero() {
		Separation separation = separation("G20", "L80");
		assertThat(separation.auc()).isEqualByComparingTo("0");
		assertThat(separation.gini()).isEqualByComparingTo("-1");
	}

	@Test
	void tiesCountHalf() {
		Separation separation = separation("L50", "G50");
		assertThat(separation.auc()).isEqualByComparingTo("0.5");
		assertThat(separation.ks()).isEqualByComparingTo("0");
		// pairs (late, on time): (50,50) tie = 1/2, (50,70) right = 1, (30,50) right,
		// (30,70) right: 3.5 of 4
		assertThat(separation("L50", "L30", "G50", "G70").auc()).isEqualByComparingTo("0.875");
	}

	@Test
	void aWorkedExample() {
		// pairs (late, on time): (10,40) (10,20) (10,60) (30,40) (30,20) (30,60): 5 of 6
		// ordered right
		Separation separation = separation("L10", "L30", "G20", "G40", "G60");
		assertThat(separation.auc()).isEqualByComparingTo("0.8333");
		assertThat(separation.gini()).isEqualByComparingTo("0.6666");
		// after 10: late 1/2, on time 0 -> 0.5; after 20: 1/2 vs 1/3; after 30: 1 vs 1/3
		// -> 0.6667
		assertThat(separation.ks()).isEqualByComparingTo("0.6667");
	}

	@Test
	void withoutBothOutcomesThereIsNothingToMeasure() {
		assertThat(separation("L10", "L20")).isEqualTo(Separation.NONE);
		assertThat(separation()).isEqualTo(Separation.NONE);
		assertThat(Ranking.of(new double[0]).roc(new boolean[0])).isEmpty();
	}

	@Test
	void theRocCurveRunsFromTheRiskiestDown() {
		// risk order: L10, G20, L30, G40, G60 (lowest score first); 2 late, 3 on time
		List<RocPoint> roc = Ranking.of(new double[] { -10, -30, -20, -40, -60 })
			.roc(new boolean[] { true, true, false, false, false });
		assertThat(roc).extracting(RocPoint::falsePositiveRate)
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("0"), new BigDecimal("0"), new BigDecimal("0.3333"),
					new BigDecimal("0.3333"), new BigDecimal("0.6667"), new BigDecimal("1"));
		assertThat(roc).extracting(RocPoint::truePositiveRate)
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("0"), new BigDecimal("0.5"), new BigDecimal("0.5"), new BigDecimal("1"),
					new BigDecimal("1"), new BigDecimal("1"));
	}

	@Test
	void aResampleCountsEachInvoiceAsOftenAsItWasDrawn() {
		// invoice 0 (L10) twice, 1 (L30) not, 2 (G20) once, 3 (G40) three times, 4 (G60)
		// once: the same as the list L10 L10 G20 G40 G40 G40 G60
		double[] risk = { -10, -30, -20, -40, -60 };
		boolean[] bad = { true, true, false, false, false };
		double weighted = Ranking.of(risk).auc(bad, new int[] { 2, 0, 1, 3, 1 });
		// L10 is below every on-time score: 2 x 5 pairs, all right
		assertThat(weighted).isEqualTo(1.0);
		Separation expanded = separation("L10", "L10", "G20", "G40", "G40", "G40", "G60");
		assertThat(expanded.auc()).isEqualByComparingTo("1");
		// L10 once, L30 twice, G20 twice, G40 once: right (10,20) x 2, (10,40), (30,40) x
		// 2
		// = 5; wrong (30,20) x 4: 5 of 3 x 3 = 9 pairs
		double other = Ranking.of(risk).auc(bad, new int[] { 1, 2, 2, 1, 0 });
		assertThat(other).isCloseTo(5.0 / 9, within(1e-12));
		assertThat(separation("L10", "L30", "L30", "G20", "G20", "G40").auc()).isEqualByComparingTo("0.5556");
		assertThat(Ranking.of(risk).auc(bad, new int[] { 1, 1, 0, 0, 0 })).isNaN();
	}

	@Test
	void thePercentilesAreTheNearestRanks() {
		double[] values = new double[200];
		for (int i = 0; i < 200; i++) {
			values[i] = (200 - i) / 1000.0;
		}
		// sorted 0.001 .. 0.200: the 2.5th percentile is the 5th value (ceil(0.025 x
		// 200)), the 97.5th the 195th
		Interval interval = BacktestStatistics.percentiles(values);
		assertThat(interval.low()).isEqualByComparingTo("0.005");
		assertThat(interval.high()).isEqualByComparingTo("0.195");
		assertThat(BacktestStatistics.percentiles(new double[] { Double.NaN, Double.NaN })).isNull();
		// NaN (a resample without both outcomes) is left out: 4 values, ranks 1 and 4
		Interval fewer = BacktestStatistics.percentiles(new double[] { 0.7, Double.NaN, 0.9, 0.8, 0.6 });
		assertThat(fewer.low()).isEqualByComparingTo("0.6");
		assertThat(fewer.high()).isEqualByComparingTo("0.9");
	}

	@Test
	void theBootstrapIsDeterministicAndBracketsTheAuc() {
		SplittableRandom random = new SplittableRandom(7);
		int n = 2000;
		double[] risk = new double[n];
		boolean[] bad = new boolean[n];
		for (int i = 0; i < n; i++) {
			bad[i] = random.nextDouble() < 0.3;
			// a noisy score: the late ones a little riskier on average
			risk[i] = Math.round((bad[i] ? 0.8 : 0) + random.nextGaussian() * 1000) / 1000.0;
		}
		Ranking ranking = Ranking.of(risk);
		List<Judged> judged = List.of(new Judged(ranking, bad));
		List<Interval> first = BacktestStatistics.bootstrap(judged, n, 200, 42);
		List<Interval> again = BacktestStatistics.bootstrap(judged, n, 200, 42);
		assertThat(again).isEqualTo(first);
		BigDecimal auc = ranking.separation(bad).auc();
		assertThat(first.get(0).low()).isLessThan(auc);
		assertThat(first.get(0).high()).isGreaterThan(auc);
		// the standard error of an AUC near 0.71 on 600 bad and 1,400 good invoices is
		// about 0.012 (Hanley-McNeil): the interval is roughly +-2.4 points wide
		assertThat(first.get(0).high().subtract(first.get(0).low()).doubleValue()).isBetween(0.03, 0.07);
	}

	@Test
	void everyRankingIsBootstrappedOnTheSameResamples() {
		// two rankings of the same invoices that order them identically (one risk is
		// twice
		// the other) get the same interval on shared resamples
		double[] risk = new double[300];
		double[] twice = new double[300];
		boolean[] bad = new boolean[300];
		SplittableRandom random = new SplittableRandom(11);
		for (int i = 0; i < risk.length; i++) {
			bad[i] = random.nextBoolean();
			risk[i] = random.nextInt(50) + (bad[i] ? 10 : 0);
			twice[i] = 2 * risk[i];
		}
		List<Interval> intervals = BacktestStatistics.bootstrap(
				new ArrayList<>(List.of(new Judged(Ranking.of(risk), bad), new Judged(Ranking.of(twice), bad))), 300,
				50, 3);
		assertThat(intervals.get(1)).isEqualTo(intervals.get(0));
	}

}
