package com.factordesk.invoice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.factordesk.debtor.Debtor;
import com.factordesk.shared.Money;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Version;

/**
 * Money received from a debtor, applied to one or more of its invoices. What is not
 * applied stays visible as unapplied cash.
 */
@Entity
public class Payment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "debtor_id")
	private Debtor debtor;

	private LocalDate receivedOn;

	private Money amount;

	private String reference;

	private LocalDate reversedOn;

	private String counterparty;

	private String iban;

	private String remittance;

	@Enumerated(EnumType.STRING)
	private PaymentSource source = PaymentSource.HISTORY;

	private String fingerprint;

	private String recordedBy;

	private Instant recordedAt;

	private String reversedBy;

	private String reversalReason;

	private Money passedOn = Money.ZERO;

	@Version
	private long version;

	@OneToMany(mappedBy = "payment", cascade = CascadeType.ALL)
	private List<PaymentAllocation> allocations = new ArrayList<>();

	protected Payment() {
	}

	/**
	 * @param debtor who paid, or {@code null} while the payer's account is unknown
	 */
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
	 * A receipt as the bank reports it (DESIGN section 4b): entered by hand or read from
	 * a bank statement file. The debtor may be unknown until cash application names it.
	 * @param fingerprint what makes the same bank line imported twice one receipt, or
	 * {@code null} for one entered by hand
	 */
	public static Payment receive(Debtor debtor, LocalDate receivedOn, Money amount, String reference,
			String counterparty, String iban, String remittance, PaymentSource source, String fingerprint, String actor,
			Clock clock) {
		Payment payment = new Payment(debtor, receivedOn, amount, reference);
		payment.counterparty = counterparty;
		payment.iban = iban;
		payment.remittance = remittance;
		payment.source = source;
		payment.fingerprint = fingerprint;
		payment.recordedBy = actor;
		payment.recordedAt = clock.instant();
		return payment;
	}

	/**
	 * Names the debtor who paid a receipt that came in from an account we did not know.
	 */
	public void identify(Debtor payer) {
		if (this.debtor != null && !this.debtor.getRef().equals(payer.getRef())) {
			throw new InvoiceRefusal("payment.identifiedAs", this.reference, this.debtor.getRef(), payer.getRef());
		}
		this.debtor = payer;
	}

	/**
	 * Passes {@code amount} of the unapplied cash on to a client: it was paid to us for
	 * an invoice we did not fund, or paid too much. It no longer counts as unapplied.
	 */
	public void passOn(Money amount) {
		if (this.reversedOn != null) {
			throw new InvoiceRefusal("payment.reversed", this.reference);
		}
		if (!amount.isPositive() || amount.isGreaterThan(unapplied())) {
			throw new InvoiceRefusal("payment.passOn.exceedsUnapplied", this.reference, amount, unapplied());
		}
		this.passedOn = this.passedOn.plus(amount);
	}

	/**
	 * Applies up to {@code requested} of this payment to an invoice of the same debtor
	 * (cash application): never more than the invoice's outstanding nor than what is
	 * unapplied; the rest stays unapplied on the payment. The invoice moves to
	 * PARTIALLY_PAID or PAID.
	 * @return the allocation, for what was actually applied
	 */
	public PaymentAllocation applyTo(Invoice invoice, Money requested, String actor, Clock clock) {
		if (this.debtor == null) {
			identify(invoice.getDebtor());
		}
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
		if (this.passedOn.isPositive()) {
			throw new InvoiceRefusal("payment.reversal.passedOn", this.reference, this.passedOn);
		}
		this.reversedOn = on;
		this.reversedBy = actor;
		this.reversalReason = reason;
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
		return this.allocations.stream()
			.map(PaymentAllocation::getAmount)
			.reduce(this.amount, Money::minus)
			.minus(this.passedOn);
	}

	/**
	 * What of this payment is applied to invoices (reversed or not).
	 */
	public Money applied() {
		return this.allocations.stream().map(PaymentAllocation::getAmount).reduce(Money.ZERO, Money::plus);
	}

	public String getCounterparty() {
		return this.counterparty;
	}

	public String getIban() {
		return this.iban;
	}

	public String getRemittance() {
		return this.remittance;
	}

	public PaymentSource getSource() {
		return this.source;
	}

	public String getFingerprint() {
		return this.fingerprint;
	}

	public String getRecordedBy() {
		return this.recordedBy;
	}

	public Instant getRecordedAt() {
		return this.recordedAt;
	}

	public String getReversedBy() {
		return this.reversedBy;
	}

	public String getReversalReason() {
		return this.reversalReason;
	}

	public Money getPassedOn() {
		return this.passedOn;
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
