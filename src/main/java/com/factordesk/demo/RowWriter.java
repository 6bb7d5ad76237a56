package com.factordesk.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.factordesk.demo.CopyLoader.Batch;
import com.factordesk.demo.CopyLoader.Rows;
import com.factordesk.demo.CopyLoader.Table;
import com.factordesk.demo.InvoiceLifecycle.ScheduleTimes;
import com.factordesk.demo.PlannedInvoice.Allocation;
import com.factordesk.demo.PlannedInvoice.CreditNote;
import com.factordesk.demo.PlannedInvoice.Dispute;
import com.factordesk.demo.PlannedInvoice.Payment;
import com.factordesk.demo.PlannedInvoice.Transition;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.PaymentSource;
import com.factordesk.shared.Money;

import static com.factordesk.demo.CopyLoader.NONE;

/**
 * Turns the plans into {@code COPY} rows: assigns the ids, numbers the invoices, groups
 * settlements into payments, and hands a batch to the loader whenever it is full.
 */
final class RowWriter {

	private static final int INVOICES_PER_BATCH = 50_000;

	private static final int ROWS_PER_BATCH = 250_000;

	private static final String[] PROVIDERS = { "PAYDEX", "INTELLISCORE", "CREDITSAFE", "GRAYDON" };

	private static final int[] PROVIDER_BIAS = { 4, 0, -2, 1 };

	/**
	 * A funding run is confirmed paid half an hour after its last invoice was funded.
	 */
	private static final long RUN_CONFIRMED_AFTER_SECONDS = 30 * 60;

	/**
	 * One client in this many has a recent receipt paid as a round sum.
	 */
	private static final int OVERPAYING_CLIENTS = 5;

	/**
	 * A round sum is the next multiple of 1,000 euros.
	 */
	private static final long ROUND_SUM_CENTS = 100_000;

	/**
	 * The bank statement is read at 6:00, desk time.
	 */
	private static final int RECEIPTS_RECORDED_AT = 6 * 60;

	private static final String SYSTEM = "system";

	private final DeskCalendar calendar;

	private final int today;

	private final int firstIssueDay;

	private final CopyLoader loader;

	private final BandHistory bands;

	private Batch batch;

	private long scheduleIds;

	private long invoiceIds;

	private long transitionIds;

	private long disputeIds;

	private long creditNoteIds;

	private long paymentIds;

	private long allocationIds;

	private long bureauScoreIds;

	private long fundingRunIds;

	private long advanceIds;

	private final LedgerHistory ledger;

	RowWriter(DeskCalendar calendar, int today, CopyLoader loader, BandHistory bands) {
		this.calendar = calendar;
		this.today = today;
		this.firstIssueDay = today - BookPlanner.HISTORY_DAYS;
		this.loader = loader;
		this.bands = bands;
		this.batch = new Batch(calendar);
		this.ledger = new LedgerHistory(calendar, today);
	}

	/**
	 * Writes one client's invoices (the lifecycle done) with their schedules, payments,
	 * transitions, disputes and credit notes, in issue order.
	 */
	void writeClientInvoices(ClientPlan client, List<PlannedInvoice> invoices, ScheduleTimes times) {
		invoices.sort(Comparator.comparingInt((PlannedInvoice invoice) -> invoice.issueDay));
		number(invoices);
		writeSchedules(client, invoices, times);
		writePayments(client, invoices);
		writeInvoices(client, invoices);
		writeAdvances(client, invoices);
		this.ledger.write(this.batch, client, invoices);
		this.batch.invoices += invoices.size();
		if (this.batch.invoices >= INVOICES_PER_BATCH) {
			flush();
		}
	}

	void flush() {
		if (!this.batch.isEmpty()) {
			this.loader.load(this.batch);
			this.batch = new Batch(this.calendar);
		}
	}

	GenerationReport report(int clients, int debtors, long submittedInQueue, Exposures exposures, Duration elapsed) {
		return new GenerationReport(clients, debtors, this.invoiceIds, this.paymentIds, this.allocationIds,
				this.disputeIds, this.creditNoteIds, this.bureauScoreIds, this.transitionIds, submittedInQueue, clients,
				this.scheduleIds, this.advanceIds, this.fundingRunIds, this.ledger.settlements(),
				this.ledger.rebateRuns(), this.ledger.entries(), exposures.debtors(), exposures.facilities(), elapsed);
	}

