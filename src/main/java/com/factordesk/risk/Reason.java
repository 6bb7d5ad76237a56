package com.factordesk.risk;

import java.math.BigDecimal;
import java.util.List;

/**
 * Why a debtor's score is what it is, in words a person reads. The {@code code} and
 * {@code args} are stable so that another language can word the same reason.
 *
 * @param code a stable code, one of the constants of this type
 * @param pointsLost score points this reason cost against the maximum of 100, at two
 * decimals; 0 for a missing input, which costs nothing but is always shown
 * @param text the reason in English
 * @param args the figures in the text, in order
 */
public record Reason(String code, BigDecimal pointsLost, String text, List<Object> args) {

	/**
	 * Pays beyond terms on average: days, paid invoices, clients.
	 */
	public static final String PAYS_LATE = "PAYS_LATE";

	/**
	 * A share of the invoices was paid late: percentage, paid invoices.
	 */
	public static final String LATE_SHARE = "LATE_SHARE";

	/**
	 * Paying later recently than over the year: recent days, days over the year.
	 */
	public static final String TREND_WORSENING = "TREND_WORSENING";

	/**
	 * Few paid invoices, so the portfolio mean weighs in: paid invoices, percentage from
	 * the portfolio mean.
	 */
	public static final String THIN_FILE = "THIN_FILE";

	/**
	 * Open items past due: days past due of the most overdue, open invoices, open amount.
	 */
	public static final String OPEN_PAST_DUE = "OPEN_PAST_DUE";

	/**
	 * Open items 60+ days past due cap the score: the cap.
	 */
	public static final String PAST_DUE_CAP = "PAST_DUE_CAP";

	/**
	 * No paid or open invoices in the trailing 365 days: payment behaviour is missing.
	 */
	public static final String NO_PAYMENT_HISTORY = "NO_PAYMENT_HISTORY";

	/**
	 * A bureau score below the maximum: raw score, provider, date.
	 */
	public static final String BUREAU_LOW = "BUREAU_LOW";

	/**
	 * No bureau score: the bureau component is missing.
	 */
	public static final String NO_BUREAU = "NO_BUREAU";

	/**
	 * Disputes by count (disputed invoices, invoices, percentage) or by amount (disputed
	 * amount, invoiced amount, percentage).
	 */
	public static final String DISPUTE_RATE = "DISPUTE_RATE";

	/**
	 * Open disputes, which count double: open disputes.
	 */
	public static final String OPEN_DISPUTES = "OPEN_DISPUTES";

	/**
	 * No invoices issued in the trailing 365 days: disputes are missing.
	 */
	public static final String NO_DISPUTE_HISTORY = "NO_DISPUTE_HISTORY";

	public Reason {
		args = List.copyOf(args);
	}

}
