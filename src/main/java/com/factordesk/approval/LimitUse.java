package com.factordesk.approval;

import com.factordesk.shared.Money;

/**
 * How much of one limit is in use before and after a change.
 *
 * @param kind which limit
 * @param limit the limit
 * @param before what is in use now
 * @param after what would be in use after the change
 */
public record LimitUse(LimitKind kind, Money limit, Money before, Money after) {

	/**
	 * Whether the change would leave more in use than the limit allows.
	 */
	public boolean over() {
		return this.after.isGreaterThan(this.limit);
	}

	/**
	 * What is left under the limit now, never below zero.
	 */
	public Money available() {
		Money left = this.limit.minus(this.before);
		return left.isNegative() ? Money.ZERO : left;
	}

	/**
	 * The share of the limit in use before, in percent (0 when the limit is zero and
	 * nothing is in use, 100 and more when over).
	 */
	public int percentBefore() {
		return percent(this.before);
	}

	/**
	 * The share of the limit in use after, in percent.
	 */
	public int percentAfter() {
		return percent(this.after);
	}

	private int percent(Money used) {
		if (!this.limit.isPositive()) {
			return used.isPositive() ? 100 : 0;
		}
		return used.amount()
			.multiply(java.math.BigDecimal.valueOf(100))
			.divide(this.limit.amount(), 0, java.math.RoundingMode.HALF_EVEN)
			.intValueExact();
	}

}
