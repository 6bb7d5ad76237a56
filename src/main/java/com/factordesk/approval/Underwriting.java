package com.factordesk.approval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.factordesk.client.Enforcement;
import com.factordesk.debtor.DebtorContact;
import com.factordesk.debtor.DebtorContactRepository;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.InvoiceTransition;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Violation;
import jakarta.persistence.EntityManager;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The underwriters' decisions on invoices (DESIGN section 4): approve in full or a lower
 * advance, give the second approval, change or withdraw an approval, reject, reopen,
 * verify, and what the desk does by itself (lapses, re-checks after a limit changed).
 * Each decision locks the exposure rows it touches through the {@link ExposureEngine}
 * before it reads the invoice, checks the limits, moves the invoice through its own verb,
 * changes the exposure and records the decision, all in one transaction. Held approvals
 * are released first in, first out whenever headroom grows.
 */
@Service
@Transactional
public class Underwriting {

	private static final String SYSTEM = Invoice.SYSTEM;

	private static final Set<InvoiceStatus> RESERVING = Set.of(InvoiceStatus.APPROVED,
			InvoiceStatus.AWAITING_SECOND_APPROVAL);

	private final ExposureEngine engine;

	private final Decisions decisions;

	private final InvoiceRepository invoices;

	private final DebtorContactRepository contacts;

	private final InvoiceQuotes quotes;

	private final CreditPolicy policy;

	private final JdbcClient jdbc;

	private final EntityManager entityManager;

	private final Clock clock;

	private final ApprovalMetrics metrics;

	Underwriting(ExposureEngine engine, Decisions decisions, InvoiceRepository invoices,
			DebtorContactRepository contacts, InvoiceQuotes quotes, CreditPolicy policy, JdbcClient jdbc,
			EntityManager entityManager, Clock clock, ApprovalMetrics metrics) {
		this.metrics = metrics;
		this.engine = engine;
		this.decisions = decisions;
		this.invoices = invoices;
		this.contacts = contacts;
		this.quotes = quotes;
		this.policy = policy;
		this.jdbc = jdbc;
		this.entityManager = entityManager;
		this.clock = clock;
	}

