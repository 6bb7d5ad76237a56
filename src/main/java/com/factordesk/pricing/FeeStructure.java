package com.factordesk.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.factordesk.client.DayCount;
import com.factordesk.client.FeeTerms;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * How a facility charges the discount fee, given the fee rate per period that pricing
 * sets. Each fee is worked out exactly and rounded once, HALF_EVEN at the cent.
 */
public sealed interface FeeStructure {

	/**
	 * The days a pricing band's fee rate is quoted for.
	 */
	BigDecimal RATE_PERIOD_DAYS = BigDecimal.valueOf(30);

	/**
	 * The fee on an invoice of {@code face}, of which {@code advance} was paid out,
	 * outstanding {@code daysOutstanding} days from funding to payment.
	 */
	Money fee(Money face, Money advance, Rate feeRate, int daysOutstanding);

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
	 * 30 days; a facility with periods of another length pays it pro rata per period (1.5
	 * % per 30 days is 0.75 % per started 15-day period).
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

		@Override
		public Money fee(Money face, Money advance, Rate feeRate, int daysOutstanding) {
			requireDays(daysOutstanding);
			BigDecimal exact = face.amount()
				.multiply(feeRate.fraction())
				.multiply(BigDecimal.valueOf((long) periods(daysOutstanding) * this.periodDays));
			return new Money(exact.divide(RATE_PERIOD_DAYS, 2, RoundingMode.HALF_EVEN));
		}

	}

	/**
	 * The fee rate once on the face value, however long the invoice is outstanding.
	 */
	record Flat() implements FeeStructure {

		@Override
		public Money fee(Money face, Money advance, Rate feeRate, int daysOutstanding) {
			requireDays(daysOutstanding);
			return face.times(feeRate);
		}

	}

	/**
	 * Interest on the funds in use: the fee rate is read as a monthly rate, 12 of which
	 * make the yearly rate, charged per actual day over the day count's year on the
	 * advance: advance x fee rate x 12 x days / 360 (or 365). With ACT/360 that is
	 * exactly the fee rate per 30 days; with ACT/365 a 30-day period costs 360/365 of it.
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
		public Money fee(Money face, Money advance, Rate feeRate, int daysOutstanding) {
			requireDays(daysOutstanding);
			BigDecimal exact = advance.amount()
				.multiply(feeRate.fraction())
				.multiply(MONTHS)
				.multiply(BigDecimal.valueOf(daysOutstanding));
			return new Money(exact.divide(this.dayCount.yearDays(), 2, RoundingMode.HALF_EVEN));
		}

	}

	private static void requireDays(int daysOutstanding) {
		if (daysOutstanding < 0) {
			throw new IllegalArgumentException("Days outstanding cannot be negative, got " + daysOutstanding);
		}
	}

}
