package com.factordesk.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Requests that cannot be read are refused before the session or security sees them, and
 * errors are pages in the reader's language or API problems. Only in a servlet web
 * application: the benchmark runs without a web server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UnreadableInputConfiguration {

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

	/**
	 * Right after the unreadable input filter and before Spring Session, which reads the
	 * session from the database.
	 */
	@Bean
	FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(JsonMapper json,
			MessageSource messages) {
		FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(
				new DatabaseUnavailableFilter(json, messages));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
		return registration;
	}

	@Bean
	ErrorController errorController(ErrorAttributes errorAttributes, WebProperties web,
			ObjectProvider<ErrorViewResolver> resolvers, MessageSource messages, JsonMapper json) {
		return new DeskErrorController(errorAttributes, web, resolvers.orderedStream().toList(), messages, json);
	}

}
