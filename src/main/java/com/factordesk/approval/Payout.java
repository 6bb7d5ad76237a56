package com.factordesk.approval;

import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.Money;

/**
 * What a funding run (or a rebate run) pays its client: one credit transfer of the run's
 * total to the client's account, on the run's date, for the invoices it funded.
 *
 * @param runId the funding run, which also identifies the transfer end to end
 * @param runOn the day the run was made: the transfer's requested execution date
 * @param total what the run pays, the sum of its advances
 * @param invoiceNumbers the numbers of the invoices the run funded
 * @param clientName the client's legal name (the creditor)
 * @param clientIban the client's IBAN
 * @param clientBic the client's BIC, or {@code null} (not needed within SEPA)
 * @param kind a funding run's advances or a rebate run's rebates
 */
record Payout(long runId, LocalDate runOn, Money total, List<String> invoiceNumbers, String clientName,
		String clientIban, String clientBic, Kind kind) {

	Payout {
		invoiceNumbers = List.copyOf(invoiceNumbers);
	}

	/**
	 * A funding run's payout.
	 */
	Payout(long runId, LocalDate runOn, Money total, List<String> invoiceNumbers, String clientName, String clientIban,
			String clientBic) {
		this(runId, runOn, total, invoiceNumbers, clientName, clientIban, clientBic, Kind.FUNDING);
	}

	/**
	 * A rebate run's payout: the client's rebates due, no invoice numbers.
	 */
	static Payout rebate(long runId, LocalDate runOn, Money total, String clientName, String clientIban,
			String clientBic) {
		return new Payout(runId, runOn, total, List.of(), clientName, clientIban, clientBic, Kind.REBATE);
	}

	/**
	 * What a run pays: advances (a funding run) or rebates (a rebate run); the two number
	 * their runs apart, so their transfers are told apart by prefix.
	 */
	enum Kind {

		FUNDING("FD-RUN-", ""), REBATE("FD-REBATE-", "R");

		private final String paymentInformationPrefix;

		private final String endToEndPrefix;

		Kind(String paymentInformationPrefix, String endToEndPrefix) {
			this.paymentInformationPrefix = paymentInformationPrefix;
			this.endToEndPrefix = endToEndPrefix;
		}

		String paymentInformationId(long runId) {
			return this.paymentInformationPrefix + runId;
		}

		String endToEndId(long runId) {
			return this.endToEndPrefix + runId;
		}

	}

}
