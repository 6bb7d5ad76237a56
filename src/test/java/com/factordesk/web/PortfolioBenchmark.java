package com.factordesk.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import com.factordesk.portfolio.Headline;
import com.factordesk.portfolio.PortfolioStatements;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static com.factordesk.web.BenchmarkApps.freePort;
import static com.factordesk.web.BenchmarkApps.jar;
import static com.factordesk.web.BenchmarkApps.option;

/**
 * The portfolio dashboard benchmark (not a test), issue 11: starts the packaged jar with
 * the demo profile on a database directory (by default the 1,000,000-invoice book in
 * {@code /work/book-1m}, generated once with
 * {@code GenerateDemoPortfolioCommand --invoices=1000000 --keep=true}), or uses an app
 * already running ({@code --port=} with {@code --pg-port=} of its PostgreSQL), logs a
 * demo manager in, and prints, one request at a time after a warm-up:
 * <ul>
 * <li>{@code GET /api/v1/portfolio/summary?asOf=}: median and p95;</li>
 * <li>the single heaviest SQL aggregate it runs (the headline figures' one statement,
 * every family of figures in one pass) run alone over JDBC from this JVM, median and p95,
 * and the summary's median as a multiple of it;</li>
 * <li>{@code GET /portfolio?asOf=}, the whole dashboard page: its first render with no
 * stored trend month ends (each of the 11 computed and stored, and the open AR at the
 * window's start, the stored ones removed first unless {@code --cold=false}), then median
 * and p95 with them stored; the summary and the statement are measured after it, as a
 * desk runs them all day, and the statement also before it, with nothing stored; and the
 * page again, each time after a change of everything is recorded (as an import or a
 * rescoring records one): the watchlist kept from the page before cannot be used, every
 * debtor of the book is computed.</li>
 * </ul>
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package org.codehaus.mojo:exec-maven-plugin:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=com.factordesk.web.PortfolioBenchmark
 * </pre>
 *
 * Options: {@code --db=/work/book-1m}, {@code --jar=}, {@code --port=} and
 * {@code --pg-port=} (an app already running: nothing started), {@code --asOf=2026-11-25}
 * (the demo clock's today), {@code --runs=20}, {@code --warmup=3}, {@code --cold=true}.
 */
public final class PortfolioBenchmark {

