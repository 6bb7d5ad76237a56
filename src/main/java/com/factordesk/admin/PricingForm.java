package com.factordesk.admin;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.factordesk.pricing.PricingBand;
import com.factordesk.pricing.PricingBandSet;
import com.factordesk.shared.InputBounds.SaneDate;
import com.factordesk.shared.Rate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The form that publishes a new version of the pricing bands: an effective date and one
 * row per band, rates as percentages.
 */
class PricingForm {

	@NotNull
	@SaneDate
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate effectiveFrom;

	@Valid
	@NotEmpty
	private List<BandRow> bands = new ArrayList<>();

	static PricingForm of(PricingBandSet set, LocalDate effectiveFrom) {
		PricingForm form = new PricingForm();
		form.effectiveFrom = effectiveFrom;
		set.bands().stream().sorted(Comparator.comparing(PricingBand::scoreFrom)).forEach((band) -> {
			BandRow row = new BandRow();
			row.setScoreFrom(band.scoreFrom());
			row.setScoreTo(band.scoreTo());
			row.setAdvancePercent(plain(band.advanceRate().asPercent()));
			row.setFeePercent(plain(band.feeRate().asPercent()));
			row.setMaxTenorDays(band.maxTenorDays());
			row.setAutoDecline(band.autoDecline());
			form.bands.add(row);
		});
		return form;
	}

	/**
	 * 70.0000 as 70 and 2.2500 as 2.25, never as 7E+1.
	 */
	static BigDecimal plain(BigDecimal percent) {
		BigDecimal stripped = percent.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	List<PricingBand> toBands() {
		return this.bands.stream()
			.map((row) -> new PricingBand(row.getScoreFrom(), row.getScoreTo(),
					Rate.percent(row.getAdvancePercent().toPlainString()),
					Rate.percent(row.getFeePercent().toPlainString()), row.getMaxTenorDays(), row.isAutoDecline()))
			.toList();
	}

	public LocalDate getEffectiveFrom() {
		return this.effectiveFrom;
	}

	public void setEffectiveFrom(LocalDate effectiveFrom) {
		this.effectiveFrom = effectiveFrom;
	}

	public List<BandRow> getBands() {
		return this.bands;
	}

	public void setBands(List<BandRow> bands) {
		this.bands = bands;
	}

	/**
	 * One band of the form.
	 */
	public static class BandRow {

		@NotNull
		@DecimalMin("0")
		@DecimalMax("100")
		@Digits(integer = 3, fraction = 2)
		private BigDecimal scoreFrom;

		@NotNull
		@DecimalMin("0")
		@DecimalMax("100")
		@Digits(integer = 3, fraction = 2)
		private BigDecimal scoreTo;

		@NotNull
		@DecimalMin("0")
		@DecimalMax("100")
		@Digits(integer = 3, fraction = 4)
		private BigDecimal advancePercent;

		@NotNull
		@DecimalMin("0")
		@DecimalMax("100")
		@Digits(integer = 3, fraction = 4)
		private BigDecimal feePercent;

		@NotNull
		@Min(0)
		@Max(3650)
		private Integer maxTenorDays;

		private boolean autoDecline;

		public BigDecimal getScoreFrom() {
			return this.scoreFrom;
		}

		public void setScoreFrom(BigDecimal scoreFrom) {
			this.scoreFrom = scoreFrom;
		}

		public BigDecimal getScoreTo() {
			return this.scoreTo;
		}

		public void setScoreTo(BigDecimal scoreTo) {
			this.scoreTo = scoreTo;
		}

		public BigDecimal getAdvancePercent() {
			return this.advancePercent;
		}

		public void setAdvancePercent(BigDecimal advancePercent) {
			this.advancePercent = advancePercent;
		}

		public BigDecimal getFeePercent() {
			return this.feePercent;
		}

		public void setFeePercent(BigDecimal feePercent) {
			this.feePercent = feePercent;
		}

		public Integer getMaxTenorDays() {
			return this.maxTenorDays;
		}

		public void setMaxTenorDays(Integer maxTenorDays) {
			this.maxTenorDays = maxTenorDays;
		}

		public boolean isAutoDecline() {
			return this.autoDecline;
		}

		public void setAutoDecline(boolean autoDecline) {
			this.autoDecline = autoDecline;
		}

	}

}
