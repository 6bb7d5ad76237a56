package com.factordesk.approval;

import java.util.List;
import java.util.Optional;

import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.risk.Grade;
import com.factordesk.shared.Money;

/**
 * What the underwriter queue shows: the invoices in these statuses, and of those only the
 * ones matching every filter given (client ref or name prefix, debtor ref or name prefix,
 * the debtor's current grade, an amount range, a flag).
 */
public record QueueFilter(List<InvoiceStatus> statuses, Optional<String> client, Optional<String> debtor,
		Optional<Grade> grade, Optional<Money> minAmount, Optional<Money> maxAmount, Optional<FlagCode> flag) {

	/**
	 * The statuses of invoices waiting for a first decision: the queue by default.
	 */
	public static final List<InvoiceStatus> WAITING = List.of(InvoiceStatus.SUBMITTED, InvoiceStatus.VERIFIED);

	/**
	 * The statuses the queue can show.
	 */
	public static final List<InvoiceStatus> QUEUE_STATUSES = List.of(InvoiceStatus.SUBMITTED, InvoiceStatus.VERIFIED,
			InvoiceStatus.HELD, InvoiceStatus.AWAITING_SECOND_APPROVAL);

	public QueueFilter {
		statuses = List.copyOf(statuses);
		if (statuses.isEmpty() || !QUEUE_STATUSES.containsAll(statuses)) {
			throw new IllegalArgumentException("Not queue statuses: " + statuses);
		}
	}

	/**
	 * The default queue: SUBMITTED and VERIFIED invoices, no filter.
	 */
	public static QueueFilter waiting() {
		return new QueueFilter(WAITING, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty(), Optional.empty());
	}

	public static QueueFilter flagged(Optional<FlagCode> flag) {
		return new QueueFilter(WAITING, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty(), flag);
	}

	/**
	 * Whether any filter narrows the statuses' invoices.
	 */
	public boolean narrows() {
		return this.client.isPresent() || this.debtor.isPresent() || this.grade.isPresent()
				|| this.minAmount.isPresent() || this.maxAmount.isPresent() || this.flag.isPresent();
	}

}
