package com.factordesk.admin;

import com.factordesk.client.ClientIntake.NewClient;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The form that opens a client: its ref, legal name, and registration number, country and
 * industry when known.
 */
class NewClientForm {

	@NotBlank
	@Size(max = 32)
	@Pattern(regexp = "[A-Za-z0-9._-]*", message = "{client.ref.pattern}")
	private String ref;

	@NotBlank
	@Size(max = 200)
	private String legalName;

	@Size(max = 64)
	private String registrationNumber;

	@Pattern(regexp = "([A-Z]{2})?", message = "{client.country.pattern}")
	private String country;

	@Size(max = 64)
	private String industry;

	NewClient toCommand() {
		return new NewClient(this.ref.strip(), this.legalName.strip(), blankToNull(this.registrationNumber),
				blankToNull(this.country), blankToNull(this.industry));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	public String getRef() {
		return this.ref;
	}

	public void setRef(String ref) {
		this.ref = ref;
	}

	public String getLegalName() {
		return this.legalName;
	}

	public void setLegalName(String legalName) {
		this.legalName = legalName;
	}

	public String getRegistrationNumber() {
		return this.registrationNumber;
	}

	public void setRegistrationNumber(String registrationNumber) {
		this.registrationNumber = registrationNumber;
	}

	public String getCountry() {
		return this.country;
	}

	public void setCountry(String country) {
		this.country = country;
	}

	public String getIndustry() {
		return this.industry;
	}

	public void setIndustry(String industry) {
		this.industry = industry;
	}

}
