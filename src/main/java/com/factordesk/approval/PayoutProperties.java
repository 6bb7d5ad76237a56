package com.factordesk.approval;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The factor's own bank account, which the funding runs' payouts (SEPA credit transfers,
 * pain.001) are paid from.
 *
 * @param name the account holder as the bank knows it (at most 70 characters, as SEPA
 * allows)
 * @param iban the account's IBAN, capitals without spaces, with valid check digits
 * @param bic the bank's BIC (8 or 11 characters)
 */
@ConfigurationProperties("factordesk.payout")
@Validated
public record PayoutProperties(@DefaultValue("FactorDesk B.V.") @NotBlank @Size(max = 70) String name,
		@DefaultValue("NL33RABO0312457898") @NotBlank String iban, @DefaultValue("RABONL2U") @NotBlank @Pattern(
				regexp = "[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?") String bic) {

	/**
	 * The IBAN's form and check digits hold (ISO 13616).
	 */
	@AssertTrue(message = "must be an IBAN (capitals, no spaces) whose check digits hold")
	public boolean isIbanValid() {
		return Iban.isValid(this.iban);
	}

}
