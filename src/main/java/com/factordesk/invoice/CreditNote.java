package com.factordesk.invoice;

import java.time.LocalDate;

import com.factordesk.debtor.DebtorInputsChanged;
import com.factordesk.debtor.DebtorInputsListener;
import com.factordesk.debtor.FeedsDebtorScore;
import com.factordesk.shared.Money;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/**
 * A reduction of an invoice's collectable amount that is not a payment: dilution.
 */
@Entity
@EntityListeners(DebtorInputsListener.class)
public class CreditNote implements FeedsDebtorScore {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "invoice_id")
	private Invoice invoice;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "dispute_id")
	private Dispute dispute;

	private LocalDate issuedOn;

	private Money amount;

	private String reason;

	protected CreditNote() {
	}

	CreditNote(Invoice invoice, Dispute dispute, LocalDate issuedOn, Money amount, String reason) {
		if (!amount.isPositive()) {
			throw new IllegalArgumentException("A credit note must be positive");
		}
		this.invoice = invoice;
		this.dispute = dispute;
		this.issuedOn = issuedOn;
		this.amount = amount;
		this.reason = reason;
	}

	public Long getId() {
		return this.id;
	}

	public Invoice getInvoice() {
		return this.invoice;
	}

	public Dispute getDispute() {
		return this.dispute;
	}

	public LocalDate getIssuedOn() {
		return this.issuedOn;
	}

	public Money getAmount() {
		return this.amount;
	}

	public String getReason() {
		return this.reason;
	}

	@Override
	public DebtorInputsChanged scoreInputChange(boolean inserted) {
		String cause = inserted ? "credit note issued" : "credit note changed";
		return DebtorInputsChanged.onInvoice(this.invoice.getId(), cause);
	}

}
