package com.factordesk.approval;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

import com.factordesk.invoice.InvoiceStatus;

/**
 * What a bulk decision on a schedule did, for the page after the redirect: it travels in
 * the session, so it holds plain values, its reasons already in the reader's language.
 *
 * @param action {@code approve} or {@code reject}
 * @param decided the invoices decided, in the schedule's order
 * @param skipped the invoices left as they were, with the reason
 */
public record ScheduleReport(String action, List<Decided> decided, List<Skipped> skipped) implements Serializable {

	public ScheduleReport {
		decided = List.copyOf(decided);
		skipped = List.copyOf(skipped);
	}

	/**
	 * An invoice decided: where it ended and, for an approval, its advance.
	 */
	public record Decided(long invoiceId, String number, InvoiceStatus status,
			BigDecimal advance) implements Serializable {
	}

	/**
	 * An invoice left as it was, and why.
	 */
	public record Skipped(long invoiceId, String number, String reason) implements Serializable {
	}

}
