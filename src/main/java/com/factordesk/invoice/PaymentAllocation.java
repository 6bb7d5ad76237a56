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
 * The part of a payment applied to one invoice. Carries the payment's date so that as-of
 * queries need no join.
 */
@Entity
@EntityListeners(DebtorInputsListener.class)
public class PaymentAllocation implements FeedsDebtorScore {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "payment_id")
	private Payment payment;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "invoice_id")
	private Invoice invoice;

	private Money amount;

	private LocalDate receivedOn;

	private LocalDate reversedOn;

	protected PaymentAllocation() {
	}

	PaymentAllocation(Payment payment, Invoice invoice, Money amount) {
		if (!amount.isPositive()) {
			throw new IllegalArgumentException("An allocation must be positive");
		}
		this.payment = payment;
		this.invoice = invoice;
		this.amount = amount;
		this.receivedOn = payment.getReceivedOn();
	}

	public Long getId() {
		return this.id;
	}

	public Payment getPayment() {
		return this.payment;
	}

	public Invoice getInvoice() {
		return this.invoice;
	}

	public Money getAmount() {
		return this.amount;
	}

	/**
	 * The payment bounced: from this day on the allocation no longer counts.
	 */
	void reverse(LocalDate on) {
		if (on.isBefore(this.receivedOn)) {
			throw new InvoiceRefusal("payment.reversal.beforeReceipt", this.payment.getReference(), on,
					this.receivedOn);
		}
		this.reversedOn = on;
	}

	public boolean isReversed() {
		return this.reversedOn != null;
	}

	public LocalDate getReversedOn() {
		return this.reversedOn;
	}

	public LocalDate getReceivedOn() {
		return this.receivedOn;
	}

	@Override
	public DebtorInputsChanged scoreInputChange(boolean inserted) {
		String cause = inserted ? "payment applied" : "payment allocation changed";
		return DebtorInputsChanged.onInvoice(this.invoice.getId(), cause);
	}

}
