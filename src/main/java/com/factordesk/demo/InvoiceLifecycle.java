package com.factordesk.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.factordesk.demo.PlannedInvoice.Allocation;
import com.factordesk.demo.PlannedInvoice.Dispute;
import com.factordesk.demo.PlannedInvoice.Payment;
import com.factordesk.invoice.InvoiceStatus;

import static com.factordesk.demo.CopyLoader.NONE;
import static com.factordesk.demo.Sampling.amount;
import static com.factordesk.demo.Sampling.bankRun;
import static com.factordesk.demo.Sampling.business;
import static com.factordesk.demo.Sampling.cents;
import static com.factordesk.demo.Sampling.pick;
import static com.factordesk.demo.Sampling.sample;

/**
 * The life of one client's invoices: when each is issued and submitted, then what happens
 * to it up to today (decision, funding, dispute, credit notes, payments, chargeback or
 * write-off), and the underwriter queue of recent submissions.
 */
final class InvoiceLifecycle {

	/**
	 * Dispute reasons as stored, in the order of their shares.
	 */
	static final String[] DISPUTE_REASONS = { "PRICE", "QUANTITY", "QUALITY", "NOT_DELIVERED", "DUPLICATE", "OTHER" };

	private static final String[] UNDERWRITERS = { "underwriter", "j.devries", "m.jansen" };

	private static final String SYSTEM = "system";

	private static final int QUEUE_SUBMISSION_DAYS = 10;

	private static final int QUEUE_ISSUE_DAYS = 20;

	private static final double[] DECISION_DELAY_SHARES = { 0.50, 0.35, 0.15 };

	private static final double[] DISPUTE_REASON_SHARES = { 0.30, 0.20, 0.20, 0.10, 0.08, 0.12 };

	private static final String[] DISPUTE_LABELS = { "price", "quantity", "quality", "goods not delivered",
			"duplicate invoice", "other" };

	private static final String[] DISPUTE_CREDIT_TEXTS = { "Price correction agreed with the debtor",
			"Short delivery credited", "Quality complaint settled with a partial credit",
			"Goods not delivered: credited", "Duplicate invoicing credited", "Dispute settlement" };

	private static final String[] CREDIT_NOTE_TEXTS = { "Volume discount", "Returned goods", "Early payment discount",
			"Price correction", "Year-end bonus agreement", "Damaged goods credited" };

	private static final String[] REJECTION_REASONS = { "Debtor over credit limit", "Duplicate invoice suspected",
			"Goods not yet delivered", "Concentration limit exceeded", "Debtor could not confirm the invoice",
			"Invoice assigned to another financier" };

	private final DeskCalendar calendar;

	private final int today;

	private final int firstIssueDay;

	private final DebtorPlan[] debtors;

	private final List<Recent> recent = new ArrayList<>();

	private long submittedInQueue;

	InvoiceLifecycle(DeskCalendar calendar, int today, DebtorPlan[] debtors) {
		this.calendar = calendar;
		this.today = today;
		this.firstIssueDay = today - BookPlanner.HISTORY_DAYS;
		this.debtors = debtors;
	}

	long submittedInQueue() {
		return this.submittedInQueue;
	}

	/**
	 * One client's invoices with their lifecycle up to today, the queue included, in no
	 * particular order.
	 */
	List<PlannedInvoice> invoices(ClientPlan client, ScheduleTimes times, SplittableRandom r) {
		List<PlannedInvoice> invoices = new ArrayList<>(client.invoices + client.queue);
		for (int i = 0; i < client.invoices; i++) {
			invoices.add(drawInvoice(client, r));
		}
		for (PlannedInvoice invoice : invoices) {
			invoice.submittedAt = times.at(invoice.submittedOn, r);
			live(client, invoice, r);
		}
		addQueue(client, invoices, times, r);
		return invoices;
	}

	/**
	 * Keeps the recent invoices of a client another client could pledge again.
	 */
	void remember(List<PlannedInvoice> invoices) {
		for (PlannedInvoice invoice : invoices) {
			if (invoice.issueDay >= this.today - QUEUE_ISSUE_DAYS && !invoice.copy) {
				this.recent.add(new Recent(invoice.debtor, invoice.issueDay, invoice.dueDay, invoice.cents));
			}
		}
	}

