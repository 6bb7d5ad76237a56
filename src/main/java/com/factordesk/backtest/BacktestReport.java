package com.factordesk.backtest;

import com.factordesk.risk.Grade;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Whether the score ranked risk: for the invoices issued in a period whose outcome is
 * known, the score their debtor had when they were issued against whether they were paid
 * late.
 *
 * @param from the first issue date
 * @param to the last issue date
 * @param clientRef the client the invoices were limited to, or {@code null} for the whole
 * book
 * @param invoices the invoices with a known outcome
 * @param lateShare the share paid after the due date (or still unpaid past it)
 * @param late30Share the share paid 30 or more days late (or still unpaid that long)
 * @param auc ROC AUC of the score for late payment; {@code null} without both outcomes
 * @param gini 2 AUC - 1
 * @param ks the Kolmogorov-Smirnov statistic
 * @param auc30 ROC AUC for 30+ days late
 * @param grades per grade: invoices, late share and average days beyond terms
 * @param elapsed how long the backtest took
 */
public record BacktestReport(LocalDate from, LocalDate to, String clientRef, long invoices, BigDecimal lateShare,
		BigDecimal late30Share, BigDecimal auc, BigDecimal gini, BigDecimal ks, BigDecimal auc30,
		List<GradeOutcome> grades, Duration elapsed) {

	/**
	 * How the invoices of one grade turned out.
	 */
	public record GradeOutcome(Grade grade, long invoices, BigDecimal lateShare, BigDecimal avgDaysBeyondTerms) {
	}

	/**
	 * Whether each grade paid worse than the one above it (A better than B ... better
	 * than E), over the grades that have invoices.
	 */
	public boolean monotone() {
		BigDecimal previous = null;
		for (GradeOutcome grade : this.grades) {
			if (grade.invoices() == 0) {
				continue;
			}
			if (previous != null && grade.lateShare().compareTo(previous) < 0) {
				return false;
			}
			previous = grade.lateShare();
		}
		return true;
	}

}
