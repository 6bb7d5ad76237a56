package com.factordesk.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

import com.factordesk.client.DayCount;
import com.factordesk.risk.Grade;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every quote reconciles to the cent, whatever the invoice, the bands, the debtor and the
 * fee structure.
 */
class QuoteReconciliationProperties {

	private static final LocalDate ISSUED = LocalDate.of(2026, 9, 1);

	@Property(tries = 2000)
	void quotesReconcileToTheCent(@ForAll @BigRange(min = "0.01", max = "10000000.00") @Scale(2) BigDecimal face,
			@ForAll("bandSets") PricingBandSet bandSet, @ForAll("scores") BigDecimal score,
			@ForAll @IntRange(min = 0, max = 180) int termsDays,
			@ForAll @BigRange(min = "0", max = "150") @Scale(1) BigDecimal adbt,
			@ForAll @IntRange(min = 0, max = 60) int fundedAfterDays, @ForAll("feeStructures") FeeStructure fees,
			@ForAll("facilityAdvanceRates") BigDecimal facilityAdvance, @ForAll("rates") BigDecimal concentrationLimit,
			@ForAll @BigRange(min = "0", max = "50000000.00") @Scale(2) BigDecimal restOfBook,
			@ForAll("rates") BigDecimal debtorShareOfRest,
			@ForAll @BigRange(min = "0", max = "0.03") @Scale(6) BigDecimal discount,
			@ForAll("parameters") PricingParameters parameters) {
		Money invoice = Money.of(face);
		Money rest = Money.of(restOfBook);
		QuoteRequest.Concentration concentration = new QuoteRequest.Concentration(
				invoice.plus(rest.times(new Rate(debtorShareOfRest))), invoice.plus(rest));
		QuoteRequest request = new QuoteRequest(invoice, ISSUED, ISSUED.plusDays(termsDays),
				ISSUED.plusDays(Math.min(fundedAfterDays, termsDays)), score, Grade.of(score), adbt, bandSet,
				new Rate(facilityAdvance), new Rate(concentrationLimit), concentration, new Rate(discount), fees);

		Quote quote = new PricingPolicy(parameters).quote(request);
		assertThat(quote.parametersVersion()).isEqualTo(parameters.version());
		assertThat(quote.bandSetVersion()).isEqualTo(bandSet.version());

		assertThat(quote.advance().plus(quote.reserve())).isEqualTo(invoice);
		assertThat(quote.expectedFee().isNegative()).isFalse();
		assertThat(quote.expectedFee()).isLessThanOrEqualTo(quote.reserve());
		assertThat(quote.expectedRebate()).isEqualTo(quote.reserve().minus(quote.expectedFee()));
		for (Money amount : List.of(quote.advance(), quote.reserve(), quote.expectedFee(), quote.expectedRebate())) {
			assertThat(amount.amount().scale()).isEqualTo(2);
		}
		assertThat(quote.advance().isNegative()).isFalse();
		assertThat(quote.advance()).isLessThanOrEqualTo(invoice.times(quote.band().advanceRate()));
		assertThat(quote.feeRate().fraction().signum()).isGreaterThanOrEqualTo(0);
		if (quote.declined()) {
			assertThat(quote.advance()).isEqualTo(Money.ZERO);
			assertThat(quote.expectedFee()).isEqualTo(Money.ZERO);
		}
		else {
			// worked out again here, exactly, and rounded once HALF_EVEN at the cent
			BigDecimal notAdvanced = (parameters.concentrationRule() == PricingParameters.ConcentrationRule.SURCHARGE)
					? BigDecimal.ZERO : concentration.above(new Rate(concentrationLimit)).amount().min(face);
			BigDecimal advance = face.subtract(notAdvanced)
				.multiply(quote.advanceRate().fraction())
				.setScale(2, RoundingMode.HALF_EVEN);
			assertThat(quote.advance().amount()).isEqualByComparingTo(advance);
			BigDecimal fee = exactFee(fees, face, advance, quote.feeRate().fraction(), quote.daysOutstanding())
				.setScale(2, RoundingMode.HALF_EVEN)
				.min(face.subtract(advance));
			assertThat(quote.expectedFee().amount()).isEqualByComparingTo(fee);
		}
		// what the quote shows redoes it by hand: the days run from funding to the due
		// date
		// plus the whole days beyond terms; the fee line's figures give the fee
		assertThat(quote.expectedPaymentDate()).isEqualTo(quote.dueDate().plusDays(quote.daysBeyondTerms()));
		assertThat(quote.daysBeyondTerms()).isEqualTo(adbt.setScale(0, RoundingMode.CEILING).intValueExact());
		assertThat(quote.daysOutstanding())
			.isEqualTo(Math.max(0, (int) ChronoUnit.DAYS.between(quote.fundingDate(), quote.expectedPaymentDate())));
		if (!quote.declined()) {
			FeeCalculation shown = quote.feeCalculation();
			assertThat(shown.rate().asPercent().stripTrailingZeros().scale()).isLessThanOrEqualTo(4);
			BigDecimal byHand = shown.basisAmount()
				.amount()
				.multiply(shown.rate().asPercent().movePointLeft(2))
				.multiply(BigDecimal.valueOf(shown.periods()));
			if (shown.basis() == FeeCalculation.Basis.ADVANCE) {
				assertThat(shown.basisAmount()).isEqualTo(quote.advance());
				byHand = byHand.divide(BigDecimal.valueOf(shown.periodDays()), 20, RoundingMode.HALF_EVEN);
			}
			else {
				assertThat(shown.basisAmount()).isEqualTo(invoice);
			}
			assertThat(quote.expectedFee().amount())
				.isEqualByComparingTo(byHand.setScale(2, RoundingMode.HALF_EVEN).min(quote.reserve().amount()));
		}
		Statistics.label("declined").collect(quote.declined());
		Statistics.label("adjustments").collect(quote.lineCodes().subList(1, quote.lines().size()));
	}

