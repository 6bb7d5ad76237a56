package com.factordesk.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Generates a demo portfolio from the command line and prints what it wrote and how fast:
 * the benchmark entry point.
 * <p>
 * Options: {@code --invoices=N} (default 1,000,000), {@code --seed=N} (default 20261125),
 * {@code --today=yyyy-MM-dd} (default 2026-11-25), {@code --queue=N} (the invoices left
 * waiting in the underwriters' queue; default 0.5 % of the invoices); and either
 * {@code --url=jdbc:postgresql://... --user=... --password=...} for an existing database
 * without business data, or (the default) a fresh embedded PostgreSQL in {@code --dir}
 * (default {@code target/bench-pg}), deleted again at the end unless {@code --keep=true}
 * (then the demo profile's app runs on it as it is:
 * {@code --factordesk.embedded-db.directory=}, nothing reseeded). Flyway migrates the
 * schema first in both cases.
 */
public final class GenerateDemoPortfolioCommand {

	private static final List<String> TABLES = List.of("client", "facility", "debtor", "bureau_score", "schedule",
			"invoice", "invoice_transition", "dispute", "credit_note", "payment", "payment_allocation", "funding_run",
			"advance", "settlement", "rebate_run", "reserve_entry", "debtor_exposure", "facility_exposure",
			"notice_of_assignment");

	private GenerateDemoPortfolioCommand() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int invoices = Integer.parseInt(options.getOrDefault("invoices", "1000000").replace("_", ""));
		long seed = Long.parseLong(options.getOrDefault("seed", "20261125"));
		LocalDate today = LocalDate.parse(options.getOrDefault("today", "2026-11-25"));
		DemoScale scale = DemoScale.forInvoices(invoices)
			.withQueue(Integer.parseInt(options.getOrDefault("queue", "0").replace("_", "")));
		boolean keep = Boolean.parseBoolean(options.getOrDefault("keep", "false"));
		if (options.containsKey("url")) {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setUrl(options.get("url"));
			dataSource.setUser(options.getOrDefault("user", "postgres"));
			dataSource.setPassword(options.getOrDefault("password", ""));
			run(dataSource, scale, today, seed);
			return;
		}
		Path directory = Paths.get(options.getOrDefault("dir", "target/bench-pg")).toAbsolutePath();
		deleteOldCluster(directory);
		System.out.printf(Locale.ROOT, "Starting an embedded PostgreSQL in %s%n", directory);
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(!keep)
			.start()) {
			run(postgres.getPostgresDatabase(), scale, today, seed);
		}
		if (keep) {
			System.out.printf(Locale.ROOT,
					"Kept the database in %s: start the app on it with "
							+ "--spring.profiles.active=demo --factordesk.embedded-db.directory=%s%n",
					directory, directory);
		}
	}

	private static void run(DataSource dataSource, DemoScale scale, LocalDate today, long seed) throws SQLException {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		System.out.printf(Locale.ROOT, "Generating %,d clients, %,d debtors, %,d invoices as of %s (seed %d)%n",
				scale.clients(), scale.debtors(), scale.invoices(), today, seed);
		GenerationReport report = new DemoPortfolioGenerator(dataSource).generate(scale, today, seed);
		long total = 0;
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (String table : TABLES) {
				try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
					rows.next();
					long count = rows.getLong(1);
					total += count;
					System.out.printf(Locale.ROOT, "%-20s %,12d rows%n", table, count);
				}
			}
		}
		double seconds = report.elapsed().toMillis() / 1000.0;
		System.out.printf(Locale.ROOT, "%-20s %,12d invoices SUBMITTED%n", "underwriter queue",
				report.submittedInQueue());
		System.out.printf(Locale.ROOT, "%-20s %,12d rows in %.1f s (COPY, sequences, ANALYZE): %,d rows/s%n", "total",
				total, seconds, Math.round(total / Math.max(0.001, seconds)));
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got " + arg);
			}
			int equals = arg.indexOf('=');
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return options;
	}

	/**
	 * Removes what a previous, interrupted run left behind: only a PostgreSQL cluster
	 * that is not running.
	 */
	private static void deleteOldCluster(Path directory) throws IOException {
		if (!Files.exists(directory.resolve("PG_VERSION"))) {
			return;
		}
		if (Files.exists(directory.resolve("postmaster.pid"))) {
			throw new IllegalStateException("A PostgreSQL still runs on " + directory + " (see postmaster.pid): stop it"
					+ " or choose another --dir");
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
