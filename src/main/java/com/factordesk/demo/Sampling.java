package com.factordesk.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * The generator's drawing helpers: shares, weights, shuffles, amounts and times of day.
 * Every draw comes from the {@link SplittableRandom} handed in, so a seed gives the same
 * book.
 */
final class Sampling {

	private static final double AMOUNT_SIGMA = 1.0;

	private static final long MIN_AMOUNT_CENTS = 25_00;

	private static final long MAX_AMOUNT_CENTS = 250_000_00;

	private Sampling() {
	}

	/**
	 * Euros to whole cents, half-even.
	 */
	static long cents(double euros) {
		return BigDecimal.valueOf(euros).setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
	}

	/**
	 * An index drawn with the given shares (summing to about 1).
	 */
	static int pick(double[] shares, SplittableRandom r) {
		double u = r.nextDouble();
		for (int i = 0; i < shares.length - 1; i++) {
			u -= shares[i];
			if (u < 0) {
				return i;
			}
		}
		return shares.length - 1;
	}

	/**
	 * An index drawn in proportion to the weights whose running total is given.
	 */
	static int sample(double[] cumulative, SplittableRandom r) {
		double u = r.nextDouble() * cumulative[cumulative.length - 1];
		int index = Arrays.binarySearch(cumulative, u);
		index = (index >= 0) ? index + 1 : -index - 1;
		return Math.min(index, cumulative.length - 1);
	}

	/**
	 * The numbers 0 to count - 1 in a random order.
	 */
	static int[] shuffledRange(int count, SplittableRandom r) {
		int[] values = new int[count];
		for (int i = 0; i < count; i++) {
			values[i] = i;
		}
		for (int i = count - 1; i > 0; i--) {
			int j = r.nextInt(i + 1);
			int swap = values[i];
			values[i] = values[j];
			values[j] = swap;
		}
		return values;
	}

	/**
	 * Splits a total in proportion to the weights, whole numbers summing to the total
	 * (largest remainder).
	 */
	static int[] apportion(int total, double[] weights) {
		double sum = 0;
		for (double weight : weights) {
			sum += weight;
		}
		int[] shares = new int[weights.length];
		Integer[] order = new Integer[weights.length];
		double[] remainders = new double[weights.length];
		int given = 0;
		for (int i = 0; i < weights.length; i++) {
			double exact = total * weights[i] / sum;
			shares[i] = (int) Math.floor(exact);
			remainders[i] = exact - shares[i];
			given += shares[i];
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -remainders[i]).thenComparingInt((i) -> i));
		for (int i = 0; given < total; i = (i + 1) % weights.length) {
			shares[order[i]]++;
			given++;
		}
		return shares;
	}

	/**
	 * The smallest round value at least the given one (the largest when none is).
	 */
	static long niceAtLeast(long[] values, double wanted) {
		for (long value : values) {
			if (value >= wanted) {
				return value;
			}
		}
		return values[values.length - 1];
	}

	/**
	 * An invoice amount in cents, log-normal around e^mu, between 25 and 250,000 euros.
	 */
	static long amount(double mu, SplittableRandom r) {
		while (true) {
			long cents = cents(Math.exp(mu + AMOUNT_SIGMA * r.nextGaussian()));
			if (cents >= MIN_AMOUNT_CENTS && cents <= MAX_AMOUNT_CENTS) {
				return cents;
			}
		}
	}

	/**
	 * A minute of the day during office hours (9:00 to 17:00).
	 */
	static int business(SplittableRandom r) {
		return 9 * 60 + r.nextInt(8 * 60);
	}

	/**
	 * A minute of the day in the early bank run (6:30 to 8:00).
	 */
	static int bankRun(SplittableRandom r) {
		return 6 * 60 + 30 + r.nextInt(90);
	}

}
