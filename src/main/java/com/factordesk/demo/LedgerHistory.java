package com.factordesk.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.factordesk.approval.SettlementFees;
import com.factordesk.approval.SettlementFees.Collection;
import com.factordesk.approval.SettlementFees.SettledFee;
import com.factordesk.client.DayCount;
import com.factordesk.client.FeeKind;
import com.factordesk.demo.CopyLoader.Batch;
import com.factordesk.demo.CopyLoader.Rows;
import com.factordesk.demo.CopyLoader.Table;
import com.factordesk.demo.PlannedInvoice.CreditNote;
import com.factordesk.demo.PlannedInvoice.Transition;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import static com.factordesk.demo.CopyLoader.NONE;

/**
 * The money side of one client's history, as the desk would have booked it (DESIGN
 * section 4b): a settlement for every funded invoice the history closed, the client's
 * reserve ledger and the weekly rebate runs that paid out what it released.
 * <ul>
 * <li>each funded invoice creates its reserve on its funding day (RESERVE_CREATED), each
 * credit note on it dilutes the reserve on its issue day (DILUTION);</li>
 * <li>a closed invoice is settled on the day it closed: PAID when the debtor paid what
 * the credit notes left, CHARGED_BACK (recourse: the outstanding face is the shortfall,
 * debited as CHARGEBACK), WRITTEN_OFF (without recourse: the outstanding face is the
 * factor's credit loss, not the client's debit); the fee by the actual days under the
 * facility's fee structure ({@link SettlementFees}, debited as FEE); the rebate is
 * reserve - fee - credited - shortfall;</li>
 * <li>every week, on the client's own weekday, a rebate run pays what the ledger holds
 * beyond the reserve of the invoices still open (when at least 100 euros), as
 * REBATE_PAID.</li>
 * </ul>
 * Short pays do not occur: the history closes no invoice short paid. Amounts are in
 * cents; ids are assigned here, entries in the order they were booked.
 */
final class LedgerHistory {

	/**
	 * A rebate run pays at least 100 euros; less waits for the next week.
	 */
	static final long MINIMUM_RUN_CENTS = 10_000;

	private static final String SYSTEM = "system";

	private static final String RUN_BY = "manager";

	/**
	 * Rebate runs are made at 16:00 desk time and confirmed paid half an hour later.
	 */
	private static final int RUN_AT = 16 * 60;

	private static final long RUN_CONFIRMED_AFTER_SECONDS = 30 * 60;

	/**
	 * Credit notes reach the ledger at 11:00 desk time.
	 */
	private static final int DILUTION_AT = 11 * 60;

	private static final byte RESERVE_CREATED = 0;

	private static final byte DILUTION = 1;

	private static final byte FEE = 2;

	private static final byte CHARGEBACK = 3;

	private static final byte REBATE_PAID = 4;

	private static final String[] KINDS = { "RESERVE_CREATED", "DILUTION", "FEE", "CHARGEBACK", "REBATE_PAID" };

	private final DeskCalendar calendar;

	private final int today;

	private final int firstDay;

	private long settlementIds;

	private long rebateRunIds;

	private long entryIds;

	LedgerHistory(DeskCalendar calendar, int today) {
		this.calendar = calendar;
		this.today = today;
		this.firstDay = today - BookPlanner.HISTORY_DAYS;
	}

	long settlements() {
		return this.settlementIds;
	}

	long rebateRuns() {
		return this.rebateRunIds;
	}

	long entries() {
		return this.entryIds;
	}

