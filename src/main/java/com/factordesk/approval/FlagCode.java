package com.factordesk.approval;

import java.util.Arrays;
import java.util.Optional;

/**
 * The flags of DESIGN section 4, each with its severity.
 */
public enum FlagCode {

	/**
	 * The debtor's exposure across all clients with this invoice's advance would exceed
	 * its credit limit.
	 */
	OVER_CREDIT_LIMIT(FlagSeverity.ERROR),
	/**
	 * The debtor's insured open face with this invoice's face would exceed the limit its
	 * credit insurer covers (while the cover runs).
	 */
	OVER_INSURER_LIMIT(FlagSeverity.WARNING),
	/** The facility's exposure with this invoice's advance would exceed its limit. */
	OVER_FACILITY(FlagSeverity.ERROR),
	/**
	 * The debtor would owe more than the facility's concentration limit of the client's
	 * funded, open book: the quote's concentration figure.
	 */
	OVER_CONCENTRATION(FlagSeverity.WARNING),
	/** A notification facility, and no notice of assignment to this debtor on file. */
	NO_NOTICE(FlagSeverity.WARNING),

	/** Same client, debtor and amount, issued a few days apart under another number. */
	DUPLICATE(FlagSeverity.WARNING),
	/** Same debtor, amount and issue date under another client. */
	DOUBLE_PLEDGING(FlagSeverity.ERROR),
	/** Issued long before it was submitted. */
	STALE(FlagSeverity.WARNING),
	/**
	 * Terms other than the ones all the client's invoices to the debtor of the year
	 * before had: the dates may have been changed.
	 */
	REDATED(FlagSeverity.WARNING),
	/** A recent credit note against a funded invoice of the same client and debtor. */
	CREDIT_NOTE(FlagSeverity.WARNING),
	/** The debtor has open disputes. */
	OPEN_DISPUTES(FlagSeverity.WARNING),
	/** The debtor's newest bureau score is old, or it has none. */
	STALE_BUREAU(FlagSeverity.INFO),
	/** Too much of the debtor's open amount is over 90 days past due. */
	CROSS_AGED(FlagSeverity.ERROR),
	/** Client and debtor share a registration number. */
	RELATED_PARTY(FlagSeverity.ERROR),
	/**
	 * The client's reserve is in shortfall: what its reserve ledger holds is less than
	 * the reserve of its open funded invoices ({@code client_reserve_position()}), so the
	 * client owes the difference. A warning, not an error: the factor nets a shortfall
	 * against the client's next payout.
	 */
	RESERVE_SHORTFALL(FlagSeverity.WARNING),
	/**
	 * The debtor is on the watchlist ({@code debtor_watchlist}, DESIGN section 5): its
	 * grade fell a grade or more in 30 days, its exposure is within 10 % of a limit, or
	 * it paid later beyond terms over the last 90 days than over the year.
	 */
	WATCHLIST(FlagSeverity.WARNING);

	private final FlagSeverity severity;

	FlagCode(FlagSeverity severity) {
		this.severity = severity;
	}

	public FlagSeverity severity() {
		return this.severity;
	}

	/**
	 * The flag's short name, as its chip and the queue's filter show it.
	 */
	public String messageKey() {
		return "flag.code." + name();
	}

	/**
	 * The code a URL names ({@code ?flag=CROSS_AGED}), case-insensitive; empty for none
	 * or an unknown one.
	 */
	public static Optional<FlagCode> fromParameter(String value) {
		return Arrays.stream(values()).filter((code) -> code.name().equalsIgnoreCase(value)).findFirst();
	}

}
