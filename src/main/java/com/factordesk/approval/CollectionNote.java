package com.factordesk.approval;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.hibernate.annotations.Immutable;

/**
 * What the desk noted about a debtor in collections (optionally about one of its
 * invoices), with the next action and the day it is due. Append-only (the database
 * refuses update and delete): a correction is a new note, and the debtor's latest note
 * says its next action.
 */
@Entity
@Immutable
public class CollectionNote {

	/** The longest note kept. */
	public static final int TEXT_LENGTH = 2000;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long debtorId;

	private Long invoiceId;

	private String text;

	@Enumerated(EnumType.STRING)
	private NextAction nextAction;

	private LocalDate nextActionOn;

	@Column(updatable = false)
	private String writtenBy;

	@Column(updatable = false)
	private Instant writtenAt;

	protected CollectionNote() {
	}

	CollectionNote(long debtorId, Long invoiceId, String text, NextAction nextAction, LocalDate nextActionOn,
			String writtenBy, Instant writtenAt) {
		if (text == null || text.isBlank() || text.length() > TEXT_LENGTH) {
			throw new IllegalArgumentException("A note has a text of 1 to " + TEXT_LENGTH + " characters");
		}
		if ((nextAction == null) != (nextActionOn == null)) {
			throw new IllegalArgumentException("A next action has a day, and a day a next action");
		}
		this.debtorId = debtorId;
		this.invoiceId = invoiceId;
		this.text = text;
		this.nextAction = nextAction;
		this.nextActionOn = nextActionOn;
		this.writtenBy = writtenBy;
		this.writtenAt = writtenAt;
	}

	public Long getId() {
		return this.id;
	}

	public long getDebtorId() {
		return this.debtorId;
	}

	public Long getInvoiceId() {
		return this.invoiceId;
	}

	public String getText() {
		return this.text;
	}

	public NextAction getNextAction() {
		return this.nextAction;
	}

	public LocalDate getNextActionOn() {
		return this.nextActionOn;
	}

	public String getWrittenBy() {
		return this.writtenBy;
	}

	public Instant getWrittenAt() {
		return this.writtenAt;
	}

}
