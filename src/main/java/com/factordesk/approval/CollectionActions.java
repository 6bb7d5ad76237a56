package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.audit.AuditTrail;
import com.factordesk.invoice.Dispute;
import com.factordesk.invoice.DisputeOutcome;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.invoice.DisputeRepository;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the desk does in collections about a debtor's funded invoices: notes with the next
 * action, promises to pay, disputes opened and resolved. Every write checks its input
 * first and refuses it as a whole ({@link BusinessRefusal}, each broken rule on its
 * field) before anything changes. Disputes go through the invoice's own verbs, so they
 * feed the debtor's score like any other fact ({@code DebtorInputsListener}).
 */
@Service
@Transactional
public class CollectionActions {

	/** How far ahead a promise to pay or a next action may be set. */
	static final int HORIZON_DAYS = 366;

	private final CollectionNoteRepository notes;

	private final PromiseToPayRepository promises;

	private final InvoiceRepository invoices;

	private final DisputeRepository disputes;

	private final Settlements settlements;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditTrail audit;

	CollectionActions(CollectionNoteRepository notes, PromiseToPayRepository promises, InvoiceRepository invoices,
			DisputeRepository disputes, Settlements settlements, JdbcClient jdbc, Clock clock, AuditTrail audit) {
		this.settlements = settlements;
		this.notes = notes;
		this.promises = promises;
		this.invoices = invoices;
		this.disputes = disputes;
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * Writes a note on the debtor, optionally about one of its invoices, with the next
	 * action and its day (both or neither; the day not before today).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public CollectionNote addNote(AddNote command) {
		long debtorId = debtorId(command.debtorRef());
		LocalDate today = LocalDate.now(this.clock);
		List<Violation> violations = new ArrayList<>();
		if (command.invoiceId() != null) {
			invoiceOf(debtorId, command.invoiceId(), violations);
		}
		if (command.text().isEmpty()) {
			violations.add(Violation.onField("text", "collections.note.text.missing", "Write the note"));
		}
		else if (command.text().length() > CollectionNote.TEXT_LENGTH) {
			violations.add(Violation.onField("text", "collections.note.text.tooLong",
					"A note has at most " + CollectionNote.TEXT_LENGTH + " characters", CollectionNote.TEXT_LENGTH));
		}
		if (command.nextAction() != null && command.nextActionOn() == null) {
			violations.add(Violation.onField("nextActionOn", "collections.note.nextActionOn.missing",
					"Give the day of the next action"));
		}
		else if (command.nextAction() == null && command.nextActionOn() != null) {
			violations.add(Violation.onField("nextAction", "collections.note.nextAction.missing",
					"Choose the next action for that day"));
		}
		else if (command.nextActionOn() != null) {
			inHorizon("nextActionOn", command.nextActionOn(), today, violations);
		}
		refuseIfAny(violations);
		return this.notes.save(new CollectionNote(debtorId, command.invoiceId(), command.text(), command.nextAction(),
				command.nextActionOn(), actor(), this.clock.instant()));
	}

	/**
	 * Records that the debtor promised to pay an amount by a day (today or later), on one
	 * of its open funded invoices (at most its outstanding) or on all of them (at most
	 * what they leave outstanding).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public PromiseToPay recordPromise(RecordPromise command) {
		long debtorId = debtorId(command.debtorRef());
		LocalDate today = LocalDate.now(this.clock);
		List<Violation> violations = new ArrayList<>();
		Money outstanding;
		if (command.invoiceId() != null) {
			outstanding = invoiceOf(debtorId, command.invoiceId(), violations).filter(this::openFunded)
				.map(Invoice::outstanding)
				.orElse(null);
			if (outstanding == null && violations.isEmpty()) {
				violations.add(Violation.onField("invoiceId", "collections.invoice.notOpen",
						"Choose one of the debtor's open funded invoices"));
			}
		}
		else {
			outstanding = Money.of(this.jdbc.sql(
					"SELECT COALESCE(SUM(o.outstanding), 0) FROM open_receivable(:today) o WHERE o.debtor_id = :debtorId")
				.param("today", today)
				.param("debtorId", debtorId)
				.query(java.math.BigDecimal.class)
				.single());
		}
		if (command.promisedOn() == null) {
			violations.add(Violation.onField("promisedOn", "collections.promise.promisedOn.missing",
					"Give the day the debtor promised to pay by"));
		}
		else {
			inHorizon("promisedOn", command.promisedOn(), today, violations);
		}
		amountWithin("amount", command.amount(), outstanding, violations);
		refuseIfAny(violations);
		return this.promises.save(new PromiseToPay(debtorId, command.invoiceId(), today, command.promisedOn(),
				command.amount(), actor(), this.clock.instant()));
	}

	/**
	 * Opens a dispute on one of the debtor's open funded invoices
	 * ({@link Invoice#dispute}): an amount up to its outstanding, opened on a day between
	 * its issue and today. One open dispute per invoice.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Dispute openDispute(OpenDispute command) {
		long debtorId = debtorId(command.debtorRef());
		LocalDate today = LocalDate.now(this.clock);
		List<Violation> violations = new ArrayList<>();
		Optional<Invoice> invoice = openFundedInvoiceOf(debtorId, command.invoiceId(), violations);
		if (invoice.isPresent() && invoice.get().isDisputed()) {
			violations.add(Violation.onField("invoiceId", "collections.dispute.alreadyOpen",
					"Invoice {0} has an open dispute already", invoice.get().getNumber()));
		}
		if (command.reason() == null) {
			violations.add(Violation.onField("reason", "collections.dispute.reason.missing", "Choose the reason"));
		}
		if (command.openedOn() == null) {
			violations.add(Violation.onField("openedOn", "collections.dispute.openedOn.missing",
					"Give the day the debtor raised the dispute"));
		}
		else if (command.openedOn().isAfter(today)) {
			violations.add(Violation.onField("openedOn", "collections.date.future",
					"The day cannot be after today ({0})", today.toString()));
		}
		else if (invoice.isPresent() && command.openedOn().isBefore(invoice.get().getIssueDate())) {
			violations.add(Violation.onField("openedOn", "collections.dispute.openedOn.beforeIssue",
					"A dispute cannot be raised before the invoice was issued ({0})",
					invoice.get().getIssueDate().toString()));
		}
		amountWithin("amount", command.amount(), invoice.map(Invoice::outstanding).orElse(null), violations);
		refuseIfAny(violations);
		Dispute dispute = invoice.get()
			.dispute(command.reason(), command.openedOn(), command.amount(), actor(), this.clock);
		// the invoice is managed: persisting the new dispute flushes its history with it
		// (merging the invoice would not cascade to the new dispute)
		Dispute saved = this.disputes.saveAndFlush(dispute);
		this.audit.record("dispute.opened", "dispute", String.valueOf(saved.getId()), null,
				Map.of("invoice", invoice.get().getId(), "reason", command.reason().name(), "amount",
						command.amount().amount(), "openedOn", command.openedOn().toString()));
		return saved;
	}

	/**
	 * Closes an open dispute on one of the debtor's invoices as withdrawn, on a day
	 * between its opening and today. (A dispute settled by a credit note is closed when
	 * the credit note is issued.)
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void resolveDispute(ResolveDispute command) {
		long debtorId = debtorId(command.debtorRef());
		LocalDate today = LocalDate.now(this.clock);
		Dispute dispute = this.disputes.findById(command.disputeId())
			.filter((found) -> found.getInvoice().getDebtor().getId() == debtorId)
			.orElseThrow(() -> new NotFoundException("Dispute", String.valueOf(command.disputeId())));
		List<Violation> violations = new ArrayList<>();
		if (!dispute.isOpen()) {
			violations.add(Violation.of("collections.dispute.resolved", "The dispute is resolved already"));
		}
		if (command.outcome() == null) {
			violations.add(Violation.onField("outcome", "collections.dispute.outcome.missing", "Choose the outcome"));
		}
		else if (command.outcome() == DisputeOutcome.CREDIT_NOTE) {
			violations.add(Violation.onField("outcome", "collections.dispute.outcome.byCreditNote",
					"A dispute settled by a credit note is resolved by entering the credit note"));
		}
		if (command.resolvedOn() == null) {
			violations.add(Violation.onField("resolvedOn", "collections.dispute.resolvedOn.missing",
					"Give the day the dispute was resolved"));
		}
		else if (command.resolvedOn().isAfter(today)) {
			violations.add(Violation.onField("resolvedOn", "collections.date.future",
					"The day cannot be after today ({0})", today.toString()));
		}
		else if (command.resolvedOn().isBefore(dispute.getOpenedOn())) {
			violations.add(Violation.onField("resolvedOn", "collections.dispute.resolvedOn.beforeOpened",
					"A dispute cannot be resolved before it was opened ({0})", dispute.getOpenedOn().toString()));
		}
		refuseIfAny(violations);
		dispute.resolve(command.outcome(), command.resolvedOn());
		this.disputes.saveAndFlush(dispute);
		this.audit.record("dispute.resolved", "dispute", String.valueOf(dispute.getId()), Map.of("open", true),
				Map.of("outcome", command.outcome().name(), "resolvedOn", command.resolvedOn().toString()));
	}

	/**
	 * Enters a credit note (dilution) on one of the debtor's open funded invoices, issued
	 * today, at most its outstanding, through {@link Settlements#creditNote}: DILUTION in
	 * the client's reserve ledger, and the invoice settled when it credits it to nothing.
	 * Naming an open dispute of that invoice resolves it with the credit note as its
	 * outcome.
	 * @return whether the credit note closed the invoice
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public boolean creditNote(EnterCreditNote command) {
		long debtorId = debtorId(command.debtorRef());
		LocalDate today = LocalDate.now(this.clock);
		List<Violation> violations = new ArrayList<>();
		Optional<Invoice> invoice = openFundedInvoiceOf(debtorId, command.invoiceId(), violations);
		Optional<Dispute> dispute = Optional.empty();
		if (command.disputeId() != null) {
			dispute = invoice.flatMap((found) -> this.disputes.findById(command.disputeId())
				.filter((candidate) -> candidate.getInvoice().getId().equals(found.getId()) && candidate.isOpen()));
			if (invoice.isPresent() && dispute.isEmpty()) {
				violations.add(Violation.onField("disputeId", "collections.creditNote.dispute",
						"Choose an open dispute of invoice {0}, or none", invoice.get().getNumber()));
			}
			else if (dispute.isPresent() && today.isBefore(dispute.get().getOpenedOn())) {
				violations.add(Violation.onField("disputeId", "collections.dispute.resolvedOn.beforeOpened",
						"A dispute cannot be resolved before it was opened ({0})",
						dispute.get().getOpenedOn().toString()));
			}
		}
		amountWithin("amount", command.amount(), invoice.map(Invoice::outstanding).orElse(null), violations);
		reasonOf(command.reason(), violations);
		refuseIfAny(violations);
		dispute.ifPresent((open) -> {
			open.resolve(DisputeOutcome.CREDIT_NOTE, today);
			this.disputes.save(open);
		});
		return this.settlements.creditNote(invoice.get().getId(), command.amount(), command.reason()).isPresent();
	}

	/**
	 * Closes a partially paid invoice of the debtor as short paid
	 * ({@link Settlements#closeShortPaid}): what is left unpaid is the client's
	 * shortfall. An underwriter may: it closes what cash application left open.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void closeShortPaid(SettleInvoice command) {
		Invoice invoice = settleable(command);
		this.settlements.closeShortPaid(invoice.getId(), command.reason());
	}

	/**
	 * Charges a recourse invoice past its recourse period back to the client
	 * ({@link Settlements#chargeBack}). A manager's decision: it debits the client's
	 * reserve with the whole outstanding face.
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public void chargeBack(SettleInvoice command) {
		Invoice invoice = settleable(command);
		this.settlements.chargeBack(invoice.getId(), command.reason());
	}

	/**
	 * Writes off a non-recourse invoice ({@link Settlements#writeOff}). A manager's
	 * decision: the outstanding face becomes the factor's credit loss.
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public void writeOff(SettleInvoice command) {
		Invoice invoice = settleable(command);
		this.settlements.writeOff(invoice.getId(), command.reason());
	}

	private Invoice settleable(SettleInvoice command) {
		long debtorId = debtorId(command.debtorRef());
		List<Violation> violations = new ArrayList<>();
		Optional<Invoice> invoice = openFundedInvoiceOf(debtorId, command.invoiceId(), violations);
		reasonOf(command.reason(), violations);
		refuseIfAny(violations);
		return invoice.get();
	}

	private Optional<Invoice> openFundedInvoiceOf(long debtorId, Long invoiceId, List<Violation> violations) {
		Optional<Invoice> invoice = invoiceOf(debtorId, invoiceId, violations);
		if (invoice.isPresent() && !openFunded(invoice.get())) {
			violations.add(Violation.onField("invoiceId", "collections.invoice.notOpen",
					"Choose one of the debtor's open funded invoices"));
			return Optional.empty();
		}
		return invoice;
	}

	private static void reasonOf(String reason, List<Violation> violations) {
		try {
			Settlements.requireReason(reason);
		}
		catch (BusinessRefusal refusal) {
			violations.addAll(refusal.getViolations());
		}
	}

	private boolean openFunded(Invoice invoice) {
		return invoice.getStatus() == InvoiceStatus.FUNDED || invoice.getStatus() == InvoiceStatus.PARTIALLY_PAID;
	}

	private Optional<Invoice> invoiceOf(long debtorId, Long invoiceId, List<Violation> violations) {
		Optional<Invoice> invoice = (invoiceId != null)
				? this.invoices.findById(invoiceId).filter((found) -> found.getDebtor().getId() == debtorId)
				: Optional.empty();
		if (invoice.isEmpty()) {
			violations.add(Violation.onField("invoiceId", "collections.invoice.unknown",
					"Choose one of the debtor's invoices"));
		}
		return invoice;
	}

	private static void inHorizon(String field, LocalDate day, LocalDate today, List<Violation> violations) {
		if (day.isBefore(today)) {
			violations.add(Violation.onField(field, "collections.date.past", "The day cannot be before today ({0})",
					today.toString()));
		}
		else if (day.isAfter(today.plusDays(HORIZON_DAYS))) {
			violations.add(Violation.onField(field, "collections.date.tooFar",
					"The day cannot be more than {0} days ahead", HORIZON_DAYS));
		}
	}

	/**
	 * A positive amount, at most what is outstanding (when that is known).
	 */
	static void amountWithin(String field, Money amount, Money outstanding, List<Violation> violations) {
		if (amount == null) {
			violations.add(Violation.onField(field, "collections.amount.missing", "Enter the amount"));
		}
		else if (!amount.isPositive()) {
			violations.add(Violation.onField(field, "collections.amount.notPositive", "Enter an amount above zero"));
		}
		else if (outstanding != null && amount.isGreaterThan(outstanding)) {
			violations.add(Violation.onField(field, "collections.amount.aboveOutstanding",
					"The amount {0} is more than the {1} outstanding", amount, outstanding));
		}
	}

	private static void refuseIfAny(List<Violation> violations) {
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
	}

	private long debtorId(String ref) {
		return this.jdbc.sql("SELECT id FROM debtor WHERE ref = :ref")
			.param("ref", ref)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Debtor", ref));
	}

	private static String actor() {
		return SecurityContextHolder.getContext().getAuthentication().getName();
	}

	/**
	 * A note to write.
	 *
	 * @param invoiceId the invoice it is about, or {@code null}
	 * @param nextAction what to do next, or {@code null}
	 * @param nextActionOn the day to do it, or {@code null}
	 */
	public record AddNote(String debtorRef, Long invoiceId, String text, NextAction nextAction,
			LocalDate nextActionOn) {

		public AddNote {
			text = (text != null) ? text.strip() : "";
		}

	}

	/**
	 * A promise to pay to record; on the debtor's invoices at large when no invoice is
	 * named.
	 */
	public record RecordPromise(String debtorRef, Long invoiceId, LocalDate promisedOn, Money amount) {

	}

	public record OpenDispute(String debtorRef, Long invoiceId, DisputeReason reason, Money amount,
			LocalDate openedOn) {

	}

	public record ResolveDispute(String debtorRef, long disputeId, DisputeOutcome outcome, LocalDate resolvedOn) {

	}

	/**
	 * A credit note to enter, issued today; {@code disputeId} the open dispute it
	 * settles, or {@code null}.
	 */
	public record EnterCreditNote(String debtorRef, Long invoiceId, Money amount, String reason, Long disputeId) {

	}

	/**
	 * An invoice to close unpaid (short paid, charged back, written off), with the
	 * reason.
	 */
	public record SettleInvoice(String debtorRef, Long invoiceId, String reason) {

	}

}
