package com.factordesk.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;

import com.factordesk.shared.Rate;

import org.springframework.stereotype.Component;

/**
 * The fee rate per 30 days the pricing bands in force on a day gave a score: for
 * settlement, which prices an advance taken over without a fee rate of its own (an
 * imported book, DESIGN section 7) at the bands of its funding day. A funding day before
 * the first band set takes the first set. A score in a declined band takes the dearest
 * band that prices: the invoice was funded all the same, and a declined band has no fee
 * rate.
 */
@Component
public class BandFeeRates {

	private final PricingBands bands;

	BandFeeRates(PricingBands bands) {
		this.bands = bands;
	}

	/**
	 * The band's fee rate for {@code score} on {@code day}, and the band set's version;
	 * empty when no band set exists at all.
	 */
	public Optional<BandFee> on(LocalDate day, BigDecimal score) {
		return this.bands.inForce(day).or(this.bands::first).map((set) -> {
			PricingBand band = set.bandFor(score);
			if (band.autoDecline()) {
				band = set.bands()
					.stream()
					.filter((priced) -> !priced.autoDecline())
					.max(Comparator.comparing(PricingBand::feeRate))
					.orElse(band);
			}
			return new BandFee(set.version(), band.feeRate());
		});
	}

	/**
	 * A band's fee rate per 30 days and the version of the band set it belongs to.
	 */
	public record BandFee(int bandSetVersion, Rate feeRate) {
	}

}
