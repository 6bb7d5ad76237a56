package com.factordesk.shared;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With no {@code spring.datasource.url}, FactorDesk runs on an embedded PostgreSQL whose
 * data survives restarts. It runs with fsync off: fine for the demo and for tests, never
 * for production data.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDataSourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		return EmbeddedDatabaseServer.start(properties.directory(), properties.port(), properties.settings());
	}

	@Bean(destroyMethod = "close")
	DataSource dataSource(EmbeddedPostgres postgres, Environment environment) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		config.setUsername("postgres");
		config.setPassword("postgres");
		config.setMaximumPoolSize(10);
		config.setPoolName("factordesk-embedded");
		// the same session settings as an external database's pool (application.yml)
		config.setConnectionInitSql(environment.getProperty("spring.datasource.hikari.connection-init-sql"));
		Long connectionTimeout = environment.getProperty("spring.datasource.hikari.connection-timeout", Long.class);
		if (connectionTimeout != null) {
			config.setConnectionTimeout(connectionTimeout);
		}
		return new HikariDataSource(config);
	}

}
