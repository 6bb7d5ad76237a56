package com.factordesk.pricing;

import java.time.LocalDate;
import java.util.Objects;

import com.factordesk.pricing.PricingParameters.ConcentrationRule;
import com.factordesk.shared.Rate;

/**
 * The command that publishes the next version of the pricing parameters: the values of
 * {@link PricingParameters} without the version number, which publishing gives.
 */
public record PublishPricingParameters(LocalDate effectiveFrom, Rate tenorSurcharge, int tenorSurchargeDays,
		ConcentrationRule concentrationRule, Rate concentrationSurcharge) {

	public PublishPricingParameters {
		Objects.requireNonNull(effectiveFrom, "effectiveFrom");
		Objects.requireNonNull(tenorSurcharge, "tenorSurcharge");
		Objects.requireNonNull(concentrationRule, "concentrationRule");
		Objects.requireNonNull(concentrationSurcharge, "concentrationSurcharge");
	}

	/**
	 * These values as version {@code version}.
	 */
	PricingParameters asVersion(int version) {
		return new PricingParameters(version, this.effectiveFrom, this.tenorSurcharge, this.tenorSurchargeDays,
				this.concentrationRule, this.concentrationSurcharge);
	}

}