	private PlannedInvoice drawInvoice(ClientPlan client, SplittableRandom r) {
		PlannedInvoice invoice = new PlannedInvoice();
		invoice.pair = sample(client.pairCumulative, r);
		invoice.debtor = this.debtors[client.debtors[invoice.pair]];
		invoice.issueDay = issueDay(r);
		invoice.terms = client.pairTerms[invoice.pair];
		invoice.dueDay = invoice.issueDay + invoice.terms;
		invoice.cents = amount(client.faceMu + client.pairFaceMu[invoice.pair], r);
		invoice.submittedOn = Math.min(submissionDay(client, invoice.issueDay, r), this.today - 1);
		return invoice;
	}

	/**
	 * The client's next submission day (its weekly cadence leaves at most three days
	 * between issue and submission); about one invoice in twenty goes in an extra
	 * schedule on another working day.
	 */
	private static int submissionDay(ClientPlan client, int issueDay, SplittableRandom r) {
		if (r.nextDouble() < 0.05) {
			int day = issueDay + r.nextInt(4);
			while (DeskCalendar.weekend(day)) {
				day++;
			}
			return day;
		}
		int day = issueDay;
		while (!client.submitsOn[DeskCalendar.dayOfWeek(day)]) {
			day++;
		}
		return day;
	}

	/**
	 * Issued on a working day (mostly) in the two years before today; volume grows a
	 * little over time.
	 */
	private int issueDay(SplittableRandom r) {
		while (true) {
			int offset = r.nextInt(BookPlanner.HISTORY_DAYS);
			int day = this.firstIssueDay + offset;
			if (DeskCalendar.weekend(day) && r.nextDouble() < 0.9) {
				continue;
			}
			if (r.nextDouble() < 0.2 * (1.0 - offset / (double) BookPlanner.HISTORY_DAYS)) {
				continue;
			}
			return day;
		}
	}

	/**
	 * The lifecycle of a submitted invoice up to today: decision, funding, disputes,
	 * credit notes, payments, and for defaulters chargeback or write-off.
	 */
	private void live(ClientPlan client, PlannedInvoice invoice, SplittableRandom r) {
		invoice.transition(null, InvoiceStatus.SUBMITTED, client.submitter, invoice.submittedAt, null, r);
		if (!decide(invoice, r)) {
			return;
		}
		Life life = new Life(invoice, payDay(client, invoice, r));
		if (!dispute(client, life, r)) {
			return;
		}
		creditNote(life, r);
		partialPayment(life, r);
		if (!life.defaults && life.payDay <= this.today) {
			settle(life, r);
		}
		else if (life.defaults) {
			chargeBackOrWriteOff(client, life, r);
		}
		invoice.status = life.status;
	}

	/**
	 * The underwriter's decision, taken the day of submission or one or two working days
	 * later: about 3.5 % rejected, more for debtors that stopped paying; the others
	 * approved and funded the same day. False when rejected.
	 */
	private boolean decide(PlannedInvoice invoice, SplittableRandom r) {
		DebtorPlan debtor = invoice.debtor;
		int decision = Math.min(this.today - 1, invoice.submittedOn + pick(DECISION_DELAY_SHARES, r));
		long decidedAt = (decision == invoice.submittedOn) ? invoice.submittedAt + 60L * r.nextInt(20, 180)
				: this.calendar.at(decision, 9 * 60 + r.nextInt(150));
		String underwriter = UNDERWRITERS[r.nextInt(UNDERWRITERS.length)];
		boolean stoppedPaying = debtor.archetype == Archetype.DEFAULTER && invoice.submittedOn > debtor.stopDay + 45;
		if (r.nextDouble() < (stoppedPaying ? 0.4 : 0.035)) {
			String reason = stoppedPaying && r.nextBoolean() ? "Debtor has items more than 60 days past due"
					: REJECTION_REASONS[r.nextInt(REJECTION_REASONS.length)];
			invoice.transition(InvoiceStatus.SUBMITTED, InvoiceStatus.REJECTED, underwriter, decidedAt, reason, r);
			invoice.status = InvoiceStatus.REJECTED;
			invoice.closedOn = decision;
			return false;
		}
		invoice.transition(InvoiceStatus.SUBMITTED, InvoiceStatus.APPROVED, underwriter, decidedAt, null, r);
		invoice.transition(InvoiceStatus.APPROVED, InvoiceStatus.FUNDED, SYSTEM, decidedAt + 60L * r.nextInt(15, 120),
				null, r);
		invoice.fundedOn = decision;
		return true;
	}