	/**
	 * Approves an advance on a queued invoice: the quoted advance when {@code amount} is
	 * empty, a lower one otherwise. Over a limit the facility's enforcement decides: warn
	 * (approved, the breach recorded), hold (waits for headroom, reserving nothing) or
	 * block (refused); a manager's override reason approves it anyway. Above the
	 * four-eyes threshold (the advance, or the debtor's exposure after it) the approval
	 * waits for a second approval by another manager.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Outcome approve(long invoiceId, Optional<Money> amount, Optional<String> overrideReason, String note) {
		Actor actor = Actor.current();
		requireOverrideRight(actor, overrideReason);
		Parties parties = parties(invoiceId);
		Exposures locked = this.engine.lock(Set.of(parties.debtorId()), Set.of(parties.clientId()));
		Invoice invoice = load(invoiceId);
		requireStatus(invoice, InvoiceStatus.SUBMITTED, InvoiceStatus.VERIFIED);
		if (overrideReason.isEmpty()) {
			requireNotCrossAged(invoice, parties.debtorId());
		}
		InvoiceQuote quote = this.quotes.quote(invoiceId)
			.orElseThrow(
					() -> BusinessRefusal.of("decision.noQuote",
							"Invoice " + invoice.getNumber()
									+ " has no quote: its debtor has no score or no pricing is in force",
							invoice.getNumber()));
		Money advance = advanceToApprove(invoice, quote, amount, overrideReason.isPresent());
		List<LimitUse> uses = this.engine.uses(locked, parties.debtorId(), parties.clientId(), advance,
				invoice.getAmount());
		InvoiceStatus from = invoice.getStatus();
		Optional<LimitUse> breach = uses.stream().filter(LimitUse::over).findFirst();
		if (breach.isPresent() && overrideReason.isEmpty()) {
			Enforcement enforcement = locked.facilityLimits(parties.clientId()).enforcement();
			if (enforcement == Enforcement.BLOCK) {
				throw blocked(invoice, breach.get());
			}
			if (enforcement == Enforcement.HOLD) {
				invoice.hold(advance, actor.name(), "held: " + breach.get().kind() + " has no headroom", this.clock);
				this.decisions.record(invoiceId, DecisionKind.HOLD, actor.name(), from, invoice.getStatus(),
						new Decisions.Entry(advance, null, note, null, null, quote, uses));
				return new Outcome(invoice.getStatus(), advance, uses);
			}
		}
		boolean secondApproval = needsSecondApproval(advance, locked.debtor(parties.debtorId()).total().plus(advance));
		invoice.approve(advance, secondApproval, actor.name(), note, this.clock);
		this.engine.reserve(locked, parties.debtorId(), parties.clientId(), advance);
		this.decisions.record(invoiceId, DecisionKind.APPROVE, actor.name(), from, invoice.getStatus(),
				new Decisions.Entry(advance, null, note, overrideReason.orElse(null), null, quote, uses));
		return new Outcome(invoice.getStatus(), advance, uses);
	}

	/**
	 * A manager who did not approve first gives the second approval. A limit lowered
	 * since the first approval is checked again.
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public Outcome approveSecond(long invoiceId, Optional<String> overrideReason, String note) {
		Actor actor = Actor.current();
		Parties parties = parties(invoiceId);
		Exposures locked = this.engine.lock(Set.of(parties.debtorId()), Set.of(parties.clientId()));
		Invoice invoice = load(invoiceId);
		requireStatus(invoice, InvoiceStatus.AWAITING_SECOND_APPROVAL);
		if (actor.name().equals(invoice.getApprovedBy())) {
			throw BusinessRefusal.of("decision.secondApproval.sameApprover",
					"You approved invoice " + invoice.getNumber() + " first: another manager gives the second approval",
					invoice.getNumber());
		}
		if (overrideReason.isEmpty()) {
			// the debtor may have become cross-aged since the first approval
			requireNotCrossAged(invoice, parties.debtorId());
		}
		Money advance = invoice.getApprovedAdvance().orElseThrow();
		List<LimitUse> uses = this.engine.uses(locked, parties.debtorId(), parties.clientId(), Money.ZERO, Money.ZERO);
		InvoiceStatus from = invoice.getStatus();
		Optional<LimitUse> breach = uses.stream().filter(LimitUse::over).findFirst();
		if (breach.isPresent() && overrideReason.isEmpty()) {
			Enforcement enforcement = locked.facilityLimits(parties.clientId()).enforcement();
			if (enforcement == Enforcement.BLOCK) {
				throw blocked(invoice, breach.get());
			}
			if (enforcement == Enforcement.HOLD) {
				invoice.hold(advance, actor.name(), "held: " + breach.get().kind() + " has no headroom", this.clock);
				this.engine.reserve(locked, parties.debtorId(), parties.clientId(), Money.ZERO.minus(advance));
				this.decisions.record(invoiceId, DecisionKind.HOLD, actor.name(), from, invoice.getStatus(),
						new Decisions.Entry(advance, null, note, null, null, null, uses));
				return new Outcome(invoice.getStatus(), advance, uses);
			}
		}
		invoice.approveSecond(actor.name(), note, this.clock);
		this.decisions.record(invoiceId, DecisionKind.SECOND_APPROVAL, actor.name(), from, invoice.getStatus(),
				new Decisions.Entry(advance, null, note, overrideReason.orElse(null), null, null, uses));
		return new Outcome(invoice.getStatus(), advance, uses);
	}

	/**
	 * Changes the advance of an approval not yet funded, at most the advance quoted when
	 * it was approved. A raise is checked against the limits like an approval; a cut
	 * frees headroom for held approvals.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Outcome changeAdvance(long invoiceId, Money amount, String note) {
		Actor actor = Actor.current();
		Parties parties = parties(invoiceId);
		Exposures locked = lockAround(parties);
		Invoice invoice = load(invoiceId);
		requireStatus(invoice, InvoiceStatus.APPROVED, InvoiceStatus.AWAITING_SECOND_APPROVAL, InvoiceStatus.HELD);
		DecisionRecord approval = this.decisions.frozenApproval(invoiceId).orElseThrow();
		Money most = mostToApprove(invoice, approval);
		if (!amount.isPositive()) {
			throw BusinessRefusal.onField("amount", "decision.amount.notPositive", "The advance must be above zero");
		}
		if (amount.isGreaterThan(most)) {
			throw BusinessRefusal.onField("amount", "decision.amount.aboveQuote",
					"The advance " + amount + " is above the quoted advance of " + most, amount.amount(),
					most.amount());
		}
		Money before = invoice.getApprovedAdvance().orElseThrow();
		Money delta = amount.minus(before);
		if (delta.isPositive()) {
			// a raise is a new advance: not for a cross-aged debtor
			requireNotCrossAged(invoice, parties.debtorId());
		}
		InvoiceStatus from = invoice.getStatus();
		boolean reserving = RESERVING.contains(from);
		List<LimitUse> uses = this.engine.uses(locked, parties.debtorId(), parties.clientId(),
				reserving ? delta : amount, reserving ? Money.ZERO : invoice.getAmount());
		Optional<LimitUse> breach = uses.stream().filter(LimitUse::over).findFirst();
		Enforcement enforcement = locked.facilityLimits(parties.clientId()).enforcement();
		if (reserving && delta.isPositive() && breach.isPresent()) {
			if (enforcement == Enforcement.BLOCK) {
				throw blocked(invoice, breach.get());
			}
			if (enforcement == Enforcement.HOLD) {
				invoice.changeApprovedAdvance(amount, false, actor.name(), note, this.clock);
				invoice.hold(amount, actor.name(), "held: " + breach.get().kind() + " has no headroom", this.clock);
				this.engine.reserve(locked, parties.debtorId(), parties.clientId(), Money.ZERO.minus(before));
				this.decisions.record(invoiceId, DecisionKind.HOLD, actor.name(), from, invoice.getStatus(),
						new Decisions.Entry(amount, null, note, null, null, null, uses));
				releaseHeld(locked, parties, actor.name());
				return new Outcome(invoice.getStatus(), amount, uses);
			}
		}
		Money debtorAfter = locked.debtor(parties.debtorId()).total().plus(reserving ? delta : amount);
		invoice.changeApprovedAdvance(amount, reserving && needsSecondApproval(amount, debtorAfter), actor.name(), note,
				this.clock);
		if (reserving) {
			this.engine.reserve(locked, parties.debtorId(), parties.clientId(), delta);
		}
		this.decisions.record(invoiceId, DecisionKind.CHANGE, actor.name(), from, invoice.getStatus(),
				new Decisions.Entry(amount, null, note, null, null, null, uses));
		releaseHeld(locked, parties, actor.name());
		return new Outcome(invoice.getStatus(), amount, uses);
	}

	/**
	 * Withdraws an approval not yet funded: the invoice returns to the queue and what it
	 * reserved is released.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void withdraw(long invoiceId, String note) {
		Actor actor = Actor.current();
		Parties parties = parties(invoiceId);
		Exposures locked = lockAround(parties);
		Invoice invoice = load(invoiceId);
		requireStatus(invoice, InvoiceStatus.APPROVED, InvoiceStatus.AWAITING_SECOND_APPROVAL, InvoiceStatus.HELD);
		InvoiceStatus from = invoice.getStatus();
		Money advance = invoice.getApprovedAdvance().orElseThrow();
		invoice.withdraw(actor.name(), note, this.clock);
		if (RESERVING.contains(from)) {
			this.engine.reserve(locked, parties.debtorId(), parties.clientId(), Money.ZERO.minus(advance));
		}
		this.decisions.record(invoiceId, DecisionKind.WITHDRAW, actor.name(), from, invoice.getStatus(),
				Decisions.Entry.advance(advance, note));
		releaseHeld(locked, parties, actor.name());
	}

	/**
	 * Declines an invoice with a reason (and a note, required for {@code OTHER}); an
	 * approval's reservation is released.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void reject(long invoiceId, RejectionReason reason, String note) {
		Actor actor = Actor.current();
		if (reason == RejectionReason.OTHER && (note == null || note.isBlank())) {
			throw BusinessRefusal.onField("note", "decision.reject.noteRequired",
					"Say why in the note when the reason is 'other'");
		}
		Parties parties = parties(invoiceId);
		Exposures locked = lockAround(parties);
		Invoice invoice = load(invoiceId);
		requireStatus(invoice, InvoiceStatus.SUBMITTED, InvoiceStatus.VERIFIED, InvoiceStatus.AWAITING_SECOND_APPROVAL,
				InvoiceStatus.HELD, InvoiceStatus.APPROVED);
		InvoiceStatus from = invoice.getStatus();
		Money advance = invoice.getApprovedAdvance().orElse(null);
		// what the invoice was quoted when it was turned down, frozen with the decision
		// like
		// an approval's: the score, the band version, the lines
		InvoiceQuote quote = this.quotes.quote(invoiceId).orElse(null);
		invoice.reject(actor.name(), reason.name() + ((note == null || note.isBlank()) ? "" : ": " + note.strip()),
				this.clock);
		if (RESERVING.contains(from)) {
			this.engine.reserve(locked, parties.debtorId(), parties.clientId(), Money.ZERO.minus(advance));
		}
		this.decisions.record(invoiceId, DecisionKind.REJECT, actor.name(), from, invoice.getStatus(),
				new Decisions.Entry(null, reason.name(), note, null, null, quote, List.of()));
		releaseHeld(locked, parties, actor.name());
	}

	/**
	 * A manager returns a rejected invoice to the queue.
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public void reopen(long invoiceId, String note) {
		Actor actor = Actor.current();
		Parties parties = parties(invoiceId);
		this.engine.lock(Set.of(parties.debtorId()), Set.of(parties.clientId()));
		Invoice invoice = load(invoiceId);
		requireStatus(invoice, InvoiceStatus.REJECTED);
		InvoiceStatus from = invoice.getStatus();
		invoice.reopen(actor.name(), note, this.clock);
		this.decisions.record(invoiceId, DecisionKind.REOPEN, actor.name(), from, invoice.getStatus(),
				Decisions.Entry.note(note));
	}

	/**
	 * A manager releases a held approval over the limit, with a reason.
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public Outcome overrideHold(long invoiceId, String overrideReason) {
		Actor actor = Actor.current();
		if (overrideReason == null || overrideReason.isBlank()) {
			throw BusinessRefusal.onField("overrideReason", "decision.override.reasonRequired",
					"Say why the limit may be exceeded");
		}
		Parties parties = parties(invoiceId);
		Exposures locked = this.engine.lock(Set.of(parties.debtorId()), Set.of(parties.clientId()));
		Invoice invoice = load(invoiceId);
		requireStatus(invoice, InvoiceStatus.HELD);
		Money advance = invoice.getApprovedAdvance().orElseThrow();
		List<LimitUse> uses = this.engine.uses(locked, parties.debtorId(), parties.clientId(), advance,
				invoice.getAmount());
		InvoiceStatus from = invoice.getStatus();
		// a manager who did not approve first gives the second approval by overriding
		boolean secondApproval = actor.name().equals(invoice.getApprovedBy())
				&& needsSecondApproval(advance, locked.debtor(parties.debtorId()).total().plus(advance));
		invoice.release(secondApproval, actor.name(), "override: " + overrideReason.strip(), this.clock);
		this.engine.reserve(locked, parties.debtorId(), parties.clientId(), advance);
		this.decisions.record(invoiceId, DecisionKind.RELEASE, actor.name(), from, invoice.getStatus(),
				new Decisions.Entry(advance, null, null, overrideReason, null, null, uses));
		return new Outcome(invoice.getStatus(), advance, uses);
	}

	/**
	 * Asks for verification with the debtor; the invoice stays in the queue.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void requestVerification(long invoiceId, String note) {
		Actor actor = Actor.current();
		Invoice invoice = lockedInvoice(invoiceId);
		requireStatus(invoice, InvoiceStatus.SUBMITTED);
		this.decisions.record(invoiceId, DecisionKind.VERIFICATION_REQUESTED, actor.name(), invoice.getStatus(),
				invoice.getStatus(), Decisions.Entry.note(note));
	}

	/**
	 * Records what the debtor said: confirmed, the invoice is VERIFIED; not confirmed, it
	 * stays in the queue with the failed verification on record. The person reached is an
	 * existing contact of the debtor, or a new one kept on the debtor from now on.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void recordVerification(long invoiceId, boolean confirmed, Optional<Long> contactId,
			Optional<NewContact> newContact, String note) {
		Actor actor = Actor.current();
		Invoice invoice = lockedInvoice(invoiceId);
		requireStatus(invoice, InvoiceStatus.SUBMITTED);
		long debtorId = invoice.getDebtor().getId();
		DebtorContact contact;
		if (contactId.isPresent()) {
			contact = this.contacts.findById(contactId.get())
				.filter((known) -> known.getDebtorId() == debtorId && !known.isErased())
				.orElseThrow(() -> BusinessRefusal.onField("contactId", "decision.verification.unknownContact",
						"Choose one of the debtor's contacts"));
		}
		else {
			NewContact given = newContact.orElseThrow(() -> BusinessRefusal.onField("contactName",
					"decision.verification.contactRequired", "Say who at the debtor confirmed or denied the invoice"));
			contact = this.contacts.save(new DebtorContact(debtorId, given.name(), given.email(), given.phone(),
					actor.name(), this.clock.instant()));
		}
		InvoiceStatus from = invoice.getStatus();
		if (confirmed) {
			invoice.verify(actor.name(), note, this.clock);
		}
		this.decisions.record(invoiceId, confirmed ? DecisionKind.VERIFIED : DecisionKind.VERIFICATION_FAILED,
				actor.name(), from, invoice.getStatus(),
				new Decisions.Entry(null, null, note, null, contact.getId(), null, List.of()));
	}

	/**
	 * The approvals not funded within the policy's days at {@code now}: the ones
	 * {@link #lapse} takes.
	 */
	@Transactional(readOnly = true)
	public List<Long> lapsing(java.time.Instant now) {
		return this.jdbc.sql("""
				SELECT i.id FROM invoice i
				WHERE i.status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL')
				  AND (SELECT MAX(d.decided_at) FROM invoice_decision d
				       WHERE d.invoice_id = i.id AND d.kind IN ('APPROVE', 'RELEASE')) < :cutoff
				ORDER BY i.id
				""")
			.param("cutoff",
					java.sql.Timestamp.from(now.minus(java.time.Duration.ofDays(this.policy.current().lapseDays()))))
			.query(Long.class)
			.list();
	}

