package com.factordesk.approval;

import java.util.Set;

/**
 * Fund a client's approved invoices today: all of them, or the ones selected.
 *
 * @param clientRef the client
 * @param all whether every approved invoice of the client is funded
 * @param invoiceIds the invoices selected when not all
 */
public record FundClient(String clientRef, boolean all, Set<Long> invoiceIds) {

	public FundClient {
		invoiceIds = Set.copyOf(invoiceIds);
	}

	public static FundClient all(String clientRef) {
		return new FundClient(clientRef, true, Set.of());
	}

	public static FundClient selected(String clientRef, Set<Long> invoiceIds) {
		return new FundClient(clientRef, false, invoiceIds);
	}

}
