package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.factordesk.audit.AuditTrail;
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

import org.springframework.context.support.DefaultMessageSourceResolvable;
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
 * first out as headroom grows. What is not applied stays unapplied cash. An invoice an
 * allocation pays in full is settled in the same transaction ({@link Settlements}); a
 * reversed (bounced) receipt reopens the invoices it paid and reverses their settlements
 * ({@link #reverse}).
 */
@Service
@Transactional
public class CashApplication {

	private final ExposureEngine engine;

	private final Underwriting underwriting;

	private final Settlements settlements;

	private final Decisions decisions;

	private final PaymentRepository payments;

	private final InvoiceRepository invoices;

	private final AdvanceRepository advances;

	private final EntityManager entityManager;

	private final Clock clock;

	private final AuditTrail audit;

	CashApplication(ExposureEngine engine, Underwriting underwriting, Settlements settlements, Decisions decisions,
			PaymentRepository payments, InvoiceRepository invoices, AdvanceRepository advances,
			EntityManager entityManager, Clock clock, AuditTrail audit) {
		this.engine = engine;
		this.underwriting = underwriting;
		this.settlements = settlements;
		this.decisions = decisions;
		this.payments = payments;
		this.invoices = invoices;
		this.advances = advances;
		this.entityManager = entityManager;
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * Applies a receipt to invoices, each at most the invoice's outstanding and all at
	 * most what is unapplied; all or nothing.
	 * @return the allocations made
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public List<PaymentAllocation> apply(long paymentId, List<Allocate> requested) {
		return applyAs(paymentId, requested, actor());
	}

	/**
	 * {@link #apply} for the desk's own intake of a payments file
	 * ({@link PaymentFileIntake}), whose caller holds the import right, not a desk role.
	 */
	List<PaymentAllocation> applyAs(long paymentId, List<Allocate> requested, String actor) {
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
			if (invoice.getStatus() == InvoiceStatus.PAID) {
				this.settlements.settlePaid(invoice, actor);
			}
		}
		this.underwriting.releaseHeld(locked, debtors, clients, actor);
		Map<String, Object> applied = new LinkedHashMap<>();
		made.forEach((allocation) -> applied.put(allocation.getInvoice().getNumber(), allocation.getAmount().amount()));
		this.audit.record("receipt.applied", "receipt", String.valueOf(paymentId), null,
				Map.of("allocations", applied));
		return made;
	}

	/**
	 * A receipt bounced: every allocation of it is reversed on {@code on}, each invoice
	 * it paid is open again (PAID back to PARTIALLY_PAID or FUNDED) and its settlement
	 * reversed with the reserve entries it booked, and the advance the allocations had
	 * repaid is exposure again. The exposure engine checks the rise against the limits
	 * like every transition that raises exposure, but a bounce is a fact, not a request:
	 * the facility's enforcement cannot refuse it, so a breach is recorded with the
	 * REVERSAL decision on the invoice (its limits, before and after) and reported.
	 * Refused when the receipt paid an invoice that is charged back or written off since.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Reversal reverse(long paymentId, LocalDate on, String reason) {
		String actor = actor();
		String why = Settlements.requireReason(reason);
		if (on == null) {
			throw BusinessRefusal.onField("on", "cash.reversal.noDate", "Give the day the payment bounced");
		}
		Payment receipt = receipt(paymentId);
		Map<Long, Invoice> targets = new TreeMap<>();
		for (PaymentAllocation allocation : receipt.getAllocations()) {
			if (!allocation.isReversed()) {
				targets.put(allocation.getInvoice().getId(), allocation.getInvoice());
			}
		}
		Set<Long> debtors = new TreeSet<>();
		Set<Long> clients = new TreeSet<>();
		for (Invoice invoice : targets.values()) {
			debtors.add(invoice.getDebtor().getId());
			clients.add(invoice.getClient().getId());
		}
		Exposures locked = this.engine.lock(debtors, clients);
		this.entityManager.lock(receipt, LockModeType.PESSIMISTIC_WRITE);
		this.entityManager.refresh(receipt);
		Map<Long, Money> reversing = new HashMap<>();
		for (PaymentAllocation allocation : receipt.getAllocations()) {
			if (!allocation.isReversed()) {
				reversing.merge(allocation.getInvoice().getId(), allocation.getAmount(), Money::plus);
			}
		}
		List<Reopening> reopenings = new ArrayList<>();
		for (Invoice invoice : targets.values()) {
			this.entityManager.refresh(invoice, LockModeType.PESSIMISTIC_WRITE);
			if (invoice.getStatus() == InvoiceStatus.CHARGED_BACK || invoice.getStatus() == InvoiceStatus.WRITTEN_OFF) {
				throw BusinessRefusal.of("cash.reversal.closed",
						"Payment " + receipt.getReference() + " cannot be reversed: it paid invoice "
								+ invoice.getNumber() + ", which is " + invoice.getStatus() + " since",
						receipt.getReference(), invoice.getNumber(), new DefaultMessageSourceResolvable(
								new String[] { "status." + invoice.getStatus() }, invoice.getStatus().name()));
			}
			Optional<Advance> advance = this.advances.findByInvoiceId(invoice.getId());
			Money before = advance.map((funded) -> Settlements.carried(invoice, funded)).orElse(Money.ZERO);
			Money collectedAfter = invoice.collected().minus(reversing.get(invoice.getId()));
			Money after = advance.map((funded) -> funded.getAmount().minus(collectedAfter))
				.filter(Money::isPositive)
				.orElse(Money.ZERO);
			Money raise = after.minus(before);
			List<LimitUse> uses = List.of();
			long debtorId = invoice.getDebtor().getId();
			long clientId = invoice.getClient().getId();
			if (raise.isPositive()) {
				// checked on the figures before the bounce, which cannot be refused
				uses = this.engine.uses(locked, debtorId, clientId, raise, reversing.get(invoice.getId()));
				this.engine.repay(locked, debtorId, clientId, Money.ZERO.minus(raise));
			}
			reopenings.add(new Reopening(invoice, invoice.getStatus(), raise, uses));
		}
		receipt.reverse(on, actor, why, this.clock);
		List<Reopened> reopened = new ArrayList<>();
		for (Reopening reopening : reopenings) {
			Invoice invoice = reopening.invoice();
			if (reopening.from() == InvoiceStatus.PAID) {
				this.settlements.reopen(invoice, on, why);
			}
			Money raise = reopening.raise().isPositive() ? reopening.raise() : null;
			this.decisions.record(invoice.getId(), DecisionKind.REVERSAL, actor, reopening.from(), invoice.getStatus(),
					new Decisions.Entry(raise, null, "payment " + receipt.getReference() + " reversed: " + why, null,
							null, null, reopening.limits()));
			reopened.add(new Reopened(invoice.getId(), invoice.getNumber(), reopening.from(), invoice.getStatus(),
					reopening.raise().isPositive() ? reopening.raise() : Money.ZERO, reopening.limits()));
		}
		this.audit.record("receipt.reversed", "receipt", String.valueOf(paymentId), Map.of("reversed", false),
				Map.of("reversed", true, "on", on.toString(), "invoices", reopened.size()));
		return new Reversal(paymentId, reopened);
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
	 * What a reversed receipt did to the invoices it had paid.
	 *
	 * @param paymentId the receipt reversed
	 * @param invoices each invoice it reopened
	 */
	public record Reversal(long paymentId, List<Reopened> invoices) {

		public Reversal {
			invoices = List.copyOf(invoices);
		}

		/**
		 * Whether the exposure the bounce brought back breaches a limit (recorded, not
		 * refused).
		 */
		public boolean overLimit() {
			return this.invoices.stream().anyMatch(Reopened::overLimit);
		}

	}

	/**
	 * An invoice a reversed receipt reopened.
	 *
	 * @param invoiceId the invoice
	 * @param number its number
	 * @param from its status before (PAID, PARTIALLY_PAID or FUNDED)
	 * @param to its status after (PARTIALLY_PAID or FUNDED)
	 * @param exposureRaised the advance outstanding again: exposure on its debtor and
	 * facility rose by this
	 * @param limits the limits checked against the rise (before and after)
	 */
	public record Reopened(long invoiceId, String number, InvoiceStatus from, InvoiceStatus to, Money exposureRaised,
			List<LimitUse> limits) {

		public Reopened {
			limits = List.copyOf(limits);
		}

		public boolean overLimit() {
			return this.limits.stream().anyMatch(LimitUse::over);
		}

	}

	private record Reopening(Invoice invoice, InvoiceStatus from, Money raise, List<LimitUse> limits) {
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
