package com.factordesk.shared;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.util.StringUtils;

/**
 * The reporting reads' transaction manager and JDBC client ({@link ReportingDatabase}).
 * Without a copy configured they are the primary's own ones under a second name
 * (aliases), so nothing changes; with one, a read-only pool of their own, beans that are
 * injected only where asked for by name, so that everything else keeps Boot's DataSource,
 * transaction manager and client.
 */
@Configuration(proxyBeanMethods = false)
class ReportingDatabaseConfiguration {

	/**
	 * Without a copy, the names of the reporting reads are aliases of the primary's
	 * transaction manager and JDBC client.
	 */
	@Bean
	static BeanFactoryPostProcessor reportingOnThePrimary(Environment environment) {
		return (beanFactory) -> {
			if (!StringUtils.hasText(environment.getProperty(ReportingDatabase.URL_PROPERTY))) {
				beanFactory.registerAlias("transactionManager", ReportingDatabase.TRANSACTIONS);
				beanFactory.registerAlias("jdbcClient", ReportingDatabase.JDBC);
				beanFactory.registerAlias("dataSource", ReportingDatabase.DATA_SOURCE);
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(ReportingDatabase.URL_PROPERTY)
	static class OnACopy {

		@Bean(name = ReportingDatabase.DATA_SOURCE, destroyMethod = "close", defaultCandidate = false)
		HikariDataSource reportingDataSource(ReportingDatabase database, Environment environment) {
			HikariDataSource pool = new HikariDataSource();
			pool.setPoolName("factordesk-reporting");
			pool.setJdbcUrl(database.url());
			pool.setUsername(database.username());
			pool.setPassword(database.password());
			pool.setMaximumPoolSize(database.maximumPoolSize());
			pool.setReadOnly(true);
			// as the primary's pool: a report waits as long for a connection, and plans
			// its scope filters with their values (application.yml)
			pool.setConnectionTimeout(
					environment.getProperty("spring.datasource.hikari.connection-timeout", Long.class, 2000L));
			pool.setConnectionInitSql(environment.getProperty("spring.datasource.hikari.connection-init-sql"));
			return pool;
		}

		@Bean(name = ReportingDatabase.TRANSACTIONS, defaultCandidate = false)
		DataSourceTransactionManager reportingTransactionManager(
				@Qualifier(ReportingDatabase.DATA_SOURCE) DataSource reportingDataSource, DatabaseTimeouts timeouts) {
			// the same time limit on a request's reads as on the primary
			return new DataSourceTransactionManager(reportingDataSource) {

				@Override
				protected void doBegin(Object transaction, TransactionDefinition definition) {
					super.doBegin(transaction, RequestTransactionManager.limited(definition, timeouts));
				}

			};
		}

		@Bean(name = ReportingDatabase.JDBC, defaultCandidate = false)
		JdbcClient reportingJdbcClient(@Qualifier(ReportingDatabase.DATA_SOURCE) DataSource reportingDataSource) {
			return JdbcClient.create(reportingDataSource);
		}

	}

}