	private PortfolioBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int runs = Integer.parseInt(option(args, "runs", "20"));
		int warmup = Integer.parseInt(option(args, "warmup", "3"));
		LocalDate asOf = LocalDate.parse(option(args, "asOf", "2026-11-25"));
		boolean cold = Boolean.parseBoolean(option(args, "cold", "true"));
		String port = option(args, "port", null);
		Process app = null;
		int appPort;
		int pgPort;
		if (port != null) {
			appPort = Integer.parseInt(port);
			pgPort = Integer.parseInt(option(args, "pg-port", "5432"));
		}
		else {
			appPort = freePort();
			pgPort = freePort();
			app = BenchmarkApps.start(jar(option(args, "jar", null)), option(args, "db", "/work/book-1m"), appPort,
					Path.of("target", "portfolio-bench-app.log"), Duration.ofMinutes(10),
					"--factordesk.embedded-db.port=" + pgPort,
					// no background refresh of the trend's month ends while it measures
					"--factordesk.portfolio.trends-refresh-delay=PT24H");
		}
		try {
			run(appPort, pgPort, asOf, runs, warmup, cold);
		}
		finally {
			if (app != null) {
				app.destroy();
				app.waitFor();
			}
		}
	}

	private static void run(int port, int pgPort, LocalDate asOf, int runs, int warmup, boolean cold)
			throws SQLException {
		// one connection, kept open, as the app's pool keeps its own
		SingleConnectionDataSource database = new SingleConnectionDataSource(
				"jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "postgres", true);
		// the session as the app's pool sets up each of its connections
		// (application.yml): the
		// statement is planned with its parameters on every run, as the app plans it
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SET plan_cache_mode = force_custom_plan");
		}
		System.out.printf(Locale.ROOT,
				"%nPortfolio benchmark, app on 127.0.0.1:%d, PostgreSQL on %d, %d processors,"
						+ " as of %s, %d runs each after %d unmeasured%n",
				port, pgPort, Runtime.getRuntime().availableProcessors(), asOf, runs, warmup);
		System.out.printf(Locale.ROOT, "book: %s%n", book(database, asOf));

		DeskClient manager = DeskClient.loggedIn(port, "manager");
		String summary = "/api/v1/portfolio/summary?asOf=" + asOf;
		String page = "/portfolio?asOf=" + asOf;

		PortfolioStatements statements = new PortfolioStatements(database, asOf);
		if (cold) {
			try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
				statement.executeUpdate("DELETE FROM portfolio_trend_snapshot");
				statement.executeUpdate("DELETE FROM portfolio_open_ar_snapshot");
			}
		}
		// the statement alone first, nothing stored: what a trend's month end costs when
		// it is computed, the open AR at its window's start summed
		Result computed = cold ? time(runs, warmup, () -> statements.headline(asOf)) : null;
		String stored = "SELECT COUNT(*) FROM portfolio_trend_snapshot WHERE client_id = 0 AND debtor_id = 0";
		long storedBefore = count(database, stored);
		long before = System.nanoTime();
		check(manager.send(manager.request(page).timeout(Duration.ofMinutes(10)).GET().build()), page);
		double first = (System.nanoTime() - before) / 1e6;
		System.out.printf(Locale.ROOT,
				"first page render %.1f ms (portfolio month ends stored before: %d, after: %d)%n", first, storedBefore,
				count(database, stored));
		// then as a desk runs all day: the month ends and the window's start stored by
		// the
		// first page
		Result aggregate = time(runs, warmup, () -> statements.headline(asOf));
		Result api = time(runs, warmup, () -> check(manager.get(summary), summary));
		Result dashboard = time(runs, warmup, () -> check(manager.get(page), page));
		// each page after a change of everything (as an import or a rescoring records it,
		// V062): the kept watchlist cannot tell what changed, every debtor is computed
		Result afresh = time(runs, warmup, () -> changeOfEverything(database), () -> check(manager.get(page), page));
		Headline onTheDay = statements.headlineOf(asOf);
		Result trend = time(runs, warmup, () -> statements.storedTrend(asOf, onTheDay));

		System.out.printf(Locale.ROOT, "%-58s %11s %8s%n", "", "median ms", "p95 ms");
		print("GET " + summary, api);
		print("headline figures statement alone over JDBC (open AR " + statements.headline(asOf) + ")", aggregate);
		if (computed != null) {
			print("the same, nothing stored (the window's start summed)", computed);
		}
		print("GET " + page + " (the dashboard page)", dashboard);
		print("the same after a change of everything (watchlist computed)", afresh);
		print("the trends section's SQL, month ends stored (" + statements.storedTrend(asOf, onTheDay)
				+ " of 11 from the store)", trend);
		System.out.printf(Locale.ROOT, "summary / aggregate (medians): %.2f (target at most 1.5); page median %.1f ms"
				+ " (target under 1,000)%n", api.millis(0.50) / aggregate.millis(0.50), dashboard.millis(0.50));
		database.destroy();
	}

	private static String book(SingleConnectionDataSource database, LocalDate asOf) throws SQLException {
		return count(database, "SELECT COUNT(*) FROM invoice") + " invoices, "
				+ count(database, "SELECT COUNT(*) FROM debtor") + " debtors, "
				+ count(database, "SELECT COUNT(*) FROM client") + " clients, "
				+ count(database, "SELECT COUNT(*) FROM open_receivable(DATE '" + asOf + "')") + " open on " + asOf;
	}

	private static long count(SingleConnectionDataSource database, String sql) throws SQLException {
		try (Connection connection = database.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static String check(HttpResponse<String> response, String path) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + " "
					+ response.headers().firstValue("Location").orElse(""));
		}
		return response.body();
	}

	private static void changeOfEverything(SingleConnectionDataSource database) {
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO flag_scope_change (client_id, debtor_id) VALUES (NULL, NULL)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Result time(int runs, int warmup, Supplier<String> request) {
		return time(runs, warmup, () -> {
		}, request);
	}

	/**
	 * Times a request, each run after an unmeasured step.
	 */
	private static Result time(int runs, int warmup, Runnable first, Supplier<String> request) {
		for (int i = 0; i < warmup; i++) {
			first.run();
			request.get();
		}
		long[] nanos = new long[runs];
		for (int i = 0; i < runs; i++) {
			first.run();
			long before = System.nanoTime();
			request.get();
			nanos[i] = System.nanoTime() - before;
		}
		Arrays.sort(nanos);
		return new Result(nanos);
	}

	private static void print(String label, Result result) {
		System.out.printf(Locale.ROOT, "%-58s %11.1f %8.1f%n", label, result.millis(0.50), result.millis(0.95));
	}

	private record Result(long[] sortedNanos) {

		double millis(double quantile) {
			int index = (int) Math.ceil(quantile * this.sortedNanos.length) - 1;
			return this.sortedNanos[Math.max(index, 0)] / 1e6;
		}

	}

}
