package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.Money;

/**
 * Every headline figure of a scope as of the end of a day, with the inputs each is
 * computed from, over a window of {@code days} days ending on that day (30, 90 or 365):
 * what the figures section of the dashboard shows, tile by tile. A figure without a
 * denominator is {@code null} ("n/a").
 *
 * @param asOf the day
 * @param days the window of the DSO family, the CEI, the days beyond terms and the
 * disputes
 * @param openAr open AR at the end of the day
 * @param openInvoices how many invoices are open
 * @param debtors how many debtors owe the open AR
 * @param clients how many clients it belongs to
 * @param currentAr the open AR not past due
 * @param atRiskAr the open AR over 90 days past due
 * @param disputedAr the open AR of invoices with a dispute open at the end of the day
 * @param disputedInvoices how many open invoices have an open dispute
 * @param sales credit sales of the window: face of invoices funded by the day with an
 * issue date in the window
 * @param sales90 the same over 90 days (the headline's window)
 * @param dso standard DSO of the window: open AR / sales x days
 * @param dso90 standard DSO over 90 days
 * @param countbackDso countback DSO by calendar months
 * @param bestPossibleDso current AR / sales x days
 * @param bestPossibleDso90 current AR / sales90 x 90
 * @param arAtStart open AR at the end of the day before the window (asOf - days)
 * @param arAtStart90 open AR at asOf - 90
 * @param collectionEffectivenessIndex CEI over the window, in percent
 * @param collectionEffectivenessIndex90 CEI over 90 days, in percent
 * @param collected the allocations received in the window (net of reversals by the day)
 * @param daysBeyondTerms amount-weighted days after due of those allocations, early = 0
 * @param collected90 allocations received in the 90 days
 * @param daysBeyondTerms90 days beyond terms of the 90 days
 * @param disputes disputes opened and resolved in the window, and those open
 * @param credited12 credit notes issued in the trailing 12 months
 * @param writtenOff12 the disputed part of the write-offs of the trailing 12 months (the
 * rest of a write-off is a credit loss, not dilution)
 * @param gross12 gross invoiced of the trailing 12 months (issue dates in them)
 * @param dilutionRate (credited12 + writtenOff12) / gross12
 * @param agingByDue the open AR by days past due
 * @param agingByIssue the open AR by days since the invoice date
 */
public record DsoFigures(LocalDate asOf, int days, Money openAr, long openInvoices, long debtors, long clients,
		Money currentAr, Money atRiskAr, Money disputedAr, long disputedInvoices, Money sales, Money sales90,
		BigDecimal dso, BigDecimal dso90, BigDecimal countbackDso, BigDecimal bestPossibleDso,
		BigDecimal bestPossibleDso90, Money arAtStart, Money arAtStart90, BigDecimal collectionEffectivenessIndex,
		BigDecimal collectionEffectivenessIndex90, Money collected, BigDecimal daysBeyondTerms, Money collected90,
		BigDecimal daysBeyondTerms90, Disputes disputes, Money credited12, Money writtenOff12, Money gross12,
		BigDecimal dilutionRate, List<AgingBucket> agingByDue, List<AgingBucket> agingByIssue) {

	public Money pastDueAr() {
		return this.openAr.minus(this.currentAr);
	}

	public Money cleanAr() {
		return this.openAr.minus(this.disputedAr);
	}

	/**
	 * @return average days delinquent of the window: DSO - best-possible DSO
	 */
	public BigDecimal averageDaysDelinquent() {
		return difference(this.dso, this.bestPossibleDso);
	}

	public BigDecimal averageDaysDelinquent90() {
		return difference(this.dso90, this.bestPossibleDso90);
	}

	/**
	 * @return the share of open AR over 90 days past due, or {@code null} without open AR
	 */
	public BigDecimal atRiskRate() {
		return PortfolioFigures.ratio(this.atRiskAr, this.openAr);
	}

	public BigDecimal disputedShare() {
		return PortfolioFigures.ratio(this.disputedAr, this.openAr);
	}

	public Headline headline() {
		return new Headline(this.asOf, this.openAr, this.currentAr, this.sales90, this.dso90, this.countbackDso,
				this.bestPossibleDso90, averageDaysDelinquent90(), this.collectionEffectivenessIndex90,
				this.daysBeyondTerms90, atRiskRate(), this.dilutionRate);
	}

	private static BigDecimal difference(BigDecimal dso, BigDecimal best) {
		return (dso == null || best == null) ? null : dso.subtract(best);
	}

	/**
	 * Disputes of the scope's funded invoices.
	 *
	 * @param opened opened in the window
	 * @param resolved resolved in the window
	 * @param resolvedAverageAge average days from opening to resolution of those resolved
	 * in the window, or {@code null}
	 * @param open open at the end of the day
	 * @param openAmount their disputed amounts
	 * @param openAverageAge average days they have been open, or {@code null}
	 */
	public record Disputes(long opened, long resolved, BigDecimal resolvedAverageAge, long open, Money openAmount,
			BigDecimal openAverageAge) {
	}

}
