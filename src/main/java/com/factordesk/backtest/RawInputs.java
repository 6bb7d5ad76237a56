package com.factordesk.backtest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import com.factordesk.risk.BureauReading;
import com.factordesk.risk.Component;
import com.factordesk.risk.DebtorRiskInputs;
import com.factordesk.risk.RiskAssessment;

/**
 * The raw inputs of the logistic regression challenger (DESIGN.md section 2b), read from
 * a debtor's scoring inputs at the scoring date, before any curve:
 * <ol>
 * <li>ADBT, the amount-weighted days beyond terms of the invoices paid in 365 days;</li>
 * <li>the share of them paid late;</li>
 * <li>the days past due of the most overdue open invoice (0 when none is);</li>
 * <li>the trend: ADBT minus the ADBT of the last 90 days when at least 3 invoices were
 * paid in them, else 0;</li>
 * <li>the bureau score normalised to 0-100 by the provider's configured scale (the bureau
 * sub-score the score itself read: averaged over providers, an old reading faded toward
 * neutral);</li>
 * <li>the age in days of the newest bureau reading;</li>
 * <li>the dispute rate by count and</li>
 * <li>by amount over the invoices issued in 365 days.</li>
 * </ol>
 * Inputs 1, 2 and 4 are missing without paid invoices, 5 and 6 without a bureau reading,
 * 7 and 8 without invoices issued: a missing input is {@code NaN} here, and
 * {@link #complete} puts the mean of the fitting rows in its place and sets its group's
 * missing flag (three flags, appended after the eight inputs).
 */
final class RawInputs {

	static final int INPUTS = 8;

	static final int WIDTH = INPUTS + 3;

	private static final int[][] GROUPS = { { 0, 1, 3 }, { 4, 5 }, { 6, 7 } };

	private RawInputs() {
	}

	/**
	 * The eight raw inputs of a debtor as of its scoring date, {@code NaN} where missing.
	 */
	static double[] of(DebtorRiskInputs inputs, RiskAssessment assessment) {
		double[] raw = new double[INPUTS];
		Arrays.fill(raw, Double.NaN);
		DebtorRiskInputs.Payments paid = inputs.payments();
		if (paid.paidCount() > 0) {
			raw[0] = paid.adbtDays().doubleValue();
			raw[1] = paid.lateShare().doubleValue();
			raw[3] = (paid.recentPaidCount() >= 3) ? paid.adbtDays().subtract(paid.recentAdbtDays()).doubleValue() : 0;
		}
		raw[2] = inputs.openItems().maxDaysPastDue();
		LocalDate newest = null;
		for (BureauReading reading : inputs.bureauReadings()) {
			if (!reading.asOf().isAfter(inputs.asOf()) && (newest == null || reading.asOf().isAfter(newest))) {
				newest = reading.asOf();
			}
		}
		if (newest != null) {
			raw[4] = assessment.component(Component.BUREAU).subScore().doubleValue();
			raw[5] = ChronoUnit.DAYS.between(newest, inputs.asOf());
		}
		DebtorRiskInputs.Disputes disputes = inputs.disputes();
		if (disputes.invoicedCount() > 0) {
			raw[6] = (double) disputes.disputedCount() / disputes.invoicedCount();
			BigDecimal invoiced = disputes.invoicedAmount().amount();
			raw[7] = (invoiced.signum() > 0) ? disputes.disputedAmount().amount().doubleValue() / invoiced.doubleValue()
					: 0;
		}
		return raw;
	}

	/**
	 * The mean of each input over the rows where it is present (0 where it never is).
	 */
	static double[] means(double[][] rows) {
		double[] sum = new double[INPUTS];
		long[] count = new long[INPUTS];
		for (double[] row : rows) {
			for (int j = 0; j < INPUTS; j++) {
				if (!Double.isNaN(row[j])) {
					sum[j] += row[j];
					count[j]++;
				}
			}
		}
		double[] means = new double[INPUTS];
		for (int j = 0; j < INPUTS; j++) {
			means[j] = (count[j] == 0) ? 0 : sum[j] / count[j];
		}
		return means;
	}

	/**
	 * A row ready for the regression: missing inputs replaced by the means, followed by
	 * the three missing flags (payments, bureau, disputes: 1 when missing).
	 */
	static double[] complete(double[] raw, double[] means) {
		double[] row = Arrays.copyOf(raw, WIDTH);
		for (int j = 0; j < INPUTS; j++) {
			if (Double.isNaN(raw[j])) {
				row[j] = means[j];
			}
		}
		for (int g = 0; g < GROUPS.length; g++) {
			row[INPUTS + g] = Double.isNaN(raw[GROUPS[g][0]]) ? 1 : 0;
		}
		return row;
	}

}