	void writeClientsAndDebtors(ClientPlan[] clients, DebtorPlan[] debtors) {
		Rows clientRows = this.batch.rows(Table.CLIENT);
		Rows facilityRows = this.batch.rows(Table.FACILITY);
		for (ClientPlan client : clients) {
			clientRows.id(client.id)
				.text(client.ref)
				.text(client.name)
				.text(client.registration)
				.text(client.country)
				.text(client.industry)
				.date(client.onboardedOn)
				.text(client.iban)
				.text(client.bic)
				.end();
			facilityRows.id(client.id)
				.id(client.id)
				.money(client.facilityLimit * 100)
				.text(client.advanceRate)
				.bool(client.recourse)
				.number(client.recourse ? client.recourseDays : NONE)
				.bool(client.notification)
				.text(client.concentrationLimit)
				.text(Money.CURRENCY)
				.text(client.feeStructure)
				.number(client.feePeriodDays)
				.text(client.dayCount)
				.text(client.feeDiscount)
				.end();
		}
		Rows debtorRows = this.batch.rows(Table.DEBTOR);
		for (DebtorPlan debtor : debtors) {
			debtorRows.id(debtor.id)
				.text(debtor.ref)
				.text(debtor.name)
				.text(debtor.registration)
				.text(debtor.country)
				.text(debtor.industry)
				.money(debtor.creditLimitCents)
				.money((debtor.insurerExpiresOn != NONE) ? debtor.insurerLimitCents : -1)
				.date(debtor.insurerExpiresOn)
				.end();
		}
	}

	/**
	 * One or two providers per debtor (none for about 7 %), a score about every 90 days
	 * that follows the debtor's behaviour; for about 10 % the newest score is more than
	 * 180 days old.
	 */
	void writeBureauScores(DebtorPlan[] debtors, SplittableRandom r) {
		for (DebtorPlan debtor : debtors) {
			if (r.nextDouble() < 0.07) {
				continue;
			}
			int providers = (r.nextDouble() < 0.6) ? 1 : 2;
			int first = r.nextInt(PROVIDERS.length);
			int second = (first + 1 + r.nextInt(PROVIDERS.length - 1)) % PROVIDERS.length;
			int lastDay = (r.nextDouble() < 0.10) ? this.today - r.nextInt(181, 420) : this.today;
			for (int p = 0; p < providers; p++) {
				int provider = (p == 0) ? first : second;
				Rows rows = this.batch.rows(Table.BUREAU_SCORE);
				for (int day = this.firstIssueDay + r.nextInt(90); day <= lastDay; day += 80 + r.nextInt(21)) {
					int score = (int) Math
						.round(debtor.score(day, this.today) + PROVIDER_BIAS[provider] + 3 * r.nextGaussian());
					rows.id(++this.bureauScoreIds)
						.id(debtor.id)
						.text(PROVIDERS[provider])
						.number(Math.max(0, Math.min(100, score)))
						.date(day)
						.end();
				}
			}
			if (this.batch.rows(Table.BUREAU_SCORE).count >= ROWS_PER_BATCH) {
				flush();
			}
		}
	}

	private void number(List<PlannedInvoice> invoices) {
		int year = Integer.MIN_VALUE;
		int sequence = 0;
		for (PlannedInvoice invoice : invoices) {
			invoice.id = ++this.invoiceIds;
			int issueYear = this.calendar.year(invoice.issueDay);
			if (issueYear != year) {
				year = issueYear;
				sequence = 0;
			}
			invoice.number = String.format(Locale.ROOT, "INV-%d-%06d", year, ++sequence);
		}
	}

	private void writeSchedules(ClientPlan client, List<PlannedInvoice> invoices, ScheduleTimes times) {
		TreeMap<Integer, long[]> schedules = new TreeMap<>();
		for (PlannedInvoice invoice : invoices) {
			schedules.put(invoice.submittedOn, null);
		}
		Rows rows = this.batch.rows(Table.SCHEDULE);
		for (Map.Entry<Integer, long[]> schedule : schedules.entrySet()) {
			int day = schedule.getKey();
			long id = ++this.scheduleIds;
			schedule.setValue(new long[] { id });
			rows.id(id)
				.id(client.id)
				.text("S-" + client.ref + "-" + this.calendar.compactDate(day))
				.timestamp(times.at(day, null))
				.text(client.submitter)
				.end();
		}
		for (PlannedInvoice invoice : invoices) {
			invoice.scheduleId = schedules.get(invoice.submittedOn)[0];
		}
	}

