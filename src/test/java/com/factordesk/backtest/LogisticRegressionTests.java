package com.factordesk.backtest;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The regression challenger on data sets whose maximum likelihood solution is known in
 * closed form: when the model can reproduce the observed bad share of every cell of
 * inputs, the fitted probabilities equal the observed shares (the likelihood equations
 * X'(y - p) = 0 then hold), so the coefficients are differences of observed log-odds.
 */
class LogisticRegressionTests {

	/** Adds {@code count} rows with these inputs, {@code bad} of them bad. */
	private static void cell(List<double[]> rows, List<Boolean> outcomes, int count, int bad, double... inputs) {
		for (int i = 0; i < count; i++) {
			rows.add(inputs.clone());
			outcomes.add(i < bad);
		}
	}

	private static LogisticRegression fit(List<double[]> rows, List<Boolean> outcomes) {
		boolean[] bad = new boolean[outcomes.size()];
		for (int i = 0; i < bad.length; i++) {
			bad[i] = outcomes.get(i);
		}
		return LogisticRegression.fit(rows.toArray(double[][]::new), bad);
	}

	@Test
	void oneBinaryInputGivesTheLogOddsOfEachGroup() {
		List<double[]> rows = new ArrayList<>();
		List<Boolean> outcomes = new ArrayList<>();
		cell(rows, outcomes, 4, 1, 0); // x = 0: 1 bad of 4, odds 1/3
		cell(rows, outcomes, 4, 3, 1); // x = 1: 3 bad of 4, odds 3
		LogisticRegression model = fit(rows, outcomes);
		// b0 = ln(1/3) = -1.098612; b1 = ln 3 - ln(1/3) = 2 ln 3 = 2.197225
		assertThat(model.intercept()).isCloseTo(Math.log(1.0 / 3), within(1e-9));
		assertThat(model.coefficients()[0]).isCloseTo(2 * Math.log(3), within(1e-9));
		assertThat(model.logOdds(new double[] { 1 })).isCloseTo(Math.log(3), within(1e-9));
	}

	@Test
	void twoInputsWhoseLogOddsAddUp() {
		// observed bad shares per cell (x1, x2): (0,0) 1/5, (1,0) 1/2, (0,1) 1/2, (1,1)
		// 4/5; log-odds -ln 4, 0, 0, ln 4 = b0 + b1 x1 + b2 x2 with b0 = -ln 4, b1 = b2 =
		// ln 4 (= 1.386294): the additive model fits every cell exactly
		List<double[]> rows = new ArrayList<>();
		List<Boolean> outcomes = new ArrayList<>();
		cell(rows, outcomes, 5, 1, 0, 0);
		cell(rows, outcomes, 2, 1, 1, 0);
		cell(rows, outcomes, 2, 1, 0, 1);
		cell(rows, outcomes, 5, 4, 1, 1);
		LogisticRegression model = fit(rows, outcomes);
		assertThat(model.intercept()).isCloseTo(-Math.log(4), within(1e-9));
		assertThat(model.coefficients()[0]).isCloseTo(Math.log(4), within(1e-9));
		assertThat(model.coefficients()[1]).isCloseTo(Math.log(4), within(1e-9));
	}

	@Test
	void theScaleOfAnInputDoesNotChangeTheFit() {
		// the same data with x1 in cents (x 100) and x2 shifted by 1,000: the fit is on
		// standardised inputs, reported back on the original scale
		List<double[]> rows = new ArrayList<>();
		List<Boolean> outcomes = new ArrayList<>();
		cell(rows, outcomes, 5, 1, 0, 1000);
		cell(rows, outcomes, 2, 1, 100, 1000);
		cell(rows, outcomes, 2, 1, 0, 1001);
		cell(rows, outcomes, 5, 4, 100, 1001);
		LogisticRegression model = fit(rows, outcomes);
		assertThat(model.coefficients()[0]).isCloseTo(Math.log(4) / 100, within(1e-11));
		assertThat(model.coefficients()[1]).isCloseTo(Math.log(4), within(1e-9));
		// b0 = -ln 4 - 1000 ln 4
		assertThat(model.intercept()).isCloseTo(-Math.log(4) - 1000 * Math.log(4), within(1e-6));
		assertThat(model.logOdds(new double[] { 100, 1001 })).isCloseTo(Math.log(4), within(1e-9));
	}

	@Test
	void anInputThatNeverVariesOrRepeatsAnotherIsLeftOutOfTheFit() {
		List<double[]> rows = new ArrayList<>();
		List<Boolean> outcomes = new ArrayList<>();
		// x1 binary as before, x2 always 7, x3 a copy of x1
		cell(rows, outcomes, 4, 1, 0, 7, 0);
		cell(rows, outcomes, 4, 3, 1, 7, 1);
		LogisticRegression model = fit(rows, outcomes);
		assertThat(model.coefficients()[1]).isZero();
		// x1 and x3 share the effect between them: what counts is the log-odds
		assertThat(model.coefficients()[0] + model.coefficients()[2]).isCloseTo(2 * Math.log(3), within(1e-9));
		assertThat(model.logOdds(new double[] { 0, 7, 0 })).isCloseTo(Math.log(1.0 / 3), within(1e-9));
		assertThat(model.logOdds(new double[] { 1, 7, 1 })).isCloseTo(Math.log(3), within(1e-9));
	}

	@Test
	void perfectlySeparatedDataStillRanksRight() {
		List<double[]> rows = new ArrayList<>();
		List<Boolean> outcomes = new ArrayList<>();
		cell(rows, outcomes, 3, 0, 1);
		cell(rows, outcomes, 3, 0, 2);
		cell(rows, outcomes, 3, 3, 3);
		cell(rows, outcomes, 3, 3, 4);
		LogisticRegression model = fit(rows, outcomes);
		assertThat(model.logOdds(new double[] { 3 })).isGreaterThan(model.logOdds(new double[] { 2 }));
		assertThat(model.coefficients()[0]).isPositive();
	}

	@Test
	void oneOutcomeAloneCannotBeFitted() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LogisticRegression.fit(new double[][] { { 1 }, { 2 } }, new boolean[] { true, true }))
			.withMessageContaining("Both outcomes");
		assertThatIllegalArgumentException().isThrownBy(() -> LogisticRegression.fit(new double[0][], new boolean[0]));
	}

	@Test
	void aLinearSystemWithAFreeUnknownIsSolvedForTheOthers() {
		// 2a + b = 5, 4a + 2b = 10 (the same equation), c = 3: a free unknown set to 0
		double[] solution = LogisticRegression.solve(new double[][] { { 2, 1, 0 }, { 4, 2, 0 }, { 0, 0, 1 } },
				new double[] { 5, 10, 3 });
		assertThat(2 * solution[0] + solution[1]).isCloseTo(5, within(1e-12));
		assertThat(solution[2]).isCloseTo(3, within(1e-12));
	}

}
