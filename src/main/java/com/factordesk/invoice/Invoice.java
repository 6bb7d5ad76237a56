package com.factordesk.invoice;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.factordesk.client.Client;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.DebtorInputsChanged;
import com.factordesk.debtor.DebtorInputsListener;
import com.factordesk.debtor.FeedsDebtorScore;
import com.factordesk.shared.Money;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;

/**
 * An invoice a client issued to a debtor and offered to us. Each verb checks its own
 * transition of the lifecycle (DESIGN section 1) and keeps it as an
 * {@link InvoiceTransition}: who, when, from, to and why.
 */
@Entity
@EntityListeners(DebtorInputsListener.class)
public class Invoice implements FeedsDebtorScore {

	/** The actor of what the desk does by itself (a lapse, a scheduled run). */
	public static final String SYSTEM = "system";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "client_id")
	private Client client;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "debtor_id")
	private Debtor debtor;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "schedule_id")
	private Schedule schedule;

	private String number;

	private LocalDate issueDate;

	private LocalDate dueDate;

	private Money amount;

	private String currency = Money.CURRENCY;

	@Enumerated(EnumType.STRING)
	private InvoiceStatus status;

	private java.time.Instant submittedAt;

	private LocalDate fundedOn;

	private LocalDate closedOn;

	@OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL)
	@OrderBy("changedAt, id")
	private List<InvoiceTransition> transitions = new ArrayList<>();

	private Money approvedAdvance;

	private String approvedBy;

	@OneToMany(mappedBy = "invoice")
	private List<PaymentAllocation> allocations = new ArrayList<>();

	@OneToMany(mappedBy = "invoice", cascade = CascadeType.PERSIST)
	private List<CreditNote> creditNotes = new ArrayList<>();

	@OneToMany(mappedBy = "invoice", cascade = CascadeType.PERSIST)
	private List<Dispute> disputes = new ArrayList<>();

	@Version
	private long version;

	protected Invoice() {
	}

	private Invoice(Client client, Debtor debtor, Schedule schedule, String number, LocalDate issueDate,
			LocalDate dueDate, Money amount) {
		if (!amount.isPositive()) {
			throw new IllegalArgumentException("An invoice amount must be positive");
		}
		if (dueDate.isBefore(issueDate)) {
			throw new IllegalArgumentException("An invoice cannot fall due before it is issued");
		}
		this.client = client;
		this.debtor = debtor;
		this.schedule = schedule;
		this.number = number;
		this.issueDate = issueDate;
		this.dueDate = dueDate;
		this.amount = amount;
	}

	/**
	 * A client offers an invoice to us: it enters the underwriters' queue as SUBMITTED.
	 */
	public static Invoice submit(Client client, Debtor debtor, Schedule schedule, String number, LocalDate issueDate,
			LocalDate dueDate, Money amount, String submittedBy, Clock clock) {
		Invoice invoice = new Invoice(client, debtor, schedule, number, issueDate, dueDate, amount);
		invoice.status = InvoiceStatus.SUBMITTED;
		invoice.submittedAt = clock.instant();
		invoice.transitions
			.add(new InvoiceTransition(invoice, null, InvoiceStatus.SUBMITTED, submittedBy, invoice.submittedAt, null));
		return invoice;
	}

	/**
	 * An underwriter confirmed with the debtor that the invoice is valid.
	 */
	public void verify(String actor, String note, Clock clock) {
		requireStatus("verify", InvoiceStatus.SUBMITTED);
		move(InvoiceStatus.VERIFIED, actor, note, clock);
	}

	/**
	 * An underwriter approves an advance of at most the face. Above the four-eyes
	 * threshold the approval waits for a manager's second approval; otherwise it awaits
	 * funding.
	 */
	public void approve(Money advance, boolean needsSecondApproval, String actor, String reason, Clock clock) {
		requireStatus("approve", InvoiceStatus.SUBMITTED, InvoiceStatus.VERIFIED);
		requireAdvance(advance);
		this.approvedAdvance = advance;
		this.approvedBy = actor;
		move(needsSecondApproval ? InvoiceStatus.AWAITING_SECOND_APPROVAL : InvoiceStatus.APPROVED, actor, reason,
				clock);
	}

	/**
	 * A manager gives the second approval; never the one who approved first.
	 */
	public void approveSecond(String actor, String reason, Clock clock) {
		requireStatus("approveSecond", InvoiceStatus.AWAITING_SECOND_APPROVAL);
		if (actor.equals(this.approvedBy)) {
			throw new InvoiceRefusal("invoice.secondApproval.sameApprover", this.number);
		}
		move(InvoiceStatus.APPROVED, actor, reason, clock);
	}

	/**
	 * An approval that a limit has no headroom for waits, without reserving exposure,
	 * until it is released.
	 */
	public void hold(Money advance, String actor, String reason, Clock clock) {
		requireStatus("hold", InvoiceStatus.SUBMITTED, InvoiceStatus.VERIFIED, InvoiceStatus.AWAITING_SECOND_APPROVAL,
				InvoiceStatus.APPROVED);
		requireAdvance(advance);
		this.approvedAdvance = advance;
		if (this.approvedBy == null) {
			this.approvedBy = actor;
		}
		move(InvoiceStatus.HELD, actor, reason, clock);
	}

	/**
	 * Headroom grew: the held approval goes on, to a second approval when it needs one.
	 */
	public void release(boolean needsSecondApproval, String actor, String reason, Clock clock) {
		requireStatus("release", InvoiceStatus.HELD);
		move(needsSecondApproval ? InvoiceStatus.AWAITING_SECOND_APPROVAL : InvoiceStatus.APPROVED, actor, reason,
				clock);
	}

	/**
	 * The approved advance changes before funding. Whoever sets the new amount approves
	 * it and becomes the approver of record, so the second approval, when one is needed,
	 * comes from someone else: a manager who changes an amount awaiting a second approval
	 * cannot then give it. A raise that now needs a second approval waits for it again.
	 */
	public void changeApprovedAdvance(Money advance, boolean needsSecondApproval, String actor, String reason,
			Clock clock) {
		requireStatus("changeApprovedAdvance", InvoiceStatus.APPROVED, InvoiceStatus.AWAITING_SECOND_APPROVAL,
				InvoiceStatus.HELD);
		requireAdvance(advance);
		this.approvedAdvance = advance;
		this.approvedBy = actor;
		if (needsSecondApproval && this.status == InvoiceStatus.APPROVED) {
			move(InvoiceStatus.AWAITING_SECOND_APPROVAL, actor, reason, clock);
		}
		else {
			record(actor, reason, clock);
		}
	}

	/**
	 * The approval is withdrawn before funding: the invoice returns to the queue and its
	 * exposure is released.
	 */
	public void withdraw(String actor, String reason, Clock clock) {
		requireStatus("withdraw", InvoiceStatus.APPROVED, InvoiceStatus.AWAITING_SECOND_APPROVAL, InvoiceStatus.HELD);
		this.approvedAdvance = null;
		this.approvedBy = null;
		move(InvoiceStatus.SUBMITTED, actor, reason, clock);
	}

	/**
	 * An approval not funded within the policy's days lapses: withdrawn by the system.
	 */
	public void lapse(int policyDays, Clock clock) {
		withdraw(SYSTEM, "approval lapsed: not funded within " + policyDays + " days", clock);
	}

	/**
	 * An underwriter declines the invoice, with a reason.
	 */
	public void reject(String actor, String reason, Clock clock) {
		requireStatus("reject", InvoiceStatus.SUBMITTED, InvoiceStatus.VERIFIED, InvoiceStatus.AWAITING_SECOND_APPROVAL,
				InvoiceStatus.HELD, InvoiceStatus.APPROVED);
		this.approvedAdvance = null;
		this.approvedBy = null;
		move(InvoiceStatus.REJECTED, actor, reason, clock);
		this.closedOn = LocalDate.now(clock);
	}

	/**
	 * A manager returns a rejected invoice to the queue.
	 */
	public void reopen(String actor, String reason, Clock clock) {
		requireStatus("reopen", InvoiceStatus.REJECTED);
		this.closedOn = null;
		move(InvoiceStatus.SUBMITTED, actor, reason, clock);
	}

	/**
	 * The approved advance is paid to the client today.
	 */
	public void fund(String actor, Clock clock) {
		requireStatus("fund", InvoiceStatus.APPROVED);
		move(InvoiceStatus.FUNDED, actor, null, clock);
		this.fundedOn = LocalDate.now(clock);
	}

	/**
	 * Takes part of a payment onto this invoice (called by
	 * {@link Payment#applyTo(Invoice, Money, String, Clock)}): the invoice is paid when
	 * nothing is left outstanding, partially paid otherwise.
	 */
	void collect(PaymentAllocation allocation, String actor, Clock clock) {
		requireStatus("applyPayment", InvoiceStatus.FUNDED, InvoiceStatus.PARTIALLY_PAID);
		this.allocations.add(allocation);
		settleOrPart(allocation.getReceivedOn(), actor, "payment " + allocation.getPayment().getReference(), clock);
	}

	/**
	 * A payment bounced: its allocation no longer counts, and a paid invoice is open
	 * again.
	 */
	void uncollect(PaymentAllocation allocation, String actor, String reason, Clock clock) {
		requireStatus("reversePayment", InvoiceStatus.PAID, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.FUNDED);
		this.closedOn = null;
		InvoiceStatus next = collected().isPositive() ? InvoiceStatus.PARTIALLY_PAID : InvoiceStatus.FUNDED;
		if (next != this.status) {
			move(next, actor, reason, clock);
		}
		else {
			record(actor, reason, clock);
		}
	}

	/**
	 * Reduces what the debtor owes by a credit note (dilution), at most the outstanding;
	 * an invoice credited down to nothing is settled.
	 */
	public CreditNote credit(Money amount, Dispute dispute, LocalDate issuedOn, String reason, String actor,
			Clock clock) {
		requireStatus("credit", InvoiceStatus.FUNDED, InvoiceStatus.PARTIALLY_PAID);
		if (amount.isGreaterThan(outstanding())) {
			throw new InvoiceRefusal("invoice.credit.exceedsOutstanding", this.number, amount, outstanding());
		}
		CreditNote note = new CreditNote(this, dispute, issuedOn, amount, reason);
		this.creditNotes.add(note);
		if (outstanding().isZero()) {
			move(InvoiceStatus.PAID, actor, "credit note: " + reason, clock);
			this.closedOn = issuedOn;
		}
		else {
			record(actor, "credit note: " + reason, clock);
		}
		return note;
	}

	/**
	 * The debtor contests the invoice: a flag beside its status, not a status.
	 */
	public Dispute dispute(DisputeReason reason, LocalDate openedOn, Money amount, String actor, Clock clock) {
		requireStatus("dispute", InvoiceStatus.SUBMITTED, InvoiceStatus.VERIFIED,
				InvoiceStatus.AWAITING_SECOND_APPROVAL, InvoiceStatus.HELD, InvoiceStatus.APPROVED,
				InvoiceStatus.FUNDED, InvoiceStatus.PARTIALLY_PAID);
		Dispute dispute = new Dispute(this, reason, openedOn, amount);
		this.disputes.add(dispute);
		record(actor, "dispute opened: " + reason, clock);
		return dispute;
	}

	/**
	 * A partially paid invoice is closed with what is left unpaid as a short payment.
	 */
	public void closeShortPaid(String actor, String reason, Clock clock) {
		requireStatus("closeShortPaid", InvoiceStatus.PARTIALLY_PAID);
		move(InvoiceStatus.PAID, actor, reason, clock);
		this.closedOn = LocalDate.now(clock);
	}

	/**
	 * Recourse: the client buys back an unpaid invoice.
	 */
	public void chargeBack(String actor, String reason, Clock clock) {
		requireStatus("chargeBack", InvoiceStatus.FUNDED, InvoiceStatus.PARTIALLY_PAID);
		move(InvoiceStatus.CHARGED_BACK, actor, reason, clock);
		this.closedOn = LocalDate.now(clock);
	}

	/**
	 * A credit loss on a non-recourse invoice: the factor writes it off.
	 */
	public void writeOff(String actor, String reason, Clock clock) {
		requireStatus("writeOff", InvoiceStatus.FUNDED, InvoiceStatus.PARTIALLY_PAID);
		move(InvoiceStatus.WRITTEN_OFF, actor, reason, clock);
		this.closedOn = LocalDate.now(clock);
	}

	/**
	 * What the debtor has paid on this invoice (reversed payments left out).
	 */
	public Money collected() {
		return this.allocations.stream()
			.filter((allocation) -> !allocation.isReversed())
			.map(PaymentAllocation::getAmount)
			.reduce(Money.ZERO, Money::plus);
	}

	/**
	 * What credit notes took off this invoice.
	 */
	public Money credited() {
		return this.creditNotes.stream().map(CreditNote::getAmount).reduce(Money.ZERO, Money::plus);
	}

	/**
	 * What the debtor still owes on this invoice today: face - collected - credited.
	 */
	public Money outstanding() {
		return this.amount.minus(collected()).minus(credited());
	}

	/**
	 * Whether a dispute on this invoice is open.
	 */
	public boolean isDisputed() {
		return this.disputes.stream().anyMatch(Dispute::isOpen);
	}

	private void settleOrPart(LocalDate on, String actor, String reason, Clock clock) {
		if (outstanding().isZero()) {
			move(InvoiceStatus.PAID, actor, reason, clock);
			this.closedOn = on;
		}
		else if (this.status != InvoiceStatus.PARTIALLY_PAID) {
			move(InvoiceStatus.PARTIALLY_PAID, actor, reason, clock);
		}
		else {
			record(actor, reason, clock);
		}
	}

	private void requireStatus(String verb, InvoiceStatus... allowed) {
		for (InvoiceStatus status : allowed) {
			if (this.status == status) {
				return;
			}
		}
		throw new IllegalTransitionException(this.number, this.status, verb);
	}

	private void requireAdvance(Money advance) {
		if (!advance.isPositive() || advance.isGreaterThan(this.amount)) {
			throw new InvoiceRefusal("invoice.advance.outOfRange", this.number, advance, this.amount);
		}
	}

	private void move(InvoiceStatus next, String actor, String reason, Clock clock) {
		if (!this.status.canMoveTo(next)) {
			throw new IllegalTransitionException(this.number, this.status, "move");
		}
		this.transitions.add(new InvoiceTransition(this, this.status, next, actor, clock.instant(), reason));
		this.status = next;
	}

	/**
	 * Records an event that leaves the status as it is (a changed advance, a dispute, a
	 * credit note) in the invoice's history.
	 */
	private void record(String actor, String reason, Clock clock) {
		this.transitions.add(new InvoiceTransition(this, this.status, this.status, actor, clock.instant(), reason));
	}

	public int daysPastDue(LocalDate today) {
		return (int) Math.max(0, this.dueDate.until(today, java.time.temporal.ChronoUnit.DAYS));
	}

	public int termsInDays() {
		return (int) this.issueDate.until(this.dueDate, java.time.temporal.ChronoUnit.DAYS);
	}

	public Long getId() {
		return this.id;
	}

	public Client getClient() {
		return this.client;
	}

	public Debtor getDebtor() {
		return this.debtor;
	}

	public Schedule getSchedule() {
		return this.schedule;
	}

	public String getNumber() {
		return this.number;
	}

	public LocalDate getIssueDate() {
		return this.issueDate;
	}

	public LocalDate getDueDate() {
		return this.dueDate;
	}

	public Money getAmount() {
		return this.amount;
	}

	public String getCurrency() {
		return this.currency;
	}

	public InvoiceStatus getStatus() {
		return this.status;
	}

	public java.time.Instant getSubmittedAt() {
		return this.submittedAt;
	}

	public LocalDate getFundedOn() {
		return this.fundedOn;
	}

	/**
	 * The advance approved (or held, or awaiting its second approval); empty before a
	 * decision and after a withdrawal or rejection.
	 */
	public java.util.Optional<Money> getApprovedAdvance() {
		return java.util.Optional.ofNullable(this.approvedAdvance);
	}

	public String getApprovedBy() {
		return this.approvedBy;
	}

	public LocalDate getClosedOn() {
		return this.closedOn;
	}

	public List<InvoiceTransition> getTransitions() {
		return Collections.unmodifiableList(this.transitions);
	}

	@Override
	public DebtorInputsChanged scoreInputChange(boolean inserted) {
		String cause = inserted ? "invoice submitted"
				: "invoice " + this.status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
		return new DebtorInputsChanged(this.debtor.getId(), cause);
	}

}
