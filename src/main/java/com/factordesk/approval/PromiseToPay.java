package com.factordesk.approval;

import java.time.Instant;
import java.time.LocalDate;

import com.factordesk.shared.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.hibernate.annotations.Immutable;

/**
 * A debtor's promise to pay an amount by a day, on one of its invoices or on its invoices
 * at large, made on the day it was recorded. Whether it is kept or broken is not stored:
 * the SQL function {@code promise_to_pay_status} derives it from the collections since
 * the promise ({@link PromiseStatus}).
 */
@Entity
@Immutable
public class PromiseToPay {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long debtorId;

	private Long invoiceId;

	private LocalDate madeOn;

	private LocalDate promisedOn;

	private Money amount;

	@Column(updatable = false)
	private String recordedBy;

	@Column(updatable = false)
	private Instant recordedAt;

	protected PromiseToPay() {
	}

	PromiseToPay(long debtorId, Long invoiceId, LocalDate madeOn, LocalDate promisedOn, Money amount, String recordedBy,
			Instant recordedAt) {
		if (!amount.isPositive()) {
			throw new IllegalArgumentException("A promise to pay is for a positive amount");
		}
		if (promisedOn.isBefore(madeOn)) {
			throw new IllegalArgumentException("A promise to pay falls due on or after the day it was made");
		}
		this.debtorId = debtorId;
		this.invoiceId = invoiceId;
		this.madeOn = madeOn;
		this.promisedOn = promisedOn;
		this.amount = amount;
		this.recordedBy = recordedBy;
		this.recordedAt = recordedAt;
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

	public LocalDate getMadeOn() {
		return this.madeOn;
	}

	public LocalDate getPromisedOn() {
		return this.promisedOn;
	}

	public Money getAmount() {
		return this.amount;
	}

	public String getRecordedBy() {
		return this.recordedBy;
	}

	public Instant getRecordedAt() {
		return this.recordedAt;
	}

}
