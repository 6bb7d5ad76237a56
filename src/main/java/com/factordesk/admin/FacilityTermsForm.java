package com.factordesk.admin;

import java.math.BigDecimal;

import com.factordesk.client.DayCount;
import com.factordesk.client.FacilityTermsAgreements.AgreedTerms;
import com.factordesk.client.FacilityTermsAgreements.TermsVersion;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.shared.Rate;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.validation.Errors;

/**
 * The terms of a facility as a form: every term, rates as percentages, and why they
 * change; {@link AgreeTermsForm} agrees them with a client from a day on,
 * {@link TemplateForm} makes them the template of new clients' facilities.
 */
class FacilityTermsForm {

	@NotNull
	@DecimalMin(value = "0", inclusive = false)
	@DecimalMax("100")
	@Digits(integer = 3, fraction = 4)
	private BigDecimal advancePercent;

	private boolean recourse;

	@Min(1)
	@Max(3650)
	private Integer recourseDays;

	private boolean notification;

	@NotNull
	@DecimalMin(value = "0", inclusive = false)
	@DecimalMax("100")
	@Digits(integer = 3, fraction = 4)
	private BigDecimal concentrationPercent;

	@NotNull
	private FeeKind feeStructure;

	@NotNull
	@Min(1)
	@Max(365)
	private Integer feePeriodDays;

	@NotNull
	private DayCount dayCount;

	@NotNull
	@DecimalMin("0")
	@DecimalMax(value = "100", inclusive = false)
	@Digits(integer = 3, fraction = 4)
	private BigDecimal discountPercent;

	@Size(max = 500)
	private String reason;

	<F extends FacilityTermsForm> F fill(TermsVersion version) {
		FacilityTermsForm form = this;
		AgreedTerms terms = version.terms();
		form.advancePercent = version.advancePercent();
		form.recourse = terms.recourseDays() != null;
		form.recourseDays = terms.recourseDays();
		form.notification = terms.notification();
		form.concentrationPercent = version.concentrationPercent();
		form.feeStructure = terms.feeTerms().kind();
		form.feePeriodDays = terms.feeTerms().periodDays();
		form.dayCount = terms.feeTerms().dayCount();
		form.discountPercent = version.discountPercent();
		@SuppressWarnings("unchecked")
		F filled = (F) this;
		return filled;
	}

	/**
	 * The rule across fields: a recourse facility names its days, a non-recourse one
	 * none.
	 */
	void checkRecourse(Errors errors) {
		if (this.recourse && this.recourseDays == null && !errors.hasFieldErrors("recourseDays")) {
			errors.rejectValue("recourseDays", "terms.recourseDays.missing",
					"A recourse facility needs its recourse days");
		}
	}

	AgreedTerms toTerms() {
		return new AgreedTerms(Rate.percent(this.advancePercent.toPlainString()),
				this.recourse ? this.recourseDays : null, this.notification,
				Rate.percent(this.concentrationPercent.toPlainString()), new FeeTerms(this.feeStructure,
						this.feePeriodDays, this.dayCount, Rate.percent(this.discountPercent.toPlainString())));
	}

	public BigDecimal getAdvancePercent() {
		return this.advancePercent;
	}

	public void setAdvancePercent(BigDecimal advancePercent) {
		this.advancePercent = advancePercent;
	}

	public boolean isRecourse() {
		return this.recourse;
	}

	public void setRecourse(boolean recourse) {
		this.recourse = recourse;
	}

	public Integer getRecourseDays() {
		return this.recourseDays;
	}

	public void setRecourseDays(Integer recourseDays) {
		this.recourseDays = recourseDays;
	}

	public boolean isNotification() {
		return this.notification;
	}

	public void setNotification(boolean notification) {
		this.notification = notification;
	}

	public BigDecimal getConcentrationPercent() {
		return this.concentrationPercent;
	}

	public void setConcentrationPercent(BigDecimal concentrationPercent) {
		this.concentrationPercent = concentrationPercent;
	}

	public FeeKind getFeeStructure() {
		return this.feeStructure;
	}

	public void setFeeStructure(FeeKind feeStructure) {
		this.feeStructure = feeStructure;
	}

	public Integer getFeePeriodDays() {
		return this.feePeriodDays;
	}

	public void setFeePeriodDays(Integer feePeriodDays) {
		this.feePeriodDays = feePeriodDays;
	}

	public DayCount getDayCount() {
		return this.dayCount;
	}

	public void setDayCount(DayCount dayCount) {
		this.dayCount = dayCount;
	}

	public BigDecimal getDiscountPercent() {
		return this.discountPercent;
	}

	public void setDiscountPercent(BigDecimal discountPercent) {
		this.discountPercent = discountPercent;
	}

	public String getReason() {
		return this.reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

}