	/**
	 * An approval not funded in time lapses: back to the queue, its reservation released
	 * and held approvals re-checked. Does nothing when it was decided meanwhile.
	 */
	public boolean lapse(long invoiceId) {
		Parties parties = parties(invoiceId);
		Exposures locked = lockAround(parties);
		Invoice invoice = load(invoiceId);
		if (!RESERVING.contains(invoice.getStatus())) {
			return false;
		}
		InvoiceStatus from = invoice.getStatus();
		Money advance = invoice.getApprovedAdvance().orElseThrow();
		int lapseDays = this.policy.current().lapseDays();
		invoice.lapse(lapseDays, this.clock);
		this.engine.reserve(locked, parties.debtorId(), parties.clientId(), Money.ZERO.minus(advance));
		this.decisions.record(invoiceId, DecisionKind.LAPSE, SYSTEM, from, invoice.getStatus(),
				Decisions.Entry.advance(advance, "not funded within " + lapseDays + " days"));
		releaseHeld(locked, parties, SYSTEM);
		return true;
	}

	/**
	 * A limit of this debtor or this client's facility changed (call it in the
	 * transaction of the change, after it): while a lowered limit is exceeded, the newest
	 * approvals it covers are held (unless their facility only warns); when headroom
	 * grew, held approvals are released first in, first out.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void limitChanged(Long debtorId, Long clientId, String actor) {
		this.entityManager.flush();
		Set<Long> debtors = (debtorId != null) ? Set.of(debtorId) : Set.of();
		Set<Long> clients = (clientId != null) ? Set.of(clientId) : Set.of();
		Set<Long> lockDebtors = new TreeSet<>(debtors);
		Set<Long> lockClients = new TreeSet<>(clients);
		pendingAround(debtors, clients, List.of("APPROVED", "AWAITING_SECOND_APPROVAL", "HELD")).forEach((parties) -> {
			lockDebtors.add(parties.debtorId());
			lockClients.add(parties.clientId());
		});
		Exposures locked = this.engine.lock(lockDebtors, lockClients);
		List<Pending> reserving = this.jdbc.sql("""
				SELECT i.id, i.debtor_id, i.client_id FROM invoice i
				WHERE i.status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL')
				  AND (i.debtor_id IN (:debtors) OR i.client_id IN (:clients))
				ORDER BY (SELECT MAX(d.id) FROM invoice_decision d WHERE d.invoice_id = i.id) DESC NULLS LAST, i.id DESC
				""")
			.param("debtors", orNone(debtors))
			.param("clients", orNone(clients))
			.query((rs, row) -> new Pending(rs.getLong("id"),
					new Parties(rs.getLong("debtor_id"), rs.getLong("client_id"))))
			.list();
		for (Pending pending : reserving) {
			Parties parties = pending.parties();
			if (!locked.holds(parties.debtorId(), parties.clientId())
					|| locked.facilityLimits(parties.clientId()).enforcement() == Enforcement.WARN) {
				continue;
			}
			boolean over = overChanged(locked, debtorId, clientId);
			if (!over) {
				break;
			}
			boolean concerned = parties.debtorId() == nullToMinus(debtorId) && overDebtor(locked, debtorId)
					|| parties.clientId() == nullToMinus(clientId) && overFacility(locked, clientId);
			if (!concerned) {
				continue;
			}
			holdOverLimit(pending, locked, actor, "held: a limit was lowered");
		}
		releaseHeld(locked, debtors, clients, actor);
	}

	/**
	 * A facility's enforcement mode changed: under a stricter mode (hold, block) its
	 * approvals that reserve exposure over the facility limit or over their own debtor's
	 * credit or insurer limit are held, the newest first, until each limit fits; under
	 * WARN its held approvals go ahead. The facility's and its debtors' rows are locked
	 * as for a limit change.
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public void enforcementChanged(long clientId, String actor) {
		this.entityManager.flush();
		Set<Long> lockDebtors = new TreeSet<>();
		Set<Long> lockClients = new TreeSet<>(Set.of(clientId));
		pendingAround(Set.of(), Set.of(clientId), List.of("APPROVED", "AWAITING_SECOND_APPROVAL", "HELD"))
			.forEach((parties) -> {
				lockDebtors.add(parties.debtorId());
				lockClients.add(parties.clientId());
			});
		Exposures locked = this.engine.lock(lockDebtors, lockClients);
		if (locked.facilityLimits(clientId).enforcement() != Enforcement.WARN) {
			List<Pending> reserving = this.jdbc
				.sql("""
						SELECT i.id, i.debtor_id, i.client_id FROM invoice i
						WHERE i.status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL') AND i.client_id = :clientId
						ORDER BY (SELECT MAX(d.id) FROM invoice_decision d WHERE d.invoice_id = i.id) DESC NULLS LAST, i.id DESC
						""")
				.param("clientId", clientId)
				.query((rs, row) -> new Pending(rs.getLong("id"),
						new Parties(rs.getLong("debtor_id"), rs.getLong("client_id"))))
				.list();
			for (Pending pending : reserving) {
				if (overFacility(locked, clientId) || overDebtor(locked, pending.parties().debtorId())) {
					holdOverLimit(pending, locked, actor, "held: the facility enforces its limits");
				}
			}
		}
		releaseHeld(locked, lockDebtors, Set.of(clientId), actor);
	}

	/**
	 * Holds an approval that reserves exposure a limit no longer has room for: it
	 * releases what it reserved and waits for headroom.
	 */
	private void holdOverLimit(Pending pending, Exposures locked, String actor, String reason) {
		Parties parties = pending.parties();
		Invoice invoice = load(pending.invoiceId());
		InvoiceStatus from = invoice.getStatus();
		Money advance = invoice.getApprovedAdvance().orElseThrow();
		invoice.hold(advance, actor, reason, this.clock);
		this.engine.reserve(locked, parties.debtorId(), parties.clientId(), Money.ZERO.minus(advance));
		this.decisions.record(invoice.getId(), DecisionKind.LIMIT_LOWERED, actor, from, invoice.getStatus(),
				Decisions.Entry.advance(advance, null));
	}

