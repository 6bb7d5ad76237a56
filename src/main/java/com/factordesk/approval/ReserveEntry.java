package com.factordesk.approval;

import java.time.Instant;
import java.time.LocalDate;

import com.factordesk.shared.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.hibernate.annotations.Immutable;

/**
 * One movement of a client's reserve ledger: append-only (the database refuses update and
 * delete), written in the transaction of the change it records. Holds references, not
 * copies: the invoice, the payment, the settlement or the rebate run it comes from.
 */
@Entity
@Immutable
public class ReserveEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long clientId;

	@Enumerated(EnumType.STRING)
	private ReserveEntryKind kind;

	private Money amount;

	private LocalDate bookedOn;

	private Long invoiceId;

	private Long paymentId;

	private Long settlementId;

	private Long rebateRunId;

	private Long reversesId;

	private String note;

	@Column(updatable = false)
	private String createdBy;

	@Column(updatable = false)
	private Instant createdAt;

	protected ReserveEntry() {
	}

	ReserveEntry(long clientId, ReserveEntryKind kind, Money amount, LocalDate bookedOn, Source source, Long reversesId,
			String note, String createdBy, Instant createdAt) {
		this.clientId = clientId;
		this.kind = kind;
		this.amount = amount;
		this.bookedOn = bookedOn;
		this.invoiceId = source.invoiceId();
		this.paymentId = source.paymentId();
		this.settlementId = source.settlementId();
		this.rebateRunId = source.rebateRunId();
		this.reversesId = reversesId;
		this.note = note;
		this.createdBy = createdBy;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public long getClientId() {
		return this.clientId;
	}

	public ReserveEntryKind getKind() {
		return this.kind;
	}

	/**
	 * Signed: a credit to the client's reserve is positive, a debit negative.
	 */
	public Money getAmount() {
		return this.amount;
	}

	public LocalDate getBookedOn() {
		return this.bookedOn;
	}

	public Long getInvoiceId() {
		return this.invoiceId;
	}

	public Long getPaymentId() {
		return this.paymentId;
	}

	public Long getSettlementId() {
		return this.settlementId;
	}

	public Long getRebateRunId() {
		return this.rebateRunId;
	}

	public Long getReversesId() {
		return this.reversesId;
	}

	public String getNote() {
		return this.note;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * What an entry comes from: at most one of each reference, all optional.
	 */
	public record Source(Long invoiceId, Long paymentId, Long settlementId, Long rebateRunId) {

		public static Source invoice(long invoiceId) {
			return new Source(invoiceId, null, null, null);
		}

		public static Source settlement(long invoiceId, long settlementId) {
			return new Source(invoiceId, null, settlementId, null);
		}

		public static Source payment(Long invoiceId, long paymentId) {
			return new Source(invoiceId, paymentId, null, null);
		}

		public static Source rebateRun(long rebateRunId) {
			return new Source(null, null, null, rebateRunId);
		}

	}

}
