package com.factordesk.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import com.factordesk.FactorDeskApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client statement's benchmark (not a test): starts the application in this JVM with
 * the demo profile on a fresh embedded PostgreSQL (its folder deleted first), adds one
 * client with 50,000 reserve ledger entries over two years (bulk SQL, as the demo's
 * loader writes: funded and paid invoices with their advances and allocations, and per
 * invoice a reserve created, a fee, a rebate paid and one more movement), logs in the
 * demo underwriter over loopback and times, one request at a time, the client page with
 * the statement of the last 12 months, the same page with the drill-down into its fees,
 * and the statement as PDF: median, p95 and the slowest of the measured requests, after a
 * warm-up. Prints the plan of the movements query. Every answer is checked (status, the
 * figures on the page, a PDF).
 *
 * <pre>
 * ./mvnw -q -B test-compile org.codehaus.mojo:exec-maven-plugin:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=com.factordesk.web.StatementLatencyBenchmark
 * </pre>
 *
 * Options: {@code --entries=50000} (a multiple of 4), {@code --runs=20} (measured per
 * request), {@code --warmup=10}, {@code --db=target/statement-bench-db}.
 */
public final class StatementLatencyBenchmark {

	private static final String CLIENT = "BENCH-STMT";

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	private StatementLatencyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int entries = Integer.parseInt(option(args, "entries", "50000"));
		int runs = Integer.parseInt(option(args, "runs", "20"));
		int warmup = Integer.parseInt(option(args, "warmup", "10"));
		Path db = Path.of(option(args, "db", "target/statement-bench-db"));
		delete(db);
		long started = System.nanoTime();
		ConfigurableApplicationContext app = SpringApplication.run(FactorDeskApplication.class,
				"--spring.profiles.active=demo", "--server.port=0", "--server.address=127.0.0.1",
				"--factordesk.embedded-db.directory=" + db, "--logging.level.root=WARN");
		int status = 0;
		try {
			System.out.printf(Locale.ROOT, "%nApp with the demo book up in %.1f s%n",
					(System.nanoTime() - started) / 1e9);
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			long seeding = System.nanoTime();
			seed(jdbc, entries / 4);
			System.out
				.printf(Locale.ROOT, "Seeded client %s: %,d ledger entries, %,d invoices in %.1f s%n", CLIENT,
						jdbc.queryForObject("SELECT COUNT(*) FROM reserve_entry e JOIN client c ON c.id = e.client_id "
								+ "WHERE c.ref = ?", Long.class, CLIENT),
						entries / 4, (System.nanoTime() - seeding) / 1e9);
			LocalDate from = TODAY.minusMonths(12).plusDays(1);
			String period = "from=" + from + "&to=" + TODAY;
			String page = "/clients/" + CLIENT + "?" + period;
			String drillDown = page + "&kind=FEE&entries=7";
			String pdf = "/clients/" + CLIENT + "/statement.pdf?" + period;
			System.out.println("Plan of the movements query (12 months):");
			jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT e.kind, COUNT(*), SUM(e.amount) "
					+ "FROM reserve_entry e WHERE e.client_id = (SELECT id FROM client WHERE ref = '" + CLIENT
					+ "') AND e.booked_on >= DATE '" + from + "' AND e.booked_on <= DATE '" + TODAY
					+ "' GROUP BY e.kind", String.class)
				.forEach((line) -> System.out.println("    " + line));

			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			DeskClient underwriter = DeskClient.loggedIn(port, "underwriter");
			System.out.printf(Locale.ROOT, "%-60s %6s %9s %9s %9s%n", "request (one at a time)", "runs", "median ms",
					"p95 ms", "max ms");
			time("GET " + page, runs, warmup, () -> check(underwriter.get(page), "id=\"statement-closing\""));
			time("GET ...&kind=FEE&entries=7 (drill-down)", runs, warmup,
					() -> check(underwriter.get(drillDown), "id=\"statement-entries-table\""));
			time("GET " + pdf, runs, warmup, () -> check(underwriter.get(pdf), "%PDF-"));
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			status = 1;
		}
		finally {
			app.close();
		}
		System.exit(status);
	}

	/**
	 * A client with a facility, and per invoice: the advance, the allocation of its
	 * payment, and four ledger entries (a reserve created on the funding day; a fee and a
	 * rebate paid when it was paid; a dilution, short pay, chargeback or pass-on by
	 * turn). The invoices are funded every day of the two years before today, in turn.
	 */
	private static void seed(JdbcTemplate jdbc, int invoices) {
		jdbc.update("""
				INSERT INTO client (ref, legal_name, registration_number, country, industry, onboarded_on)
				VALUES (?, 'Statement Benchmark B.V.', 'REG-BENCH-STMT', 'NL', 'transport', DATE '2024-01-01')
				""", CLIENT);
		jdbc.update("""
				INSERT INTO facility (client_id, facility_limit, default_advance_rate, recourse, recourse_days,
				                      notification, concentration_limit)
				SELECT id, 100000000, 0.8, false, NULL, true, 0.25 FROM client WHERE ref = ?
				""", CLIENT);
		long clientId = jdbc.queryForObject("SELECT id FROM client WHERE ref = ?", Long.class, CLIENT);
		long debtorId = jdbc.queryForObject("SELECT MIN(id) FROM debtor", Long.class);
		jdbc.update("""
				INSERT INTO invoice (client_id, debtor_id, number, issue_date, due_date, amount, status, submitted_at,
				                     funded_on, closed_on)
				SELECT ?, ?, 'BS-' || g, d - 2, d + 28, 1000 + (g % 500), 'PAID', (d - 2)::timestamptz, d, d + 30
				FROM generate_series(1, ?) g, LATERAL (SELECT CAST(? AS date) - 730 + (g % 700) AS d) day
				""", clientId, debtorId, invoices, TODAY);
		jdbc.update(
				"""
						INSERT INTO advance (invoice_id, funded_on, face, amount, reserve, advance_rate, fee_rate, fee_structure,
						                     fee_period_days, day_count)
						SELECT i.id, i.funded_on, i.amount, i.amount * 0.8, i.amount * 0.2, 0.8, 0.015, 'TIERED', 30, 'ACT_360'
						FROM invoice i WHERE i.client_id = ?
						""",
				clientId);
		jdbc.update("""
				INSERT INTO payment (debtor_id, received_on, amount, reference)
				SELECT i.debtor_id, i.closed_on, i.amount, 'BS-PAY-' || i.id FROM invoice i WHERE i.client_id = ?
				""", clientId);
		jdbc.update("""
				INSERT INTO payment_allocation (payment_id, invoice_id, amount, received_on)
				SELECT p.id, i.id, i.amount, i.closed_on
				FROM invoice i JOIN payment p ON p.reference = 'BS-PAY-' || i.id
				WHERE i.client_id = ?
				""", clientId);
		jdbc.update("""
				INSERT INTO reserve_entry (client_id, kind, amount, booked_on, invoice_id, note, created_by, created_at)
				SELECT i.client_id, k.kind, k.amount, k.booked_on, i.id, 'benchmark', 'bench', now()
				FROM invoice i JOIN advance a ON a.invoice_id = i.id
				CROSS JOIN LATERAL (VALUES
				    ('RESERVE_CREATED', a.reserve, i.funded_on),
				    ('FEE', -round(i.amount * 0.015, 2), i.closed_on),
				    ('REBATE_PAID', -(a.reserve - round(i.amount * 0.015, 2) - 5), i.closed_on + 3),
				    (CASE i.id % 4 WHEN 0 THEN 'DILUTION' WHEN 1 THEN 'SHORT_PAY' WHEN 2 THEN 'CHARGEBACK'
				                   ELSE 'PASSED_ON' END,
				     CASE i.id % 4 WHEN 3 THEN 5.00 ELSE -5.00 END, i.closed_on)) k(kind, amount, booked_on)
				WHERE i.client_id = ?
				""", clientId);
		jdbc.execute("ANALYZE reserve_entry");
		jdbc.execute("ANALYZE invoice");
		jdbc.execute("ANALYZE advance");
		jdbc.execute("ANALYZE payment_allocation");
	}

	private static void time(String label, int runs, int warmup, Runnable request) {
		for (int i = 0; i < warmup; i++) {
			request.run();
		}
		long[] took = new long[runs];
		for (int i = 0; i < runs; i++) {
			long before = System.nanoTime();
			request.run();
			took[i] = System.nanoTime() - before;
		}
		Arrays.sort(took);
		System.out.printf(Locale.ROOT, "%-60s %6d %9.1f %9.1f %9.1f%n", label, runs, took[runs / 2] / 1e6,
				took[(int) Math.ceil(0.95 * runs) - 1] / 1e6, took[runs - 1] / 1e6);
	}

	private static void check(HttpResponse<String> response, String expected) {
		if (response.statusCode() != 200 || !response.body().contains(expected)) {
			throw new IllegalStateException("Unexpected answer " + response.statusCode() + " "
					+ response.headers().firstValue("Location").orElse("") + " without " + expected);
		}
	}

	private static void delete(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static String option(String[] args, String name, String otherwise) {
		String prefix = "--" + name + "=";
		return Arrays.stream(args)
			.filter((arg) -> arg.startsWith(prefix))
			.map((arg) -> arg.substring(prefix.length()))
			.findFirst()
			.orElse(otherwise);
	}

}
