package com.factordesk.risk.calibration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class BlendFitTests {

	private static final double NAN = Double.NaN;

	private static final double NO_CAP = Double.POSITIVE_INFINITY;

	private static final BlendFit.Hundredths IN_FORCE = new BlendFit.Hundredths(45, 35, 20);

	@Test
	void aScoreIsTheWeightedAverageOfThePresentComponentsCappedAndRoundedToATenth() {
		int[] weights = { 45, 35, 20 };
		// (45 x 80 + 35 x 50 + 20 x 90) / 100 = (3600 + 1750 + 1800) / 100 = 71.5
		assertThat(BlendFit.bin(group(80, 50, 90, NO_CAP), weights, 50)).isEqualTo(715);
		// disputes missing: (45 x 80 + 35 x 50) / 80 = 5350 / 80 = 66.875 -> 66.9
		assertThat(BlendFit.bin(group(80, 50, NAN, NO_CAP), weights, 50)).isEqualTo(669);
		// capped at 40
		assertThat(BlendFit.bin(group(80, 50, NAN, 40), weights, 50)).isEqualTo(400);
		// nothing present: the neutral score
		assertThat(BlendFit.bin(group(NAN, NAN, NAN, NO_CAP), weights, 50)).isEqualTo(500);
		// half a tenth rounds up, as RiskScorer rounds: (45 x 79.95 + 35 x 79.95) / 80
		assertThat(BlendFit.bin(group(79.95, 79.95, NAN, NO_CAP), weights, 50)).isEqualTo(800);
	}

	@Test
	void theAucCountsOnTimeAboveLateWithTiesAsHalf() {
		// late scored 30 and 50, on time 50, 70 and 90: of the 2 x 3 pairs, 50 against 30
		// counts 1, 50 against 50 one half, 70 and 90 against both 2 each: 5.5 / 6
		List<BlendFit.Group> groups = List.of(outcome(30, true), outcome(50, true), outcome(50, false),
				outcome(70, false), outcome(90, false));
		assertThat(BlendFit.auc(groups, new int[] { 100, 0, 0 }, 50)).isCloseTo(5.5 / 6, within(1e-12));
		assertThat(BlendFit.auc(List.of(outcome(30, true)), new int[] { 100, 0, 0 }, 50)).isNaN();
	}

	@Test
	void theAucWeighsAGroupByItsInvoices() {
		// 3 late at 40, 1 late and 2 on time at 60, 4 on time at 80: of the 4 x 6 pairs,
		// the 2 on time at 60 beat 3 and tie 1 (3.5 each), the 4 at 80 beat all 4
		List<BlendFit.Group> groups = List.of(new BlendFit.Group(new double[] { 40, NAN, NAN }, NO_CAP, 3, 0),
				new BlendFit.Group(new double[] { 60, NAN, NAN }, NO_CAP, 1, 2),
				new BlendFit.Group(new double[] { 80, NAN, NAN }, NO_CAP, 0, 4));
		assertThat(BlendFit.auc(groups, new int[] { 45, 35, 20 }, 50)).isCloseTo((2 * 3.5 + 4 * 4) / 24.0,
				within(1e-12));
	}

	@Test
	void aComponentThatAloneSeparatesTakesAllTheWeight() {
		List<BlendFit.Group> groups = separatedByPaymentBehaviour(new Random(7), 400);
		BlendFit.Hundredths fitted = BlendFit.fit(groups, IN_FORCE, 50);
		// any weight on the noise moves scores by up to 1 point, more than the 0.2 points
		// that part late from on time
		assertThat(fitted).isEqualTo(new BlendFit.Hundredths(100, 0, 0));
		assertThat(BlendFit.auc(groups, fitted.asArray(), 50)).isEqualTo(1.0);
		assertThat(BlendFit.auc(groups, IN_FORCE.asArray(), 50)).isLessThan(0.9);
	}

	@Test
	void theDisputesComponentCanTakeTheWeightToo() {
		List<BlendFit.Group> groups = new ArrayList<>();
		Random random = new Random(11);
		for (int i = 0; i < 400; i++) {
			boolean late = i % 3 == 0;
			double disputes = late ? 30 + random.nextDouble() : 31.5 + random.nextDouble();
			groups
				.add(new BlendFit.Group(new double[] { random.nextDouble() * 100, random.nextDouble() * 100, disputes },
						NO_CAP, late ? 1 : 0, late ? 0 : 1));
		}
		assertThat(BlendFit.fit(groups, IN_FORCE, 50)).isEqualTo(new BlendFit.Hundredths(0, 0, 100));
	}

	@Test
	void withoutSignalTheWeightsInForceStay() {
		List<BlendFit.Group> groups = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			groups.add(new BlendFit.Group(new double[] { 60, 60, 60 }, NO_CAP, i % 2, 1 - i % 2));
		}
		assertThat(BlendFit.fit(groups, IN_FORCE, 50)).isEqualTo(IN_FORCE);
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5 })
	void fittedWeightsAreNonNegativeAndAddUpToExactlyOne(long seed) {
		Random random = new Random(seed);
		List<BlendFit.Group> groups = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			double payment = random.nextDouble() * 100;
			double bureau = random.nextDouble() * 100;
			double disputes = (random.nextInt(4) == 0) ? NAN : random.nextDouble() * 100;
			// late more often the lower a mix of payment and bureau
			boolean late = random.nextDouble() * 100 > 0.7 * payment + 0.3 * bureau;
			groups.add(new BlendFit.Group(new double[] { payment, bureau, disputes },
					(random.nextInt(10) == 0) ? 40 : NO_CAP, late ? 1 : 0, late ? 0 : 1));
		}
		BlendFit.Hundredths fitted = BlendFit.fit(groups, IN_FORCE, 50);
		var weights = fitted.toWeights();
		assertThat(weights.paymentBehaviour().add(weights.bureau()).add(weights.disputes()))
			.isEqualByComparingTo(BigDecimal.ONE);
		assertThat(List.of(weights.paymentBehaviour(), weights.bureau(), weights.disputes()))
			.allSatisfy((weight) -> assertThat(weight.signum()).isNotNegative());
		// never worse on the data it was fitted on than the weights it started from
		assertThat(BlendFit.auc(groups, fitted.asArray(), 50))
			.isGreaterThanOrEqualTo(BlendFit.auc(groups, IN_FORCE.asArray(), 50));
	}

	@Test
	void theSameSamplesInAnyOrderGiveTheSameWeights() {
		List<BlendFit.Group> groups = new ArrayList<>();
		Random random = new Random(3);
		for (int i = 0; i < 500; i++) {
			double payment = random.nextDouble() * 100;
			double bureau = random.nextDouble() * 100;
			boolean late = random.nextDouble() * 100 > 0.5 * payment + 0.5 * bureau;
			groups.add(new BlendFit.Group(new double[] { payment, bureau, random.nextDouble() * 100 }, NO_CAP,
					late ? 1 : 0, late ? 0 : 1));
		}
		BlendFit.Hundredths first = BlendFit.fit(groups, IN_FORCE, 50);
		List<BlendFit.Group> shuffled = new ArrayList<>(groups);
		Collections.shuffle(shuffled, new Random(99));
		assertThat(BlendFit.fit(groups, IN_FORCE, 50)).isEqualTo(first);
		assertThat(BlendFit.fit(shuffled, IN_FORCE, 50)).isEqualTo(first);
	}

	@Test
	void weightsOutsideTheSimplexAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BlendFit.Hundredths(50, 51, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new BlendFit.Hundredths(-1, 51, 50));
	}

	@Test
	void knotsMoveTowardWhatPaysAndStayFallingWithin0To100() {
		double[] start = { 100, 75, 50, 20, 0 };
		double[] target = { 100, 85, 40, 30, 0 };
		double[] fitted = BlendFit.monotoneKnots(start, (ys) -> -distance(ys, target), 3);
		// steps of 10, 5 and 2 reach 85 (75 + 10), 40 (50 - 10) and 30 (20 + 10)
		assertThat(fitted).containsExactly(target);
	}

	@Test
	void knotsStayFallingWhenTheObjectiveWantsARise() {
		double[] start = { 100, 70, 30, 0 };
		// the objective wants the third knot above the second and beyond 100 at the end
		double[] target = { 100, 40, 60, 120 };
		double[] fitted = BlendFit.monotoneKnots(start, (ys) -> -distance(ys, target), 3);
		assertThat(BlendFit.nonIncreasing(fitted)).isTrue();
		assertThat(distance(fitted, target)).isLessThan(distance(start, target));
		assertThat(BlendFit.monotoneKnots(start, (ys) -> -distance(ys, target), 3)).containsExactly(fitted);
	}

	@Test
	void aCurveThatRisesIsNotFitted() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BlendFit.monotoneKnots(new double[] { 50, 60 }, (ys) -> 0, 1));
	}

	private static double distance(double[] ys, double[] target) {
		double sum = 0;
		for (int i = 0; i < ys.length; i++) {
			sum += (ys[i] - target[i]) * (ys[i] - target[i]);
		}
		return sum;
	}

	/**
	 * Late invoices score 49.0-49.8 on payment behaviour, on-time ones 50.2-51.0; bureau
	 * and disputes are noise 0-100 (disputes missing for every fifth).
	 */
	private static List<BlendFit.Group> separatedByPaymentBehaviour(Random random, int count) {
		List<BlendFit.Group> groups = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			boolean late = i % 4 == 0;
			double payment = (late ? 49.0 : 50.2) + 0.8 * random.nextDouble();
			double disputes = (i % 5 == 0) ? NAN : random.nextDouble() * 100;
			groups.add(new BlendFit.Group(new double[] { payment, random.nextDouble() * 100, disputes }, NO_CAP,
					late ? 1 : 0, late ? 0 : 1));
		}
		return groups;
	}

	private static BlendFit.Group group(double payment, double bureau, double disputes, double cap) {
		return new BlendFit.Group(new double[] { payment, bureau, disputes }, cap, 0, 1);
	}

	private static BlendFit.Group outcome(double payment, boolean late) {
		return new BlendFit.Group(new double[] { payment, NAN, NAN }, NO_CAP, late ? 1 : 0, late ? 0 : 1);
	}

}