	private static BigDecimal exactFee(FeeStructure fees, BigDecimal face, BigDecimal advance, BigDecimal rate,
			int days) {
		if (fees instanceof FeeStructure.Tiered tiered) {
			// the rate per the facility's period, a percentage at four decimals
			long periods = Math.max(1, (days + tiered.periodDays() - 1) / tiered.periodDays());
			BigDecimal ratePerPeriod = rate.multiply(BigDecimal.valueOf(tiered.periodDays()))
				.divide(BigDecimal.valueOf(30), 6, RoundingMode.HALF_EVEN);
			return face.multiply(ratePerPeriod).multiply(BigDecimal.valueOf(periods));
		}
		if (fees instanceof FeeStructure.Daily daily) {
			return advance.multiply(rate)
				.multiply(BigDecimal.valueOf(12L * days))
				.divide(daily.dayCount().yearDays(), 20, RoundingMode.HALF_EVEN);
		}
		return face.multiply(rate);
	}

	@Provide
	Arbitrary<PricingBandSet> bandSets() {
		return Arbitraries.oneOf(Arbitraries.just(PricingBandSet.defaults()),
				Arbitraries.randomValue(QuoteReconciliationProperties::randomBandSet));
	}

	@Provide
	Arbitrary<PricingParameters> parameters() {
		return Arbitraries.oneOf(Arbitraries.just(PricingParameters.defaults()),
				Arbitraries.randomValue((random) -> new PricingParameters(1 + random.nextInt(50), ISSUED,
						new Rate(fraction(random, 0, 10_000)), 1 + random.nextInt(60),
						random.nextBoolean() ? PricingParameters.ConcentrationRule.NO_ADVANCE
								: PricingParameters.ConcentrationRule.SURCHARGE,
						new Rate(fraction(random, 0, 10_000)))));
	}

	@Provide
	Arbitrary<FeeStructure> feeStructures() {
		return Arbitraries.oneOf(Arbitraries.integers().between(1, 90).map(FeeStructure.Tiered::new),
				Arbitraries.just(new FeeStructure.Flat()), Arbitraries.of(DayCount.class).map(FeeStructure.Daily::new));
	}

	@Provide
	Arbitrary<BigDecimal> scores() {
		return uniform(BigDecimal.ZERO, BigDecimal.valueOf(100), 1);
	}

	@Provide
	Arbitrary<BigDecimal> rates() {
		return uniform(BigDecimal.ZERO, BigDecimal.ONE, 6);
	}

	@Provide
	Arbitrary<BigDecimal> facilityAdvanceRates() {
		return uniform(new BigDecimal("0.5"), BigDecimal.ONE, 6);
	}

	private static Arbitrary<BigDecimal> uniform(BigDecimal min, BigDecimal max, int scale) {
		return Arbitraries.bigDecimals()
			.between(min, max)
			.ofScale(scale)
			.withDistribution(RandomDistribution.uniform());
	}

	/**
	 * One to six bands from random cut points between 0.1 and 99.9; the advance rate
	 * falls and the fee rate rises from the top band down; the lowest band may be
	 * declined.
	 */
	static PricingBandSet randomBandSet(Random random) {
		TreeSet<BigDecimal> cuts = new TreeSet<>();
		int cutCount = random.nextInt(6);
		while (cuts.size() < cutCount) {
			cuts.add(BigDecimal.valueOf(1 + random.nextInt(999)).movePointLeft(1));
		}
		List<BigDecimal> bounds = new ArrayList<>();
		bounds.add(BigDecimal.ZERO);
		bounds.addAll(cuts);
		bounds.add(BigDecimal.valueOf(100));
		int bandCount = bounds.size() - 1;
		boolean lowestDeclined = bandCount > 1 && random.nextBoolean();
		BigDecimal advance = fraction(random, 500_000, 1_000_000);
		BigDecimal fee = fraction(random, 0, 30_000);
		PricingBand[] bands = new PricingBand[bandCount];
		for (int i = bandCount - 1; i >= 0; i--) {
			if (i == 0 && lowestDeclined) {
				bands[i] = new PricingBand(bounds.get(0), bounds.get(1), Rate.ZERO, Rate.ZERO, 0, true);
			}
			else {
				bands[i] = new PricingBand(bounds.get(i), bounds.get(i + 1), new Rate(advance), new Rate(fee),
						random.nextInt(181), false);
			}
			advance = advance.subtract(fraction(random, 0, 100_000)).max(BigDecimal.ZERO);
			fee = fee.add(fraction(random, 0, 20_000));
		}
		return new PricingBandSet(1 + random.nextInt(100), ISSUED, List.of(bands));
	}

	private static BigDecimal fraction(Random random, int fromMillionths, int toMillionths) {
		return BigDecimal.valueOf(fromMillionths + random.nextInt(toMillionths - fromMillionths + 1))
			.movePointLeft(6)
			.setScale(6, RoundingMode.UNNECESSARY);
	}

}
