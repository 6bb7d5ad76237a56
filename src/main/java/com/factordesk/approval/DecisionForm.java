package com.factordesk.approval;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * What the decision forms of the invoice page post: each form uses the fields it needs
 * (the advance {@code amount}, a note, a rejection reason, a manager's override reason, a
 * verification's outcome and contact).
 */
public class DecisionForm {

	@DecimalMin(value = "0.01")
	@Digits(integer = 15, fraction = 2)
	private BigDecimal amount;

	@Size(max = 1000)
	private String note;

	@Size(max = 500)
	private String overrideReason;

	private RejectionReason reason;

	private Boolean confirmed;

	private Long contactId;

	@Size(max = 200)
	private String contactName;

	@Email
	@Size(max = 254)
	private String contactEmail;

	@Size(max = 40)
	private String contactPhone;

	public BigDecimal getAmount() {
		return this.amount;
	}

	public void setAmount(BigDecimal amount) {
		this.amount = amount;
	}

	public String getNote() {
		return this.note;
	}

	public void setNote(String note) {
		this.note = note;
	}

	public String getOverrideReason() {
		return this.overrideReason;
	}

	public void setOverrideReason(String overrideReason) {
		this.overrideReason = overrideReason;
	}

	public RejectionReason getReason() {
		return this.reason;
	}

	public void setReason(RejectionReason reason) {
		this.reason = reason;
	}

	public Boolean getConfirmed() {
		return this.confirmed;
	}

	public void setConfirmed(Boolean confirmed) {
		this.confirmed = confirmed;
	}

	public Long getContactId() {
		return this.contactId;
	}

	public void setContactId(Long contactId) {
		this.contactId = contactId;
	}

	public String getContactName() {
		return this.contactName;
	}

	public void setContactName(String contactName) {
		this.contactName = contactName;
	}

	public String getContactEmail() {
		return this.contactEmail;
	}

	public void setContactEmail(String contactEmail) {
		this.contactEmail = contactEmail;
	}

	public String getContactPhone() {
		return this.contactPhone;
	}

	public void setContactPhone(String contactPhone) {
		this.contactPhone = contactPhone;
	}

}
