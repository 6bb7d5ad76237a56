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
 * An invoice a client issued to a debtor and offered to us. Every change of status is
 * kept as an {@link InvoiceTransition}: who, when, from, to and why.
 */
@Entity
@EntityListeners(DebtorInputsListener.class)
public class Invoice implements FeedsDebtorScore {

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

	private String currency = "EUR";

	@Enumerated(EnumType.STRING)
	private InvoiceStatus status;

	private java.time.Instant submittedAt;

	private LocalDate fundedOn;

	private LocalDate closedOn;

	@OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL)
	@OrderBy("changedAt, id")
	private List<InvoiceTransition> transitions = new ArrayList<>();

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
	 * Moves this invoice to the next status of its lifecycle, recording who did it and
	 * why.
	 * @throws IllegalTransitionException when {@code next} cannot follow the current
	 * status
	 */
	public void moveTo(InvoiceStatus next, String actor, String reason, Clock clock) {
		if (!this.status.canMoveTo(next)) {
			throw new IllegalTransitionException(this.number, this.status, next);
		}
		this.transitions.add(new InvoiceTransition(this, this.status, next, actor, clock.instant(), reason));
		this.status = next;
		LocalDate today = LocalDate.now(clock);
		if (next == InvoiceStatus.FUNDED && this.fundedOn == null) {
			this.fundedOn = today;
		}
		if (next.isClosed()) {
			this.closedOn = today;
		}
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