	/**
	 * Writes the settlements, rebate runs and reserve entries of one client's invoices
	 * (numbered, with their payments and advances already written).
	 */
	void write(Batch batch, ClientPlan client, List<PlannedInvoice> invoices) {
		FeeKind kind = FeeKind.valueOf(client.feeStructure);
		DayCount dayCount = DayCount.valueOf(client.dayCount);
		int days = this.today - this.firstDay + 1;
		long[] balanceMoves = new long[days];
		long[] heldMoves = new long[days];
		List<Entry> entries = new ArrayList<>();
		Rows settlementRows = batch.rows(Table.SETTLEMENT);
		for (PlannedInvoice invoice : invoices) {
			if (invoice.fundedOn == NONE) {
				continue;
			}
			long reserve = invoice.cents - invoice.advanceCents;
			entries.add(new Entry(invoice.fundedOn, fundedAt(invoice), RESERVE_CREATED, reserve, invoice.id, NONE, NONE,
					NONE, SYSTEM));
			balanceMoves[invoice.fundedOn - this.firstDay] += reserve;
			heldMoves[invoice.fundedOn - this.firstDay] += reserve;
			long credited = 0;
			if (invoice.creditNotes != null) {
				for (CreditNote note : invoice.creditNotes) {
					credited += note.cents();
					entries.add(new Entry(note.issuedOn(), this.calendar.at(note.issuedOn(), DILUTION_AT), DILUTION,
							-note.cents(), invoice.id, NONE, NONE, NONE, SYSTEM));
					balanceMoves[note.issuedOn() - this.firstDay] -= note.cents();
				}
			}
			if (!invoice.status.isClosed()) {
				continue;
			}
			Settlement settlement = settle(invoice, kind, client.feePeriodDays, dayCount, reserve, credited);
			Transition closing = invoice.lastTransition();
			settlementRows.id(settlement.id)
				.id(invoice.id)
				.id(client.id)
				.text(settlement.kind)
				.date(invoice.closedOn)
				.number(settlement.fee.days())
				.money(invoice.cents)
				.money(invoice.advanceCents)
				.money(reserve)
				.money(settlement.collected)
				.money(credited)
				.money(settlement.feeCents)
				.text(settlement.fee.rate().fraction().toPlainString())
				.number(settlement.fee.periods())
				.money(settlement.shortfall)
				.money(settlement.creditLoss)
				.signedMoney(settlement.rebate)
				.text(closing.by)
				.timestamp(closing.at)
				.end();
			long paymentId = (invoice.settlementPayment != null) ? invoice.settlementPayment.id : NONE;
			if (settlement.feeCents > 0) {
				entries.add(new Entry(invoice.closedOn, closing.at, FEE, -settlement.feeCents, invoice.id, paymentId,
						settlement.id, NONE, closing.by));
			}
			if (settlement.shortfall > 0) {
				entries.add(new Entry(invoice.closedOn, closing.at, CHARGEBACK, -settlement.shortfall, invoice.id, NONE,
						settlement.id, NONE, closing.by));
			}
			balanceMoves[invoice.closedOn - this.firstDay] -= settlement.feeCents + settlement.shortfall;
			heldMoves[invoice.closedOn - this.firstDay] -= reserve;
		}
		rebateRuns(batch, client, balanceMoves, heldMoves, entries);
		entries.sort(Comparator.comparingInt((Entry entry) -> entry.day)
			.thenComparingInt((entry) -> (entry.kind == REBATE_PAID) ? 1 : 0)
			.thenComparingLong((entry) -> entry.at)
			.thenComparingLong((entry) -> entry.invoiceId));
		Rows entryRows = batch.rows(Table.RESERVE_ENTRY);
		for (Entry entry : entries) {
			entryRows.id(++this.entryIds)
				.id(client.id)
				.text(KINDS[entry.kind])
				.signedMoney(entry.cents)
				.date(entry.day)
				.id(entry.invoiceId)
				.id(entry.paymentId)
				.id(entry.settlementId)
				.id(entry.runId)
				.text(entry.by)
				.timestamp(entry.at)
				.end();
		}
	}

