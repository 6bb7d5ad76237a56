package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.factordesk.shared.Money;

/**
 * The headline figures of a scope as of the end of a day, over the 90 days ending on it
 * (DESIGN section 5): what the summary API answers and the trends plot month by month. A
 * figure without a denominator (no sales in the window, no collections, nothing to
 * collect) is {@code null}.
 *
 * @param asOf the day
 * @param openAr open AR at the end of the day
 * @param currentAr the part of it not past due
 * @param sales90 credit sales of the 90 days ending on the day (face of invoices funded
 * by then, issued in the window)
 * @param dso90 standard DSO: open AR / sales90 x 90, in days
 * @param dsoCountback countback DSO by calendar months, in days
 * @param bestPossibleDso current AR / sales90 x 90, in days
 * @param averageDaysDelinquent DSO - best-possible DSO (of the two rounded figures)
 * @param collectionEffectivenessIndex (AR 90 days before + sales90 - open AR) / (AR 90
 * days before + sales90 - current AR) x 100, in percent
 * @param daysBeyondTerms amount-weighted days after the due date of the allocations
 * received in the 90 days (early = 0)
 * @param atRiskRate the share of open AR over 90 days past due, a fraction
 * @param dilutionRate (credit notes + write-offs of disputed amounts) / gross invoiced
 * over the trailing 12 months, a fraction
 */
public record Headline(LocalDate asOf, Money openAr, Money currentAr, Money sales90, BigDecimal dso90,
		BigDecimal dsoCountback, BigDecimal bestPossibleDso, BigDecimal averageDaysDelinquent,
		BigDecimal collectionEffectivenessIndex, BigDecimal daysBeyondTerms, BigDecimal atRiskRate,
		BigDecimal dilutionRate) {

}
