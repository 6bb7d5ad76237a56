package com.factordesk.demo;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A demo book generated into an embedded PostgreSQL of its own (migrated, then filled by
 * the generator), with plain SQL to read it; {@link #close()} stops the server.
 */
final class GeneratedBook implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private final GenerationReport report;

	private final JdbcTemplate jdbc;

	private GeneratedBook(EmbeddedPostgres postgres, GenerationReport report) {
		this.postgres = postgres;
		this.report = report;
		this.jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
	}

	static GeneratedBook generate(DemoScale scale, LocalDate today, long seed) throws IOException {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
		try {
			return new GeneratedBook(postgres,
					new DemoPortfolioGenerator(migrated(postgres)).generate(scale, today, seed));
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
	}

	/**
	 * The server's database with the schema migrated and no rows.
	 */
	static DataSource migrated(EmbeddedPostgres postgres) {
		DataSource dataSource = postgres.getPostgresDatabase();
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return dataSource;
	}

	GenerationReport report() {
		return this.report;
	}

	DataSource dataSource() {
		return this.postgres.getPostgresDatabase();
	}

	/**
	 * The first column of the first row, as a whole number.
	 */
	long count(String sql) {
		return this.jdbc.queryForObject(sql, Long.class);
	}

	/**
	 * The first column of the first row, as a fraction.
	 */
	double share(String sql) {
		return this.jdbc.queryForObject(sql, Double.class);
	}

	/**
	 * The first column of every row, as text.
	 */
	List<String> strings(String sql) {
		return this.jdbc.queryForList(sql, String.class);
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
