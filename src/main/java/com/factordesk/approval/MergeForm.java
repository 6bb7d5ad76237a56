package com.factordesk.approval;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The debtor page's form that merges another record of the same legal entity into this
 * one: the other record's ref and why the two are one entity.
 */
public class MergeForm {

	@NotBlank
	@Size(max = 32)
	private String mergedRef;

	@Size(max = 500)
	private String reason;

	public String getMergedRef() {
		return this.mergedRef;
	}

	public void setMergedRef(String mergedRef) {
		this.mergedRef = mergedRef;
	}

	public String getReason() {
		return this.reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

}
