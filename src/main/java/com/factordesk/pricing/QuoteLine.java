package com.factordesk.pricing;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

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
 * @param reasonCode the message key of the reason
 * @param arguments what fills in the description and the reason
 */
public record QuoteLine(String code, String description, Rate rateDelta, Money amountDelta, String reason,
		String reasonCode, List<Object> arguments) {

	/**
	 * The English patterns of every line's description ({@code quote.line.<CODE>}) and
	 * reason: the same texts as {@code messages.properties}, which also has them in Dutch
	 * (a test holds the two together).
	 */
	static final Map<String, String> ENGLISH = Map.ofEntries(
			Map.entry("quote.line.BAND", "Band {0} of pricing version {1}: fee rate"),
			Map.entry("quote.line.BAND.reason",
					"score {2,number,0.#}, grade {3}: advance {4,number,0.####} %, fee {5,number,0.####} % per 30 days"),
			Map.entry("quote.line.BAND.reason.declined", "score {2,number,0.#}, grade {3}: this band is declined"),
			Map.entry("quote.line.DECLINED", "Declined: nothing advanced"),
			Map.entry("quote.line.DECLINED.reason.band",
					"Score {2,number,0.#} falls in band {0} of pricing version {1}, which is declined"),
			Map.entry("quote.line.DECLINED.reason.grade", "Grade {3}: declined unless a manager overrides"),
			Map.entry("quote.line.FACILITY_ADVANCE", "Advance rate limited by the facility agreement"),
			Map.entry("quote.line.FACILITY_ADVANCE.reason",
					"the facility advances at most {0,number,0.####} %, the band {1,number,0.####} %"),
			Map.entry("quote.line.TENOR", "Tenor beyond the band''s maximum: fee rate"),
			Map.entry("quote.line.TENOR.reason",
					"expected {0,number,0} days from funding to payment, {1,number,0} beyond the band''s "
							+ "{2,number,0}: {3,number,0.####} % per started {4,number,0} days, {5,number,0} started "
							+ "(pricing parameters version {6,number,0})"),
			Map.entry("quote.line.CONCENTRATION", "Concentration above the facility limit: advance"),
			Map.entry("quote.line.CONCENTRATION.reason",
					"the debtor would owe {0,number,0.0} % of the client''s book, above the {1,number,0.####} % "
							+ "limit: EUR\u00a0{2,number,#,##0.00} of this invoice is not advanced "
							+ "(pricing parameters version {4,number,0})"),
			Map.entry("quote.line.CONCENTRATION_SURCHARGE", "Concentration above the facility limit: fee rate"),
			Map.entry("quote.line.CONCENTRATION_SURCHARGE.reason",
					"the debtor would owe {0,number,0.0} % of the client''s book, above the {1,number,0.####} % "
							+ "limit: {3,number,0.####} % per 30 days on the fee rate "
							+ "(pricing parameters version {4,number,0})"),
			Map.entry("quote.line.CLIENT_DISCOUNT", "Negotiated client discount: fee rate"),
			Map.entry("quote.line.CLIENT_DISCOUNT.reason", "discount of {0,number,0.####} % agreed with the client"),
			Map.entry("quote.line.CLIENT_DISCOUNT.reason.limited",
					"discount of {0,number,0.####} % agreed with the client, limited to the fee rate of "
							+ "{1,number,0.####} %"),
			Map.entry("quote.line.FEE_CAPPED", "Expected fee capped at the reserve"),
			Map.entry("quote.line.FEE_CAPPED.reason",
					"the expected fee of EUR\u00a0{0,number,#,##0.00} is more than the reserve "
							+ "of EUR\u00a0{1,number,#,##0.00}: the quote counts the reserve, the rest would be a shortfall on the client"),
			Map.entry("quote.line.FEE", "Expected fee over {0,number,0} days from funding"),
			Map.entry("quote.line.FEE.reason.TIERED",
					"{1,number,0} started {1,choice,1#period|1<periods} of {2,number,0} days x {3,number,0.####} % "
							+ "x face {4,number,#,##0.00} = {5,number,#,##0.00}"),
			Map.entry("quote.line.FEE.reason.FLAT",
					"once: {3,number,0.####} % x face {4,number,#,##0.00} = {5,number,#,##0.00}"),
			Map.entry("quote.line.FEE.reason.DAILY",
					"{3,number,0.####} % a year x advance {4,number,#,##0.00} x {1,number,0} days / {2,number,0} "
							+ "= {5,number,#,##0.00}"));

	public QuoteLine {
		arguments = List.copyOf(arguments);
	}

	/**
	 * A line whose description is {@code quote.line.<code>} and whose reason is
	 * {@code reasonCode}, both filled in with {@code arguments}; its English texts come
	 * from {@link #ENGLISH}. Rates are given as percentages, amounts as plain numbers.
	 */
	static QuoteLine of(String code, Rate rateDelta, Money amountDelta, String reasonCode, Object... arguments) {
		return new QuoteLine(code, english("quote.line." + code, arguments), rateDelta, amountDelta,
				english(reasonCode, arguments), reasonCode, Arrays.asList(arguments));
	}

	private static String english(String key, Object[] arguments) {
		return new MessageFormat(ENGLISH.get(key), Locale.ENGLISH).format(arguments);
	}

	/**
	 * What the line is, in the reader's language:
	 * {@code ${@fmt.text(line.descriptionText)}}.
	 */
	public MessageSourceResolvable descriptionText() {
		return new DefaultMessageSourceResolvable(new String[] { "quote.line." + this.code }, this.arguments.toArray(),
				this.description);
	}

	/**
	 * Why, with the figures, in the reader's language.
	 */
	public MessageSourceResolvable reasonText() {
		return new DefaultMessageSourceResolvable(new String[] { this.reasonCode }, this.arguments.toArray(),
				this.reason);
	}

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
	 * The debtor would owe more than the concentration limit and the parameters charge a
	 * surcharge: the fee rate added.
	 */
	public static final String CONCENTRATION_SURCHARGE = "CONCENTRATION_SURCHARGE";

	/**
	 * A negotiated client discount: the fee rate taken off.
	 */
	public static final String CLIENT_DISCOUNT = "CLIENT_DISCOUNT";

	/**
	 * The expected fee with its arithmetic: basis x rate per period x periods.
	 */
	public static final String FEE = "FEE";

	/**
	 * The expected fee was more than the reserve: the fee taken off.
	 */
	public static final String FEE_CAPPED = "FEE_CAPPED";

	/**
	 * The invoice is declined.
	 */
	public static final String DECLINED = "DECLINED";

}
