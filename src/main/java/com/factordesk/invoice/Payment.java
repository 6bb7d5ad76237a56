package com.factordesk.invoice;

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
	 * Applies part of this payment to an invoice of the same debtor.
	 */
	public PaymentAllocation applyTo(Invoice invoice, Money allocated) {
		if (!invoice.getDebtor().getId().equals(this.debtor.getId())) {
			throw new IllegalArgumentException("A payment applies only to invoices of its own debtor");
		}
		if (allocated.isGreaterThan(unapplied())) {
			throw new IllegalArgumentException("Cannot apply " + allocated + ": only " + unapplied() + " is unapplied");
		}
		PaymentAllocation allocation = new PaymentAllocation(this, invoice, allocated);
		this.allocations.add(allocation);
		return allocation;
	}

	public Money unapplied() {
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
