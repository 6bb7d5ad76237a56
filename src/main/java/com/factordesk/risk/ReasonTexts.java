package com.factordesk.risk;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.factordesk.shared.LocaleNumbers;
import com.factordesk.shared.Money;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Writes a stored reason in the reader's language from its code and values
 * ({@code reason.<code>} in messages*.properties), falling back to the English text
 * stored with the score. Used by the pages as {@code ${@reasonTexts.text(reason)}}.
 */
@Component("reasonTexts")
public class ReasonTexts {

	private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d{1,15}\\.\\d{1,6}");

	private final MessageSource messages;

	ReasonTexts(MessageSource messages) {
		this.messages = messages;
	}

	public String text(DebtorScore.ReasonView reason) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Object> args = reason.args();
		String key = "reason." + reason.code();
		if (Reason.DISPUTE_RATE.equals(reason.code())) {
			key += (!args.isEmpty() && args.get(0) instanceof RiskScores.AmountArg) ? ".amount" : ".count";
			// shrunk toward the portfolio's rate: the rate counted and the portfolio's
			// too
			// (snapshots from before keep their three values)
			key += (args.size() == 5) ? ".credible" : "";
		}
		Object[] values = args.stream().map((arg) -> value(arg, locale)).toArray();
		return this.messages.getMessage(key, values, reason.text(), locale);
	}

	private static Object value(Object arg, Locale locale) {
		if (arg instanceof RiskScores.AmountArg amount) {
			return LocaleNumbers.amount(Money.of(amount.amount()).amount(), locale);
		}
		if (arg instanceof BigDecimal number) {
			return number;
		}
		if (arg instanceof String text && PLAIN_DECIMAL.matcher(text).matches()) {
			// a figure written into the reason as text (a percentage: "4.8"), the
			// reader's way
			BigDecimal number = new BigDecimal(text);
			NumberFormat format = LocaleNumbers.numberFormat(locale);
			format.setMinimumFractionDigits(number.scale());
			format.setMaximumFractionDigits(number.scale());
			return format.format(number);
		}
		return arg;
	}

}
