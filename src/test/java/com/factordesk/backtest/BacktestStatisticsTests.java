package com.factordesk.backtest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestStatisticsTests {

	private static BacktestStatistics.Outcome onTime(String score) {
		return new BacktestStatistics.Outcome(new BigDecimal(score), false);
	}

	private static BacktestStatistics.Outcome late(String score) {
		return new BacktestStatistics.Outcome(new BigDecimal(score), true);
	}

	@Test
	void aScoreThatPutsEveryLatePayerBelowEveryPunctualOneSeparatesPerfectly() {
		var separation = BacktestStatistics.separation(List.of(late("20"), late("30"), onTime("70"), onTime("90")));
		assertThat(separation.auc()).isEqualByComparingTo("1");
		assertThat(separation.gini()).isEqualByComparingTo("1");
		assertThat(separation.ks()).isEqualByComparingTo("1");
	}

	@Test
	void aReversedScoreHasAnAucOfZero() {
		var separation = BacktestStatistics.separation(List.of(onTime("20"), late("80")));
		assertThat(separation.auc()).isEqualByComparingTo("0");
		assertThat(separation.gini()).isEqualByComparingTo("-1");
	}

	@Test
	void tiesCountHalf() {
		var separation = BacktestStatistics.separation(List.of(late("50"), onTime("50")));
		assertThat(separation.auc()).isEqualByComparingTo("0.5");
		assertThat(separation.ks()).isEqualByComparingTo("0");
	}

	@Test
	void aWorkedExample() {
		// pairs (late, on time): (10,40) (10,20) (10,60) (30,40) (30,20) (30,60): 5 of 6
		// ordered right
		var separation = BacktestStatistics
			.separation(List.of(late("10"), late("30"), onTime("20"), onTime("40"), onTime("60")));
		assertThat(separation.auc()).isEqualByComparingTo("0.8333");
		assertThat(separation.gini()).isEqualByComparingTo("0.6666");
		// after 10: late 1/2, on time 0 -> 0.5; after 20: 1/2 vs 1/3; after 30: 1 vs 1/3
		// -> 0.6667
		assertThat(separation.ks()).isEqualByComparingTo("0.6667");
	}

	@Test
	void withoutBothOutcomesThereIsNothingToMeasure() {
		assertThat(BacktestStatistics.separation(List.of(late("10"), late("20"))).auc()).isNull();
		assertThat(BacktestStatistics.separation(new ArrayList<>()).ks()).isNull();
	}

}
