package com.factordesk.invoice;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.factordesk.debtor.Debtor;
import com.factordesk.shared.Money;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;

/**
 * Money received from a debtor, applied to one or more of its invoices. What is not
 * applied stays visible as unapplied cash.
 */
@Entity
public class Payment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "debtor_id")
	private Debtor debtor;

	private LocalDate receivedOn;

	private Money amount;

	private String reference;

	private LocalDate reversedOn;

	@OneToMany(mappedBy = "payment", cascade = CascadeType.ALL)
	private List<PaymentAllocation> allocations = new ArrayList<>();

	protected Payment() {
	}

	public Payment(Debtor debtor, LocalDate receivedOn, Money amount, String reference) {
		if (!amount.isPositive()) {
			throw new IllegalArgumentException("A payment must be positive");
		}
		this.debtor = debtor;
		this.receivedOn = receivedOn;
		this.amount = amount;
		this.reference = reference;
	}

	/**
	 * Applies up to {@code requested} of this payment to an invoice of the same debtor
	 * (cash application): never more than the invoice's outstanding nor than what is
	 * unapplied; the rest stays unapplied on the payment. The invoice moves to
	 * PARTIALLY_PAID or PAID.
	 * @return the allocation, for what was actually applied
	 */
	public PaymentAllocation applyTo(Invoice invoice, Money requested, String actor, Clock clock) {
		if (!invoice.getDebtor().getRef().equals(this.debtor.getRef())) {
			throw new InvoiceRefusal("payment.otherDebtor", this.reference, invoice.getNumber());
		}
		if (this.reversedOn != null) {
			throw new InvoiceRefusal("payment.reversed", this.reference);
		}
		Money applied = requested.min(unapplied()).min(invoice.outstanding());
		if (!applied.isPositive()) {
			throw new InvoiceRefusal("payment.nothingToApply", this.reference, invoice.getNumber());
		}
		PaymentAllocation allocation = new PaymentAllocation(this, invoice, applied);
		this.allocations.add(allocation);
		invoice.collect(allocation, actor, clock);
		return allocation;
	}

	/**
	 * The payment bounced: every allocation is reversed on that day, and the invoices it
	 * paid are open again (PAID back to PARTIALLY_PAID or FUNDED).
	 */
	public void reverse(LocalDate on, String actor, String reason, Clock clock) {
		if (this.reversedOn != null) {
			throw new InvoiceRefusal("payment.reversed", this.reference);
		}
		this.reversedOn = on;
		for (PaymentAllocation allocation : this.allocations) {
			allocation.reverse(on);
			allocation.getInvoice().uncollect(allocation, actor, reason, clock);
		}
	}

	public LocalDate getReversedOn() {
		return this.reversedOn;
	}

	/**
	 * What is left of this payment to apply; a reversed payment has nothing left.
	 */
	public Money unapplied() {
		if (this.reversedOn != null) {
			return Money.ZERO;
		}
		return this.allocations.stream().map(PaymentAllocation::getAmount).reduce(this.amount, Money::minus);
	}

	public Long getId() {
		return this.id;
	}

	public Debtor getDebtor() {
		return this.debtor;
	}

	public LocalDate getReceivedOn() {
		return this.receivedOn;
	}

	public Money getAmount() {
		return this.amount;
	}

	public String getReference() {
		return this.reference;
	}

	public List<PaymentAllocation> getAllocations() {
		return Collections.unmodifiableList(this.allocations);
	}

}
