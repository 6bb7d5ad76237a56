package com.factordesk.backtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A missing input of the regression challenger becomes the mean of the fitting rows plus
 * a missing flag for its group.
 */
class RawInputsTests {

	private static final double NA = Double.NaN;

	@Test
	void missingInputsTakeTheMeanOfThoseWhoHaveThemAndRaiseTheirGroupsFlag() {
		double[][] rows = { { 10, 0.5, 0, 2, 60, 30, 0.1, 0.2 }, { 20, 0.7, 40, 0, NA, NA, 0.0, 0.0 },
				{ NA, NA, 5, NA, 80, 90, NA, NA } };
		// ADBT (10 + 20) / 2 = 15; late share 0.6; days past due (0 + 40 + 5) / 3 = 15;
		// trend 1; bureau (60 + 80) / 2 = 70, age 60; disputes 0.05 and 0.1
		double[] means = RawInputs.means(rows);
		assertThat(means).containsExactly(15, 0.6, 15, 1, 70, 60, 0.05, 0.1);
		assertThat(RawInputs.complete(rows[1], means)).containsExactly(20, 0.7, 40, 0, 70, 60, 0, 0, 0, 1, 0);
		assertThat(RawInputs.complete(rows[2], means)).containsExactly(15, 0.6, 5, 1, 80, 90, 0.05, 0.1, 1, 0, 1);
		assertThat(RawInputs.complete(rows[0], means)).containsExactly(10, 0.5, 0, 2, 60, 30, 0.1, 0.2, 0, 0, 0);
	}

	@Test
	void anInputNobodyHasIsZero() {
		double[] means = RawInputs.means(new double[][] { { 1, 1, 1, 1, NA, NA, 1, 1 } });
		assertThat(means[4]).isZero();
		assertThat(means[5]).isZero();
	}

}
