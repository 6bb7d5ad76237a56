package com.factordesk.pricing;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.factordesk.client.DayCount;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import static com.factordesk.pricing.QuoteRequests.anInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PricingPolicyTests {

	private final PricingPolicy policy = PricingPolicy.defaults();

	private Quote quote(QuoteRequests request) {
		return this.policy.quote(request.build());
	}

	private static void assertMoney(Quote quote, String advance, String reserve, String fee, String rebate) {
		assertThat(quote.advance()).isEqualTo(Money.of(advance));
		assertThat(quote.reserve()).isEqualTo(Money.of(reserve));
		assertThat(quote.expectedFee()).isEqualTo(Money.of(fee));
		assertThat(quote.expectedRebate()).isEqualTo(Money.of(rebate));
	}

	@Test
	void gradeAPaidOnTimeIsOnePeriodAtTheBandsPrice() {
		Quote quote = quote(anInvoice());
		assertThat(quote.declined()).isFalse();
		assertThat(quote.band().range()).isEqualTo("80-100");
		assertThat(quote.bandSetVersion()).isEqualTo(1);
		assertThat(quote.advanceRate()).isEqualTo(Rate.percent("90"));
		assertThat(quote.feeRate()).isEqualTo(Rate.percent("1"));
		assertThat(quote.bandSetVersion()).isEqualTo(1);
		assertThat(quote.parametersVersion()).isEqualTo(1);
		assertThat(quote.fundingDate()).isEqualTo(LocalDate.of(2026, 9, 1));
		assertThat(quote.dueDate()).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(quote.daysBeyondTerms()).isZero();
		assertThat(quote.expectedDaysToPay()).isEqualTo(30);
		assertThat(quote.expectedPaymentDate()).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(quote.daysOutstanding()).isEqualTo(30);
		assertMoney(quote, "9000.00", "1000.00", "100.00", "900.00");
		assertThat(quote.lineCodes()).containsExactly(QuoteLine.BAND, QuoteLine.FEE);
		assertThat(quote.lines().get(0).reason()).isEqualTo("score 85, grade A: advance 90 %, fee 1 % per 30 days");
		// 1 started period of 30 days x 1 % x face 10,000.00 = 100.00
		QuoteLine fee = quote.lines().get(1);
		assertThat(fee.description()).isEqualTo("Expected fee over 30 days from funding");
		assertThat(fee.reason()).isEqualTo("1 started period of 30 days x 1 % x face 10,000.00 = 100.00");
		assertThat(fee.amountDelta()).isEqualTo(Money.of("100.00"));
	}

	@ParameterizedTest(name = "{0} days beyond terms -> {1} days, {2} periods, fee {3}")
	@CsvSource({ "0, 30, 1, 100.00", "0.4, 31, 2, 200.00", "1, 31, 2, 200.00", "30, 60, 2, 200.00", "31, 61, 3, 300.00",
			"-3, 30, 1, 100.00" })
	void tieredChargesPerStartedPeriod(String adbt, int days, int periods, String fee) {
		Quote quote = quote(anInvoice().adbt(adbt));
		assertThat(quote.expectedDaysToPay()).isEqualTo(days);
		assertThat(new FeeStructure.Tiered(30).periods(days)).isEqualTo(periods);
		assertThat(quote.expectedFee()).isEqualTo(Money.of(fee));
	}

	@Test
	void aPeriodStartsOnTheDayOfFunding() {
		assertThat(new FeeStructure.Tiered(30).periods(0)).isEqualTo(1);
		assertThat(new FeeStructure.Tiered(30).fee(Money.of("1000.00"), Money.of("900.00"), Rate.percent("1"), 0))
			.isEqualTo(Money.of("10.00"));
	}

	@ParameterizedTest(name = "{0}-day periods, {1} days: fee {2}")
	@CsvSource({ "30, 40, 300.00", "15, 40, 225.00", "15, 15, 75.00", "10, 1, 50.00", "45, 46, 450.00",
			"7, 30, 175.00" })
	void theRatePer30DaysIsChargedProRataPerStartedPeriodOfAnotherLength(int periodDays, int days, String fee) {
		// 10,000.00 at 1.5 % per 30 days
		assertThat(new FeeStructure.Tiered(periodDays).fee(Money.of("10000.00"), Money.of("9000.00"),
				Rate.percent("1.5"), days))
			.isEqualTo(Money.of(fee));
	}

	@Test
	void feesRoundHalfEvenAtTheCentOnce() {
		// 1,234.50 x 1 % = 12.345 -> 12.34 (half-even); advance 1,111.05
		Quote quote = quote(anInvoice().face("1234.50"));
		assertMoney(quote, "1111.05", "123.45", "12.34", "111.11");
	}

	@Test
	void gradeBWithOddCents() {
		// 12,345.67 x 85 % = 10,493.8195 -> 10,493.82; fee 12,345.67 x 1.5 % = 185.18505
		// -> 185.19
		Quote quote = quote(anInvoice().face("12345.67").score("70"));
		assertThat(quote.band().range()).isEqualTo("65-80");
		assertMoney(quote, "10493.82", "1851.85", "185.19", "1666.66");
	}

	@Test
	void flatChargesOnceWhateverTheDays() {
		Quote quote = quote(anInvoice().score("55").adbt("40").fees(new FeeStructure.Flat()));
		assertThat(quote.daysOutstanding()).isEqualTo(70);
		assertThat(quote.feeRate()).isEqualTo(Rate.percent("2.25"));
		assertMoney(quote, "8000.00", "2000.00", "225.00", "1775.00");
	}

	@ParameterizedTest(name = "{0}, {1} days -> {2}")
	@CsvSource({ "ACT_360, 1, 93.00", "ACT_365, 1, 91.73", "ACT_360, 0, 90.00", "ACT_365, 0, 88.77" })
	void dailyChargesTheFundsInUsePerDay(DayCount dayCount, String adbt, String fee) {
		// 9,000.00 advanced x 1 % x 12 x 31 / 360 = 93.00; / 365 = 91.726 -> 91.73
		// 30 days: 90.00 and 88.767 -> 88.77
		Quote quote = quote(anInvoice().adbt(adbt).fees(new FeeStructure.Daily(dayCount)));
		assertThat(quote.expectedFee()).isEqualTo(Money.of(fee));
		assertThat(quote.reserve()).isEqualTo(Money.of("1000.00"));
	}

	@Test
	void daysOutstandingRunFromFunding() {
		Quote quote = quote(anInvoice().fundedAfterDays(10).fees(new FeeStructure.Daily(DayCount.ACT_360)));
		assertThat(quote.daysOutstanding()).isEqualTo(20);
		assertThat(quote.expectedFee()).isEqualTo(Money.of("60.00"));
	}

	@Test
	void theExpectedPaymentIsTheDueDatePlusTheDaysBeyondTermsAndTheFeeRunsFromFundingToIt() {
		// issued 2026-09-01, due 2026-10-01 (30 days), the debtor pays 7.2 days late on
		// average: 8 whole days, expected on 2026-10-09, 38 days after issue. Funded on
		// 2026-09-21 (20 days after issue): the fee runs 2026-09-21 -> 2026-10-09 = 18
		// days, one started period of 30 days at 1 %: 100.00
		Quote quote = quote(anInvoice().adbt("7.2").fundedAfterDays(20));
		assertThat(quote.fundingDate()).isEqualTo(LocalDate.of(2026, 9, 21));
		assertThat(quote.dueDate()).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(quote.daysBeyondTerms()).isEqualTo(8);
		assertThat(quote.expectedPaymentDate()).isEqualTo(LocalDate.of(2026, 10, 9));
		assertThat(quote.expectedDaysToPay()).isEqualTo(38);
		assertThat(quote.daysOutstanding()).isEqualTo(18);
		assertThat(quote.feeCalculation().periods()).isEqualTo(1);
		assertThat(quote.lines().get(1).description()).isEqualTo("Expected fee over 18 days from funding");
		assertThat(quote.expectedFee()).isEqualTo(Money.of("100.00"));
	}

	@Test
	void fundedAfterTheExpectedPaymentTheFeeRunsNoDaysAndChargesTheFirstPeriod() {
		// expected 2026-10-01, funded 2026-10-11: 0 days, 1 started period, 100.00
		Quote quote = quote(anInvoice().fundedAfterDays(40));
		assertThat(quote.daysOutstanding()).isZero();
		assertThat(quote.lines().get(1).reason())
			.isEqualTo("1 started period of 30 days x 1 % x face 10,000.00 = 100.00");
	}

	@Test
	void aTenorBeyondTheBandsMaximumCostsASurchargePerStarted30Days() {
		// 120 days terms + 31 beyond = 151 days: 31 beyond the A band's 120, 2 started
		// periods of 30 days: +0.50 %; 6 periods at 1.50 % = 900.00
		Quote quote = quote(anInvoice().dueInDays(120).adbt("31"));
		assertThat(quote.daysOutstanding()).isEqualTo(151);
		assertThat(quote.feeRate()).isEqualTo(Rate.percent("1.5"));
		assertThat(quote.lineCodes()).containsExactly(QuoteLine.BAND, QuoteLine.TENOR, QuoteLine.FEE);
		QuoteLine tenor = quote.lines().get(1);
		assertThat(tenor.rateDelta()).isEqualTo(Rate.percent("0.5"));
		assertThat(tenor.reason()).isEqualTo("expected 151 days from funding to payment, 31 beyond the band's 120: "
				+ "0.25 % per started 30 days, 2 started (pricing parameters version 1)");
		assertThat(quote.lines().get(2).reason())
			.isEqualTo("6 started periods of 30 days x 1.5 % x face 10,000.00 = 900.00");
		assertMoney(quote, "9000.00", "1000.00", "900.00", "100.00");
	}

	@Test
	void aTenorAtTheMaximumCostsNothingExtra() {
		Quote quote = quote(anInvoice().dueInDays(120));
		assertThat(quote.lineCodes()).containsExactly(QuoteLine.BAND, QuoteLine.FEE);
		assertThat(quote.feeRate()).isEqualTo(Rate.percent("1"));
	}

	@Test
	void aFeeAboveTheReserveIsCappedAtTheReserve() {
		// 181 days + 60 = 241 days: 121 beyond 120 -> 5 started periods: 2.25 %; 9
		// periods: 2,025.00 against a reserve of 1,000.00
		Quote quote = quote(anInvoice().dueInDays(181).adbt("60"));
		assertThat(quote.feeRate()).isEqualTo(Rate.percent("2.25"));
		assertThat(quote.lineCodes()).containsExactly(QuoteLine.BAND, QuoteLine.TENOR, QuoteLine.FEE,
				QuoteLine.FEE_CAPPED);
		assertThat(quote.lines().get(2).reason())
			.isEqualTo("9 started periods of 30 days x 2.25 % x face 10,000.00 = 2,025.00");
		QuoteLine capped = quote.lines().get(3);
		assertThat(capped.amountDelta()).isEqualTo(Money.of("-1025.00"));
		assertThat(capped.reason()).isEqualTo(
				"the expected fee of EUR\u00a02,025.00 is more than the reserve of EUR\u00a01,000.00: the quote counts the reserve, the rest would be a shortfall on the client");
		assertMoney(quote, "9000.00", "1000.00", "1000.00", "0.00");
	}

	@Test
	void thePartAboveTheConcentrationLimitIsNotAdvanced() {
		// allowed 25 % of 120,000.00 = 30,000.00; the debtor would owe 32,000.00:
		// 2,000.00
		// of this invoice is not advanced, 8,000.00 x 90 % = 7,200.00 is
		Quote quote = quote(anInvoice().concentration("32000.00", "120000.00"));
		assertThat(quote.lineCodes()).containsExactly(QuoteLine.BAND, QuoteLine.CONCENTRATION, QuoteLine.FEE);
		QuoteLine line = quote.lines().get(1);
		assertThat(line.amountDelta()).isEqualTo(Money.of("-1800.00"));
		assertThat(line.reason()).isEqualTo(
				"the debtor would owe 26.7 % of the client's book, above the 25 % limit: EUR\u00a02,000.00 of this invoice is not advanced (pricing parameters version 1)");
		assertThat(quote.advanceRate()).isEqualTo(Rate.percent("90"));
		assertMoney(quote, "7200.00", "2800.00", "100.00", "2700.00");
	}

	@Test
	void aLaterVersionOfTheParametersPricesTheTenorAndTheQuoteRecordsIt() {
		// version 2: 0.50 % per started 15 days beyond the band's longest tenor. 120 days
		// terms + 10 late = 130 days, 10 beyond the A band's 120: 1 started period of 15
		// days, +0.50 % -> 1.50 % per 30 days; 5 started periods of 30 days x 1.5 % x
		// 10,000.00 = 750.00
		PricingParameters version2 = new PricingParameters(2, LocalDate.of(2026, 6, 1), Rate.percent("0.5"), 15,
				PricingParameters.ConcentrationRule.NO_ADVANCE, Rate.ZERO);
		Quote quote = new PricingPolicy(version2).quote(anInvoice().dueInDays(120).adbt("10").build());
		assertThat(quote.parametersVersion()).isEqualTo(2);
		assertThat(quote.lines().get(1).rateDelta()).isEqualTo(Rate.percent("0.5"));
		assertThat(quote.lines().get(1).reason()).isEqualTo("expected 130 days from funding to payment, 10 beyond "
				+ "the band's 120: 0.5 % per started 15 days, 1 started (pricing parameters version 2)");
		assertThat(quote.feeRate()).isEqualTo(Rate.percent("1.5"));
		assertMoney(quote, "9000.00", "1000.00", "750.00", "250.00");
	}

	@Test
	void underTheSurchargeRuleAConcentratedInvoiceIsAdvancedInFullAtAHigherFeeRate() {
		// version 3 charges 0.75 % per 30 days above the limit instead of holding the
		// excess back: 32,000.00 of 120,000.00 is above 25 %; the whole 10,000.00 is
		// advanced at 90 % = 9,000.00; fee 1 % + 0.75 % = 1.75 % x 1 period = 175.00
		PricingParameters version3 = new PricingParameters(3, LocalDate.of(2026, 6, 1), Rate.percent("0.25"), 30,
				PricingParameters.ConcentrationRule.SURCHARGE, Rate.percent("0.75"));
		Quote quote = new PricingPolicy(version3).quote(anInvoice().concentration("32000.00", "120000.00").build());
		assertThat(quote.lineCodes()).containsExactly(QuoteLine.BAND, QuoteLine.CONCENTRATION_SURCHARGE, QuoteLine.FEE);
		QuoteLine line = quote.lines().get(1);
		assertThat(line.rateDelta()).isEqualTo(Rate.percent("0.75"));
		assertThat(line.reason()).isEqualTo("the debtor would owe 26.7 % of the client's book, above the 25 % limit: "
				+ "0.75 % per 30 days on the fee rate (pricing parameters version 3)");
		assertThat(quote.parametersVersion()).isEqualTo(3);
		assertThat(quote.feeRate()).isEqualTo(Rate.percent("1.75"));
		assertMoney(quote, "9000.00", "1000.00", "175.00", "825.00");
	}

	@Test
	void theParametersRefuseNegativeSurchargesAndEmptyPeriods() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PricingParameters(2, LocalDate.of(2026, 6, 1), Rate.percent("-0.25"), 30,
					PricingParameters.ConcentrationRule.NO_ADVANCE, Rate.ZERO))
			.withMessage("A tenor surcharge cannot be negative, got -0.25 %");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PricingParameters(2, LocalDate.of(2026, 6, 1), Rate.percent("0.25"), 0,
					PricingParameters.ConcentrationRule.NO_ADVANCE, Rate.ZERO))
			.withMessage("A surcharge period is at least one day, got 0");
	}

	@Test
	void anInvoiceWhollyAboveTheLimitIsNotAdvancedAtAll() {
		Quote quote = quote(anInvoice().concentration("40000.00", "100000.00"));
		assertMoney(quote, "0.00", "10000.00", "100.00", "9900.00");
	}

	@Test
	void aDailyFeeFollowsTheReducedAdvance() {
		Quote quote = quote(
				anInvoice().concentration("32000.00", "120000.00").fees(new FeeStructure.Daily(DayCount.ACT_360)));
		// 7,200.00 x 1 % x 30 / 30
		assertMoney(quote, "7200.00", "2800.00", "72.00", "2728.00");
	}

	@Test
	void aNegotiatedDiscountComesOffTheFeeRate() {
		Quote quote = quote(anInvoice().score("70").discount("0.25"));
		assertThat(quote.feeRate()).isEqualTo(Rate.percent("1.25"));
		assertThat(quote.lineCodes()).containsExactly(QuoteLine.BAND, QuoteLine.CLIENT_DISCOUNT, QuoteLine.FEE);
		assertThat(quote.lines().get(1).rateDelta()).isEqualTo(Rate.percent("-0.25"));
		assertThat(quote.lines().get(1).reason()).isEqualTo("discount of 0.25 % agreed with the client");
		assertMoney(quote, "8500.00", "1500.00", "125.00", "1375.00");
	}

	@Test
	void aDiscountNeverTakesTheFeeRateBelowZero() {
		Quote quote = quote(anInvoice().discount("2"));
		assertThat(quote.feeRate()).isEqualTo(Rate.ZERO);
		assertThat(quote.lines().get(1).rateDelta()).isEqualTo(Rate.percent("-1"));
		assertThat(quote.lines().get(1).reason())
			.isEqualTo("discount of 2 % agreed with the client, limited to the fee rate of 1 %");
		assertMoney(quote, "9000.00", "1000.00", "0.00", "1000.00");
	}

	@Test
	void theFacilityAgreementCapsTheAdvanceRate() {
		Quote quote = quote(anInvoice().facilityAdvance("80"));
		assertThat(quote.advanceRate()).isEqualTo(Rate.percent("80"));
		assertThat(quote.lines().get(1).code()).isEqualTo(QuoteLine.FACILITY_ADVANCE);
		assertThat(quote.lines().get(1).rateDelta()).isEqualTo(Rate.percent("-10"));
		assertMoney(quote, "8000.00", "2000.00", "100.00", "1900.00");
	}

	@Test
	void aDeclinedBandAdvancesNothing() {
		Quote quote = quote(anInvoice().score("30"));
		assertThat(quote.declined()).isTrue();
		assertThat(quote.declineReason())
			.isEqualTo("Score 30 falls in band 0-35 of pricing version 1, which is declined");
		assertThat(quote.lineCodes()).containsExactly(QuoteLine.BAND, QuoteLine.DECLINED);
		assertThat(quote.feeCalculation()).isNull();
		assertThat(quote.advanceRate()).isEqualTo(Rate.ZERO);
		assertMoney(quote, "0.00", "10000.00", "0.00", "10000.00");
	}

	@Test
	void gradeEIsDeclinedEvenInABandThatPrices() {
		PricingBandSet lenient = new PricingBandSet(2, LocalDate.of(2026, 10, 1),
				List.of(PricingBand.of(0, 50, "60", "5", 60), PricingBand.of(50, 100, "90", "1", 120)));
		Quote quote = quote(anInvoice().score("34.9").bands(lenient));
		assertThat(quote.declined()).isTrue();
		assertThat(quote.bandSetVersion()).isEqualTo(2);
		assertThat(quote.declineReason()).isEqualTo("Grade E: declined unless a manager overrides");
		assertMoney(quote, "0.00", "10000.00", "0.00", "10000.00");
	}

	@Test
	void allAdjustmentsTogetherInOrder() {
		Quote quote = quote(anInvoice().score("60")
			.facilityAdvance("75")
			.dueInDays(90)
			.adbt("12.2")
			.concentration("35000.00", "100000.00")
			.discount("0.5")
			.fees(new FeeStructure.Tiered(30)));
		// C: 80 % -> 75 %; 103 days vs 90: +0.25 %; 10,000.00 above 25,000.00 -> all of
		// it held back; fee 2.25 + 0.25 - 0.5 = 2 % x 4 periods = 800.00
		assertThat(quote.lineCodes()).containsExactly(QuoteLine.BAND, QuoteLine.FACILITY_ADVANCE, QuoteLine.TENOR,
				QuoteLine.CONCENTRATION, QuoteLine.CLIENT_DISCOUNT, QuoteLine.FEE);
		assertThat(quote.expectedDaysToPay()).isEqualTo(103);
		assertThat(quote.feeRate()).isEqualTo(Rate.percent("2"));
		assertMoney(quote, "0.00", "10000.00", "800.00", "9200.00");
	}

	@Test
	void refusesAnInvoiceThatIsDueBeforeItIsIssued() {
		assertThatIllegalArgumentException().isThrownBy(() -> anInvoice().dueInDays(-1).build())
			.withMessage("An invoice cannot fall due (2026-08-31) before it is issued (2026-09-01)");
	}

	@Test
	void refusesAnEmptyInvoice() {
		assertThatIllegalArgumentException().isThrownBy(() -> anInvoice().face("0").build())
			.withMessageContaining("must be positive");
	}

}
