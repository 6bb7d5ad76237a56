package com.factordesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The tests' PostgreSQL, one per test JVM and shared by every Spring context:
 * Testcontainers' PostgreSQL when a Docker engine answers, an embedded PostgreSQL on a
 * fresh temporary cluster otherwise. Never H2.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static Map<String, Object> properties;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", properties()));
	}

	public static synchronized Map<String, Object> properties() {
		if (properties == null) {
			properties = dockerAvailable() ? startContainer() : startEmbedded();
		}
		return properties;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Map<String, Object> startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return Map.of("spring.datasource.url", container.getJdbcUrl(), "spring.datasource.username",
				container.getUsername(), "spring.datasource.password", container.getPassword());
	}

	private static Map<String, Object> startEmbedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is going away
				}
			}));
			return Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
					"spring.datasource.username", "postgres", "spring.datasource.password", "postgres");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL for the tests", ex);
		}
	}

}