	/**
	 * Partial payments are paid on their own; settlements of one debtor on one day are
	 * paid together, up to four invoices a payment. Each receipt is as the bank reported
	 * it: from the debtor's account, the invoice numbers in the remittance text. One
	 * client in five has a recent receipt paid as a round sum above what its invoices
	 * owed: the rest is unapplied cash.
	 */
	private void writePayments(ClientPlan client, List<PlannedInvoice> invoices) {
		List<Payment> payments = new ArrayList<>();
		List<PlannedInvoice> settled = new ArrayList<>();
		for (PlannedInvoice invoice : invoices) {
			if (invoice.partialPayment != null) {
				payments.add(invoice.partialPayment);
			}
			if (invoice.settlement != null) {
				settled.add(invoice);
			}
		}
		settled.sort(Comparator.comparingLong((PlannedInvoice invoice) -> invoice.debtor.id)
			.thenComparingInt((invoice) -> invoice.settledOn)
			.thenComparingLong((invoice) -> invoice.id));
		int start = 0;
		while (start < settled.size()) {
			PlannedInvoice first = settled.get(start);
			int end = start + 1;
			while (end < settled.size() && end - start < 4 && settled.get(end).debtor == first.debtor
					&& settled.get(end).settledOn == first.settledOn) {
				end++;
			}
			Payment payment = new Payment(first.debtor, first.settledOn);
			for (int i = start; i < end; i++) {
				PlannedInvoice invoice = settled.get(i);
				payment.allocations.add(invoice.settlement);
				invoice.settlementPayment = payment;
			}
			payments.add(payment);
			start = end;
		}
		payments.sort(Comparator.comparingInt((Payment payment) -> payment.receivedOn)
			.thenComparingLong((payment) -> payment.debtor.id)
			.thenComparingLong((payment) -> payment.allocations.get(0).invoice().id));
		Payment roundSum = (client.index % OVERPAYING_CLIENTS == 0) ? roundSum(payments) : null;
		Rows paymentRows = this.batch.rows(Table.PAYMENT);
		Rows allocationRows = this.batch.rows(Table.PAYMENT_ALLOCATION);
		StringBuilder remittance = new StringBuilder(64);
		for (Payment payment : payments) {
			payment.id = ++this.paymentIds;
			long total = 0;
			remittance.setLength(0);
			for (Allocation allocation : payment.allocations) {
				total += allocation.cents();
				remittance.append((remittance.length() == 0) ? "" : ", ").append(allocation.invoice().number);
			}
			if (payment.allocations.get(0).invoice().partialPayment == payment) {
				remittance.append(" part payment");
			}
			if (payment == roundSum) {
				total += ROUND_SUM_CENTS - total % ROUND_SUM_CENTS;
				remittance.append(" on account");
			}
			paymentRows.id(payment.id)
				.id(payment.debtor.id)
				.date(payment.receivedOn)
				.money(total)
				.text(payment.reference())
				.text(payment.debtor.name)
				.text(payment.debtor.iban)
				.text(remittance.toString())
				.text(PaymentSource.HISTORY.name())
				.text(SYSTEM)
				.timestamp(this.calendar.at(payment.receivedOn, RECEIPTS_RECORDED_AT))
				.end();
			for (Allocation allocation : payment.allocations) {
				allocationRows.id(++this.allocationIds)
					.id(payment.id)
					.id(allocation.invoice().id)
					.money(allocation.cents())
					.date(payment.receivedOn)
					.end();
			}
		}
	}

	/**
	 * The client's newest receipt of the last 30 days that pays invoices in full, or
	 * null.
	 */
	private Payment roundSum(List<Payment> payments) {
		Payment newest = null;
		for (Payment payment : payments) {
			PlannedInvoice first = payment.allocations.get(0).invoice();
			if (payment.receivedOn >= this.today - 30 && first.settlementPayment == payment
					&& (newest == null || payment.receivedOn >= newest.receivedOn)) {
				newest = payment;
			}
		}
		return newest;
	}

	private void writeInvoices(ClientPlan client, List<PlannedInvoice> invoices) {
		Rows invoiceRows = this.batch.rows(Table.INVOICE);
		Rows transitionRows = this.batch.rows(Table.INVOICE_TRANSITION);
		Rows disputeRows = this.batch.rows(Table.DISPUTE);
		Rows creditNoteRows = this.batch.rows(Table.CREDIT_NOTE);
		for (PlannedInvoice invoice : invoices) {
			invoiceRows.id(invoice.id)
				.id(client.id)
				.id(invoice.debtor.id)
				.id(invoice.scheduleId)
				.text(invoice.number)
				.date(invoice.issueDay)
				.date(invoice.dueDay)
				.money(invoice.cents)
				.text(Money.CURRENCY)
				.text(invoice.status.name())
				.timestamp(invoice.submittedAt)
				.date(invoice.fundedOn)
				.date(invoice.closedOn)
				.end();
			for (Transition transition : invoice.transitions) {
				transitionRows.id(++this.transitionIds)
					.id(invoice.id)
					.text((transition.from != null) ? transition.from.name() : null)
					.text(transition.to.name())
					.text(transition.by)
					.timestamp(transition.at)
					.text(transition.reason(invoice))
					.end();
			}
			Dispute dispute = invoice.dispute;
			if (dispute != null) {
				dispute.id = ++this.disputeIds;
				disputeRows.id(dispute.id)
					.id(invoice.id)
					.text(InvoiceLifecycle.DISPUTE_REASONS[dispute.reason])
					.date(dispute.openedOn)
					.money(dispute.cents)
					.date(dispute.resolvedOn)
					.text(dispute.outcome)
					.end();
			}
			if (invoice.creditNotes != null) {
				for (CreditNote note : invoice.creditNotes) {
					creditNoteRows.id(++this.creditNoteIds)
						.id(invoice.id)
						.id((note.dispute() != null) ? note.dispute().id : NONE)
						.date(note.issuedOn())
						.money(note.cents())
						.text(note.reason())
						.end();
				}
			}
		}
	}

