package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.Money;

/**
 * Everything the debtor page shows besides the score: who the debtor is, its bureau
 * scores, disputes, open items, its invoices waiting for a decision or for funding, the
 * ones paid last and how it pays each client.
 */
public record DebtorProfile(Header header, List<Bureau> bureauScores, List<DisputeRow> disputes,
		List<OpenItem> openItems, List<ClientBehaviour> clients, List<PendingItem> pending, List<PaidItem> paid) {

	public record Header(long id, String ref, String name, String registrationNumber, String country, String industry,
			Money creditLimit, Money insurerLimit, LocalDate insurerLimitExpiresOn) {
	}

	public record Bureau(String provider, int score, LocalDate asOf) {
	}

	public record DisputeRow(long invoiceId, String invoiceNumber, String clientName, String reason, LocalDate openedOn,
			Money amount, LocalDate resolvedOn, String outcome) {
	}

	public record OpenItem(long invoiceId, String invoiceNumber, String clientRef, String clientName, LocalDate dueDate,
			int daysPastDue, Money outstanding, String status) {
	}

	/**
	 * How the debtor paid one client over the last 365 days: invoices paid,
	 * amount-weighted days beyond terms (early payment counts as 0), the share paid late,
	 * and what is open now.
	 */
	public record ClientBehaviour(String clientRef, String clientName, long paidInvoices, BigDecimal daysBeyondTerms,
			BigDecimal lateShare, long openInvoices, Money openAmount) {
	}

	/**
	 * An invoice of the debtor not yet funded: waiting in the queue, held, awaiting a
	 * second approval or approved and waiting for its funding run.
	 */
	public record PendingItem(long invoiceId, String invoiceNumber, String clientRef, String clientName, Money amount,
			String status, java.time.Instant submittedAt) {
	}

	/**
	 * A paid invoice: the day it was paid in full and how many days after its due date (0
	 * when on time or early).
	 */
	public record PaidItem(long invoiceId, String invoiceNumber, String clientRef, String clientName, Money amount,
			LocalDate dueDate, LocalDate paidOn, int daysLate) {
	}

}
