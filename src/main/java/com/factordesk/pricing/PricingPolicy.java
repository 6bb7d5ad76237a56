package com.factordesk.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * Prices an invoice: a pure function from a {@link QuoteRequest} to a {@link Quote},
 * under one version of the {@link PricingParameters}.
 * <ol>
 * <li>The band is the one the debtor's score falls in. A band that auto-declines, or
 * grade E, declines the invoice: nothing advanced, no fee.</li>
 * <li>The advance rate is the band's, but never more than the facility agreement's.</li>
 * <li>Tenor: the debtor is expected to pay on the due date plus its days beyond terms
 * (rounded up, never below 0); the fee runs on the days from the funding date to that
 * expected payment date (never below 0). Beyond the band's longest tenor, the fee rate
 * (per 30 days) rises by the parameters' tenor surcharge per started surcharge period
 * (version 1: 0.25 % per started 30 days). We charge more rather than advance less: the
 * risk of waiting is priced, the client keeps its liquidity.</li>
 * <li>Concentration: when the debtor would owe more than the facility's limit of the
 * client's book, the parameters' concentration rule applies: the part above the limit (at
 * most the whole face) is not advanced ({@code NO_ADVANCE}, version 1), or the fee rate
 * rises by the concentration surcharge ({@code SURCHARGE}).</li>
 * <li>A negotiated client discount comes off the fee rate, which never falls below
 * zero.</li>
 * <li>The expected fee follows the facility's {@link FeeStructure} over the days from
 * funding, on its own line with the arithmetic ({@link FeeCalculation}). It is capped at
 * the reserve, and a line says so, so that the rebate is never negative.</li>
 * </ol>
 * Money is rounded once, HALF_EVEN at the cent: the advance as advanced part x advance
 * rate, the fee by the fee structure; the reserve and the rebate are differences of
 * rounded amounts, so the quote reconciles exactly.
 *
 * @param parameters the version of the pricing parameters in force
 */
public record PricingPolicy(PricingParameters parameters) {

	public PricingPolicy {
		Objects.requireNonNull(parameters, "parameters");
	}

	/**
	 * The policy under version 1 of the parameters
	 * ({@link PricingParameters#defaults()}).
	 */
	public static PricingPolicy defaults() {
		return new PricingPolicy(PricingParameters.defaults());
	}

