package com.factordesk.web;

import java.time.Duration;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * English by default, Dutch on request: {@code ?lang=nl} switches and a cookie remembers
 * the choice. Requests that cannot be read are refused before the session or security
 * sees them, and errors are pages in the reader's language or API problems.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("factordesk-lang");
		resolver.setDefaultLocale(Locale.ENGLISH);
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
	 * Right after the character encoding (so parameters are read as UTF-8) and before
	 * Spring Session and Spring Security.
	 */
	@Bean
	FilterRegistrationBean<UnreadableInputFilter> unreadableInputFilter(JsonMapper json, MessageSource messages) {
		FilterRegistrationBean<UnreadableInputFilter> registration = new FilterRegistrationBean<>(
				new UnreadableInputFilter(json, messages));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	ErrorController errorController(ErrorAttributes errorAttributes, WebProperties web,
			ObjectProvider<ErrorViewResolver> resolvers, MessageSource messages, JsonMapper json) {
		return new DeskErrorController(errorAttributes, web, resolvers.orderedStream().toList(), messages, json);
	}

}