	private boolean overChanged(Exposures locked, Long debtorId, Long clientId) {
		return (debtorId != null && overDebtor(locked, debtorId))
				|| (clientId != null && overFacility(locked, clientId));
	}

	/**
	 * The debtor's exposure over its credit limit, or its insured open face over its
	 * insurer limit in force (read after the holds so far: a held approval's face is no
	 * longer insured).
	 */
	private boolean overDebtor(Exposures locked, long debtorId) {
		if (locked.debtor(debtorId).total().isGreaterThan(locked.debtorLimits(debtorId).creditLimit())) {
			return true;
		}
		this.entityManager.flush();
		return this.engine.overInsurerLimit(locked, debtorId);
	}

	private boolean overFacility(Exposures locked, long clientId) {
		return locked.facility(clientId).total().isGreaterThan(locked.facilityLimits(clientId).facilityLimit());
	}

	private static long nullToMinus(Long id) {
		return (id != null) ? id : -1L;
	}

	/**
	 * Releases held approvals of these debtors and facilities, first held first, each
	 * that the limits now have room for (or whose facility only warns).
	 */
	private void releaseHeld(Exposures locked, Parties parties, String actor) {
		releaseHeld(locked, Set.of(parties.debtorId()), Set.of(parties.clientId()), actor);
	}

