package com.factordesk.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.postgresql.PGConnection;

import static com.factordesk.web.BenchmarkApps.freePort;
import static com.factordesk.web.BenchmarkApps.jar;
import static com.factordesk.web.BenchmarkApps.option;

/**
 * Times an invoices import of issue 12's size as users run it: the packaged app (demo
 * profile, with at most 512 MB of heap: {@code -Xmx512m}) on a fresh embedded database,
 * one file of {@code --rows} invoices (default 1,000,000) of 500 new clients and 50,000
 * new debtors posted to {@code POST /api/v1/imports/invoices} with the demo key. Prints
 * the import end to end (parse, check, write with its indexes), the app's highest heap in
 * use during it (sampled with {@code jcmd GC.heap_info} every 250 ms), the debtors'
 * re-scores after it, timed apart, and a plain PostgreSQL {@code COPY} of the same file
 * into an unindexed table of text columns beside it: the floor an import cannot go under.
 */
public final class ImportBenchmark {

	private static final String DEMO_KEY = "fd-demo-integration-key";

	private static final Pattern USED = Pattern.compile("used (\\d+)K");

	private ImportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rows = Integer.parseInt(option(args, "rows", "1000000"));
		Path db = Path.of(option(args, "db", "target/import-bench-db"));
		Path file = Path.of("target", "import-bench-invoices.csv");
		BenchmarkApps.deleteTree(db);
		long written = write(file, rows);
		System.out.printf(Locale.ROOT, "Wrote %s: %,d rows, %,d bytes%n", file, rows, written);
		int port = freePort();
		int dbPort = freePort();
		Process app = BenchmarkApps.start(jar(option(args, "jar", null)), db.toString(), port,
				Path.of("target", "import-bench-app.log"), Duration.ofMinutes(10),
				"--factordesk.embedded-db.port=" + dbPort, "--factordesk.portfolio.trends-refresh-delay=PT24H",
				"-Xmx512m");
		try {
			run(app, port, dbPort, file, rows);
		}
		finally {
			app.destroy();
			app.waitFor();
		}
	}

	private static void run(Process app, int port, int dbPort, Path file, int rows) throws Exception {
		AtomicLong peakKib = new AtomicLong();
		Thread sampler = new Thread(() -> sample(app.pid(), peakKib), "heap-sampler");
		sampler.setDaemon(true);
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports/invoices"))
			.header("X-API-Key", DEMO_KEY)
			.header("Content-Type", "text/csv")
			.timeout(Duration.ofMinutes(30))
			.POST(HttpRequest.BodyPublishers.ofFile(file))
			.build();
		sampler.start();
		long start = System.nanoTime();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		double importSeconds = (System.nanoTime() - start) / 1e9;
		sampler.interrupt();
		String body = response.body();
		System.out.println("Answer " + response.statusCode() + ": "
				+ (body.length() > 400 ? body.substring(0, 400) + "..." : body));
		if (response.statusCode() != 200 || !body.contains("\"status\":\"IMPORTED\"")) {
			throw new IllegalStateException("The import did not go through");
		}
		try (Connection jdbc = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres",
				"postgres", "postgres")) {
			long rescoreStart = System.nanoTime();
			long waiting;
			do {
				Thread.sleep(500);
				waiting = BenchmarkApps.count(jdbc,
						"SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL");
			}
			while (waiting > 0);
			double rescoreSeconds = (System.nanoTime() - rescoreStart) / 1e9;
			double copySeconds = copy(jdbc, file);
			System.out.printf(Locale.ROOT, "%nInvoices import of %,d rows on %d processors:%n", rows,
					Runtime.getRuntime().availableProcessors());
			System.out.printf(Locale.ROOT, "  import end to end (POST to answer)   %8.1f s  (%,.0f rows/s)%n",
					importSeconds, rows / importSeconds);
			System.out.printf(Locale.ROOT, "  highest heap in use during it        %8d MB (-Xmx512m)%n",
					peakKib.get() / 1024);
			System.out.printf(Locale.ROOT, "  re-scores after it, apart            %8.1f s%n", rescoreSeconds);
			System.out.printf(Locale.ROOT, "  plain COPY into an unindexed table   %8.1f s  (import / COPY: %.1f)%n",
					copySeconds, importSeconds / copySeconds);
		}
	}

	/**
	 * The file: 500 new clients, 50,000 new debtors named on their first row, invoices
	 * issued over the 120 days before the demo's today, due 30, 45 or 60 days later.
	 */
	private static long write(Path file, int rows) throws IOException {
		SplittableRandom random = new SplittableRandom(20261203);
		LocalDate today = LocalDate.of(2026, 11, 25);
		boolean[] named = new boolean[50_000];
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency,"
					+ "debtor_registration_number,debtor_country\n");
			for (int row = 0; row < rows; row++) {
				int client = random.nextInt(500);
				int debtor = random.nextInt(50_000);
				LocalDate issued = today.minusDays(random.nextInt(120));
				LocalDate due = issued.plusDays(30 + 15 * random.nextInt(3));
				BigDecimal amount = BigDecimal.valueOf(10_000 + random.nextLong(5_000_000), 2);
				String name = "";
				String registration = "";
				if (!named[debtor]) {
					named[debtor] = true;
					name = "\"Bench Debtor " + debtor + ", B.V.\"";
					registration = String.format(Locale.ROOT, "BR%08d", debtor);
				}
				out.write(String.format(Locale.ROOT, "BC%04d,BD%06d,%s,BI-%08d,%s,%s,%s,EUR,%s,%s%n", client, debtor,
						name, row, issued, due, amount.toPlainString(), registration, name.isEmpty() ? "" : "NL"));
			}
		}
		return Files.size(file);
	}

	private static void sample(long pid, AtomicLong peakKib) {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.heap_info").redirectErrorStream(true)
					.start();
				String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				jcmd.waitFor();
				Matcher used = USED.matcher(out);
				if (used.find()) {
					peakKib.accumulateAndGet(Long.parseLong(used.group(1)), Math::max);
				}
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not sample the heap: " + ex.getMessage(), ex);
			}
		}
	}

	private static double copy(Connection jdbc, Path file) throws Exception {
		try (Statement statement = jdbc.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS import_bench_copy");
			statement.execute("""
					CREATE TABLE import_bench_copy (client_ref text, debtor_ref text, debtor_name text,
					    invoice_number text, issue_date text, due_date text, amount text, currency text,
					    debtor_registration_number text, debtor_country text)
					""");
			long start = System.nanoTime();
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				jdbc.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY import_bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			statement.execute("DROP TABLE import_bench_copy");
			return seconds;
		}
	}

}