	/**
	 * One advance per funded invoice (open or closed) at the bands in force on its
	 * funding day for the debtor's score then ({@link DebtorPlan#scoreOn}), and the
	 * client's funding runs: its invoices funded on one day were paid out together, by
	 * the underwriter who approved the first of them, and confirmed paid that evening.
	 */
	private void writeAdvances(ClientPlan client, List<PlannedInvoice> invoices) {
		long facilityRate = BandHistory.micros(new BigDecimal(client.advanceRate));
		TreeMap<Integer, FundingRun> runs = new TreeMap<>();
		BandHistory.Terms[] terms = new BandHistory.Terms[invoices.size()];
		long[] advances = new long[invoices.size()];
		for (int i = 0; i < invoices.size(); i++) {
			PlannedInvoice invoice = invoices.get(i);
			if (invoice.fundedOn == NONE) {
				continue;
			}
			terms[i] = this.bands.terms(invoice.fundedOn,
					invoice.debtor.scoreOn(invoice.fundedOn, this.today, this.calendar), facilityRate);
			advances[i] = terms[i].advanceCents(invoice.cents);
			invoice.advanceCents = advances[i];
			invoice.feeRate = terms[i].feeRate();
			runs.computeIfAbsent(invoice.fundedOn, (day) -> new FundingRun()).add(invoice, advances[i]);
		}
		Rows runRows = this.batch.rows(Table.FUNDING_RUN);
		for (Map.Entry<Integer, FundingRun> entry : runs.entrySet()) {
			FundingRun run = entry.getValue();
			run.id = ++this.fundingRunIds;
			runRows.id(run.id)
				.id(client.id)
				.date(entry.getKey())
				.money(run.totalCents)
				.number(run.count)
				.text(run.approvedBy)
				.timestamp(run.firstFundedAt)
				.text(run.approvedBy)
				.timestamp(run.lastFundedAt + RUN_CONFIRMED_AFTER_SECONDS)
				.end();
		}
		Rows advanceRows = this.batch.rows(Table.ADVANCE);
		for (int i = 0; i < invoices.size(); i++) {
			PlannedInvoice invoice = invoices.get(i);
			if (terms[i] == null) {
				continue;
			}
			advanceRows.id(++this.advanceIds)
				.id(invoice.id)
				.id(runs.get(invoice.fundedOn).id)
				.date(invoice.fundedOn)
				.money(invoice.cents)
				.money(advances[i])
				.money(invoice.cents - advances[i])
				.text(BandHistory.rate(terms[i].advanceRate()))
				.text((terms[i].feeRate() != NONE) ? BandHistory.rate(terms[i].feeRate()) : null)
				.text(client.feeStructure)
				.number(client.feePeriodDays)
				.text(client.dayCount)
				.number(terms[i].version())
				.end();
		}
	}

	/**
	 * The debtor and facility exposure rows the load filled in.
	 */
	record Exposures(long debtors, long facilities) {
	}

	/**
	 * A client's invoices funded on one day.
	 */
	private static final class FundingRun {

		long id;

		long totalCents;

		int count;

		String approvedBy;

		long firstFundedAt = Long.MAX_VALUE;

		long lastFundedAt = Long.MIN_VALUE;

		void add(PlannedInvoice invoice, long advanceCents) {
			this.totalCents += advanceCents;
			this.count++;
			for (Transition transition : invoice.transitions) {
				if (transition.to == InvoiceStatus.FUNDED && transition.from == InvoiceStatus.APPROVED) {
					if (transition.at < this.firstFundedAt) {
						this.firstFundedAt = transition.at;
						this.approvedBy = approver(invoice);
					}
					this.lastFundedAt = Math.max(this.lastFundedAt, transition.at);
				}
			}
		}

		private static String approver(PlannedInvoice invoice) {
			for (Transition transition : invoice.transitions) {
				if (transition.to == InvoiceStatus.APPROVED) {
					return transition.by;
				}
			}
			throw new IllegalStateException("A funded invoice without an approval: " + invoice.number);
		}

	}

}
