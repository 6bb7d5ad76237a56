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
 * @param lines the band and each adjustment, with its reason, in the order applied
 * @param advanceRate the advance rate applied to the part of the face that is advanced
 * @param feeRate the fee rate per period after adjustments, never below zero
 * @param expectedDaysToPay payment terms plus the debtor's days beyond terms (rounded up
 * to whole days)
 * @param expectedPaymentDate the issue date plus the expected days to pay
 * @param daysOutstanding the days from funding to the expected payment, at least zero
 * @param expectedFee the fee expected at the expected payment date, at most the reserve
 * @param advance what we pay the client now
 * @param reserve the face minus the advance, held until the debtor pays
 * @param expectedRebate the reserve minus the expected fee, released when the debtor pays
 */
public record Quote(boolean declined, String declineReason, PricingBand band, int bandSetVersion, List<QuoteLine> lines,
		Rate advanceRate, Rate feeRate, int expectedDaysToPay, LocalDate expectedPaymentDate, int daysOutstanding,
		Money expectedFee, Money advance, Money reserve, Money expectedRebate) {

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
