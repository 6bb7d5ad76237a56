package com.factordesk.approval;

import java.time.LocalDate;

import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The form that reverses a receipt that bounced: the day it bounced and why.
 */
public class ReverseForm {

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate on;

	@Size(max = 200)
	private String reason;

	public LocalDate getOn() {
		return this.on;
	}

	public void setOn(LocalDate on) {
		this.on = on;
	}

	public String getReason() {
		return this.reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

}
