package com.factordesk.approval;

import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.Money;

/**
 * What a funding run pays its client: one credit transfer of the run's total to the
 * client's account, on the run's date, for the invoices it funded.
 *
 * @param runId the funding run, which also identifies the transfer end to end
 * @param runOn the day the run was made: the transfer's requested execution date
 * @param total what the run pays, the sum of its advances
 * @param invoiceNumbers the numbers of the invoices the run funded
 * @param clientName the client's legal name (the creditor)
 * @param clientIban the client's IBAN
 * @param clientBic the client's BIC, or {@code null} (not needed within SEPA)
 */
record Payout(long runId, LocalDate runOn, Money total, List<String> invoiceNumbers, String clientName,
		String clientIban, String clientBic) {

	Payout {
		invoiceNumbers = List.copyOf(invoiceNumbers);
	}

}