	/**
	 * The day the debtor means to pay: its lateness, how it pays this client, its payment
	 * run; a payer other than a defaulter settles before the recourse period runs out (85
	 * days without recourse).
	 */
	private int payDay(ClientPlan client, PlannedInvoice invoice, SplittableRandom r) {
		DebtorPlan debtor = invoice.debtor;
		int late = debtor.lateness(invoice.dueDay, this.today, this.calendar, r);
		int offset = client.pairOffset[invoice.pair];
		if (offset == ClientPlan.ON_TIME) {
			late = Math.min(late, 0);
		}
		else if (offset > 0 && r.nextDouble() < 0.2) {
			late = Math.max(late, offset);
		}
		if (debtor.archetype != Archetype.DEFAULTER) {
			late = Math.min(late, client.recourse ? client.recourseDays - 3 : 85);
		}
		int payDay = invoice.dueDay + late;
		if (debtor.paymentRunDay > 0) {
			payDay = debtor.paymentRun(payDay, invoice.dueDay);
		}
		return Math.max(payDay, Math.max(invoice.dueDay - 10, invoice.fundedOn + 1));
	}

	/**
	 * Now and then (often for serial disputers) the debtor disputes the invoice after
	 * funding; a resolved dispute is withdrawn or settled by a credit note, and the
	 * debtor pays a few days after it is resolved. False when the dispute is still open
	 * today (the invoice stays as funded).
	 */
	private boolean dispute(ClientPlan client, Life life, SplittableRandom r) {
		PlannedInvoice invoice = life.invoice;
		if (r.nextDouble() >= invoice.debtor.disputeShare) {
			return true;
		}
		int yesterday = this.today - 1;
		int earliest = Math.max(invoice.fundedOn + 1, invoice.issueDay + 3);
		int latest = Math.min(yesterday,
				life.defaults ? invoice.dueDay + 30 : Math.min(life.payDay - 1, invoice.dueDay + 20));
		if (earliest > latest) {
			return true;
		}
		int opened = r.nextInt(earliest, latest + 1);
		Dispute dispute = new Dispute();
		int reason = pick(DISPUTE_REASON_SHARES, r);
		dispute.reason = reason;
		dispute.openedOn = opened;
		dispute.cents = (r.nextDouble() < 0.4) ? invoice.cents
				: Math.max(100, cents(invoice.cents / 100.0 * r.nextDouble(0.1, 0.6)));
		invoice.dispute = dispute;
		invoice.transition(life.status, life.status, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
				this.calendar.at(opened, business(r)), "Debtor disputes the invoice: " + DISPUTE_LABELS[reason], r);
		life.lastEvent = opened;
		int resolved = opened + 3 + (int) Math.min(150, -Math.log(1 - r.nextDouble()) * 25);
		if (resolved > yesterday) {
			client.openDispute[invoice.pair] = true;
			invoice.status = life.status;
			return false;
		}
		dispute.resolvedOn = resolved;
		String resolution;
		if (r.nextDouble() < 0.45) {
			dispute.outcome = "WITHDRAWN";
			resolution = "Dispute withdrawn by the debtor";
		}
		else {
			dispute.outcome = "CREDIT_NOTE";
			long credit = (r.nextDouble() < 0.6) ? dispute.cents
					: Math.max(1, cents(dispute.cents / 100.0 * r.nextDouble(0.3, 0.9)));
			credit = Math.min(credit, invoice.cents * 95 / 100);
			invoice.creditNote(dispute, resolved, credit, DISPUTE_CREDIT_TEXTS[reason]);
			life.collectable -= credit;
			resolution = "Dispute settled by credit note";
		}
		invoice.transition(life.status, life.status, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
				this.calendar.at(resolved, business(r)), resolution, r);
		life.lastEvent = resolved;
		life.payDay = Math.max(life.payDay, resolved + 2 + r.nextInt(14));
		return true;
	}

