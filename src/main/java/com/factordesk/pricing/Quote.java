package com.factordesk.pricing;

import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * The price of funding one invoice, line by line. The money reconciles to the cent:
 * advance + reserve = face and rebate = reserve - fee, with 0 &lt;= fee &lt;= reserve. A
 * declined quote advances nothing and charges nothing: the reserve and the rebate are the
 * face.
 *
 * @param declined whether the invoice is declined
 * @param declineReason why, in English; {@code null} when the invoice is priced
 * @param band the band the score fell in
 * @param bandSetVersion the version of the pricing bands used
 * @param parametersVersion the version of the pricing parameters used (tenor surcharge,
 * concentration rule)
 * @param lines the band, each adjustment and the fee's arithmetic, with its reason, in
 * the order applied
 * @param advanceRate the advance rate applied to the part of the face that is advanced
 * @param feeRate the fee rate per 30 days after adjustments, never below zero
 * @param fundingDate the day the advance is paid: today for an invoice not yet funded
 * @param dueDate the invoice's due date
 * @param daysBeyondTerms the debtor's average days beyond terms, rounded up to whole
 * days, at least zero
 * @param expectedDaysToPay the days from issue to the expected payment: payment terms
 * plus the days beyond terms
 * @param expectedPaymentDate the due date plus the days beyond terms
 * @param daysOutstanding the days from funding to the expected payment, at least zero:
 * the fee runs on these
 * @param feeCalculation the fee's figures (basis, rate per the facility's period,
 * periods); {@code null} when the invoice is declined
 * @param expectedFee the fee expected at the expected payment date, at most the reserve
 * @param advance what we pay the client now
 * @param reserve the face minus the advance, held until the debtor pays
 * @param expectedRebate the reserve minus the expected fee, released when the debtor pays
 */
public record Quote(boolean declined, String declineReason, PricingBand band, int bandSetVersion, int parametersVersion,
		List<QuoteLine> lines, Rate advanceRate, Rate feeRate, LocalDate fundingDate, LocalDate dueDate,
		int daysBeyondTerms, int expectedDaysToPay, LocalDate expectedPaymentDate, int daysOutstanding,
		FeeCalculation feeCalculation, Money expectedFee, Money advance, Money reserve, Money expectedRebate) {

	public Quote {
		lines = List.copyOf(lines);
	}

	/**
	 * The codes of the lines, in order.
	 */
	public List<String> lineCodes() {
		return this.lines.stream().map(QuoteLine::code).toList();
	}

	/**
	 * The line that declines the invoice, with its reason; {@code null} when it is
	 * priced.
	 */
	public QuoteLine declineLine() {
		return this.lines.stream().filter((line) -> QuoteLine.DECLINED.equals(line.code())).findFirst().orElse(null);
	}

}
