package com.factordesk.approval;

import java.time.LocalDate;

import com.factordesk.shared.InputBounds.SaneDate;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The form that records a notice of assignment: the client, the day it was sent and its
 * reference.
 */
class NoticeForm {

	@NotNull
	private Long clientId;

	@NotNull
	@SaneDate
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate sentOn;

	@NotBlank
	@Size(max = NoticesOfAssignment.REFERENCE_LENGTH)
	private String reference = "";

	NoticesOfAssignment.RecordNotice toCommand(String debtorRef) {
		return new NoticesOfAssignment.RecordNotice(debtorRef, this.clientId, this.sentOn, this.reference);
	}

	public Long getClientId() {
		return this.clientId;
	}

	public void setClientId(Long clientId) {
		this.clientId = clientId;
	}

	public LocalDate getSentOn() {
		return this.sentOn;
	}

	public void setSentOn(LocalDate sentOn) {
		this.sentOn = sentOn;
	}

	public String getReference() {
		return this.reference;
	}

	public void setReference(String reference) {
		this.reference = reference;
	}

}
