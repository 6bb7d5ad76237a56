package com.factordesk.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.factordesk.invoice.InvoiceStatus;

import static com.factordesk.demo.CopyLoader.NONE;

/**
 * One generated invoice and its lifecycle: transitions, dispute, credit notes and
 * payments.
 */
final class PlannedInvoice {

	long id;

	int pair = -1;

	DebtorPlan debtor;

	String number;

	int issueDay;

	int terms;

	int dueDay;

	long cents;

	int submittedOn;

	long submittedAt;

	long scheduleId;

	boolean copy;

	InvoiceStatus status;

	int fundedOn = NONE;

	int closedOn = NONE;

	final List<Transition> transitions = new ArrayList<>(4);

	Dispute dispute;

	List<CreditNote> creditNotes;

	Allocation partial;

	Payment partialPayment;

	Allocation settlement;

	int settledOn = NONE;

	Payment settlementPayment;

	/**
	 * The advance paid on a funded invoice, in cents.
	 */
	long advanceCents;

	/**
	 * The fee rate per 30 days its advance froze, in millionths, or
	 * {@link CopyLoader#NONE}.
	 */
	long feeRate = NONE;

	void transition(InvoiceStatus from, InvoiceStatus to, String by, long at, String reason, SplittableRandom r) {
		if (!this.transitions.isEmpty()) {
			long previous = lastTransition().at;
			if (at <= previous) {
				at = previous + 60 + r.nextInt(540);
			}
		}
		Transition transition = new Transition(from, to, by, at, reason);
		if (to == InvoiceStatus.PAID) {
			transition.settles = true;
		}
		this.transitions.add(transition);
	}

	Transition lastTransition() {
		return this.transitions.get(this.transitions.size() - 1);
	}

	void creditNote(Dispute dispute, int issuedOn, long cents, String reason) {
		if (this.creditNotes == null) {
			this.creditNotes = new ArrayList<>(1);
		}
		this.creditNotes.add(new CreditNote(dispute, issuedOn, cents, reason));
	}

	static final class Transition {

		final InvoiceStatus from;

		final InvoiceStatus to;

		final String by;

		final long at;

		private final String reason;

		Payment payment;

		boolean settles;

		Transition(InvoiceStatus from, InvoiceStatus to, String by, long at, String reason) {
			this.from = from;
			this.to = to;
			this.by = by;
			this.at = at;
			this.reason = reason;
		}

		String reason(PlannedInvoice invoice) {
			if (this.settles) {
				return this.reason + invoice.settlementPayment.reference();
			}
			return (this.payment != null) ? this.reason + this.payment.reference() : this.reason;
		}

	}

	static final class Dispute {

		long id;

		int reason;

		int openedOn;

		long cents;

		int resolvedOn = NONE;

		String outcome;

	}

	record CreditNote(Dispute dispute, int issuedOn, long cents, String reason) {
	}

	static final class Payment {

		long id;

		final DebtorPlan debtor;

		final int receivedOn;

		final List<Allocation> allocations = new ArrayList<>(1);

		Payment(DebtorPlan debtor, int receivedOn) {
			this.debtor = debtor;
			this.receivedOn = receivedOn;
		}

		String reference() {
			return String.format(Locale.ROOT, "PAY-%06d", this.id);
		}

	}

	record Allocation(PlannedInvoice invoice, long cents) {
	}

}
