package com.factordesk.web;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The reader's language: {@code ?lang=nl} switches and a cookie remembers the choice;
 * without either, the browser's Accept-Language picks English or Dutch. Any other
 * language is English.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	/**
	 * The cookie that remembers the language the reader chose.
	 */
	static final String LANGUAGE_COOKIE = "factordesk-lang";

	/**
	 * The languages of the desk, the first the one for everything else.
	 */
	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"));

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new SupportedLocaleResolver();
		resolver.setDefaultLocaleFunction(WebConfiguration::browserLanguage);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

	/**
	 * The first language of the browser's Accept-Language (by preference) that the desk
	 * speaks, else English.
	 */
	static Locale browserLanguage(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") == null) {
			return LANGUAGES.get(0);
		}
		for (Locale wanted : Collections.list(request.getLocales())) {
			for (Locale language : LANGUAGES) {
				if (language.getLanguage().equals(wanted.getLanguage())) {
					return language;
				}
			}
		}
		return LANGUAGES.get(0);
	}

	/**
	 * The desk's language closest to a locale: Dutch for any Dutch, English for the rest.
	 */
	static Locale supported(Locale locale) {
		if (locale != null) {
			for (Locale language : LANGUAGES) {
				if (language.getLanguage().equals(locale.getLanguage())) {
					return language;
				}
			}
		}
		return LANGUAGES.get(0);
	}

	/**
	 * Remembers and answers only a language the desk speaks, so that a {@code ?lang=de}
	 * or an old cookie cannot give English texts with German numbers.
	 */
	private static final class SupportedLocaleResolver extends CookieLocaleResolver {

		SupportedLocaleResolver() {
			super(LANGUAGE_COOKIE);
		}

		@Override
		protected Locale parseLocaleValue(String localeValue) {
			Locale parsed = super.parseLocaleValue(localeValue);
			return (parsed != null) ? supported(parsed) : null;
		}

		@Override
		public void setLocaleContext(HttpServletRequest request, HttpServletResponse response,
				LocaleContext localeContext) {
			LocaleContext supportedContext = (localeContext != null && localeContext.getLocale() != null)
					? new SimpleLocaleContext(supported(localeContext.getLocale())) : localeContext;
			super.setLocaleContext(request, response, supportedContext);
		}

	}

}
