package com.factordesk.shared;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The application's transaction manager, in place of Boot's JPA one (Boot's steps aside
 * for it; Boot's customizers still apply), and the filter that marks the requests it
 * limits.
 */
@Configuration(proxyBeanMethods = false)
class RequestTransactionConfiguration {

	@Bean
	RequestTransactionManager transactionManager(DatabaseTimeouts timeouts,
			ObjectProvider<TransactionManagerCustomizers> customizers) {
		RequestTransactionManager manager = new RequestTransactionManager(timeouts);
		customizers.ifAvailable((each) -> each.customize(manager));
		return manager;
	}

	/**
	 * Before the security filters, whose look-ups of users and keys are the request's
	 * database work too.
	 */
	@Bean
	FilterRegistrationBean<RequestTransactionManager.LimitedRequests> limitedRequests() {
		FilterRegistrationBean<RequestTransactionManager.LimitedRequests> registration = new FilterRegistrationBean<>(
				new RequestTransactionManager.LimitedRequests());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
		return registration;
	}

}
