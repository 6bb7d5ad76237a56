package com.factordesk.pricing;

import java.time.LocalDate;
import java.util.Objects;

import com.factordesk.shared.Rate;

/**
 * A version of the parameters that price a quote besides the bands, effective from a
 * date: a quote records the version it used, so that it can be redone by hand.
 *
 * @param version the version number
 * @param effectiveFrom the first day the parameters apply
 * @param tenorSurcharge what the fee rate (per 30 days) rises by per started
 * {@code tenorSurchargeDays} days the invoice is expected to be outstanding beyond the
 * band's longest tenor
 * @param tenorSurchargeDays the length of a tenor surcharge period in days
 * @param concentrationRule what happens to an invoice that takes its debtor above the
 * facility's concentration limit
 * @param concentrationSurcharge what the fee rate (per 30 days) rises by under
 * {@link ConcentrationRule#SURCHARGE}; zero under {@link ConcentrationRule#NO_ADVANCE}
 */
public record PricingParameters(int version, LocalDate effectiveFrom, Rate tenorSurcharge, int tenorSurchargeDays,
		ConcentrationRule concentrationRule, Rate concentrationSurcharge) {

	public PricingParameters {
		Objects.requireNonNull(effectiveFrom, "effectiveFrom");
		Objects.requireNonNull(tenorSurcharge, "tenorSurcharge");
		Objects.requireNonNull(concentrationRule, "concentrationRule");
		Objects.requireNonNull(concentrationSurcharge, "concentrationSurcharge");
		if (tenorSurcharge.fraction().signum() < 0) {
			throw new IllegalArgumentException("A tenor surcharge cannot be negative, got " + tenorSurcharge);
		}
		if (tenorSurchargeDays < 1) {
			throw new IllegalArgumentException("A surcharge period is at least one day, got " + tenorSurchargeDays);
		}
		if (concentrationSurcharge.fraction().signum() < 0) {
			throw new IllegalArgumentException(
					"A concentration surcharge cannot be negative, got " + concentrationSurcharge);
		}
	}

	/**
	 * Version 1, as migration V016 publishes it: 0.25 % on the fee rate per started 30
	 * days beyond the band's longest tenor; the part of an invoice above the
	 * concentration limit is not advanced.
	 */
	public static PricingParameters defaults() {
		return new PricingParameters(1, LocalDate.of(2024, 1, 1), Rate.percent("0.25"), 30,
				ConcentrationRule.NO_ADVANCE, Rate.ZERO);
	}

	/**
	 * What happens to an invoice that takes its debtor above the facility's concentration
	 * limit of the client's book.
	 */
	public enum ConcentrationRule {

		/**
		 * The part of the invoice above the limit (at most the whole face) is not
		 * advanced.
		 */
		NO_ADVANCE,

		/**
		 * The whole invoice is advanced, and its fee rate rises by the concentration
		 * surcharge.
		 */
		SURCHARGE

	}

}
