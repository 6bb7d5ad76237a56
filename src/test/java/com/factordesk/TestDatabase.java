package com.factordesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.SpringApplication;
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

	private static final AtomicInteger freshDatabases = new AtomicInteger();

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (context.getEnvironment().getProperty(OWN_SERVER, Boolean.class, false)) {
			return;
		}
		Map<String, Object> shared = properties();
		Map<String, Object> database = context.getEnvironment().getProperty(FRESH, Boolean.class, false)
				? freshDatabase(shared) : shared;
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", database));
	}

	/**
	 * Set this property on a test to give its context an empty database of its own on the
	 * same server (no demo data, no demo users).
	 */
	public static final String FRESH = "factordesk.test.fresh-database";

	/**
	 * Set this property on an application a test starts on a PostgreSQL server of its own
	 * (one it stops and starts): its {@code spring.datasource.*} are left as given.
	 */
	public static final String OWN_SERVER = "factordesk.test.own-database-server";

	private static Map<String, Object> freshDatabase(Map<String, Object> shared) {
		String name = "fresh_" + freshDatabases.incrementAndGet();
		String url = (String) shared.get("spring.datasource.url");
		try (Connection connection = DriverManager.getConnection(url, (String) shared.get("spring.datasource.username"),
				(String) shared.get("spring.datasource.password"));
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create a fresh test database", ex);
		}
		int slash = url.lastIndexOf('/');
		int query = url.indexOf('?', slash);
		String freshUrl = url.substring(0, slash + 1) + name + ((query >= 0) ? url.substring(query) : "");
		Map<String, Object> fresh = new HashMap<>(shared);
		fresh.put("spring.datasource.url", freshUrl);
		return fresh;
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
		stopAfterTheContexts(container::stop);
		return Map.of("spring.datasource.url", container.getJdbcUrl(), "spring.datasource.username",
				container.getUsername(), "spring.datasource.password", container.getPassword());
	}

	private static Map<String, Object> startEmbedded() {
		try {
			// stopped by this class after the contexts, not by the library's own hook
			// beside them
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
			stopAfterTheContexts(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is going away
				}
			});
			return Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
					"spring.datasource.username", "postgres", "spring.datasource.password", "postgres");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL for the tests", ex);
		}
	}

	/**
	 * Stops the database when the JVM exits, after Spring has closed the cached test
	 * contexts: a context that closes finds its database still there (the event
	 * publication registry reads it on the way out). A JVM shutdown hook of its own would
	 * run beside Spring's and stop it first, and every context would then wait for a
	 * connection until the test JVM was killed.
	 */
	private static void stopAfterTheContexts(Runnable stop) {
		SpringApplication.getShutdownHandlers().add(stop);
	}

}
