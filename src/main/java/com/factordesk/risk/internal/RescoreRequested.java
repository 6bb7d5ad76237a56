package com.factordesk.risk.internal;

import java.util.Set;

/**
 * The debtors to re-score after one transaction committed: those it named, and those of
 * the invoices it named (looked up once committed). Kept in the event publication
 * registry until {@link EventRescoring} has re-scored them, so that a crash between the
 * commit and the re-score loses nothing.
 *
 * @param debtorIds the debtors whose inputs changed
 * @param invoiceIds the invoices whose facts changed
 * @param causes what changed, in a few words each
 */
public record RescoreRequested(Set<Long> debtorIds, Set<Long> invoiceIds, Set<String> causes) {

	public RescoreRequested {
		debtorIds = Set.copyOf(debtorIds);
		invoiceIds = Set.copyOf(invoiceIds);
		causes = Set.copyOf(causes);
	}

}
