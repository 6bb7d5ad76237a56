package com.factordesk.invoice;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an invoice stands, in desk terms, and which status may follow which (DESIGN
 * section 1). A dispute is a flag beside the status, not a status.
 */
public enum InvoiceStatus {

	/** Offered by the client, waiting in the underwriters' queue. */
	SUBMITTED,
	/** Confirmed with the debtor, still waiting for a decision. */
	VERIFIED,
	/** Approved by an underwriter above the four-eyes threshold: a manager decides. */
	AWAITING_SECOND_APPROVAL,
	/** Approved but pending headroom under a limit; released first in, first out. */
	HELD,
	/** Approved, awaiting funding. */
	APPROVED,
	/** The advance was paid to the client. */
	FUNDED,
	/** The debtor paid part of it. */
	PARTIALLY_PAID,
	/** Settled: paid, credited or closed short paid. */
	PAID,
	/** Recourse exercised: the client bought the invoice back. */
	CHARGED_BACK,
	/** A credit loss on a non-recourse facility. */
	WRITTEN_OFF,
	/** Declined; a manager may reopen it. */
	REJECTED;

	private static final Map<InvoiceStatus, Set<InvoiceStatus>> NEXT = Map.ofEntries(
			Map.entry(SUBMITTED, EnumSet.of(VERIFIED, AWAITING_SECOND_APPROVAL, HELD, APPROVED, REJECTED)),
			Map.entry(VERIFIED, EnumSet.of(AWAITING_SECOND_APPROVAL, HELD, APPROVED, REJECTED)),
			Map.entry(AWAITING_SECOND_APPROVAL, EnumSet.of(APPROVED, HELD, SUBMITTED, REJECTED)),
			Map.entry(HELD, EnumSet.of(APPROVED, AWAITING_SECOND_APPROVAL, SUBMITTED, REJECTED)),
			Map.entry(APPROVED, EnumSet.of(FUNDED, AWAITING_SECOND_APPROVAL, HELD, SUBMITTED, REJECTED)),
			Map.entry(FUNDED, EnumSet.of(PARTIALLY_PAID, PAID, CHARGED_BACK, WRITTEN_OFF)),
			Map.entry(PARTIALLY_PAID, EnumSet.of(FUNDED, PAID, CHARGED_BACK, WRITTEN_OFF)),
			Map.entry(PAID, EnumSet.of(FUNDED, PARTIALLY_PAID)),
			Map.entry(CHARGED_BACK, EnumSet.noneOf(InvoiceStatus.class)),
			Map.entry(WRITTEN_OFF, EnumSet.noneOf(InvoiceStatus.class)), Map.entry(REJECTED, EnumSet.of(SUBMITTED)));

	public boolean canMoveTo(InvoiceStatus next) {
		return NEXT.get(this).contains(next);
	}

	/**
	 * Whether the invoice is off our books in this status: nothing more is collected on
	 * it.
	 */
	public boolean isClosed() {
		return this == PAID || this == REJECTED || this == CHARGED_BACK || this == WRITTEN_OFF;
	}

	/**
	 * Whether we have paid an advance on an invoice in this status.
	 */
	public boolean isFunded() {
		return this == FUNDED || this == PARTIALLY_PAID || this == PAID || this == CHARGED_BACK || this == WRITTEN_OFF;
	}

	/**
	 * Whether an approval is decided but not funded: it holds (or, when HELD, waits for)
	 * exposure.
	 */
	public boolean isApprovalPending() {
		return this == AWAITING_SECOND_APPROVAL || this == HELD || this == APPROVED;
	}

	/**
	 * Whether the invoice waits for an underwriter's decision.
	 */
	public boolean isUndecided() {
		return this == SUBMITTED || this == VERIFIED;
	}

}