	/**
	 * The quote for one invoice.
	 */
	public Quote quote(QuoteRequest request) {
		PricingParameters parameters = this.parameters;
		PricingBandSet bandSet = request.bandSet();
		PricingBand band = bandSet.bandFor(request.score());
		int termsDays = days(request.issueDate(), request.dueDate());
		int beyondTerms = request.debtorAdbtDays()
			.max(BigDecimal.ZERO)
			.setScale(0, RoundingMode.CEILING)
			.intValueExact();
		int expectedDaysToPay = termsDays + beyondTerms;
		LocalDate expectedPaymentDate = request.dueDate().plusDays(beyondTerms);
		int daysOutstanding = Math.max(0, days(request.fundingDate(), expectedPaymentDate));
		Money face = request.face();

		List<QuoteLine> lines = new ArrayList<>();
		Object[] bandFacts = { band.range(), bandSet.version(), request.score(), request.grade().name(),
				band.advanceRate().asPercent(), band.feeRate().asPercent() };
		lines.add(QuoteLine.of(QuoteLine.BAND, band.feeRate(), null,
				band.autoDecline() ? "quote.line.BAND.reason.declined" : "quote.line.BAND.reason", bandFacts));

		if (band.autoDecline() || request.grade().isDeclinedUnlessOverridden()) {
			QuoteLine declined = QuoteLine.of(QuoteLine.DECLINED, null, Money.ZERO,
					band.autoDecline() ? "quote.line.DECLINED.reason.band" : "quote.line.DECLINED.reason.grade",
					bandFacts);
			lines.add(declined);
			String reason = declined.reason();
			return new Quote(true, reason, band, bandSet.version(), parameters.version(), lines, Rate.ZERO, Rate.ZERO,
					request.fundingDate(), request.dueDate(), beyondTerms, expectedDaysToPay, expectedPaymentDate,
					daysOutstanding, null, Money.ZERO, Money.ZERO, face, face);
		}

		Rate advanceRate = band.advanceRate();
		if (request.facilityAdvanceRate().compareTo(advanceRate) < 0) {
			lines.add(QuoteLine.of(QuoteLine.FACILITY_ADVANCE, minus(request.facilityAdvanceRate(), advanceRate), null,
					"quote.line.FACILITY_ADVANCE.reason", request.facilityAdvanceRate().asPercent(),
					band.advanceRate().asPercent()));
			advanceRate = request.facilityAdvanceRate();
		}

		Rate feeRate = band.feeRate();
		if (daysOutstanding > band.maxTenorDays()) {
			int periodDays = parameters.tenorSurchargeDays();
			int beyond = daysOutstanding - band.maxTenorDays();
			int started = (beyond + periodDays - 1) / periodDays;
			Rate surcharge = new Rate(parameters.tenorSurcharge().fraction().multiply(BigDecimal.valueOf(started)));
			lines.add(QuoteLine.of(QuoteLine.TENOR, surcharge, null, "quote.line.TENOR.reason", daysOutstanding, beyond,
					band.maxTenorDays(), parameters.tenorSurcharge().asPercent(), periodDays, started,
					parameters.version()));
			feeRate = plus(feeRate, surcharge);
		}

		Money notAdvanced = Money.ZERO;
		Money above = request.concentration().above(request.concentrationLimit());
		if (above.isPositive()) {
			Object[] concentrationFacts = { share(request.concentration()), request.concentrationLimit().asPercent(),
					above.min(face).amount(), parameters.concentrationSurcharge().asPercent(), parameters.version() };
			if (parameters.concentrationRule() == PricingParameters.ConcentrationRule.SURCHARGE) {
				lines.add(QuoteLine.of(QuoteLine.CONCENTRATION_SURCHARGE, parameters.concentrationSurcharge(), null,
						"quote.line.CONCENTRATION_SURCHARGE.reason", concentrationFacts));
				feeRate = plus(feeRate, parameters.concentrationSurcharge());
			}
			else {
				notAdvanced = above.min(face);
				Money reduction = face.times(advanceRate).minus(face.minus(notAdvanced).times(advanceRate));
				lines.add(QuoteLine.of(QuoteLine.CONCENTRATION, null, Money.ZERO.minus(reduction),
						"quote.line.CONCENTRATION.reason", concentrationFacts));
			}
		}

		if (request.clientDiscount().fraction().signum() > 0) {
			boolean limited = request.clientDiscount().compareTo(feeRate) > 0;
			Rate discount = limited ? feeRate : request.clientDiscount();
			lines.add(QuoteLine.of(QuoteLine.CLIENT_DISCOUNT, minus(Rate.ZERO, discount), null,
					limited ? "quote.line.CLIENT_DISCOUNT.reason.limited" : "quote.line.CLIENT_DISCOUNT.reason",
					request.clientDiscount().asPercent(), feeRate.asPercent()));
			feeRate = minus(feeRate, discount);
		}

		Money advance = face.minus(notAdvanced).times(advanceRate);
		Money reserve = face.minus(advance);
		FeeCalculation calculation = request.feeStructure().calculate(face, advance, feeRate, daysOutstanding);
		lines.add(calculation.line());
		Money fee = calculation.fee();
		if (fee.isGreaterThan(reserve)) {
			lines.add(QuoteLine.of(QuoteLine.FEE_CAPPED, null, reserve.minus(fee), "quote.line.FEE_CAPPED.reason",
					fee.amount(), reserve.amount()));
			fee = reserve;
		}
		return new Quote(false, null, band, bandSet.version(), parameters.version(), lines, advanceRate, feeRate,
				request.fundingDate(), request.dueDate(), beyondTerms, expectedDaysToPay, expectedPaymentDate,
				daysOutstanding, calculation, fee, advance, reserve, reserve.minus(fee));
	}

	private static int days(LocalDate from, LocalDate to) {
		return Math.toIntExact(ChronoUnit.DAYS.between(from, to));
	}

	private static Rate plus(Rate left, Rate right) {
		return new Rate(left.fraction().add(right.fraction()));
	}

	private static Rate minus(Rate left, Rate right) {
		return new Rate(left.fraction().subtract(right.fraction()));
	}

	private static BigDecimal share(QuoteRequest.Concentration concentration) {
		return concentration.debtorOwed()
			.amount()
			.movePointRight(2)
			.divide(concentration.clientBook().amount(), 1, RoundingMode.HALF_UP);
	}

}