	/**
	 * About one undisputed invoice in a hundred gets a small commercial credit note
	 * before it is paid.
	 */
	private void creditNote(Life life, SplittableRandom r) {
		PlannedInvoice invoice = life.invoice;
		if (invoice.dispute == null && r.nextDouble() < 0.01) {
			int issued = invoice.fundedOn + 3 + r.nextInt(40);
			if (issued < life.payDay && issued <= this.today - 1) {
				long credit = Math.max(100, cents(life.collectable / 100.0 * r.nextDouble(0.01, 0.08)));
				invoice.creditNote(null, issued, credit, CREDIT_NOTE_TEXTS[r.nextInt(CREDIT_NOTE_TEXTS.length)]);
				life.collectable -= credit;
			}
		}
	}

	/**
	 * A quarter to three quarters paid ahead of the rest: 4 % of paying invoices, a
	 * quarter of a defaulter's last ones before it stopped.
	 */
	private void partialPayment(Life life, SplittableRandom r) {
		PlannedInvoice invoice = life.invoice;
		DebtorPlan debtor = invoice.debtor;
		if (invoice.dispute != null) {
			return;
		}
		int partialDay = NONE;
		if (!life.defaults && r.nextDouble() < 0.04) {
			partialDay = life.payDay - 7 - r.nextInt(24);
		}
		else if (life.defaults && r.nextDouble() < 0.25 && debtor.stopDay - 1 > invoice.fundedOn + 5) {
			partialDay = r.nextInt(invoice.fundedOn + 5, debtor.stopDay - 1);
		}
		if (partialDay > invoice.fundedOn && partialDay <= this.today) {
			life.partial = Math.max(1, cents(life.collectable / 100.0 * r.nextDouble(0.25, 0.75)));
			invoice.partial = new Allocation(invoice, life.partial);
			invoice.transition(life.status, InvoiceStatus.PARTIALLY_PAID, SYSTEM,
					this.calendar.at(partialDay, bankRun(r)), "Partial payment ", r);
			invoice.partialPayment = new Payment(debtor, partialDay);
			invoice.partialPayment.allocations.add(invoice.partial);
			invoice.lastTransition().payment = invoice.partialPayment;
			life.status = InvoiceStatus.PARTIALLY_PAID;
			life.lastEvent = partialDay;
		}
	}

	private void settle(Life life, SplittableRandom r) {
		PlannedInvoice invoice = life.invoice;
		invoice.settlement = new Allocation(invoice, life.collectable - life.partial);
		invoice.settledOn = life.payDay;
		invoice.transition(life.status, InvoiceStatus.PAID, SYSTEM, this.calendar.at(life.payDay, bankRun(r)),
				"Payment ", r);
		life.status = InvoiceStatus.PAID;
		invoice.closedOn = life.payDay;
	}

	/**
	 * An invoice a defaulter will not pay: most are charged back to a client with
	 * recourse once its recourse period is over, most without recourse written off after
	 * the debtor's insolvency is filed; the others are still open.
	 */
	private void chargeBackOrWriteOff(ClientPlan client, Life life, SplittableRandom r) {
		PlannedInvoice invoice = life.invoice;
		int day;
		InvoiceStatus end;
		String reason;
		double chance;
		if (client.recourse) {
			day = invoice.dueDay + client.recourseDays + 1 + r.nextInt(20);
			end = InvoiceStatus.CHARGED_BACK;
			reason = "Recourse period of " + client.recourseDays + " days exceeded: charged back to the client";
			chance = 0.8;
		}
		else {
			day = invoice.dueDay + 150 + r.nextInt(90);
			end = InvoiceStatus.WRITTEN_OFF;
			reason = "Debtor insolvent: claim filed with the administrator, written off";
			chance = 0.7;
		}
		if (day <= this.today - 1 && day > life.lastEvent && r.nextDouble() < chance) {
			invoice.transition(life.status, end, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
					this.calendar.at(day, business(r)), reason, r);
			life.status = end;
			invoice.closedOn = day;
		}
	}

