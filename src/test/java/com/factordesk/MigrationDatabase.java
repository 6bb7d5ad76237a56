package com.factordesk;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An empty database of its own on the tests' PostgreSQL server, for a test of one
 * migration: migrate it to the version before, put in the rows the migration must deal
 * with, migrate on and look. {@link #drop()} removes it.
 */
public final class MigrationDatabase {

	private final String name;

	private final String url;

	private final JdbcTemplate jdbc;

	private MigrationDatabase(String name) throws SQLException {
		this.name = name;
		execute("CREATE DATABASE " + name);
		String shared = (String) shared().get("spring.datasource.url");
		int slash = shared.lastIndexOf('/');
		int query = shared.indexOf('?', slash);
		this.url = shared.substring(0, slash + 1) + name + ((query >= 0) ? shared.substring(query) : "");
		this.jdbc = new JdbcTemplate(new DriverManagerDataSource(this.url, user(), password()));
	}

	/**
	 * A new empty database whose name starts with the given prefix.
	 */
	public static MigrationDatabase create(String prefix) throws SQLException {
		return new MigrationDatabase(prefix + "_" + System.nanoTime());
	}

	/**
	 * The JDBC URL of the database, for an application a test starts on it.
	 */
	public String url() {
		return this.url;
	}

	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/**
	 * Runs the migrations up to and including the given version.
	 */
	public void migrateTo(String version) {
		Flyway.configure()
			.dataSource(this.url, user(), password())
			.locations("classpath:db/migration")
			.target(version)
			.load()
			.migrate();
	}

	public void drop() throws SQLException {
		execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection((String) shared().get("spring.datasource.url"), user(),
				password()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Map<String, Object> shared() {
		return TestDatabase.properties();
	}

	private static String user() {
		return (String) shared().get("spring.datasource.username");
	}

	private static String password() {
		return (String) shared().get("spring.datasource.password");
	}

}
