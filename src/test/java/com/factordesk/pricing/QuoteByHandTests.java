package com.factordesk.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.factordesk.client.DayCount;
import com.factordesk.client.FeeKind;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import static com.factordesk.pricing.QuoteRequests.anInvoice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quote can be redone by hand from what it shows: the funding date, the expected
 * payment date and the days between them, the facility's period and its rate per that
 * period, the basis and the periods charged. Each example is worked out in its comment;
 * the test then takes the figures the quote shows and recomputes the fee from them.
 * <p>
 * The invoice of every example: 12,000.00 issued 2026-09-01, due 2026-10-01 (30 days), on
 * a debtor scoring 40 (grade D: band 35-50, 70 % advanced, 3.50 % per 30 days, longest
 * tenor 60 days) who pays 9.4 days late on average, so 10 whole days: expected payment
 * 2026-10-11. Funded on the day it is issued: 40 days from funding to payment. Advance
 * 12,000.00 x 70 % = 8,400.00, reserve 3,600.00.
 */
class QuoteByHandTests {

	private static QuoteRequests theInvoice() {
		return anInvoice().face("12000.00").score("40").adbt("9.4");
	}

	@Test
	void theDatesAndTheDaysTheFeeRunsOn() {
		Quote quote = PricingPolicy.defaults().quote(theInvoice().build());
		assertThat(quote.fundingDate()).isEqualTo(LocalDate.of(2026, 9, 1));
		assertThat(quote.dueDate()).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(quote.daysBeyondTerms()).isEqualTo(10);
		assertThat(quote.expectedPaymentDate()).isEqualTo(LocalDate.of(2026, 10, 11));
		assertThat(quote.daysOutstanding()).isEqualTo(40);
		assertThat(quote.advance()).isEqualTo(Money.of("8400.00"));
		assertThat(quote.reserve()).isEqualTo(Money.of("3600.00"));
	}

	@Test
	void per30Days() {
		// 40 days: 2 started periods of 30 days (1-30, 31-60) at 3.50 % per 30 days on
		// the
		// face: 2 x 3.5 % x 12,000.00 = 840.00
		Quote quote = quote(new FeeStructure.Tiered(30));
		assertFigures(quote, FeeKind.TIERED, FeeCalculation.Basis.FACE, "12000.00", "3.5", 30, 2);
		assertByHand(quote, "840.00", "2 started periods of 30 days x 3.5 % x face 12,000.00 = 840.00");
	}

	@Test
	void per15Days() {
		// the facility's period is 15 days: 3.50 % per 30 days is 3.50 x 15 / 30 = 1.75 %
		// per 15 days; 40 days are 3 started periods (1-15, 16-30, 31-45): 3 x 1.75 % x
		// 12,000.00 = 630.00
		Quote quote = quote(new FeeStructure.Tiered(15));
		assertFigures(quote, FeeKind.TIERED, FeeCalculation.Basis.FACE, "12000.00", "1.75", 15, 3);
		assertByHand(quote, "630.00", "3 started periods of 15 days x 1.75 % x face 12,000.00 = 630.00");
	}

	@Test
	void per7DaysTheRatePerPeriodIsShownAndChargedAtFourDecimals() {
		// 3.50 x 7 / 30 = 0.81666... % -> 0.8167 % per 7 days (HALF_EVEN at four decimals
		// of a percentage); 40 days are 6 started periods (42 days): 6 x 0.8167 % x
		// 12,000.00 = 588.024 -> 588.02. (Pro rata to the day it would be 3.5 % x 42 / 30
		// x
		// 12,000.00 = 588.00: the quote charges what it shows.)
		Quote quote = quote(new FeeStructure.Tiered(7));
		assertFigures(quote, FeeKind.TIERED, FeeCalculation.Basis.FACE, "12000.00", "0.8167", 7, 6);
		assertByHand(quote, "588.02", "6 started periods of 7 days x 0.8167 % x face 12,000.00 = 588.02");
	}

	@Test
	void flat() {
		// once, whatever the days: 3.5 % x 12,000.00 = 420.00
		Quote quote = quote(new FeeStructure.Flat());
		assertFigures(quote, FeeKind.FLAT, FeeCalculation.Basis.FACE, "12000.00", "3.5", 0, 1);
		assertByHand(quote, "420.00", "once: 3.5 % x face 12,000.00 = 420.00");
	}

