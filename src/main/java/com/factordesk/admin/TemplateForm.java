package com.factordesk.admin;

import java.math.BigDecimal;

import com.factordesk.client.FacilityTemplates.Template;
import com.factordesk.shared.Money;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

/**
 * The form that publishes the facility template of new clients: their starting limit and
 * terms.
 */
class TemplateForm extends FacilityTermsForm {

	@NotNull
	@DecimalMin("0.01")
	@Digits(integer = 17, fraction = 2)
	private BigDecimal limit;

	static TemplateForm of(Template template) {
		TemplateForm form = new TemplateForm().fill(template.asTermsVersion());
		form.limit = PricingForm.plain(template.limit().amount());
		return form;
	}

	Money toLimit() {
		return Money.of(this.limit);
	}

	public BigDecimal getLimit() {
		return this.limit;
	}

	public void setLimit(BigDecimal limit) {
		this.limit = limit;
	}

}
