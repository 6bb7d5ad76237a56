package com.factordesk.approval;

import com.factordesk.client.Enforcement;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The form a manager sets a facility's enforcement mode with: the mode and why.
 */
class EnforcementForm {

	@NotNull
	private Enforcement mode;

	@NotBlank
	@Size(max = 500)
	private String reason = "";

	public Enforcement getMode() {
		return this.mode;
	}

	public void setMode(Enforcement mode) {
		this.mode = mode;
	}

	public String getReason() {
		return this.reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

}
