package com.factordesk.risk;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.factordesk.debtor.BureauProvider;
import com.factordesk.shared.Money;

import static com.factordesk.risk.RiskInputs.AS_OF;
import static com.factordesk.risk.RiskInputs.aDebtor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class RiskScorerTests {

	private final RiskScorer scorer = new RiskScorer();

	private final ScoringModel model = ScoringModel.defaults();

	private RiskAssessment score(RiskInputs inputs) {
		return this.scorer.score(inputs.build(), this.model);
	}

	private BigDecimal subScore(RiskInputs inputs, Component component) {
		return score(inputs).component(component).subScore();
	}

	private static ScoringModel withDisputeCredibilityK(int k) {
		ScoringModel defaults = ScoringModel.defaults();
		return new ScoringModel(defaults.version(), defaults.weights(), defaults.paymentBlend(), defaults.adbtCurve(),
				defaults.disputeRateCurve(), defaults.credibilityK(), k, defaults.trend(), defaults.bureauDecay(),
				defaults.pastDueCap(), defaults.bureauScales());
	}

	// With 40 paid invoices (credibility 0.8) and a portfolio mean of 70, payment
	// behaviour = 0.48 A + 0.20 L + 11.9 + 0.15 O.
	@ParameterizedTest(name = "ADBT {0}, {1} late, {2} days past due -> {3}")
	@CsvSource({ "0, 0, 0, 94.9", "15, 0.2, 0, 78.9", "30, 0.5, 15, 57.15", "60, 0.9, 45, 28.75", "120, 1, 90, 11.9",
			"10, 0, 0, 86.9" })
	void paymentBehaviourBlendsDaysBeyondTermsShareLateAndOpenItems(String adbt, String lateShare, int daysPastDue,
			String expected) {
		RiskInputs debtor = aDebtor().paid(40, adbt, lateShare, 3).open(2, "5000.00", daysPastDue, "0.00");
		assertThat(subScore(debtor, Component.PAYMENT_BEHAVIOUR)).isEqualByComparingTo(expected);
	}

	// ADBT 10 over the year: 86.9 without a trend; each day later recently costs 0.5
	// points of history (at most 10), weighed 0.85 x 0.8.
	@ParameterizedTest(name = "{0} recent invoices at {1} days -> {2}")
	@CsvSource({ "5, 20, 83.5", "5, 0, 90.3", "5, 60, 80.1", "5, 10, 86.9", "2, 60, 86.9", "3, 60, 80.1" })
	void trendAdjustsForTheLast90Days(int recentCount, String recentAdbt, String expected) {
		RiskInputs debtor = aDebtor().paid(40, "10", "0", 3).recent(recentCount, recentAdbt);
		assertThat(subScore(debtor, Component.PAYMENT_BEHAVIOUR)).isEqualByComparingTo(expected);
	}

	@Test
	void aWorseningTrendIsAReason() {
		RiskAssessment assessment = score(aDebtor().paid(40, "10", "0", 3).recent(5, "20"));
		assertThat(assessment.reasons()).filteredOn((reason) -> reason.code().equals(Reason.TREND_WORSENING))
			.singleElement()
			.satisfies((reason) -> {
				assertThat(reason.text())
					.isEqualTo("paying later lately: 20 days beyond terms in the last 90 days, 10 over the year");
				assertThat(reason.pointsLost()).isEqualByComparingTo("1.53");
				assertThat(reason.args()).containsExactly(20, 10);
			});
	}

	// The worst payer: 90+ days late, all late. Its own record is 0; the more invoices,
	// the more it counts against the portfolio mean of 70: 0.85 x (1 - z) x 70 + 0.15 x
	// 100.
	@ParameterizedTest(name = "{0} paid invoices -> {1}")
	@CsvSource({ "1, 69.0909", "4, 57.5", "10, 44.75", "40, 26.9", "90, 20.95" })
	void thinFilesShrinkTowardThePortfolioMean(int paidCount, String expected) {
		RiskInputs debtor = aDebtor().paid(paidCount, "120", "1", 1).open(1, "100.00", 0, "0.00");
		assertThat(subScore(debtor, Component.PAYMENT_BEHAVIOUR)).isEqualByComparingTo(expected);
	}

	// The portfolio's mean is the mean of the same history part, one debtor one vote,
	// over the debtors with paid invoices (the fourth paid nothing and does not count):
	// clean payer (0 days, none late): base (0.60 x 100 + 0.25 x 100) / 0.85 = 100
	// slow payer (30 days, all late): (0.60 x 50 + 0.25 x 0) / 0.85 = 35.294118
	// mixed (15 days, half late): (0.60 x 75 + 0.25 x 50) / 0.85 = 67.647059
	// mean = (85 + 30 + 57.5) / 0.85 / 3 = 172.5 / 2.55 = 67.647059
	// Open items are not part of it (they are facts of today and not shrunk).
	// Dispute rates, open ones twice, pooled over all invoices: by count (1 + 1 open + 0
	// +
	// 1) / (50 + 10 + 2) = 3/62, by amount (1000 + 1000 open + 0 + 2000) / (100000 +
	// 20000 + 4000) = 4000/124000 = 1/31.
	// A thin payer with 2 invoices paid on time (history 100), nothing open: z = 2/12,
	// payment = 0.85 x (1/6 x 100 + 5/6 x 67.647059) + 0.15 x 100 = 0.85 x 73.039216 + 15
	// = 77.0833 (shrunk toward the whole payment component's mean instead, which counts
	// the open items at 100, it would score higher).
	@Test
	void thinFilesShrinkTowardThePortfolioMeanOfTheirOwnHistoryPart() {
		List<DebtorRiskInputs.Payments> payments = List.of(
				new DebtorRiskInputs.Payments(40, BigDecimal.ZERO, BigDecimal.ZERO, 2, 0, BigDecimal.ZERO),
				new DebtorRiskInputs.Payments(5, new BigDecimal("30"), BigDecimal.ONE, 1, 0, BigDecimal.ZERO),
				new DebtorRiskInputs.Payments(2, new BigDecimal("15"), new BigDecimal("0.5"), 1, 0, BigDecimal.ZERO),
				DebtorRiskInputs.Payments.NONE);
		List<DebtorRiskInputs.Disputes> disputes = List.of(
				new DebtorRiskInputs.Disputes(50, Money.of("100000.00"), 1, Money.of("1000.00"), 1,
						Money.of("1000.00")),
				new DebtorRiskInputs.Disputes(10, Money.of("20000.00"), 0, Money.ZERO, 0, Money.ZERO),
				new DebtorRiskInputs.Disputes(2, Money.of("4000.00"), 1, Money.of("2000.00"), 0, Money.ZERO),
				DebtorRiskInputs.Disputes.NONE);

		PortfolioMeans means = PortfolioMeans.of(payments, disputes, this.model);

		assertThat(means.paymentHistory().setScale(6, RoundingMode.HALF_EVEN)).isEqualByComparingTo("67.647059");
		assertThat(means.debtorsWithHistory()).isEqualTo(3);
		assertThat(means.disputeRateByCount())
			.isEqualByComparingTo(BigDecimal.valueOf(3).divide(BigDecimal.valueOf(62), MathContext.DECIMAL128));
		assertThat(means.disputeRateByAmount())
			.isEqualByComparingTo(BigDecimal.ONE.divide(BigDecimal.valueOf(31), MathContext.DECIMAL128));
		assertThat(means.invoices()).isEqualTo(62);

		DebtorRiskInputs thin = new DebtorRiskInputs(AS_OF,
				new DebtorRiskInputs.Payments(2, BigDecimal.ZERO, BigDecimal.ZERO, 1, 0, BigDecimal.ZERO),
				DebtorRiskInputs.OpenItems.NONE, DebtorRiskInputs.Disputes.NONE, List.of(), means);
		assertThat(this.scorer.score(thin, this.model).component(Component.PAYMENT_BEHAVIOUR).subScore())
			.isEqualByComparingTo("77.0833");
	}

	@Test
	void aPortfolioWithNothingPaidOrInvoicedIsNeutral() {
		PortfolioMeans means = PortfolioMeans.of(List.of(DebtorRiskInputs.Payments.NONE),
				List.of(DebtorRiskInputs.Disputes.NONE), this.model);
		assertThat(means).isEqualTo(PortfolioMeans.NONE);
		assertThat(means.paymentHistory()).isEqualByComparingTo("50");
	}

	@Test
	void aThinFileSaysSo() {
		RiskAssessment assessment = score(aDebtor().paid(4, "0", "0", 1).mean("60"));
		assertThat(assessment.component(Component.PAYMENT_BEHAVIOUR).subScore()).isEqualByComparingTo("75.7143");
		assertThat(assessment.reasons().get(0)).satisfies((reason) -> {
			assertThat(reason.code()).isEqualTo(Reason.THIN_FILE);
			assertThat(reason.text())
				.isEqualTo("thin file: 4 paid invoices, 71 % of payment behaviour is the portfolio average");
		});
	}

	@Test
	void noPaidInvoicesButOpenOnesLeanOnThePortfolioMean() {
		RiskAssessment assessment = score(aDebtor().paid(0, "0", "0", 0).open(2, "5000.00", 0, "0.00"));
		ComponentScore payment = assessment.component(Component.PAYMENT_BEHAVIOUR);
		assertThat(payment.missing()).isFalse();
		assertThat(payment.subScore()).isEqualByComparingTo("74.5");
		assertThat(assessment.reasons()).extracting(Reason::text)
			.contains("thin file: no paid invoices, 100 % of payment behaviour is the portfolio average");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			PAYDEX 80, fresh              | PAYDEX       | 80 | 30  | 100
			PAYDEX 50                     | PAYDEX       | 50 | 30  | 50
			Creditsafe 42                 | CREDITSAFE   | 42 | 0   | 42
			Intelliscore 100              | INTELLISCORE | 100| 10  | 100
			Graydon 1                     | GRAYDON      | 1  | 10  | 0
			""")
	void bureauNormalisesTheProviderScale(String name, BureauProvider provider, int raw, int ageDays, String expected) {
		RiskInputs debtor = aDebtor().onlyBureau(provider, raw, AS_OF.minusDays(ageDays));
		assertThat(subScore(debtor, Component.BUREAU)).isEqualByComparingTo(expected);
	}

	@Test
	void bureauAveragesTheNewestScorePerProviderKnownOnTheDay() {
		RiskInputs debtor = aDebtor().onlyBureau(BureauProvider.PAYDEX, 30, LocalDate.of(2026, 1, 1))
			.bureau(BureauProvider.PAYDEX, 50, LocalDate.of(2026, 8, 1))
			.bureau(BureauProvider.INTELLISCORE, 100, LocalDate.of(2026, 7, 1))
			.bureau(BureauProvider.PAYDEX, 30, AS_OF.plusDays(1));
		assertThat(subScore(debtor, Component.BUREAU)).isEqualByComparingTo("75");
	}

	// A Creditsafe 90 (and a 10) counts in full up to 180 days, fades to 50 at 365.
	@ParameterizedTest(name = "{0} days old: {1} -> {2}")
	@CsvSource({ "0, 90, 90", "180, 90, 90", "181, 90, 89.7838", "272, 90, 70.1081", "364, 90, 50.2162", "365, 90, 50",
			"500, 90, 50", "272, 10, 29.8919", "500, 10, 50" })
	void bureauDecaysTowardNeutral(int ageDays, int raw, String expected) {
		RiskInputs debtor = aDebtor().onlyBureau(BureauProvider.CREDITSAFE, raw, AS_OF.minusDays(ageDays));
		assertThat(subScore(debtor, Component.BUREAU)).isEqualByComparingTo(expected);
	}

	@Test
	void anOldBureauScoreSaysHowOld() {
		RiskAssessment assessment = score(aDebtor().onlyBureau(BureauProvider.CREDITSAFE, 40, AS_OF.minusDays(272)));
		assertThat(assessment.reasons()).extracting(Reason::text)
			.contains("bureau score 40 (CREDITSAFE, 2025-12-03, 272 days old)");
	}

	// The rates on their own (dispute credibility k = 0, so z = 1): the higher of the
	// rate by count and by amount, open disputes counted twice, through 0 -> 100, 5 % ->
	// 70, 15 % -> 30, 25 % -> 0.
	@ParameterizedTest(name = "{2} of {0} invoices disputed ({3} of {1}), {4} open ({5}) -> {6}")
	@CsvSource({ "50, 100000.00, 0, 0.00, 0, 0.00, 100", "50, 100000.00, 1, 1000.00, 0, 0.00, 88",
			"50, 100000.00, 5, 5000.00, 0, 0.00, 50", "50, 100000.00, 1, 15000.00, 0, 0.00, 30",
			"50, 100000.00, 2, 2000.00, 0, 0.00, 76", "50, 100000.00, 2, 2000.00, 2, 2000.00, 58",
			"50, 100000.00, 1, 10000.00, 0, 0.00, 50", "50, 100000.00, 1, 10000.00, 1, 10000.00, 15",
			"50, 100000.00, 13, 1.00, 0, 0.00, 0", "50, 0.00, 1, 0.00, 0, 0.00, 88" })
	void disputesTakeTheHigherRateByCountOrAmountWithOpenOnesTwice(int invoiced, String invoicedAmount, int disputed,
			String disputedAmount, int open, String openAmount, String expected) {
		RiskInputs debtor = aDebtor().disputes(invoiced, invoicedAmount, disputed, disputedAmount, open, openAmount)
			.portfolioDisputeRates("0.03", "0.03");
		assertThat(
				this.scorer.score(debtor.build(), withDisputeCredibilityK(0)).component(Component.DISPUTES).subScore())
			.isEqualByComparingTo(expected);
	}

	// One dispute on two invoices is not a 50 % rate. z = 2 / (2 + 10) = 1/6; the
	// portfolio's rates are 3 % by count and 2 % by amount.
	// by count: 1/6 x 1/2 + 5/6 x 0.03 = 0.083333 + 0.025 = 0.108333
	// by amount: 1/6 x 100/2000 + 5/6 x 0.02 = 0.008333 + 0.016667 = 0.025
	// the higher, 10.8333 %, between 5 % -> 70 and 15 % -> 30: 70 - 400 x 0.058333 =
	// 46.6667 (on its own 50 % would be 0); it costs 0.20 x (100 - 46.6667) = 10.67
	// points.
	@Test
	void oneDisputeOnTwoInvoicesIsShrunkTowardThePortfolioRate() {
		RiskAssessment assessment = score(
				aDebtor().disputes(2, "2000.00", 1, "100.00", 0).portfolioDisputeRates("0.03", "0.02"));
		assertThat(assessment.component(Component.DISPUTES).subScore()).isEqualByComparingTo("46.6667");
		assertThat(assessment.reasons()).filteredOn((reason) -> reason.code().equals(Reason.DISPUTE_RATE))
			.singleElement()
			.satisfies((reason) -> {
				assertThat(reason.text())
					.isEqualTo("disputes on 1 of 2 invoices (50.0 %), counted as 10.8 % against the portfolio's 3.0 %");
				assertThat(reason.args()).containsExactly(1, 2, "50.0", "10.8", "3.0");
				assertThat(reason.pointsLost()).isEqualByComparingTo("10.67");
			});
		assertThat(
				this.scorer.score(aDebtor().disputes(2, "2000.00", 1, "100.00", 0).build(), withDisputeCredibilityK(0))
					.component(Component.DISPUTES)
					.subScore())
			.as("the same debtor's rate on its own")
			.isEqualByComparingTo("0");
	}

	// One dispute on n invoices against a portfolio rate of 2 %: rate = n/(n+10) x 1/n +
	// 10/(n+10) x 0.02 = (1 + 0.2) / (n + 10); by amount (10.00 of 1000.00 an invoice)
	// always lower.
	// n = 1: 1.2/11 = 0.109091 -> 70 - 400 x 0.059091 = 46.3636
	// n = 4: 1.2/14 = 0.085714 -> 70 - 400 x 0.035714 = 55.7143
	// n = 10: 1.2/20 = 0.06 -> 70 - 400 x 0.01 = 66
	// n = 40: 1.2/50 = 0.024 -> 100 - 600 x 0.024 = 85.6
	@ParameterizedTest(name = "1 dispute on {0} invoices -> {2}")
	@CsvSource({ "1, 1000.00, 46.3636", "4, 4000.00, 55.7143", "10, 10000.00, 66", "40, 40000.00, 85.6" })
	void theMoreInvoicesTheMoreTheDebtorsOwnDisputeRateCounts(int invoiced, String invoicedAmount, String expected) {
		RiskInputs debtor = aDebtor().disputes(invoiced, invoicedAmount, 1, "10.00", 0)
			.portfolioDisputeRates("0.02", "0.02");
		assertThat(subScore(debtor, Component.DISPUTES)).isEqualByComparingTo(expected);
	}

	// No dispute on 2 invoices is not a clean record either: 10/12 x 3 % = 2.5 % -> 100 -
	// 600 x 0.025 = 85.
	@Test
	void noDisputeOnAThinFileCountsPartOfThePortfolioRate() {
		RiskAssessment assessment = score(
				aDebtor().disputes(2, "2000.00", 0, "0.00", 0).portfolioDisputeRates("0.03", "0.01"));
		assertThat(assessment.component(Component.DISPUTES).subScore()).isEqualByComparingTo("85");
		assertThat(assessment.reasons()).extracting(Reason::text)
			.contains("disputes on 0 of 2 invoices (0.0 %), counted as 2.5 % against the portfolio's 3.0 %");
	}

	@Test
	void blendsTheComponentsByWeight() {
		RiskAssessment assessment = score(aDebtor());
		assertThat(assessment.components()).extracting(ComponentScore::subScore)
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("94.9"), new BigDecimal("100"), new BigDecimal("100"));
		assertThat(assessment.components()).extracting(ComponentScore::effectiveWeight)
			.containsExactly(new BigDecimal("0.450000"), new BigDecimal("0.350000"), new BigDecimal("0.200000"));
		// 0.45 x 94.9 + 0.35 x 100 + 0.20 x 100 = 97.705
		assertThat(assessment.score()).isEqualByComparingTo("97.7");
		assertThat(assessment.score().scale()).isEqualTo(1);
		assertThat(assessment.grade()).isEqualTo(Grade.A);
		assertThat(assessment.modelVersion()).isEqualTo(1);
		assertThat(assessment.component(Component.PAYMENT_BEHAVIOUR).pointsLost()).isEqualByComparingTo("2.30");
	}

	@Test
	void noBureauScoreCountsAsTheNeutral50AndSaysSo() {
		RiskAssessment assessment = score(
				aDebtor().paid(40, "15", "0.2", 2).noBureau().disputes(50, "100000.00", 1, "1000.00", 0));
		ComponentScore payment = assessment.component(Component.PAYMENT_BEHAVIOUR);
		ComponentScore bureau = assessment.component(Component.BUREAU);
		ComponentScore disputes = assessment.component(Component.DISPUTES);
		assertThat(bureau.missing()).isFalse();
		assertThat(bureau.subScore()).isEqualByComparingTo("50");
		assertThat(bureau.effectiveWeight()).isEqualByComparingTo("0.35");
		assertThat(payment.effectiveWeight()).isEqualByComparingTo("0.45");
		// disputes: 1 of 50 invoices shrunk with z = 50/60 toward the portfolio's 0 %:
		// 5/6 x 2 % = 1.6667 % -> 100 - 600 x 0.016667 = 90
		// 0.45 x 78.9 + 0.35 x 50 + 0.20 x 90 = 71.005
		assertThat(disputes.subScore()).isEqualByComparingTo("90");
		assertThat(assessment.score()).isEqualByComparingTo("71.0");
		Reason last = assessment.reasons().get(assessment.reasons().size() - 1);
		assertThat(last.code()).isEqualTo(Reason.NO_BUREAU);
		assertThat(last.text()).isEqualTo("no bureau score");
		assertThat(last.pointsLost()).isEqualByComparingTo("17.50");
	}

	@Test
	void noBureauFileScoresNoHigherThanAStaleOne() {
		RiskInputs known = aDebtor().paid(40, "0", "0", 2).disputes(50, "100000.00", 0, "0.00", 0);
		RiskAssessment none = score(known.noBureau());
		RiskAssessment stale = score(known.onlyBureau(BureauProvider.GRAYDON, 90, LocalDate.of(2025, 1, 1)));
		assertThat(none.score()).isEqualByComparingTo(stale.score());
	}

	@Test
	void aMissingInputIsListedEvenWhenFiveLossesAreLarger() {
		RiskAssessment assessment = score(aDebtor().paid(41, "23", "0.4", 3)
			.recent(5, "40")
			.open(3, "12000.00", 45, "0.00")
			.disputes(25, "50000.00", 2, "2000.00", 2)
			.noBureau());
		assertThat(assessment.reasons()).hasSize(RiskScorer.MAX_REASONS);
		assertThat(assessment.reasonCodes()).endsWith(Reason.NO_BUREAU);
	}

	@Test
	void noInvoicesAtAllLeavesPaymentAndDisputesMissing() {
		RiskAssessment assessment = score(
				aDebtor().noInvoices().onlyBureau(BureauProvider.CREDITSAFE, 70, LocalDate.of(2026, 8, 1)));
		assertThat(assessment.component(Component.PAYMENT_BEHAVIOUR).missing()).isTrue();
		assertThat(assessment.component(Component.DISPUTES).missing()).isTrue();
		assertThat(assessment.component(Component.BUREAU).effectiveWeight()).isEqualByComparingTo("1");
		assertThat(assessment.score()).isEqualByComparingTo("70.0");
		assertThat(assessment.reasons()).extracting(Reason::code, Reason::text)
			.containsExactly(tuple(Reason.BUREAU_LOW, "bureau score 70 (CREDITSAFE, 2026-08-01)"),
					tuple(Reason.NO_PAYMENT_HISTORY, "no paid or open invoices in the last 365 days"),
					tuple(Reason.NO_DISPUTE_HISTORY, "no invoices in the last 365 days to measure disputes on"));
	}

	@Test
	void nothingKnownIsTheNeutralScoreWithEveryInputFlagged() {
		RiskAssessment assessment = score(aDebtor().noInvoices().noBureau());
		assertThat(assessment.score()).isEqualByComparingTo("50.0");
		assertThat(assessment.grade()).isEqualTo(Grade.C);
		assertThat(assessment.component(Component.PAYMENT_BEHAVIOUR).missing()).isTrue();
		assertThat(assessment.component(Component.DISPUTES).missing()).isTrue();
		assertThat(assessment.component(Component.BUREAU).subScore()).isEqualByComparingTo("50");
		assertThat(assessment.reasonCodes()).containsExactly(Reason.NO_PAYMENT_HISTORY, Reason.NO_BUREAU,
				Reason.NO_DISPUTE_HISTORY);
	}

	@Test
	void itemsSixtyDaysPastDueCapTheScoreAt40() {
		RiskAssessment assessment = score(aDebtor().open(3, "9000.00", 75, "2500.00"));
		// uncapped: 0.45 x (94.9 - 0.15 x 90) + 35 + 20 = 91.63
		assertThat(assessment.score()).isEqualByComparingTo("40.0");
		assertThat(assessment.grade()).isEqualTo(Grade.D);
		Reason first = assessment.reasons().get(0);
		assertThat(first.code()).isEqualTo(Reason.PAST_DUE_CAP);
		assertThat(first.text()).isEqualTo("items 60+ days past due: score capped at 40");
		assertThat(first.pointsLost()).isEqualByComparingTo("51.63");
	}

	@Test
	void theCapDoesNothingToAScoreAlreadyBelowIt() {
		RiskAssessment assessment = score(aDebtor().paid(40, "90", "1", 1)
			.open(3, "9000.00", 90, "9000.00")
			.onlyBureau(BureauProvider.PAYDEX, 30, LocalDate.of(2026, 8, 1)));
		// 0.45 x 11.9 + 0 + 0.20 x 100 = 25.355
		assertThat(assessment.score()).isEqualByComparingTo("25.4");
		assertThat(assessment.reasonCodes()).doesNotContain(Reason.PAST_DUE_CAP);
	}

	// Payment: z = 41/51; A(23) = 75 - 25 x 8/15 = 61.6667; L = 60; base = (0.60 x
	// 61.6667 +
	// 0.25 x 60) / 0.85 = 61.1765; H = (41 x 61.1765 + 10 x 70) / 51 = 62.9066; O(45) =
	// 35; payment = 0.85 x 62.9066 + 0.15 x 35 = 58.7206.
	// Bureau: PAYDEX 42 -> 20 + 30 x 2/10 = 26.
	// Disputes (z = 25/35 = 5/7, portfolio 0 %): 2 of 25 = 8 % -> 5.7143 % -> 70 - 400 x
	// 0.007143 = 67.1429; with the 2 open twice 16 % -> 11.4286 % -> 70 - 400 x 0.064286
	// =
	// 44.2857: the rate costs 0.20 x 32.8571 = 6.57 points, the open disputes 0.20 x
	// 22.8571 = 4.57.
	// Score: 0.45 x 58.7206 + 0.35 x 26 + 0.20 x 44.2857 = 26.4243 + 9.1 + 8.8571 =
	// 44.3814 -> 44.4.
	@Test
	void reasonsAreOrderedByPointsLostInWordsAPersonReads() {
		RiskAssessment assessment = score(aDebtor().paid(41, "23", "0.4", 3)
			.open(3, "12000.00", 45, "0.00")
			.disputes(25, "50000.00", 2, "2000.00", 2)
			.onlyBureau(BureauProvider.PAYDEX, 42, LocalDate.of(2026, 8, 1)));
		assertThat(assessment.reasons()).extracting(Reason::code, Reason::pointsLost, Reason::text)
			.containsExactly(tuple(Reason.BUREAU_LOW, new BigDecimal("25.90"), "bureau score 42 (PAYDEX, 2026-08-01)"),
					tuple(Reason.PAYS_LATE, new BigDecimal("8.32"),
							"pays 23 days beyond terms on average (41 invoices, 3 clients)"),
					tuple(Reason.DISPUTE_RATE, new BigDecimal("6.57"),
							"disputes on 2 of 25 invoices (8.0 %), counted as 5.7 % against the portfolio's 0.0 %"),
					tuple(Reason.OPEN_DISPUTES, new BigDecimal("4.57"), "2 open disputes"), tuple(Reason.OPEN_PAST_DUE,
							new BigDecimal("4.39"), "an open invoice is 45 days past due (3 open invoices, 12000.00)"));
		assertThat(assessment.reasons().get(0).args()).containsExactly(42, "PAYDEX", LocalDate.of(2026, 8, 1), 31L);
		assertThat(assessment.reasons().get(1).args()).containsExactly(23, 41, 3);
		assertThat(assessment.component(Component.PAYMENT_BEHAVIOUR).subScore()).isEqualByComparingTo("58.7206");
		assertThat(assessment.component(Component.DISPUTES).subScore()).isEqualByComparingTo("44.2857");
		assertThat(assessment.score()).isEqualByComparingTo("44.4");
		assertThat(assessment.grade()).isEqualTo(Grade.D);
	}

	// z = 50/60 = 5/6; by count 5/6 x 0.02 + 1/6 x 0.01 = 0.018333, by amount 5/6 x 0.15
	// + 1/6 x 0.03 = 0.13: the amount is the higher and is the reason.
	@Test
	void disputesByAmountReadAsAnAmount() {
		RiskAssessment assessment = score(
				aDebtor().disputes(50, "100000.00", 1, "15000.00", 0).portfolioDisputeRates("0.01", "0.03"));
		assertThat(assessment.reasons()).filteredOn((reason) -> reason.code().equals(Reason.DISPUTE_RATE))
			.singleElement()
			.satisfies((reason) -> {
				assertThat(reason.text()).isEqualTo(
						"15000.00 of 100000.00 invoiced is disputed (15.0 %), counted as 13.0 % against the portfolio's 3.0 %");
				assertThat(reason.args()).containsExactly(Money.of("15000.00"), Money.of("100000.00"), "15.0", "13.0",
						"3.0");
			});
		// 0.13 between 5 % -> 70 and 15 % -> 30: 70 - 400 x 0.08 = 38
		assertThat(assessment.component(Component.DISPUTES).subScore()).isEqualByComparingTo("38");
	}

	@Test
	void oneOfEachReadsInTheSingular() {
		RiskAssessment payer = score(aDebtor().paid(1, "1", "0", 1).open(1, "100.00", 1, "0.00"));
		assertThat(payer.reasons()).extracting(Reason::text)
			.contains("pays 1 day beyond terms on average (1 invoice, 1 client)",
					"an open invoice is 1 day past due (1 open invoice, 100.00)");
		RiskAssessment disputer = score(aDebtor().disputes(10, "1000.00", 1, "10.00", 1));
		assertThat(disputer.reasons()).extracting(Reason::text).contains("1 open dispute");
	}

	@ParameterizedTest(name = "score {0} -> {1}")
	@CsvSource({ "100, A", "80.0, A", "79.9, B", "65.0, B", "64.9, C", "50.0, C", "49.9, D", "35.0, D", "34.9, E",
			"0, E" })
	void gradeBoundaries(String score, Grade expected) {
		assertThat(Grade.of(new BigDecimal(score))).isEqualTo(expected);
	}

	// Computed from unrounded inputs, rounded once at the end, half even. 40 invoices
	// paid
	// (z = 0.8), a quarter late (L = 75), nothing open (O = 100), Creditsafe 62, no
	// disputes against a portfolio without any (100), the portfolio's mean history 60.6:
	// A = 100 - 25/15 x ADBT; 0.85 x history = 0.60 A + 0.25 x 75 = 78.75 - ADBT
	// payment = 0.8 x (78.75 - ADBT) + 0.85 x 0.2 x 60.6 + 15 = 88.302 - 0.8 ADBT
	// score = 0.45 x payment + 0.35 x 62 + 0.20 x 100 = 81.4359 - 0.36 ADBT
	// ADBT 4.1275 (amount-weighted, exact): 81.4359 - 1.4859 = 79.95 -> 80.0, grade A
	// ADBT 4.13 (what rounding it to 2 decimals first gave): 81.4359 - 1.4868 = 79.9491
	// ->
	// 79.9, grade B
	@ParameterizedTest(name = "ADBT {0} -> {1}, grade {2}")
	@CsvSource({ "4.1275, 80.0, A", "4.13, 79.9, B" })
	void theScoreIsComputedFromUnroundedInputsAndRoundedOnceHalfEven(String adbt, String expected, Grade grade) {
		RiskAssessment assessment = score(aDebtor().paid(40, adbt, "0.25", 2)
			.mean("60.6")
			.onlyBureau(BureauProvider.CREDITSAFE, 62, LocalDate.of(2026, 8, 1)));
		assertThat(assessment.score()).isEqualByComparingTo(expected);
		assertThat(assessment.score().scale()).isEqualTo(1);
		assertThat(assessment.grade()).isEqualTo(grade);
	}

	// Half even, not half up: 40 paid, 4 late (L = 90), ADBT 9 (A = 85), Creditsafe 63,
	// mean history 60: payment = 0.8 x (0.60 x 85 + 0.25 x 90) + 0.17 x 60 + 15 = 58.8 +
	// 10.2 + 15 = 84; score = 0.45 x 84 + 0.35 x 63 + 20 = 37.8 + 22.05 + 20 = 79.85 ->
	// 79.8 (half up would give 79.9).
	@Test
	void aTieRoundsToTheEvenDecimal() {
		RiskAssessment assessment = score(aDebtor().paid(40, "9", "0.1", 2)
			.mean("60")
			.onlyBureau(BureauProvider.CREDITSAFE, 63, LocalDate.of(2026, 8, 1)));
		assertThat(assessment.component(Component.PAYMENT_BEHAVIOUR).subScore()).isEqualByComparingTo("84");
		assertThat(assessment.score()).isEqualByComparingTo("79.8");
		assertThat(assessment.grade()).isEqualTo(Grade.B);
	}

	@ParameterizedTest(name = "Creditsafe {0} alone -> {1}")
	@CsvSource({ "80, A", "79, B", "65, B", "64, C", "50, C", "49, D", "35, D", "34, E" })
	void gradesFromScoredDebtorsAtTheBoundaries(int creditsafe, Grade expected) {
		RiskAssessment assessment = score(
				aDebtor().noInvoices().onlyBureau(BureauProvider.CREDITSAFE, creditsafe, LocalDate.of(2026, 8, 1)));
		assertThat(assessment.score()).isEqualByComparingTo(BigDecimal.valueOf(creditsafe));
		assertThat(assessment.grade()).isEqualTo(expected);
	}

	@Test
	void onlyGradeEIsDeclinedUnlessAManagerOverrides() {
		assertThat(List.of(Grade.values())).filteredOn(Grade::isDeclinedUnlessOverridden).containsExactly(Grade.E);
	}

	@Test
	void weightsMustAddUpToOne() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new ScoringModel.Weights(new BigDecimal("0.45"), new BigDecimal("0.35"), new BigDecimal("0.25")))
			.withMessage("The weights must add up to 1, they add up to 1.05");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScoringModel.Weights(new BigDecimal("1.2"), new BigDecimal("-0.2"), BigDecimal.ZERO))
			.withMessageContaining("must be 0-1");
	}

	@Test
	void equalInputsBuiltApartScoreAlikeAndOneDayMoreBeyondTermsScoresLower() {
		DebtorRiskInputs first = aDebtor().paid(12, "7", "0.3", 2).open(1, "800.00", 10, "0.00").build();
		DebtorRiskInputs second = aDebtor().paid(12, "7", "0.3", 2).open(1, "800.00", 10, "0.00").build();
		DebtorRiskInputs later = aDebtor().paid(12, "8", "0.3", 2).open(1, "800.00", 10, "0.00").build();
		assertThat(second).isNotSameAs(first).isEqualTo(first);

		RiskAssessment ofFirst = this.scorer.score(first, this.model);
		RiskAssessment ofLater = this.scorer.score(later, this.model);
		RiskAssessment ofSecond = this.scorer.score(second, this.model);

		assertThat(ofSecond).isEqualTo(ofFirst);
		assertThat(ofSecond.score()).isEqualTo(ofFirst.score());
		assertThat(ofLater.score()).isLessThan(ofFirst.score());
		assertThat(ofLater).isNotEqualTo(ofFirst);
	}

}
