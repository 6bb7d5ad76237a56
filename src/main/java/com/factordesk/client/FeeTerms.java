package com.factordesk.client;

import java.util.Objects;

import com.factordesk.shared.Rate;

/**
 * The fee terms agreed in a facility: how the fee is charged, the period of a tiered fee,
 * the day count of a daily one and the discount on the fee rate negotiated with the
 * client.
 *
 * @param kind tiered, flat or daily
 * @param periodDays the length of a tiered fee's period (e.g. 30 or 15 days)
 * @param dayCount the year of a daily fee: ACT/360 or ACT/365
 * @param clientDiscount taken off the band's fee rate, 0 or more and below 100 %
 */
public record FeeTerms(FeeKind kind, int periodDays, DayCount dayCount, Rate clientDiscount) {

	/**
	 * Per started 30 days on the face, no discount: the terms of a new facility.
	 */
	public static final FeeTerms STANDARD = new FeeTerms(FeeKind.TIERED, 30, DayCount.ACT_360, Rate.ZERO);

	public FeeTerms {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(dayCount, "dayCount");
		Objects.requireNonNull(clientDiscount, "clientDiscount");
		if (periodDays <= 0) {
			throw new IllegalArgumentException("A fee period is at least one day, got " + periodDays);
		}
		if (clientDiscount.fraction().signum() < 0 || clientDiscount.compareTo(Rate.percent("100")) >= 0) {
			throw new IllegalArgumentException("A client discount is 0 or more and below 100 %, got " + clientDiscount);
		}
	}

}
