package com.factordesk.client;

import java.math.BigDecimal;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The facility a client gets when an import names it first (DESIGN section 7): the
 * template until an admin signs its own terms. Its admin editor comes with the facility
 * terms editor; until then it is configuration.
 *
 * @param limit the facility limit
 * @param advanceRate the default advance rate (0.80 = 80 % of face)
 * @param recourseDays the recourse period in days, or 0 for a non-recourse facility
 * @param notification whether the debtors are notified of the assignment
 * @param concentrationLimit the most of the client's book one debtor may owe (0.25 = 25
 * %)
 */
@ConfigurationProperties("factordesk.clients.new-facility")
@Validated
public record NewClientFacility(@DefaultValue("100000.00") @DecimalMin("0.01") BigDecimal limit,
		@DefaultValue("0.80") @DecimalMin("0.01") @DecimalMax("1") BigDecimal advanceRate,
		@DefaultValue("90") @PositiveOrZero int recourseDays, @DefaultValue("true") boolean notification,
		@DefaultValue("0.25") @DecimalMin("0.01") @DecimalMax("1") BigDecimal concentrationLimit) {

	FacilityTerms terms() {
		return new FacilityTerms(Money.of(this.limit), new Rate(this.advanceRate),
				(this.recourseDays > 0) ? this.recourseDays : null, this.notification,
				new Rate(this.concentrationLimit));
	}

}
