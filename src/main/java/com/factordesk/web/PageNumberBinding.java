package com.factordesk.web;

import java.math.BigDecimal;
import java.text.ParseException;
import java.util.Locale;

import com.factordesk.shared.LocaleNumbers;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.format.Formatter;
import org.springframework.format.support.FormatterPropertyEditorAdapter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * The numbers of the pages' forms are read and shown in the reader's language: "2,5" in
 * Dutch, "2.5" in English (see {@link LocaleNumbers}). Only form objects of the pages:
 * the API and request parameters (page numbers, dates in links) keep machine formats.
 */
@ControllerAdvice
class PageNumberBinding {

	@InitBinder
	void localeNumbers(WebDataBinder binder, HttpServletRequest request) {
		// a form object (built by the binder, or given), not a single request parameter
		boolean form = binder.getTarget() != null || binder.getTargetType() != null;
		if (!form || request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			return;
		}
		binder.registerCustomEditor(BigDecimal.class, new FormatterPropertyEditorAdapter(new DecimalFormatter()));
		binder.registerCustomEditor(Integer.class, new FormatterPropertyEditorAdapter(new IntegerFormatter()));
		binder.registerCustomEditor(int.class, new FormatterPropertyEditorAdapter(new IntegerFormatter()));
		binder.registerCustomEditor(Long.class, new FormatterPropertyEditorAdapter(new LongFormatter()));
		binder.registerCustomEditor(long.class, new FormatterPropertyEditorAdapter(new LongFormatter()));
	}

	/**
	 * A decimal in the reader's language.
	 */
	static final class DecimalFormatter implements Formatter<BigDecimal> {

		@Override
		public BigDecimal parse(String text, Locale locale) throws ParseException {
			return LocaleNumbers.parse(text, locale);
		}

		@Override
		public String print(BigDecimal number, Locale locale) {
			return LocaleNumbers.print(number, locale);
		}

	}

	/**
	 * A whole number in the reader's language.
	 */
	static final class IntegerFormatter implements Formatter<Integer> {

		@Override
		public Integer parse(String text, Locale locale) throws ParseException {
			return LocaleNumbers.parseInt(text, locale);
		}

		@Override
		public String print(Integer number, Locale locale) {
			return String.valueOf(number);
		}

	}

	/**
	 * A long whole number in the reader's language.
	 */
	static final class LongFormatter implements Formatter<Long> {

		@Override
		public Long parse(String text, Locale locale) throws ParseException {
			return LocaleNumbers.parseLong(text, locale);
		}

		@Override
		public String print(Long number, Locale locale) {
			return String.valueOf(number);
		}

	}

}
