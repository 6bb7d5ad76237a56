package com.factordesk.admin;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.factordesk.pricing.PricingParameters;
import com.factordesk.pricing.PricingParameters.ConcentrationRule;
import com.factordesk.pricing.PublishPricingParameters;
import com.factordesk.shared.InputBounds.SaneDate;
import com.factordesk.shared.Rate;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The form that publishes a new version of the pricing parameters: an effective date, the
 * tenor surcharge and the concentration rule, rates as percentages.
 */
class PricingParametersForm {

	@NotNull
	@SaneDate
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate effectiveFrom;

	@NotNull
	@DecimalMin("0")
	@DecimalMax("100")
	@Digits(integer = 3, fraction = 4)
	private BigDecimal tenorSurchargePercent;

	@NotNull
	@Min(1)
	@Max(3650)
	private Integer tenorSurchargeDays;

	@NotNull
	private ConcentrationRule concentrationRule;

	@NotNull
	@DecimalMin("0")
	@DecimalMax("100")
	@Digits(integer = 3, fraction = 4)
	private BigDecimal concentrationSurchargePercent;

	static PricingParametersForm of(PricingParameters parameters, LocalDate effectiveFrom) {
		PricingParametersForm form = new PricingParametersForm();
		form.effectiveFrom = effectiveFrom;
		form.tenorSurchargePercent = PricingForm.plain(parameters.tenorSurcharge().asPercent());
		form.tenorSurchargeDays = parameters.tenorSurchargeDays();
		form.concentrationRule = parameters.concentrationRule();
		form.concentrationSurchargePercent = PricingForm.plain(parameters.concentrationSurcharge().asPercent());
		return form;
	}

	PublishPricingParameters toCommand() {
		return new PublishPricingParameters(this.effectiveFrom,
				Rate.percent(this.tenorSurchargePercent.toPlainString()), this.tenorSurchargeDays,
				this.concentrationRule, Rate.percent(this.concentrationSurchargePercent.toPlainString()));
	}

	public LocalDate getEffectiveFrom() {
		return this.effectiveFrom;
	}

	public void setEffectiveFrom(LocalDate effectiveFrom) {
		this.effectiveFrom = effectiveFrom;
	}

	public BigDecimal getTenorSurchargePercent() {
		return this.tenorSurchargePercent;
	}

	public void setTenorSurchargePercent(BigDecimal tenorSurchargePercent) {
		this.tenorSurchargePercent = tenorSurchargePercent;
	}

	public Integer getTenorSurchargeDays() {
		return this.tenorSurchargeDays;
	}

	public void setTenorSurchargeDays(Integer tenorSurchargeDays) {
		this.tenorSurchargeDays = tenorSurchargeDays;
	}

	public ConcentrationRule getConcentrationRule() {
		return this.concentrationRule;
	}

	public void setConcentrationRule(ConcentrationRule concentrationRule) {
		this.concentrationRule = concentrationRule;
	}

	public BigDecimal getConcentrationSurchargePercent() {
		return this.concentrationSurchargePercent;
	}

	public void setConcentrationSurchargePercent(BigDecimal concentrationSurchargePercent) {
		this.concentrationSurchargePercent = concentrationSurchargePercent;
	}

}
