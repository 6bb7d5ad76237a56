package com.factordesk.approval;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Payment;
import com.factordesk.invoice.PaymentAllocation;
import com.factordesk.invoice.PaymentRepository;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cash application (DESIGN section 4b): applies a receipt to invoices of the debtor who
 * paid it, each allocation through the domain ({@link Payment#applyTo}), in one
 * transaction that first locks the exposure rows of the debtor and the invoices'
 * facilities (the exposure engine's order), then the receipt. Collections repay the
 * advance first: the funded exposure falls by what the allocation repays of the advance
 * outstanding, and held approvals of the debtor and facilities are released first in,
 * first out as headroom grows. What is not applied stays unapplied cash.
 */
@Service
@Transactional
public class CashApplication {

	private final ExposureEngine engine;

	private final Underwriting underwriting;

	private final PaymentRepository payments;

	private final InvoiceRepository invoices;

	private final AdvanceRepository advances;

	private final EntityManager entityManager;

	private final Clock clock;

	CashApplication(ExposureEngine engine, Underwriting underwriting, PaymentRepository payments,
			InvoiceRepository invoices, AdvanceRepository advances, EntityManager entityManager, Clock clock) {
		this.engine = engine;
		this.underwriting = underwriting;
		this.payments = payments;
		this.invoices = invoices;
		this.advances = advances;
		this.entityManager = entityManager;
		this.clock = clock;
	}

	/**
	 * Applies a receipt to invoices, each at most the invoice's outstanding and all at
	 * most what is unapplied; all or nothing.
	 * @return the allocations made
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public List<PaymentAllocation> apply(long paymentId, List<Allocate> requested) {
		String actor = actor();
		if (requested.isEmpty()) {
			throw BusinessRefusal.of("cash.noneSelected", "Choose at least one invoice to apply the receipt to");
		}
		Payment receipt = receipt(paymentId);
		List<Invoice> targets = new ArrayList<>();
		for (Allocate allocate : requested) {
			Invoice invoice = this.invoices.findById(allocate.invoiceId())
				.orElseThrow(() -> new NotFoundException("Invoice", allocate.invoiceId()));
			targets.add(invoice);
		}
		Set<Long> debtors = new TreeSet<>();
		Set<Long> clients = new TreeSet<>();
		for (Invoice invoice : targets) {
			debtors.add(invoice.getDebtor().getId());
			clients.add(invoice.getClient().getId());
		}
		Exposures locked = this.engine.lock(debtors, clients);
		this.entityManager.lock(receipt, LockModeType.PESSIMISTIC_WRITE);
		this.entityManager.refresh(receipt);
		List<PaymentAllocation> made = new ArrayList<>();
		for (int i = 0; i < requested.size(); i++) {
			Invoice invoice = targets.get(i);
			this.entityManager.refresh(invoice, LockModeType.PESSIMISTIC_WRITE);
			Money advanceOutstanding = advanceOutstanding(invoice);
			PaymentAllocation allocation = receipt.applyTo(invoice, requested.get(i).amount(), actor, this.clock);
			made.add(allocation);
			Money repaid = allocation.getAmount().min(advanceOutstanding);
			if (invoice.getStatus() != InvoiceStatus.FUNDED && invoice.getStatus() != InvoiceStatus.PARTIALLY_PAID) {
				// closed: nothing of its advance is outstanding any more
				repaid = advanceOutstanding;
			}
			if (repaid.isPositive()) {
				this.engine.repay(locked, invoice.getDebtor().getId(), invoice.getClient().getId(), repaid);
			}
		}
		this.underwriting.releaseHeld(locked, debtors, clients, actor);
		return made;
	}

	/**
	 * What is left of the advance paid on a funded invoice: advance - collected, never
	 * below zero (credit notes do not repay it).
	 */
	Money advanceOutstanding(Invoice invoice) {
		return this.advances.findByInvoiceId(invoice.getId())
			.map((advance) -> advance.getAmount().minus(invoice.collected()))
			.filter(Money::isPositive)
			.orElse(Money.ZERO);
	}

	private Payment receipt(long paymentId) {
		return this.payments.findById(paymentId).orElseThrow(() -> new NotFoundException("Payment", paymentId));
	}

	private static String actor() {
		return SecurityContextHolder.getContext().getAuthentication().getName();
	}

	/**
	 * Apply up to {@code amount} of the receipt to this invoice.
	 */
	public record Allocate(long invoiceId, Money amount) {

		public Allocate {
			if (amount == null || !amount.isPositive()) {
				throw BusinessRefusal.onField("amount", "cash.amount.notPositive",
						"The amount to apply must be above zero");
			}
		}

	}

}
