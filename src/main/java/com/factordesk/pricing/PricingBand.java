package com.factordesk.pricing;

import java.math.BigDecimal;
import java.util.Objects;

import com.factordesk.shared.Rate;

/**
 * The price for debtors whose score falls in one range: what share of the face value we
 * advance, what we charge per 30 days, how long we are willing to wait, or whether we
 * decline outright.
 *
 * @param scoreFrom the lowest score in the band, inclusive
 * @param scoreTo where the band ends, exclusive, except that a band ending at 100
 * includes 100
 * @param advanceRate the share of the face value advanced
 * @param feeRate the fee rate per 30 days; a facility with another period pays it pro
 * rata per its period
 * @param maxTenorDays the longest we expect to be out of our money without a surcharge
 * @param autoDecline whether invoices on debtors in this band are declined
 */
public record PricingBand(BigDecimal scoreFrom, BigDecimal scoreTo, Rate advanceRate, Rate feeRate, int maxTenorDays,
		boolean autoDecline) {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	public PricingBand {
		Objects.requireNonNull(scoreFrom, "scoreFrom");
		Objects.requireNonNull(scoreTo, "scoreTo");
		Objects.requireNonNull(advanceRate, "advanceRate");
		Objects.requireNonNull(feeRate, "feeRate");
		if (advanceRate.fraction().signum() < 0 || advanceRate.compareTo(Rate.fraction("1")) > 0) {
			throw new IllegalArgumentException("An advance rate is 0-100 %, got " + advanceRate);
		}
		if (feeRate.fraction().signum() < 0) {
			throw new IllegalArgumentException("A fee rate cannot be negative, got " + feeRate);
		}
		if (maxTenorDays < 0) {
			throw new IllegalArgumentException("A maximum tenor cannot be negative, got " + maxTenorDays);
		}
	}

	/**
	 * A band that prices, with whole-number score bounds.
	 */
	public static PricingBand of(int scoreFrom, int scoreTo, String advancePercent, String feePercent,
			int maxTenorDays) {
		return new PricingBand(BigDecimal.valueOf(scoreFrom), BigDecimal.valueOf(scoreTo), Rate.percent(advancePercent),
				Rate.percent(feePercent), maxTenorDays, false);
	}

	/**
	 * A band that declines, with whole-number score bounds.
	 */
	public static PricingBand declined(int scoreFrom, int scoreTo) {
		return new PricingBand(BigDecimal.valueOf(scoreFrom), BigDecimal.valueOf(scoreTo), Rate.ZERO, Rate.ZERO, 0,
				true);
	}

	/**
	 * Whether a score falls in this band.
	 */
	public boolean contains(BigDecimal score) {
		return score.compareTo(this.scoreFrom) >= 0 && (score.compareTo(this.scoreTo) < 0
				|| (score.compareTo(HUNDRED) == 0 && this.scoreTo.compareTo(HUNDRED) == 0));
	}

	/**
	 * The range as a person reads it: "50-65".
	 */
	public String range() {
		return plain(this.scoreFrom) + "-" + plain(this.scoreTo);
	}

	static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

}
