package com.factordesk.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.factordesk.client.DayCount;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * How a facility charges the discount fee, given the fee rate per 30 days that pricing
 * sets: as a {@link FeeCalculation} whose figures (basis, rate per the facility's period,
 * periods) a person can redo by hand, rounded once, HALF_EVEN at the cent.
 */
public sealed interface FeeStructure {

	/**
	 * The days a pricing band's fee rate is quoted for.
	 */
	BigDecimal RATE_PERIOD_DAYS = BigDecimal.valueOf(30);

	/**
	 * The fee on an invoice of {@code face}, of which {@code advance} was paid out,
	 * outstanding {@code daysOutstanding} days from funding to payment, at
	 * {@code feeRate} per 30 days.
	 */
	default Money fee(Money face, Money advance, Rate feeRate, int daysOutstanding) {
		return calculate(face, advance, feeRate, daysOutstanding).fee();
	}

	/**
	 * The fee with the figures a person needs to work it out again by hand: the basis,
	 * the rate per the facility's period, the periods charged.
	 * @param feeRate the fee rate per 30 days, as pricing sets it
	 */
	FeeCalculation calculate(Money face, Money advance, Rate feeRate, int daysOutstanding);

	/**
	 * The fee structure a facility's fee terms agree on.
	 */
	static FeeStructure of(FeeTerms terms) {
		return switch (terms.kind()) {
			case FLAT -> new Flat();
			case DAILY -> new Daily(terms.dayCount());
			case TIERED -> new Tiered(terms.periodDays());
		};
	}

	/**
	 * The fee rate per started period of {@code periodDays} days on the face value: 31
	 * days with 30-day periods is 2 periods. Funding starts the first period, so an
	 * invoice paid on the day it was funded still pays one. Pricing quotes the rate per
	 * 30 days; a facility with periods of another length pays it pro rata per period, as
	 * a percentage at four decimals (1.5 % per 30 days is 0.75 % per started 15-day
	 * period, 1 % per 30 days is 0.2333 % per 7-day period), and the fee is face x rate
	 * per period x periods, rounded once: what the quote shows is what it charges.
	 *
	 * @param periodDays the length of a period in days
	 */
	record Tiered(int periodDays) implements FeeStructure {

		public Tiered {
			if (periodDays < 1) {
				throw new IllegalArgumentException("A period is at least one day, got " + periodDays);
			}
		}

		/**
		 * The periods started in {@code days}, at least one.
		 */
		public int periods(int days) {
			return Math.max(1, (days + this.periodDays - 1) / this.periodDays);
		}

		/**
		 * The rate per period of this facility for a fee rate per 30 days, at six
		 * decimals as a fraction (four as a percentage), HALF_EVEN.
		 */
		public Rate ratePerPeriod(Rate feeRate) {
			return new Rate(feeRate.fraction()
				.multiply(BigDecimal.valueOf(this.periodDays))
				.divide(RATE_PERIOD_DAYS, 6, RoundingMode.HALF_EVEN));
		}

		@Override
		public FeeCalculation calculate(Money face, Money advance, Rate feeRate, int daysOutstanding) {
			requireDays(daysOutstanding);
			return new FeeCalculation(FeeKind.TIERED, FeeCalculation.Basis.FACE, face, ratePerPeriod(feeRate),
					this.periodDays, periods(daysOutstanding), daysOutstanding);
		}

	}

	/**
	 * The fee rate once on the face value, however long the invoice is outstanding.
	 */
	record Flat() implements FeeStructure {

		@Override
		public FeeCalculation calculate(Money face, Money advance, Rate feeRate, int daysOutstanding) {
			requireDays(daysOutstanding);
			return new FeeCalculation(FeeKind.FLAT, FeeCalculation.Basis.FACE, face, feeRate, 0, 1, daysOutstanding);
		}

	}

	/**
	 * Interest on the funds in use: the fee rate is read as a monthly rate, 12 of which
	 * make the yearly rate, charged per actual day over the day count's year on the
	 * advance: advance x fee rate x 12 x days / 360 (or 365). With ACT/360 that is
	 * exactly the fee rate per 30 days; with ACT/365 a 30-day period costs 360/365 of it.
	 * The quote shows the period as the day count's year and the rate per that period as
	 * the yearly rate (1 % per 30 days is 12 % a year).
	 *
	 * @param dayCount the days in a year
	 */
	record Daily(DayCount dayCount) implements FeeStructure {

		private static final BigDecimal MONTHS = BigDecimal.valueOf(12);

		public Daily {
			if (dayCount == null) {
				throw new IllegalArgumentException("A daily fee needs a day count");
			}
		}

		@Override
		public FeeCalculation calculate(Money face, Money advance, Rate feeRate, int daysOutstanding) {
			requireDays(daysOutstanding);
			return new FeeCalculation(FeeKind.DAILY, FeeCalculation.Basis.ADVANCE, advance,
					new Rate(feeRate.fraction().multiply(MONTHS)), this.dayCount.daysInYear(), daysOutstanding,
					daysOutstanding);
		}

	}

	private static void requireDays(int daysOutstanding) {
		if (daysOutstanding < 0) {
			throw new IllegalArgumentException("Days outstanding cannot be negative, got " + daysOutstanding);
		}
	}

}
