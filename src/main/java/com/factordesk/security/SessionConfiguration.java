package com.factordesk.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * HTTP sessions live in PostgreSQL. Requests of one session run in parallel (a manager
 * opening tabs, partial page updates), and two of them may add the same new attribute
 * (the CSRF token right after a login): the attribute is upserted, so the second write
 * replaces the first instead of failing on the primary key.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	@Bean
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer upsertingSessionAttributes() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

}
