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

	public LocalDate getReceivedOn() {
		return this.receivedOn;
	}

	@Override
	public DebtorInputsChanged scoreInputChange(boolean inserted) {
		String cause = inserted ? "payment applied" : "payment allocation changed";
		return DebtorInputsChanged.onInvoice(this.invoice.getId(), cause);
	}

}
