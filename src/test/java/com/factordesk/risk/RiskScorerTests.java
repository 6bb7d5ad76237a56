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

	@ParameterizedTest(name = "{2} of {0} invoices disputed ({3} of {1}), {4} open ({5}) -> {6}")
	@CsvSource({ "50, 100000.00, 0, 0.00, 0, 0.00, 100", "50, 100000.00, 1, 1000.00, 0, 0.00, 88",
			"50, 100000.00, 5, 5000.00, 0, 0.00, 50", "50, 100000.00, 1, 15000.00, 0, 0.00, 30",
			"50, 100000.00, 2, 2000.00, 0, 0.00, 76", "50, 100000.00, 2, 2000.00, 2, 2000.00, 58",
			"50, 100000.00, 1, 10000.00, 0, 0.00, 50", "50, 100000.00, 1, 10000.00, 1, 10000.00, 15",
			"50, 100000.00, 13, 1.00, 0, 0.00, 0", "50, 0.00, 1, 0.00, 0, 0.00, 88" })
	void disputesTakeTheHigherRateByCountOrAmountWithOpenOnesTwice(int invoiced, String invoicedAmount, int disputed,
			String disputedAmount, int open, String openAmount, String expected) {
		RiskInputs debtor = aDebtor().disputes(invoiced, invoicedAmount, disputed, disputedAmount, open, openAmount);
		assertThat(subScore(debtor, Component.DISPUTES)).isEqualByComparingTo(expected);
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
		// 0.45 x 78.9 + 0.35 x 50 + 0.20 x 88 = 70.6
		assertThat(assessment.score()).isEqualByComparingTo("70.6");
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

	@Test
	void reasonsAreOrderedByPointsLostInWordsAPersonReads() {
		RiskAssessment assessment = score(aDebtor().paid(41, "23", "0.4", 3)
			.open(3, "12000.00", 45, "0.00")
			.disputes(25, "50000.00", 2, "2000.00", 2)
			.onlyBureau(BureauProvider.PAYDEX, 42, LocalDate.of(2026, 8, 1)));
		assertThat(assessment.reasons()).extracting(Reason::code, Reason::pointsLost, Reason::text)
			.containsExactly(tuple(Reason.BUREAU_LOW, new BigDecimal("25.90"), "bureau score 42 (PAYDEX, 2026-08-01)"),
					tuple(Reason.DISPUTE_RATE, new BigDecimal("8.40"), "disputes on 2 of 25 invoices (8.0 %)"),
					tuple(Reason.PAYS_LATE, new BigDecimal("8.32"),
							"pays 23 days beyond terms on average (41 invoices, 3 clients)"),
					tuple(Reason.OPEN_DISPUTES, new BigDecimal("6.20"), "2 open disputes"), tuple(Reason.OPEN_PAST_DUE,
							new BigDecimal("4.39"), "an open invoice is 45 days past due (3 open invoices, 12000.00)"));
		assertThat(assessment.reasons().get(0).args()).containsExactly(42, "PAYDEX", LocalDate.of(2026, 8, 1), 31L);
		assertThat(assessment.reasons().get(2).args()).containsExactly(23, 41, 3);
		assertThat(assessment.score()).isEqualByComparingTo("40.9");
		assertThat(assessment.grade()).isEqualTo(Grade.D);
	}

	@Test
	void disputesByAmountReadAsAnAmount() {
		RiskAssessment assessment = score(aDebtor().disputes(50, "100000.00", 1, "15000.00", 0));
		assertThat(assessment.reasons()).extracting(Reason::text)
			.contains("15000.00 of 100000.00 invoiced is disputed (15.0 %)");
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