	@Test
	void dailyAct360() {
		// on the funds in use, the advance 8,400.00; 3.50 % per 30 days is 3.5 x 12 = 42
		// %
		// a year; 8,400.00 x 42 % x 40 / 360 = 3,528.00 x 40 / 360 = 141,120 / 360 =
		// 392.00
		Quote quote = quote(new FeeStructure.Daily(DayCount.ACT_360));
		assertFigures(quote, FeeKind.DAILY, FeeCalculation.Basis.ADVANCE, "8400.00", "42", 360, 40);
		assertByHand(quote, "392.00", "42 % a year x advance 8,400.00 x 40 days / 360 = 392.00");
	}

	@Test
	void dailyAct365() {
		// 8,400.00 x 42 % x 40 / 365 = 141,120 / 365 = 386.6301... -> 386.63
		Quote quote = quote(new FeeStructure.Daily(DayCount.ACT_365));
		assertFigures(quote, FeeKind.DAILY, FeeCalculation.Basis.ADVANCE, "8400.00", "42", 365, 40);
		assertByHand(quote, "386.63", "42 % a year x advance 8,400.00 x 40 days / 365 = 386.63");
	}

	@Test
	void fundedTenDaysAfterIssueTheFeeRunsFromFunding() {
		// funded 2026-09-11: 30 days to 2026-10-11 (not the 40 from the issue date): 2
		// started periods of 15 days: 2 x 1.75 % x 12,000.00 = 420.00
		Quote quote = PricingPolicy.defaults()
			.quote(theInvoice().fundedAfterDays(10).fees(new FeeStructure.Tiered(15)).build());
		assertThat(quote.fundingDate()).isEqualTo(LocalDate.of(2026, 9, 11));
		assertThat(quote.expectedDaysToPay()).isEqualTo(40);
		assertThat(quote.daysOutstanding()).isEqualTo(30);
		assertByHand(quote, "420.00", "2 started periods of 15 days x 1.75 % x face 12,000.00 = 420.00");
	}

	private static Quote quote(FeeStructure fees) {
		return PricingPolicy.defaults().quote(theInvoice().fees(fees).build());
	}

	private static void assertFigures(Quote quote, FeeKind kind, FeeCalculation.Basis basis, String basisAmount,
			String ratePercent, int periodDays, int periods) {
		FeeCalculation calculation = quote.feeCalculation();
		assertThat(calculation.kind()).isEqualTo(kind);
		assertThat(calculation.basis()).isEqualTo(basis);
		assertThat(calculation.basisAmount()).isEqualTo(Money.of(basisAmount));
		assertThat(calculation.rate()).isEqualTo(Rate.percent(ratePercent));
		assertThat(calculation.periodDays()).isEqualTo(periodDays);
		assertThat(calculation.periods()).isEqualTo(periods);
		assertThat(calculation.days()).isEqualTo(quote.daysOutstanding());
	}

	/**
	 * The fee from the figures shown, as a person would: basis x rate per period x
	 * periods (over the days of the year for the daily fee), rounded once at the cent.
	 */
	private static void assertByHand(Quote quote, String expectedFee, String arithmetic) {
		FeeCalculation shown = quote.feeCalculation();
		BigDecimal byHand = shown.basisAmount()
			.amount()
			.multiply(shown.rate().asPercent())
			.multiply(BigDecimal.valueOf(shown.periods()))
			.movePointLeft(2);
		if (shown.kind() == FeeKind.DAILY) {
			byHand = byHand.divide(BigDecimal.valueOf(shown.periodDays()), 10, RoundingMode.HALF_EVEN);
		}
		assertThat(byHand.setScale(2, RoundingMode.HALF_EVEN)).isEqualByComparingTo(expectedFee);
		assertThat(quote.expectedFee()).isEqualTo(Money.of(expectedFee));
		QuoteLine fee = quote.lines()
			.stream()
			.filter((line) -> QuoteLine.FEE.equals(line.code()))
			.findFirst()
			.orElseThrow();
		assertThat(fee.reason()).isEqualTo(arithmetic);
		assertThat(fee.description()).isEqualTo("Expected fee over " + quote.daysOutstanding() + " days from funding");
	}

}
