package com.factordesk.invoice;

import java.time.LocalDate;

import com.factordesk.debtor.DebtorInputsChanged;
import com.factordesk.debtor.DebtorInputsListener;
import com.factordesk.debtor.FeedsDebtorScore;
import com.factordesk.shared.Money;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/**
 * A debtor contests (part of) an invoice.
 */
@Entity
@EntityListeners(DebtorInputsListener.class)
public class Dispute implements FeedsDebtorScore {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "invoice_id")
	private Invoice invoice;

	@Enumerated(EnumType.STRING)
	private DisputeReason reason;

	private LocalDate openedOn;

	private Money amount;

	private LocalDate resolvedOn;

	@Enumerated(EnumType.STRING)
	private DisputeOutcome outcome;

	protected Dispute() {
	}

	Dispute(Invoice invoice, DisputeReason reason, LocalDate openedOn, Money amount) {
		if (!amount.isPositive() || amount.isGreaterThan(invoice.getAmount())) {
			throw new IllegalArgumentException("A disputed amount is positive and at most the invoice amount");
		}
		this.invoice = invoice;
		this.reason = reason;
		this.openedOn = openedOn;
		this.amount = amount;
	}

	/**
	 * Closes the dispute with its outcome.
	 */
	public void resolve(DisputeOutcome outcome, LocalDate resolvedOn) {
		if (this.outcome != null) {
			throw new IllegalStateException("The dispute is already resolved");
		}
		if (resolvedOn.isBefore(this.openedOn)) {
			throw new IllegalArgumentException("A dispute cannot be resolved before it was opened");
		}
		this.outcome = outcome;
		this.resolvedOn = resolvedOn;
	}

	public boolean isOpen() {
		return this.outcome == null;
	}

	public Long getId() {
		return this.id;
	}

	public Invoice getInvoice() {
		return this.invoice;
	}

	public DisputeReason getReason() {
		return this.reason;
	}

	public LocalDate getOpenedOn() {
		return this.openedOn;
	}

	public Money getAmount() {
		return this.amount;
	}

	public LocalDate getResolvedOn() {
		return this.resolvedOn;
	}

	public DisputeOutcome getOutcome() {
		return this.outcome;
	}

	@Override
	public DebtorInputsChanged scoreInputChange(boolean inserted) {
		String cause = inserted ? "dispute opened" : (isOpen() ? "dispute changed" : "dispute resolved");
		return DebtorInputsChanged.onInvoice(this.invoice.getId(), cause);
	}

}
