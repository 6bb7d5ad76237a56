package com.factordesk.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.factordesk.shared.ClockProperties;
import com.factordesk.shared.LocaleNumbers;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Formats money, rates, shares and dates for the pages ({@code ${@fmt.money(amount)}}),
 * in the user's language: every number a page shows goes through here. Amounts carry
 * their currency ("EUR 6,859.46", "EUR 6.859,46"), ids are codes and never grouped
 * ({@link #id}), dates are ISO (2026-11-25) in every language: unambiguous on a credit
 * desk.
 */
@Component("fmt")
public class Formats {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final ZoneId zone;

	private final MessageSource messages;

	Formats(ClockProperties clock, MessageSource messages) {
		this.zone = clock.zone();
		this.messages = messages;
	}

	/**
	 * A text that carries its own message key and arguments (a broken rule, a quote
	 * line), in the reader's language: {@code ${@fmt.text(violation)}}.
	 */
	public String text(MessageSourceResolvable resolvable) {
		return this.messages.getMessage(resolvable, locale());
	}

	/**
	 * The page being shown in another language: the same path and parameters (a page, a
	 * sort, an as-of date) with {@code lang} set.
	 */
	public String inLanguage(String language) {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return "?lang=" + language;
		}
		HttpServletRequest request = attributes.getRequest();
		// an error page or a forward shows the address that was asked for
		Object errored = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
		String path = request.getRequestURI();
		String query = request.getQueryString();
		if (errored != null) {
			path = errored.toString();
			query = (String) request.getAttribute(RequestDispatcher.ERROR_QUERY_STRING);
		}
		else if (forwarded != null) {
			path = forwarded.toString();
			query = (String) request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
		}
		return UriComponentsBuilder.fromPath(path)
			.query(query)
			.replaceQueryParam("lang", language)
			.build()
			.toUriString();
	}

	/**
	 * An amount with its currency, the reader's way: "EUR 6,859.46" in English, "EUR
	 * 6.859,46" in Dutch; a no-break space keeps it on one line.
	 */
	public String money(Money money) {
		return (money != null) ? money(money.amount()) : "";
	}

	public String money(BigDecimal amount) {
		return (amount != null) ? LocaleNumbers.amount(amount, locale()) : "";
	}

	/**
	 * A value the audit trail recorded, the reader's way: a decimal as {@link #decimal}
	 * (an amount keeps its cents), a whole number (an id, a count) as it is, a list or an
	 * object with its parts so written, anything else as it is.
	 */
	public String recorded(Object value) {
		if (value instanceof BigDecimal decimal) {
			return decimal(decimal);
		}
		if (value instanceof Double || value instanceof Float) {
			return decimal(new BigDecimal(value.toString()));
		}
		if (value instanceof java.util.Map<?, ?> map) {
			StringBuilder text = new StringBuilder("{");
			map.forEach((key, part) -> text.append((text.length() > 1) ? "; " : "")
				.append(key)
				.append(": ")
				.append(recorded(part)));
			return text.append('}').toString();
		}
		if (value instanceof java.util.Collection<?> parts) {
			return parts.stream().map(this::recorded).collect(java.util.stream.Collectors.joining("; ", "[", "]"));
		}
		return String.valueOf(value);
	}

	/**
	 * A measure (a score, a ratio, average days) with as many decimals as it has, at most
	 * six, the reader's way: 0.75 in English, 0,75 in Dutch.
	 */
	public String decimal(BigDecimal value) {
		if (value == null) {
			return "";
		}
		int decimals = Math.max(0, Math.min(6, value.scale()));
		return number(value, decimals);
	}

	/**
	 * A number with this many decimals, the reader's way.
	 */
	public String number(BigDecimal value, int decimals) {
		if (value == null) {
			return "";
		}
		NumberFormat format = LocaleNumbers.numberFormat(locale());
		format.setMinimumFractionDigits(decimals);
		format.setMaximumFractionDigits(decimals);
		format.setRoundingMode(RoundingMode.HALF_UP);
		return format.format(value);
	}

	/**
	 * An identifier (a snapshot, a version, a key): a code, never grouped like an amount
	 * ("18902", not "18,902").
	 */
	public String id(Object id) {
		return (id != null) ? String.valueOf(id) : "";
	}

	/**
	 * Curve points "x:y" as the reader writes them ("0:100; 0,05:80" in Dutch).
	 */
	public String points(String points) {
		return LocaleNumbers.localPoints(points, locale());
	}

	public String rate(Rate rate) {
		return (rate != null) ? percent(rate.fraction(), 2) : "";
	}

	/**
	 * A rate as a percentage with all its decimals, at least two and at most four (a rate
	 * keeps four as a percentage): 1.75 %, 0.2333 %, so that a quote can be redone by
	 * hand from what it shows.
	 */
	public String rateExact(Rate rate) {
		if (rate == null) {
			return "";
		}
		NumberFormat format = LocaleNumbers.numberFormat(locale());
		format.setMinimumFractionDigits(2);
		format.setMaximumFractionDigits(4);
		return format.format(rate.asPercent()) + LocaleNumbers.NO_BREAK_SPACE + "%";
	}

	/**
	 * A fraction (0.1234) as a percentage (12.3 %).
	 */
	public String share(BigDecimal fraction) {
		return percent(fraction, 1);
	}

	/**
	 * A fraction (0.45) as a percentage with this many decimals (45 %).
	 */
	public String percent(BigDecimal fraction, int decimals) {
		if (fraction == null) {
			return "";
		}
		NumberFormat format = LocaleNumbers.numberFormat(locale());
		format.setMinimumFractionDigits(decimals);
		format.setMaximumFractionDigits(decimals);
		return format.format(fraction.movePointRight(2).setScale(decimals, RoundingMode.HALF_EVEN))
				+ LocaleNumbers.NO_BREAK_SPACE + "%";
	}

	public String count(long count) {
		return LocaleNumbers.integerFormat(locale()).format(count);
	}

	public String count(Number count) {
		return (count != null) ? count(count.longValue()) : "";
	}

	public String date(LocalDate date) {
		return (date != null) ? date.toString() : "";
	}

	public String dateTime(Instant instant) {
		return (instant != null) ? DATE_TIME.format(instant.atZone(this.zone)) : "";
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