	/**
	 * Releases held approvals of these debtors and facilities whose rows the caller
	 * locked, first held first: for a transition outside this class that frees headroom
	 * (a collection, a settlement).
	 */
	void releaseHeld(Exposures locked, Set<Long> debtors, Set<Long> clients, String actor) {
		this.entityManager.flush();
		List<Pending> held = this.jdbc.sql("""
				SELECT i.id, i.debtor_id, i.client_id FROM invoice i
				WHERE i.status = 'HELD' AND (i.debtor_id IN (:debtors) OR i.client_id IN (:clients))
				ORDER BY (SELECT MAX(d.id) FROM invoice_decision d
				          WHERE d.invoice_id = i.id AND d.kind IN ('HOLD', 'LIMIT_LOWERED')) NULLS FIRST, i.id
				""")
			.param("debtors", orNone(debtors))
			.param("clients", orNone(clients))
			.query((rs, row) -> new Pending(rs.getLong("id"),
					new Parties(rs.getLong("debtor_id"), rs.getLong("client_id"))))
			.list();
		for (Pending pending : held) {
			Parties parties = pending.parties();
			if (!locked.holds(parties.debtorId(), parties.clientId())) {
				continue;
			}
			Invoice invoice = load(pending.invoiceId());
			Money advance = invoice.getApprovedAdvance().orElseThrow();
			List<LimitUse> uses = this.engine.uses(locked, parties.debtorId(), parties.clientId(), advance,
					invoice.getAmount());
			boolean fits = uses.stream().noneMatch(LimitUse::over)
					|| locked.facilityLimits(parties.clientId()).enforcement() == Enforcement.WARN;
			// a cross-aged debtor's held approval waits for a manager's release with a
			// reason
			if (!fits || crossAging(parties.debtorId()).isPresent()) {
				continue;
			}
			InvoiceStatus from = invoice.getStatus();
			invoice.release(needsSecondApproval(advance, locked.debtor(parties.debtorId()).total().plus(advance)),
					actor, "released: headroom grew", this.clock);
			this.engine.reserve(locked, parties.debtorId(), parties.clientId(), advance);
			this.decisions.record(invoice.getId(), DecisionKind.RELEASE, actor, from, invoice.getStatus(),
					new Decisions.Entry(advance, null, null, null, null, null, uses));
		}
	}