	/**
	 * The settlement of a closed funded invoice: the fee by the actual days from funding
	 * to closing on what the debtor paid and when, and what is left of the reserve.
	 */
	private Settlement settle(PlannedInvoice invoice, FeeKind kind, int periodDays, DayCount dayCount, long reserve,
			long credited) {
		List<Collection> collections = new ArrayList<>(2);
		long collected = 0;
		if (invoice.partial != null) {
			collections.add(new Collection(LocalDate.ofEpochDay(invoice.partialPayment.receivedOn),
					money(invoice.partial.cents())));
			collected += invoice.partial.cents();
		}
		if (invoice.settlement != null) {
			collections.add(new Collection(LocalDate.ofEpochDay(invoice.settledOn), money(invoice.settlement.cents())));
			collected += invoice.settlement.cents();
		}
		Rate feeRate = (invoice.feeRate != NONE) ? new Rate(BigDecimal.valueOf(invoice.feeRate, 6)) : Rate.ZERO;
		SettledFee fee = SettlementFees.fee(kind, periodDays, dayCount, money(invoice.cents),
				money(invoice.advanceCents), feeRate, LocalDate.ofEpochDay(invoice.fundedOn),
				LocalDate.ofEpochDay(invoice.closedOn), collections);
		long outstanding = invoice.cents - credited - collected;
		Settlement settlement = new Settlement();
		settlement.id = ++this.settlementIds;
		settlement.fee = fee;
		settlement.feeCents = fee.fee().amount().movePointRight(2).longValueExact();
		settlement.collected = collected;
		if (invoice.status == InvoiceStatus.PAID) {
			settlement.kind = "PAID";
		}
		else if (invoice.status == InvoiceStatus.CHARGED_BACK) {
			settlement.kind = "CHARGED_BACK";
			settlement.shortfall = outstanding;
		}
		else if (invoice.status == InvoiceStatus.WRITTEN_OFF) {
			settlement.kind = "WRITTEN_OFF";
			settlement.creditLoss = outstanding;
		}
		else {
			throw new IllegalStateException("No settlement for a funded invoice " + invoice.status);
		}
		settlement.rebate = reserve - settlement.feeCents - credited - settlement.shortfall;
		return settlement;
	}

	/**
	 * The client's weekly rebate runs, on its own weekday (Monday for the first client,
	 * Tuesday for the second, and so on), each paying what the ledger holds beyond the
	 * reserve of its open funded invoices at the end of that day, when it is at least
	 * {@link #MINIMUM_RUN_CENTS}; none today (today's rebates are still due).
	 */
	private void rebateRuns(Batch batch, ClientPlan client, long[] balanceMoves, long[] heldMoves,
			List<Entry> entries) {
		int weekday = client.index % 5;
		Rows runRows = batch.rows(Table.REBATE_RUN);
		long balance = 0;
		long held = 0;
		for (int day = this.firstDay; day < this.today; day++) {
			balance += balanceMoves[day - this.firstDay];
			held += heldMoves[day - this.firstDay];
			long available = balance - held;
			if (DeskCalendar.dayOfWeek(day) != weekday || available < MINIMUM_RUN_CENTS) {
				continue;
			}
			long id = ++this.rebateRunIds;
			long at = this.calendar.at(day, RUN_AT);
			runRows.id(id)
				.id(client.id)
				.date(day)
				.money(available)
				.text(RUN_BY)
				.timestamp(at)
				.text(RUN_BY)
				.timestamp(at + RUN_CONFIRMED_AFTER_SECONDS)
				.end();
			entries.add(new Entry(day, at + RUN_CONFIRMED_AFTER_SECONDS, REBATE_PAID, -available, NONE, NONE, NONE, id,
					RUN_BY));
			balance -= available;
		}
	}

	private static long fundedAt(PlannedInvoice invoice) {
		for (Transition transition : invoice.transitions) {
			if (transition.to == InvoiceStatus.FUNDED && transition.from == InvoiceStatus.APPROVED) {
				return transition.at;
			}
		}
		throw new IllegalStateException("A funded invoice without its funding: " + invoice.number);
	}

	private static Money money(long cents) {
		return new Money(BigDecimal.valueOf(cents, 2));
	}

	/**
	 * The figures of one settlement, in cents.
	 */
	private static final class Settlement {

		long id;

		String kind;

		SettledFee fee;

		long feeCents;

		long collected;

		long shortfall;

		long creditLoss;

		long rebate;

	}

	/**
	 * One reserve entry before its id is known: signed cents, what it refers to.
	 */
	private record Entry(int day, long at, byte kind, long cents, long invoiceId, long paymentId, long settlementId,
			long runId, String by) {
	}

}
