package com.factordesk.approval;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The form that marks a client and the debtor related: the client and how they are
 * related.
 */
class RelatedForm {

	@NotNull
	private Long clientId;

	@NotBlank
	@Size(max = RelatedParties.REASON_LENGTH)
	private String reason = "";

	public Long getClientId() {
		return this.clientId;
	}

	public void setClientId(Long clientId) {
		this.clientId = clientId;
	}

	public String getReason() {
		return this.reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

}
