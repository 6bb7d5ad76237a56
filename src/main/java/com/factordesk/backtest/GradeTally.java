package com.factordesk.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.factordesk.backtest.BacktestReport.GradeOutcome;
import com.factordesk.risk.Grade;

/**
 * Counts how the invoices of one grade turned out: late (1 day or more beyond terms), 30+
 * days late, and the amount-weighted average days beyond terms, sum(amount x days) /
 * sum(amount), where early payment counts as 0.
 */
final class GradeTally {

	private final Grade grade;

	private long invoices;

	private long late;

	private long late30;

	private BigDecimal amount = BigDecimal.ZERO;

	private BigDecimal amountDays = BigDecimal.ZERO;

	GradeTally(Grade grade) {
		this.grade = grade;
	}

	/**
	 * Counts one invoice.
	 * @param amount its face amount
	 * @param daysBeyondTerms days paid after the due date, 0 when paid early or on time
	 */
	void add(BigDecimal amount, int daysBeyondTerms) {
		if (daysBeyondTerms < 0) {
			throw new IllegalArgumentException("Early payment counts as 0 days, got " + daysBeyondTerms);
		}
		this.invoices++;
		this.late += (daysBeyondTerms > 0) ? 1 : 0;
		this.late30 += (daysBeyondTerms >= 30) ? 1 : 0;
		this.amount = this.amount.add(amount);
		this.amountDays = this.amountDays.add(amount.multiply(BigDecimal.valueOf(daysBeyondTerms)));
	}

	/**
	 * The shares at four decimals and the average days at one, each rounded once,
	 * HALF_EVEN; 0 without invoices.
	 */
	GradeOutcome outcome() {
		BigDecimal days = (this.amount.signum() == 0) ? BigDecimal.ZERO.setScale(1)
				: this.amountDays.divide(this.amount, 1, RoundingMode.HALF_EVEN);
		return new GradeOutcome(this.grade, this.invoices, share(this.late), share(this.late30), days);
	}

	private BigDecimal share(long part) {
		if (this.invoices == 0) {
			return BigDecimal.ZERO.setScale(4);
		}
		return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(this.invoices), 4, RoundingMode.HALF_EVEN);
	}

}
