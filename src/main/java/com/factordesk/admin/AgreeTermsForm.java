package com.factordesk.admin;

import java.time.LocalDate;

import com.factordesk.client.FacilityTermsAgreements.TermsVersion;
import com.factordesk.shared.InputBounds.SaneDate;
import jakarta.validation.constraints.NotNull;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The form that agrees a new version of a client's facility terms from a day on.
 */
class AgreeTermsForm extends FacilityTermsForm {

	@NotNull
	@SaneDate
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate effectiveFrom;

	static AgreeTermsForm of(TermsVersion version, LocalDate effectiveFrom) {
		AgreeTermsForm form = new AgreeTermsForm().fill(version);
		form.effectiveFrom = effectiveFrom;
		return form;
	}

	public LocalDate getEffectiveFrom() {
		return this.effectiveFrom;
	}

	public void setEffectiveFrom(LocalDate effectiveFrom) {
		this.effectiveFrom = effectiveFrom;
	}

}