	private boolean needsSecondApproval(Money advance, Money debtorExposureAfter) {
		Money threshold = Money
			.of(this.policy.current().fourEyesThreshold().setScale(2, java.math.RoundingMode.HALF_EVEN));
		return advance.isGreaterThan(threshold) || debtorExposureAfter.isGreaterThan(threshold);
	}

	private Money advanceToApprove(Invoice invoice, InvoiceQuote quote, Optional<Money> amount, boolean override) {
		if (quote.quote().declined()) {
			if (!override) {
				throw BusinessRefusal.of(
						"decision.declined", "Invoice " + invoice.getNumber() + " is declined by its quote: "
								+ quote.quote().declineReason() + "; only a manager's override approves it",
						invoice.getNumber(), quote.grade().name());
			}
			Money most = invoice.getAmount().times(invoice.getClient().getFacility().getDefaultAdvanceRate());
			Money advance = amount.orElseThrow(
					() -> BusinessRefusal.onField("amount", "decision.amount.required", "Give the advance to approve"));
			requireAdvance(advance, most);
			return advance;
		}
		Money quoted = quote.quote().advance();
		Money advance = amount.orElse(quoted);
		requireAdvance(advance, quoted);
		return advance;
	}

	private Money mostToApprove(Invoice invoice, DecisionRecord approval) {
		if (approval.quotedAdvance() == null || !approval.quotedAdvance().isPositive()) {
			return invoice.getAmount().times(invoice.getClient().getFacility().getDefaultAdvanceRate());
		}
		return approval.quotedAdvance();
	}

