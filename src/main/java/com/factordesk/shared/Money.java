package com.factordesk.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of money in the facility's currency, always at cent precision. Hidden
 * precision is refused: the one place that rounds is {@link #times(Rate)}, HALF_EVEN at
 * the cent.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

	/**
	 * The currency of every amount on the desk (ISO 4217): facilities and invoices are in
	 * it, and amounts carry no currency of their own.
	 */
	public static final String CURRENCY = "EUR";

	public static final Money ZERO = new Money(BigDecimal.ZERO.setScale(2));

	public Money {
		Objects.requireNonNull(amount, "amount");
		try {
			amount = amount.setScale(2, RoundingMode.UNNECESSARY);
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("Money has at most two decimals, got " + amount.toPlainString(), ex);
		}
	}

	public static Money of(String amount) {
		return new Money(new BigDecimal(amount));
	}

	public static Money of(BigDecimal amount) {
		return new Money(amount);
	}

	public Money plus(Money other) {
		return new Money(this.amount.add(other.amount));
	}

	public Money minus(Money other) {
		return new Money(this.amount.subtract(other.amount));
	}

	/**
	 * This amount times a rate, rounded HALF_EVEN to the cent.
	 */
	public Money times(Rate rate) {
		return new Money(this.amount.multiply(rate.fraction()).setScale(2, RoundingMode.HALF_EVEN));
	}

	public boolean isPositive() {
		return this.amount.signum() > 0;
	}

	public boolean isZero() {
		return this.amount.signum() == 0;
	}

	public boolean isNegative() {
		return this.amount.signum() < 0;
	}

	public boolean isGreaterThan(Money other) {
		return compareTo(other) > 0;
	}

	public Money min(Money other) {
		return compareTo(other) <= 0 ? this : other;
	}

	@Override
	public int compareTo(Money other) {
		return this.amount.compareTo(other.amount);
	}

	@Override
	public String toString() {
		return this.amount.toPlainString();
	}

}
