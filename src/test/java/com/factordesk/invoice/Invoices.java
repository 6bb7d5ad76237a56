package com.factordesk.invoice;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import com.factordesk.client.Client;
import com.factordesk.debtor.Debtor;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * Test data: an invoice brought to the state a test needs through the lifecycle's own
 * verbs ({@link Invoice#submit}, {@link Invoice#approve}, {@link Invoice#fund}), never by
 * writing its columns. By default 1,000.00 issued 2026-10-01, due 30 days later, and only
 * submitted. Each verb happens on the day it would have: the submission and the approval
 * on the issue date, the funding on the day given.
 */
public final class Invoices {

	private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	private final Client client;

	private final Debtor debtor;

	private String number;

	private LocalDate issued = LocalDate.of(2026, 10, 1);

	private LocalDate due;

	private Money amount = Money.of("1000.00");

	private Money advance;

	private LocalDate fundedOn;

	private Schedule schedule;

	private Invoices(Client client, Debtor debtor) {
		this.client = client;
		this.debtor = debtor;
		this.number = "TI" + sequence.incrementAndGet();
	}

	/**
	 * An invoice the client issued to the debtor.
	 */
	public static Invoices anInvoice(Client client, Debtor debtor) {
		return new Invoices(client, debtor);
	}

	public Invoices number(String number) {
		this.number = number;
		return this;
	}

	/**
	 * Submitted in this schedule.
	 */
	public Invoices inSchedule(Schedule schedule) {
		this.schedule = schedule;
		return this;
	}

	public Invoices issued(LocalDate issued) {
		this.issued = issued;
		return this;
	}

	public Invoices due(LocalDate due) {
		this.due = due;
		return this;
	}

	public Invoices amount(String amount) {
		this.amount = Money.of(amount);
		return this;
	}

	/**
	 * Approved (below the four-eyes threshold) with this advance, awaiting funding.
	 */
	public Invoices approved(String advance) {
		this.advance = Money.of(advance);
		return this;
	}

	/**
	 * Approved with an advance of 80 % of the face and funded on the given day.
	 */
	public Invoices fundedOn(LocalDate fundedOn) {
		if (this.advance == null) {
			this.advance = this.amount.times(Rate.percent("80"));
		}
		this.fundedOn = fundedOn;
		return this;
	}

	/**
	 * The invoice, not yet saved (its transitions are saved with it).
	 */
	public Invoice build() {
		LocalDate dueDate = (this.due != null) ? this.due : this.issued.plusDays(30);
		Invoice invoice = Invoice.submit(this.client, this.debtor, this.schedule, this.number, this.issued, dueDate,
				this.amount, "client", on(this.issued));
		if (this.advance != null) {
			invoice.approve(this.advance, false, "underwriter", "test", on(this.issued));
		}
		if (this.fundedOn != null) {
			invoice.fund("manager", on(this.fundedOn));
		}
		return invoice;
	}

	/**
	 * A clock standing at noon UTC of a day: what a verb needs to happen on that day.
	 */
	public static Clock on(LocalDate day) {
		return Clock.fixed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
	}

}