	/**
	 * The underwriter queue: invoices issued in the last 20 days, submitted in the last
	 * 10, still SUBMITTED; some large, some on debtors with an open dispute, a few
	 * pledged before by another client.
	 */
	private void addQueue(ClientPlan client, List<PlannedInvoice> invoices, ScheduleTimes times, SplittableRandom r) {
		if (client.queue == 0) {
			return;
		}
		List<Integer> cadence = new ArrayList<>();
		for (int day = this.today - QUEUE_SUBMISSION_DAYS; day < this.today; day++) {
			if (client.submitsOn[DeskCalendar.dayOfWeek(day)]) {
				cadence.add(day);
			}
		}
		int[] days = new int[1 + r.nextInt(3)];
		for (int i = 0; i < days.length; i++) {
			days[i] = cadence.get(r.nextInt(cadence.size()));
		}
		List<Integer> disputed = new ArrayList<>();
		for (int p = 0; p < client.openDispute.length; p++) {
			if (client.openDispute[p]) {
				disputed.add(p);
			}
		}
		for (int i = 0; i < client.queue; i++) {
			PlannedInvoice invoice = new PlannedInvoice();
			if (i < client.suspicious && !this.recent.isEmpty()) {
				Recent source = this.recent.get(r.nextInt(this.recent.size()));
				invoice.copy = true;
				invoice.debtor = source.debtor();
				invoice.issueDay = source.issueDay();
				invoice.dueDay = source.dueDay();
				invoice.cents = source.cents();
				invoice.submittedOn = Math.max(source.issueDay(), days[r.nextInt(days.length)]);
			}
			else {
				invoice.pair = (!disputed.isEmpty() && r.nextDouble() < 0.08) ? disputed.get(r.nextInt(disputed.size()))
						: sample(client.pairCumulative, r);
				invoice.debtor = this.debtors[client.debtors[invoice.pair]];
				invoice.submittedOn = days[r.nextInt(days.length)];
				invoice.issueDay = Math.max(this.today - QUEUE_ISSUE_DAYS, invoice.submittedOn - r.nextInt(11));
				invoice.dueDay = invoice.issueDay + client.pairTerms[invoice.pair];
				invoice.cents = (r.nextDouble() < 0.08) ? cents(r.nextDouble(50_000, 400_000))
						: amount(client.faceMu + client.pairFaceMu[invoice.pair], r);
			}
			invoice.submittedAt = times.at(invoice.submittedOn, r);
			invoice.transition(null, InvoiceStatus.SUBMITTED, client.submitter, invoice.submittedAt, null, r);
			invoice.status = InvoiceStatus.SUBMITTED;
			invoices.add(invoice);
			this.submittedInQueue++;
		}
	}

	/**
	 * Where one funded invoice stands while its life is drawn.
	 */
	private static final class Life {

		final PlannedInvoice invoice;

		final boolean defaults;

		InvoiceStatus status = InvoiceStatus.FUNDED;

		int payDay;

		long collectable;

		long partial;

		int lastEvent;

		Life(PlannedInvoice invoice, int payDay) {
			this.invoice = invoice;
			this.payDay = payDay;
			this.defaults = invoice.debtor.archetype == Archetype.DEFAULTER && payDay >= invoice.debtor.stopDay;
			this.collectable = invoice.cents;
			this.lastEvent = invoice.fundedOn;
		}

	}

	/**
	 * A recent invoice another client could pledge again.
	 */
	private record Recent(DebtorPlan debtor, int issueDay, int dueDay, long cents) {
	}

	/**
	 * When each schedule of one client was submitted: one time of day per submission day,
	 * during office hours.
	 */
	static final class ScheduleTimes {

		private final DeskCalendar calendar;

		private final Map<Integer, Long> times = new TreeMap<>();

		ScheduleTimes(DeskCalendar calendar) {
			this.calendar = calendar;
		}

		long at(int day, SplittableRandom r) {
			Long at = this.times.get(day);
			if (at == null) {
				at = this.calendar.at(day, 8 * 60 + r.nextInt(9 * 60));
				this.times.put(day, at);
			}
			return at;
		}

	}

}