	private static void requireAdvance(Money advance, Money most) {
		if (!advance.isPositive()) {
			throw BusinessRefusal.onField("amount", "decision.amount.notPositive", "The advance must be above zero");
		}
		if (advance.isGreaterThan(most)) {
			throw BusinessRefusal.onField("amount", "decision.amount.aboveQuote",
					"The advance " + advance + " is above the quoted advance of " + most, advance.amount(),
					most.amount());
		}
	}

	/**
	 * A cross-aged debtor's invoices are not eligible for new advances (DESIGN section 5,
	 * the CROSS_AGED flag's rule): refused, unless a manager approves with an override
	 * reason, recorded on the decision.
	 */
	private void requireNotCrossAged(Invoice invoice, long debtorId) {
		crossAging(debtorId).ifPresent((aging) -> {
			BigDecimal share = aging[1].multiply(BigDecimal.valueOf(100)).divide(aging[0], 1, RoundingMode.HALF_EVEN);
			throw BusinessRefusal.of("decision.crossAged",
					"Invoice " + invoice.getNumber() + " is not eligible: " + share + " % of its debtor's open "
							+ aging[0] + " is over 90 days past due",
					invoice.getNumber(), share, aging[0], aging[1],
					this.policy.current().crossAgingShare().multiply(BigDecimal.valueOf(100)).stripTrailingZeros());
		});
	}

	/**
	 * The debtor's open and aged amounts when it is cross-aged today; empty when not.
	 */
	private Optional<BigDecimal[]> crossAging(long debtorId) {
		return this.jdbc.sql("""
				SELECT open_amount, aged_amount FROM debtor_cross_aging(CAST(:today AS date), CAST(:share AS numeric))
				WHERE debtor_id = :debtorId AND cross_aged
				""")
			.param("today", LocalDate.now(this.clock))
			.param("share", this.policy.current().crossAgingShare())
			.param("debtorId", debtorId)
			.query((rs, row) -> new BigDecimal[] { rs.getBigDecimal("open_amount"), rs.getBigDecimal("aged_amount") })
			.optional();
	}

	private static void requireOverrideRight(Actor actor, Optional<String> overrideReason) {
		if (overrideReason.isPresent() && !actor.manager()) {
			throw BusinessRefusal.onField("overrideReason", "decision.override.managerOnly",
					"Only a manager overrides a limit or a declined quote");
		}
	}

