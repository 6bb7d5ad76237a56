package com.factordesk.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A rate as a fraction at six decimals: 0.025 is 2.5 %. Shown as a percentage at four
 * decimals at most.
 */
public record Rate(BigDecimal fraction) implements Comparable<Rate> {

	public static final Rate ZERO = new Rate(BigDecimal.ZERO);

	public Rate {
		Objects.requireNonNull(fraction, "fraction");
		try {
			fraction = fraction.setScale(6, RoundingMode.UNNECESSARY);
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException(
					"A rate has at most six decimals as a fraction, got " + fraction.toPlainString(), ex);
		}
	}

	public static Rate percent(String percent) {
		return new Rate(new BigDecimal(percent).movePointLeft(2));
	}

	public static Rate fraction(String fraction) {
		return new Rate(new BigDecimal(fraction));
	}

	/**
	 * The rate as a percentage at four decimals (85.0000 for 0.85).
	 */
	public BigDecimal asPercent() {
		return this.fraction.movePointRight(2).setScale(4, RoundingMode.UNNECESSARY);
	}

	public Rate complement() {
		return new Rate(BigDecimal.ONE.subtract(this.fraction));
	}

	@Override
	public int compareTo(Rate other) {
		return this.fraction.compareTo(other.fraction);
	}

	@Override
	public String toString() {
		return this.asPercent().stripTrailingZeros().toPlainString() + " %";
	}

}
