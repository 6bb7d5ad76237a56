package com.factordesk.invoice;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an invoice stands, in desk terms, and which status may follow which.
 */
public enum InvoiceStatus {

	SUBMITTED, VERIFIED, APPROVED, FUNDED, REJECTED, PARTIALLY_PAID, PAID, DISPUTED, CHARGED_BACK, WRITTEN_OFF;

	private static final Map<InvoiceStatus, Set<InvoiceStatus>> NEXT = Map.of(SUBMITTED,
			EnumSet.of(VERIFIED, APPROVED, REJECTED), VERIFIED, EnumSet.of(APPROVED, REJECTED), APPROVED,
			EnumSet.of(FUNDED, REJECTED), FUNDED, EnumSet.of(PARTIALLY_PAID, PAID, DISPUTED, CHARGED_BACK, WRITTEN_OFF),
			PARTIALLY_PAID, EnumSet.of(PAID, DISPUTED, CHARGED_BACK, WRITTEN_OFF), DISPUTED,
			EnumSet.of(FUNDED, PARTIALLY_PAID, PAID, CHARGED_BACK, WRITTEN_OFF), REJECTED,
			EnumSet.noneOf(InvoiceStatus.class), PAID, EnumSet.noneOf(InvoiceStatus.class), CHARGED_BACK,
			EnumSet.noneOf(InvoiceStatus.class), WRITTEN_OFF, EnumSet.noneOf(InvoiceStatus.class));

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
		return this == FUNDED || this == PARTIALLY_PAID || this == PAID || this == DISPUTED || this == CHARGED_BACK
				|| this == WRITTEN_OFF;
	}

}