	private BusinessRefusal blocked(Invoice invoice, LimitUse breach) {
		this.metrics.blocked(breach.kind());
		return new BusinessRefusal(Violation.of("decision.blocked",
				"Invoice " + invoice.getNumber() + " would take " + breach.kind() + " to " + breach.after()
						+ " against a limit of " + breach.limit() + "; the facility blocks approvals over a limit",
				invoice.getNumber(),
				new DefaultMessageSourceResolvable(new String[] { "limit." + breach.kind() }, breach.kind().name()),
				breach.after().amount(), breach.limit().amount()));
	}

	/**
	 * Refuses a decision on an invoice that is no longer where the decision expects it,
	 * saying who moved it there and when (typically: another underwriter decided first).
	 */
	private void requireStatus(Invoice invoice, InvoiceStatus... allowed) {
		for (InvoiceStatus status : allowed) {
			if (invoice.getStatus() == status) {
				return;
			}
		}
		List<InvoiceTransition> history = invoice.getTransitions();
		InvoiceTransition last = history.isEmpty() ? null : history.get(history.size() - 1);
		String by = (last != null) ? last.getChangedBy() : SYSTEM;
		Date at = Date.from((last != null) ? last.getChangedAt() : this.clock.instant());
		throw new BusinessRefusal(Violation.of("decision.alreadyDecided",
				"Invoice " + invoice.getNumber() + " is already " + invoice.getStatus() + ": decided by " + by + " at "
						+ at.toInstant(),
				invoice.getNumber(), new DefaultMessageSourceResolvable(
						new String[] { "status." + invoice.getStatus() }, invoice.getStatus().name()),
				by, at));
	}

	private Exposures lockAround(Parties parties) {
		Set<Long> debtors = new HashSet<>(Set.of(parties.debtorId()));
		Set<Long> clients = new HashSet<>(Set.of(parties.clientId()));
		pendingAround(debtors, clients, List.of("HELD")).forEach((held) -> {
			debtors.add(held.debtorId());
			clients.add(held.clientId());
		});
		return this.engine.lock(debtors, clients);
	}

	private List<Parties> pendingAround(Set<Long> debtors, Set<Long> clients, List<String> statuses) {
		return this.jdbc.sql("""
				SELECT DISTINCT debtor_id, client_id FROM invoice
				WHERE status IN (:statuses) AND (debtor_id IN (:debtors) OR client_id IN (:clients))
				""")
			.param("statuses", statuses)
			.param("debtors", orNone(debtors))
			.param("clients", orNone(clients))
			.query((rs, row) -> new Parties(rs.getLong("debtor_id"), rs.getLong("client_id")))
			.list();
	}

	private static Set<Long> orNone(Set<Long> ids) {
		return ids.isEmpty() ? Set.of(-1L) : ids;
	}

	private Invoice lockedInvoice(long invoiceId) {
		Parties parties = parties(invoiceId);
		this.engine.lock(Set.of(parties.debtorId()), Set.of(parties.clientId()));
		return load(invoiceId);
	}

	private Parties parties(long invoiceId) {
		return this.jdbc.sql("SELECT debtor_id, client_id FROM invoice WHERE id = :id")
			.param("id", invoiceId)
			.query((rs, row) -> new Parties(rs.getLong("debtor_id"), rs.getLong("client_id")))
			.optional()
			.orElseThrow(() -> new NotFoundException("Invoice", invoiceId));
	}

	private Invoice load(long invoiceId) {
		return this.invoices.findById(invoiceId).orElseThrow(() -> new NotFoundException("Invoice", invoiceId));
	}

	/**
	 * What a decision led to: the invoice's status, the advance, and the limits it was
	 * checked against (before and after).
	 */
	public record Outcome(InvoiceStatus status, Money advance, List<LimitUse> limits) {

		public Outcome {
			limits = List.copyOf(limits);
		}

		/**
		 * Whether the approval went through over a limit (a warning facility or an
		 * override).
		 */
		public boolean overLimit() {
			return this.limits.stream().anyMatch(LimitUse::over);
		}

	}

	/**
	 * A person at the debtor, given while recording a verification.
	 */
	public record NewContact(String name, String email, String phone) {

	}

	record Parties(long debtorId, long clientId) {

	}

	private record Pending(long invoiceId, Parties parties) {

	}

	private record Actor(String name, boolean manager) {

		static Actor current() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			boolean manager = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.anyMatch("ROLE_MANAGER"::equals);
			return new Actor(authentication.getName(), manager);
		}

	}

}
