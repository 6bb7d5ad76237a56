package com.factordesk.pricing;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * One line of a quote: the band's price or an adjustment to it, with its reason.
 *
 * @param code a stable code, one of the constants of this type
 * @param description what the line is, in English
 * @param rateDelta what it adds to (or, negative, takes off) the fee rate or the advance
 * rate, as the description says; {@code null} when it changes an amount
 * @param amountDelta what it adds to or takes off an amount, as the description says;
 * {@code null} when it changes a rate
 * @param reason why, in English, with the figures
 */
public record QuoteLine(String code, String description, Rate rateDelta, Money amountDelta, String reason) {

	/**
	 * The band the score falls in: its fee rate.
	 */
	public static final String BAND = "BAND";

	/**
	 * The facility agreement advances less than the band: the advance rate taken off.
	 */
	public static final String FACILITY_ADVANCE = "FACILITY_ADVANCE";

	/**
	 * Expected outstanding beyond the band's longest tenor: the fee surcharge.
	 */
	public static final String TENOR = "TENOR";

	/**
	 * The debtor would owe more than the concentration limit: the advance taken off.
	 */
	public static final String CONCENTRATION = "CONCENTRATION";

	/**
	 * A negotiated client discount: the fee rate taken off.
	 */
	public static final String CLIENT_DISCOUNT = "CLIENT_DISCOUNT";

	/**
	 * The expected fee was more than the reserve: the fee taken off.
	 */
	public static final String FEE_CAPPED = "FEE_CAPPED";

	/**
	 * The invoice is declined.
	 */
	public static final String DECLINED = "DECLINED";

}
