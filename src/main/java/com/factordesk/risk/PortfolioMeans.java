package com.factordesk.risk;

import java.math.BigDecimal;
import java.util.Objects;

import com.factordesk.risk.DebtorRiskInputs.Disputes;
import com.factordesk.risk.DebtorRiskInputs.Payments;

/**
 * What the portfolio as a whole shows on one as-of date, toward which a thin file is
 * shrunk, part for part: a debtor's payment history toward the portfolio's mean payment
 * history, its dispute rates toward the portfolio's dispute rates. Kept unrounded, so
 * that a score computed from them is rounded once, at the end.
 *
 * @param paymentHistory the mean payment history part (days beyond terms and share paid
 * on time, with the trend, before credibility shrinkage), 0-100, over the debtors with
 * paid invoices, each debtor counting once: the expected history of a debtor one knows
 * nothing about yet
 * @param debtorsWithHistory the debtors with invoices paid in the trailing 365 days that
 * mean is taken over
 * @param disputeRateByCount the portfolio's dispute rate by count, open disputes counted
 * twice: over all debtors' invoices issued in the trailing 365 days, the disputed ones
 * (plus those still in dispute) divided by all of them, so each invoice counts once
 * @param disputeRateByAmount the same by amount: the amount disputed (plus the amount
 * still in dispute) divided by the amount invoiced
 * @param invoices the invoices issued in the trailing 365 days those rates are taken over
 */
public record PortfolioMeans(BigDecimal paymentHistory, int debtorsWithHistory, BigDecimal disputeRateByCount,
		BigDecimal disputeRateByAmount, int invoices) {

	/**
	 * A portfolio with nothing paid and nothing invoiced: the neutral payment history 50
	 * and no disputes.
	 */
	public static final PortfolioMeans NONE = new PortfolioMeans(BigDecimal.valueOf(50), 0, BigDecimal.ZERO,
			BigDecimal.ZERO, 0);

	public PortfolioMeans {
		Objects.requireNonNull(paymentHistory, "paymentHistory");
		Objects.requireNonNull(disputeRateByCount, "disputeRateByCount");
		Objects.requireNonNull(disputeRateByAmount, "disputeRateByAmount");
		if (paymentHistory.signum() < 0 || paymentHistory.compareTo(BigDecimal.valueOf(100)) > 0) {
			throw new IllegalArgumentException(
					"The mean payment history is a score 0-100, got " + paymentHistory.toPlainString());
		}
		if (disputeRateByCount.signum() < 0 || disputeRateByAmount.signum() < 0) {
			throw new IllegalArgumentException("A dispute rate cannot be negative");
		}
		if (debtorsWithHistory < 0 || invoices < 0) {
			throw new IllegalArgumentException("Counts cannot be negative");
		}
	}

	/**
	 * The means of a portfolio, from every debtor's payments and disputes as of one date,
	 * under one scoring model (the payment history depends on its curve, blend and trend
	 * rule; the dispute rates do not). With no debtor paid, the neutral 50; with nothing
	 * invoiced, no disputes.
	 */
	public static PortfolioMeans of(Iterable<Payments> payments, Iterable<Disputes> disputes, ScoringModel model) {
		BigDecimal historySum = BigDecimal.ZERO;
		int debtors = 0;
		for (Payments paid : payments) {
			if (paid.paidCount() > 0) {
				historySum = historySum.add(RiskScorer.history(paid, model).history());
				debtors++;
			}
		}
		long invoiced = 0;
		long disputedOpenTwice = 0;
		BigDecimal invoicedAmount = BigDecimal.ZERO;
		BigDecimal disputedAmountOpenTwice = BigDecimal.ZERO;
		for (Disputes debtor : disputes) {
			invoiced += debtor.invoicedCount();
			disputedOpenTwice += debtor.disputedCount() + debtor.openCount();
			invoicedAmount = invoicedAmount.add(debtor.invoicedAmount().amount());
			disputedAmountOpenTwice = disputedAmountOpenTwice.add(debtor.disputedAmount().amount())
				.add(debtor.openAmount().amount());
		}
		BigDecimal history = (debtors == 0) ? NONE.paymentHistory()
				: historySum.divide(BigDecimal.valueOf(debtors), RiskScorer.MC);
		BigDecimal byCount = (invoiced == 0) ? BigDecimal.ZERO
				: BigDecimal.valueOf(disputedOpenTwice).divide(BigDecimal.valueOf(invoiced), RiskScorer.MC);
		BigDecimal byAmount = (invoicedAmount.signum() == 0) ? BigDecimal.ZERO
				: disputedAmountOpenTwice.divide(invoicedAmount, RiskScorer.MC);
		return new PortfolioMeans(history, debtors, byCount, byAmount, Math.toIntExact(invoiced));
	}

}
