package com.factordesk.invoice;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/**
 * One change of an invoice's status: who, when, from, to and why. Never changed once
 * written.
 */
@Entity
public class InvoiceTransition {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "invoice_id")
	private Invoice invoice;

	@Enumerated(EnumType.STRING)
	private InvoiceStatus fromStatus;

	@Enumerated(EnumType.STRING)
	private InvoiceStatus toStatus;

	private String changedBy;

	private Instant changedAt;

	private String reason;

	protected InvoiceTransition() {
	}

	InvoiceTransition(Invoice invoice, InvoiceStatus fromStatus, InvoiceStatus toStatus, String changedBy,
			Instant changedAt, String reason) {
		this.invoice = invoice;
		this.fromStatus = fromStatus;
		this.toStatus = toStatus;
		this.changedBy = changedBy;
		this.changedAt = changedAt;
		this.reason = reason;
	}

	public Long getId() {
		return this.id;
	}

	public InvoiceStatus getFromStatus() {
		return this.fromStatus;
	}

	public InvoiceStatus getToStatus() {
		return this.toStatus;
	}

	public String getChangedBy() {
		return this.changedBy;
	}

	public Instant getChangedAt() {
		return this.changedAt;
	}

	public String getReason() {
		return this.reason;
	}

}
