package com.factordesk.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.factordesk.shared.EmbeddedDatabaseServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the packaged app on one PostgreSQL on loopback, under load and faults
 * (issue 13's proof): both start at the same moment on an empty database (the once-only
 * start-up work runs once), a session opened on one works on the other, then underwriters
 * and managers approve the invoices of a fresh queue, each invoice twice at once (once
 * through each instance), while PostgreSQL is stopped and started and one instance is
 * killed with SIGKILL and started again; then instance B is killed again in the middle of
 * a funding run, of a payments import and of an invoices import, and both instances fund
 * every client at once. It counts every invoice, decision, advance, ledger entry and
 * exposure row against what the callers were told and prints the figures; it exits 1 when
 * a record was lost or doubled or a limit breached.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package org.codehaus.mojo:exec-maven-plugin:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=com.factordesk.web.ClusterProof
 * </pre>
 *
 * Options ({@code -Dexec.args="..."}): {@code --invoices=600} (each approved twice at
 * once), {@code --callers=32}, {@code --jar=path/to.jar}.
 */
public final class ClusterProof {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	private static final String DEMO_KEY = "fd-demo-integration-key";

	private static final Path WORK = Path.of("target", "cluster-proof");

	private final int invoices;

	private final int callers;

	private final Path jar;

	private final int databasePort;

	private final int[] ports;

	private final Process[] apps = new Process[2];

	/**
	 * Starts so far: each start logs to a file of its own.
	 */
	private final AtomicInteger starts = new AtomicInteger();

	private EmbeddedPostgres postgres;

	private final Map<String, String> figures = new LinkedHashMap<>();

	private final List<String> failures = new ArrayList<>();

	private ClusterProof(int invoices, int callers, Path jar) throws IOException {
		this.invoices = invoices;
		this.callers = callers;
		this.jar = jar;
		this.databasePort = BenchmarkApps.freePort();
		this.ports = new int[] { BenchmarkApps.freePort(), BenchmarkApps.freePort() };
	}

	public static void main(String[] args) throws Exception {
		ClusterProof proof = new ClusterProof(Integer.parseInt(BenchmarkApps.option(args, "invoices", "600")),
				Integer.parseInt(BenchmarkApps.option(args, "callers", "32")),
				BenchmarkApps.jar(BenchmarkApps.option(args, "jar", null)));
		int exit;
		try {
			exit = proof.run();
		}
		finally {
			proof.stopAll();
		}
		System.exit(exit);
	}

	private int run() throws Exception {
		BenchmarkApps.deleteTree(WORK);
		Files.createDirectories(WORK);
		this.postgres = EmbeddedDatabaseServer.start(WORK.resolve("db"), this.databasePort);
		startBothAtOnce();
		checkStartUpRanOnce();
		checkSessionsMoveBetweenInstances();
		List<Long> queued = queueInvoices();
		Map<Long, BigDecimal> limitsBefore = debtorLimitRoom();
		approveUnderFaults(queued);
		fundWhileBIsKilled();
		fundFromBothAtOnce();
		paymentsWhileBIsKilled();
		importWhileBIsKilled();
		awaitOutstandingWork();
		checkNothingLostOrDoubled(queued, limitsBefore);
		checkStructuredLogs();
		System.out.printf(Locale.ROOT, "%nTwo instances on one PostgreSQL (%d processors):%n",
				Runtime.getRuntime().availableProcessors());
		this.figures.forEach((name, value) -> System.out.printf(Locale.ROOT, "  %-58s %s%n", name, value));
		if (this.failures.isEmpty()) {
			System.out.println("Nothing lost, nothing doubled, no limit breached.");
			return 0;
		}
		System.out.println("FAILED:");
		this.failures.forEach((failure) -> System.out.println("  " + failure));
		return 1;
	}

	private void startBothAtOnce() throws Exception {
		ExecutorService starters = Executors.newFixedThreadPool(2);
		try {
			List<Future<Process>> started = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				int instance = i;
				started.add(starters.submit(() -> start(instance)));
			}
			for (int i = 0; i < 2; i++) {
				this.apps[i] = started.get(i).get(15, TimeUnit.MINUTES);
			}
		}
		finally {
			starters.shutdownNow();
		}
	}

	private Process start(int instance) throws IOException, InterruptedException {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl(),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--factordesk.portfolio.trends-refresh-delay=PT24H", "-Xmx512m"));
		if (instance == 1) {
			// B logs in Boot's structured JSON (ECS), as an operator asks for it
			arguments.add("--logging.structured.format.console=ecs");
		}
		return BenchmarkApps.start(this.jar, WORK.resolve("unused-embedded-" + instance).toString(),
				this.ports[instance],
				WORK.resolve("app-" + (char) ('a' + instance) + "-" + this.starts.incrementAndGet() + ".log"),
				Duration.ofMinutes(15), arguments.toArray(String[]::new));
	}

	/**
	 * Every line instance B logged after its banner is one JSON object with a time, a
	 * level and a message (ECS).
	 */
	private void checkStructuredLogs() throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		long structured = 0;
		long other = 0;
		List<String> unreadable = new ArrayList<>();
		try (Stream<Path> files = Files.list(WORK)) {
			for (Path file : files.filter((f) -> f.getFileName().toString().startsWith("app-b-")).sorted().toList()) {
				for (String line : Files.readAllLines(file)) {
					if (!line.startsWith("{")) {
						other++;
						continue;
					}
					try {
						JsonNode entry = json.readTree(line);
						if (entry.has("@timestamp") && entry.has("message")
								&& (entry.has("log") || entry.has("log.level"))) {
							structured++;
						}
						else {
							unreadable.add(file.getFileName() + ": " + line);
						}
					}
					catch (RuntimeException ex) {
						unreadable.add(file.getFileName() + ": " + line);
					}
				}
			}
		}
		this.figures.put("instance B's log lines: ECS JSON / other (banners)",
				String.format(Locale.ROOT, "%,d / %,d", structured, other));
		if (structured == 0 || !unreadable.isEmpty()) {
			this.failures.add("instance B's log is not all structured JSON: " + unreadable.stream().limit(3).toList());
		}
	}

	private void checkStartUpRanOnce() throws SQLException {
		try (Connection jdbc = connect()) {
			long users = BenchmarkApps.count(jdbc, "SELECT COUNT(*) FROM app_user");
			long keys = BenchmarkApps.count(jdbc, "SELECT COUNT(*) FROM api_key");
			long debtors = BenchmarkApps.count(jdbc, "SELECT COUNT(*) FROM debtor");
			long scoreDays = BenchmarkApps.count(jdbc, "SELECT COUNT(DISTINCT as_of) FROM risk_score");
			long scores = BenchmarkApps.count(jdbc, "SELECT COUNT(*) FROM risk_score");
			long twice = BenchmarkApps.count(jdbc, """
					SELECT COUNT(*) FROM (SELECT 1 FROM risk_score GROUP BY debtor_id, as_of, trigger
					                      HAVING COUNT(*) > 1) AS twice""");
			this.figures.put("start-up: demo users, API keys (expected 3, 1)", users + ", " + keys);
			this.figures.put("start-up: score snapshots / (debtors x days), doubled",
					String.format(Locale.ROOT, "%,d / (%,d x %d), %d", scores, debtors, scoreDays, twice));
			expect(users == 3 && keys == 1, "the demo users or key were made more than once");
			expect(scores == debtors * scoreDays && twice == 0, "the initial scoring ran more than once");
		}
	}

	private void checkSessionsMoveBetweenInstances() {
		DeskClient onA = DeskClient.loggedIn(this.ports[0], "underwriter");
		int onB = onA.on(this.ports[1]).get("/queue").statusCode();
		this.figures.put("a session opened on A, a page asked of B", String.valueOf(onB));
		expect(onB == 200, "a session opened on A did not work on B");
	}

	/**
	 * A fresh queue: invoices of the demo's clients on its debtors with a score, imported
	 * through the API, small enough for no four-eyes. Every facility holds approvals over
	 * a limit (HOLD), so that an approval may never take a debtor over its credit limit.
	 */
	private List<Long> queueInvoices() throws SQLException {
		List<String[]> pairs = new ArrayList<>();
		try (Connection jdbc = connect(); Statement statement = jdbc.createStatement()) {
			statement.executeUpdate("UPDATE facility SET enforcement = 'HOLD'");
			try (ResultSet rows = statement.executeQuery("""
					SELECT c.ref, d.ref FROM client c
					CROSS JOIN LATERAL (SELECT d.ref FROM debtor d JOIN debtor_current_score s ON s.debtor_id = d.id
					                    WHERE s.grade IN ('A', 'B', 'C') ORDER BY md5(c.ref || d.ref) LIMIT 15) d
					ORDER BY 1, 2""")) {
				while (rows.next()) {
					pairs.add(new String[] { rows.getString(1), rows.getString(2) });
				}
			}
		}
		SplittableRandom random = new SplittableRandom(20261205);
		StringBuilder file = new StringBuilder(
				"client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency\n");
		for (int i = 0; i < this.invoices; i++) {
			String[] pair = pairs.get(random.nextInt(pairs.size()));
			LocalDate issued = TODAY.minusDays(random.nextInt(10));
			file.append(String.format(Locale.ROOT, "%s,%s,,CP-%06d,%s,%s,%s,EUR%n", pair[0], pair[1], i, issued,
					issued.plusDays(45), BigDecimal.valueOf(100_000 + random.nextLong(1_900_000), 2).toPlainString()));
		}
		DeskClient integration = DeskClient.anonymous(this.ports[0]);
		HttpResponse<String> imported = integration.send(integration.request("/api/v1/imports/invoices")
			.header("X-API-Key", DEMO_KEY)
			.header("Content-Type", "text/csv")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(file.toString()))
			.build());
		if (imported.statusCode() != 200) {
			throw new IllegalStateException("The queue's import failed: " + imported.body());
		}
		List<Long> ids = new ArrayList<>();
		try (Connection jdbc = connect();
				Statement statement = jdbc.createStatement();
				ResultSet rows = statement.executeQuery(
						"SELECT id FROM invoice WHERE number LIKE 'CP-%' AND status = 'SUBMITTED' ORDER BY id")) {
			while (rows.next()) {
				ids.add(rows.getLong(1));
			}
		}
		this.figures.put("invoices queued for the proof (imported through the API)", String.valueOf(ids.size()));
		return ids;
	}

	/**
	 * Per debtor, the most exposure it may have after the run: its credit limit, or what
	 * it had before when that was more already.
	 */
	private Map<Long, BigDecimal> debtorLimitRoom() throws SQLException {
		Map<Long, BigDecimal> room = new ConcurrentHashMap<>();
		try (Connection jdbc = connect();
				Statement statement = jdbc.createStatement();
				ResultSet rows = statement.executeQuery("""
						SELECT d.id, GREATEST(d.credit_limit, COALESCE(e.funded + e.reserved, 0))
						FROM debtor d LEFT JOIN debtor_exposure e ON e.debtor_id = d.id""")) {
			while (rows.next()) {
				room.put(rows.getLong(1), rows.getBigDecimal(2));
			}
		}
		return room;
	}

	/**
	 * Every invoice approved twice at once, once through each instance, by callers spread
	 * over both; PostgreSQL stopped for a while a quarter of the way in, instance B
	 * killed (SIGKILL) and started again at 60 %. What each caller was told is kept.
	 */
	private void approveUnderFaults(List<Long> queued) throws Exception {
		List<DeskClient> sessions = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			sessions.add(DeskClient.loggedIn(this.ports[i % 2], (i % 4 == 3) ? "manager" : "underwriter"));
		}
		// each invoice twice: once through A, once through B
		List<long[]> work = new ArrayList<>();
		queued.forEach((id) -> {
			work.add(new long[] { id, 0 });
			work.add(new long[] { id, 1 });
		});
		Collections.shuffle(work, new java.util.Random(20261205));
		ConcurrentLinkedQueue<Integer> next = new ConcurrentLinkedQueue<>();
		for (int i = 0; i < work.size(); i++) {
			next.add(i);
		}
		Map<Long, List<String>> told = new ConcurrentHashMap<>();
		Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
		AtomicInteger[] served = { new AtomicInteger(), new AtomicInteger() };
		AtomicInteger done = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(this.callers);
		long started = System.nanoTime();
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < this.callers; c++) {
			running.add(pool.submit(() -> {
				Integer index;
				while ((index = next.poll()) != null) {
					long invoice = work.get(index)[0];
					int instance = (int) work.get(index)[1];
					DeskClient caller = sessions.get(index % sessions.size()).on(this.ports[instance]);
					String answer = approve(caller, invoice);
					told.computeIfAbsent(invoice, (key) -> Collections.synchronizedList(new ArrayList<>())).add(answer);
					answers.computeIfAbsent(answer, (key) -> new AtomicInteger()).incrementAndGet();
					if (!answer.startsWith("unreachable")) {
						served[instance].incrementAndGet();
					}
					done.incrementAndGet();
				}
			}));
		}
		int total = work.size();
		// the database away
		awaitDone(done, total / 4);
		long stopped = System.nanoTime();
		this.postgres.close();
		Thread.sleep(5_000);
		this.postgres = EmbeddedDatabaseServer.start(WORK.resolve("db"), this.databasePort);
		long back = System.nanoTime();
		awaitReady(0);
		awaitReady(1);
		this.figures.put("fault 1: PostgreSQL stopped, started again after",
				String.format(Locale.ROOT, "%.1f s", (back - stopped) / 1e9));
		this.figures.put("  both instances ready again after PostgreSQL was back in",
				String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - back) / 1e9));
		// an instance killed
		awaitDone(done, total * 6 / 10);
		kill(1);
		long killed = System.nanoTime();
		this.apps[1] = start(1);
		this.figures.put("fault 2: instance B killed (SIGKILL), restarted and ready in",
				String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - killed) / 1e9));
		for (Future<?> caller : running) {
			caller.get(30, TimeUnit.MINUTES);
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - started) / 1e9;
		this.figures.put("approval requests, callers, seconds",
				String.format(Locale.ROOT, "%,d, %d, %.1f", total, this.callers, seconds));
		this.figures.put("requests served by A / B", served[0] + " / " + served[1]);
		answers.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((answer) -> this.figures.put("  answered " + answer.getKey(), answer.getValue().toString()));
		this.told = told;
	}

	private Map<Long, List<String>> told;

	/**
	 * One approval as the decision page posts it: approved (302 to the invoice), refused
	 * (422: another approval came first, or a rule), unavailable (503), or unreachable.
	 */
	private static String approve(DeskClient caller, long invoice) {
		try {
			HttpResponse<String> response = caller.submit("/invoices/" + invoice + "/approve");
			return switch (response.statusCode()) {
				case 302 -> response.headers().firstValue("Location").orElse("").endsWith("/invoices/" + invoice)
						? "approved (302)" : "redirected elsewhere (302)";
				case 422 -> "refused (422)";
				case 409 -> "conflict (409)";
				case 503 -> "unavailable (503)";
				default -> "other (" + response.statusCode() + ": " + title(response.body()) + ")";
			};
		}
		catch (UncheckedIOException ex) {
			return "unreachable (connection failed)";
		}
	}

	private static String title(String page) {
		java.util.regex.Matcher title = java.util.regex.Pattern.compile("<title>([^<]*)</title>").matcher(page);
		return title.find() ? title.group(1).strip() : page.substring(0, Math.min(80, page.length()));
	}

	/**
	 * Instance B funds clients one after the other and is killed (SIGKILL) after its
	 * eighth answer, with the next run in flight; started again. Each run either happened
	 * with its advances, ledger entries and exposure, or not at all (checked at the end).
	 */
	private void fundWhileBIsKilled() throws Exception {
		List<String> clients = clientsAwaitingFunding();
		long runsBefore = countRuns();
		DeskClient onB = DeskClient.loggedIn(this.ports[1], "underwriter");
		AtomicInteger answered = new AtomicInteger();
		ExecutorService funder = Executors.newSingleThreadExecutor();
		Future<?> funding = funder.submit(() -> {
			for (String client : clients) {
				try {
					onB.submit("/clients/" + client + "/funding-runs", "scope", "all");
					answered.incrementAndGet();
				}
				catch (UncheckedIOException ex) {
					return;
				}
			}
		});
		awaitDone(answered, Math.min(8, clients.size()));
		Thread.sleep(150);
		kill(1);
		funding.get(5, TimeUnit.MINUTES);
		funder.shutdown();
		long runsMade = countRuns() - runsBefore;
		long killed = System.nanoTime();
		this.apps[1] = start(1);
		this.figures.put("fault 3: B killed while funding client after client",
				String.format(Locale.ROOT, "%d runs answered, %d in the database, B ready again in %.1f s",
						answered.get(), runsMade, (System.nanoTime() - killed) / 1e9));
		expect(runsMade == answered.get() || runsMade == answered.get() + 1,
				"B answered " + answered.get() + " funding runs and the database holds " + runsMade);
	}

	private long countRuns() throws SQLException {
		try (Connection jdbc = connect()) {
			return BenchmarkApps.count(jdbc, "SELECT COUNT(*) FROM funding_run");
		}
	}

	private List<String> clientsAwaitingFunding() throws SQLException {
		List<String> clients = new ArrayList<>();
		try (Connection jdbc = connect();
				Statement statement = jdbc.createStatement();
				ResultSet rows = statement.executeQuery("""
						SELECT DISTINCT c.ref FROM invoice i JOIN client c ON c.id = i.client_id
						WHERE i.status = 'APPROVED' ORDER BY 1""")) {
			while (rows.next()) {
				clients.add(rows.getString(1));
			}
		}
		return clients;
	}

	/**
	 * A payments file (every funded invoice of the proof paid in full) sent to B, which
	 * is killed 300 ms later; then the same file sent to A. All or nothing: no payment of
	 * the file after the kill, or all of them; after the second send, all of them once.
	 */
	private void paymentsWhileBIsKilled() throws Exception {
		StringBuilder file = new StringBuilder("debtor_ref,client_ref,invoice_number,paid_date,amount\n");
		int rows = 0;
		try (Connection jdbc = connect();
				Statement statement = jdbc.createStatement();
				ResultSet funded = statement.executeQuery("""
						SELECT d.ref, c.ref, i.number, i.amount FROM invoice i JOIN client c ON c.id = i.client_id
						JOIN debtor d ON d.id = i.debtor_id WHERE i.number LIKE 'CP-%' AND i.status = 'FUNDED'
						ORDER BY i.id""")) {
			while (funded.next()) {
				file.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s%n", funded.getString(1), funded.getString(2),
						funded.getString(3), TODAY, funded.getBigDecimal(4).toPlainString()));
				rows++;
			}
		}
		String sql = "SELECT COUNT(*) FROM payment_allocation a JOIN invoice i ON i.id = a.invoice_id "
				+ "WHERE i.number LIKE 'CP-%'";
		String[] outcomes = sendWhileKillingB("payments", file.toString(), 300, sql, rows);
		this.figures.put("fault 4: B killed 300 ms into a payments file of " + rows + " rows",
				outcomes[0] + "; then sent to A: " + outcomes[1]);
	}

	/**
	 * An invoices file of 20,000 rows sent to B, which is killed 1.5 s later; then the
	 * same file sent to A. None of its invoices after the kill, or all; after the second
	 * send, all of them once.
	 */
	private void importWhileBIsKilled() throws Exception {
		List<String[]> pairs = new ArrayList<>();
		try (Connection jdbc = connect();
				Statement statement = jdbc.createStatement();
				ResultSet rows = statement.executeQuery("""
						SELECT c.ref, d.ref FROM client c CROSS JOIN LATERAL (SELECT ref FROM debtor
						ORDER BY md5(c.ref || ref) LIMIT 20) d""")) {
			while (rows.next()) {
				pairs.add(new String[] { rows.getString(1), rows.getString(2) });
			}
		}
		int rows = 20_000;
		StringBuilder file = new StringBuilder(
				"client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency\n");
		for (int i = 0; i < rows; i++) {
			String[] pair = pairs.get(i % pairs.size());
			file.append(String.format(Locale.ROOT, "%s,%s,,CK-%06d,%s,%s,%d.00,EUR%n", pair[0], pair[1], i,
					TODAY.minusDays(i % 20), TODAY.minusDays(i % 20).plusDays(60), 500 + i % 9_000));
		}
		String[] outcomes = sendWhileKillingB("invoices", file.toString(), 1_500,
				"SELECT COUNT(*) FROM invoice WHERE number LIKE 'CK-%'", rows);
		this.figures.put("fault 5: B killed 1.5 s into an invoices file of " + rows + " rows",
				outcomes[0] + "; then sent to A: " + outcomes[1]);
	}

	/**
	 * Sends an import to B, kills B after the delay, counts what the file left in the
	 * database (all or nothing), starts B again, sends the file to A and counts again.
	 */
	private String[] sendWhileKillingB(String kind, String file, long killAfterMillis, String countSql, int rows)
			throws Exception {
		ExecutorService sender = Executors.newSingleThreadExecutor();
		Future<String> sent = sender.submit(() -> importFile(1, kind, file));
		Thread.sleep(killAfterMillis);
		kill(1);
		String toldByB = sent.get(5, TimeUnit.MINUTES);
		sender.shutdown();
		long afterKill;
		try (Connection jdbc = connect()) {
			afterKill = BenchmarkApps.count(jdbc, countSql);
		}
		expect(afterKill == 0 || afterKill == rows,
				"a " + kind + " import killed half-way left " + afterKill + " of " + rows + " rows");
		this.apps[1] = start(1);
		String toldByA = importFile(0, kind, file);
		long afterAgain;
		try (Connection jdbc = connect()) {
			afterAgain = BenchmarkApps.count(jdbc, countSql);
		}
		expect(afterAgain == rows, "the " + kind + " file sent again left " + afterAgain + " of " + rows + " rows");
		return new String[] { "B answered " + toldByB + ", " + afterKill + " rows in the database",
				toldByA + ", " + afterAgain + " rows" };
	}

	private String importFile(int instance, String kind, String file) {
		DeskClient integration = DeskClient.anonymous(this.ports[instance]);
		try {
			HttpResponse<String> answer = integration.send(integration.request("/api/v1/imports/" + kind)
				.header("X-API-Key", DEMO_KEY)
				.header("Content-Type", "text/csv")
				.timeout(Duration.ofMinutes(5))
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(file))
				.build());
			java.util.regex.Matcher status = java.util.regex.Pattern.compile("\"status\":\"([A-Z]+)\"")
				.matcher(answer.body());
			return answer.statusCode() + (status.find() ? " " + status.group(1) : "");
		}
		catch (UncheckedIOException ex) {
			return "nothing (connection lost)";
		}
	}

	private void kill(int instance) throws InterruptedException {
		this.apps[instance].destroyForcibly();
		this.apps[instance].waitFor();
	}

	/**
	 * Both instances fund every client's approved invoices at the same moment.
	 */
	private void fundFromBothAtOnce() throws Exception {
		List<String> clients = clientsAwaitingFunding();
		DeskClient a = DeskClient.loggedIn(this.ports[0], "underwriter");
		DeskClient b = DeskClient.loggedIn(this.ports[1], "manager");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		AtomicInteger runs = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		try {
			for (String client : clients) {
				List<Future<HttpResponse<String>>> both = List.of(
						pool.submit(() -> a.submit("/clients/" + client + "/funding-runs", "scope", "all")),
						pool.submit(() -> b.submit("/clients/" + client + "/funding-runs", "scope", "all")));
				for (Future<HttpResponse<String>> one : both) {
					String location = one.get(5, TimeUnit.MINUTES).headers().firstValue("Location").orElse("");
					if (location.contains("/funding/runs/")) {
						runs.incrementAndGet();
					}
					else {
						refused.incrementAndGet();
					}
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		this.figures.put("funding: clients funded from both instances at once", String.valueOf(clients.size()));
		this.figures.put("  funding runs made / refused (nothing left to fund)", runs + " / " + refused);
	}

	private void awaitOutstandingWork() throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		try (Connection jdbc = connect()) {
			while (BenchmarkApps.count(jdbc, "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL") > 0
					&& System.nanoTime() < deadline) {
				Thread.sleep(500);
			}
			this.figures.put("after-commit work left outstanding at the end", String.valueOf(
					BenchmarkApps.count(jdbc, "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")));
		}
	}

	private void checkNothingLostOrDoubled(List<Long> queued, Map<Long, BigDecimal> room) throws SQLException {
		try (Connection jdbc = connect()) {
			String proof = "(SELECT id FROM invoice WHERE number LIKE 'CP-%')";
			Map<Long, Long> approvals = new ConcurrentHashMap<>();
			try (Statement statement = jdbc.createStatement();
					ResultSet rows = statement.executeQuery(
							"SELECT invoice_id, COUNT(*) FROM invoice_decision WHERE kind IN ('APPROVE', 'HOLD') AND invoice_id IN "
									+ proof + " GROUP BY invoice_id")) {
				while (rows.next()) {
					approvals.put(rows.getLong(1), rows.getLong(2));
				}
			}
			long toldApproved = 0;
			long lost = 0;
			for (Map.Entry<Long, List<String>> invoice : this.told.entrySet()) {
				long approvedAnswers = invoice.getValue()
					.stream()
					.filter((answer) -> answer.startsWith("approved"))
					.count();
				toldApproved += approvedAnswers;
				if (approvedAnswers > 0 && approvals.getOrDefault(invoice.getKey(), 0L) == 0) {
					lost++;
				}
			}
			long doubledDecisions = approvals.values().stream().filter((n) -> n > 1).count();
			long toldTwice = this.told.values()
				.stream()
				.filter((answers) -> answers.stream().filter((answer) -> answer.startsWith("approved")).count() > 1)
				.count();
			long decided = approvals.size();
			this.figures.put("invoices decided / queued", decided + " / " + queued.size());
			this.figures.put("approvals the callers were told of / decided in the database",
					toldApproved + " / " + decided);
			this.figures.put("told approved but not in the database (lost)", String.valueOf(lost));
			this.figures.put("invoices approved twice: in the database / told twice",
					doubledDecisions + " / " + toldTwice);
			expect(lost == 0, lost + " approvals the callers were told of are not in the database");
			expect(doubledDecisions == 0 && toldTwice == 0, "an invoice was approved twice");
			long advancesTwice = BenchmarkApps.count(jdbc,
					"SELECT COUNT(*) FROM (SELECT invoice_id FROM advance GROUP BY invoice_id HAVING COUNT(*) > 1) t");
			long advances = BenchmarkApps.count(jdbc, "SELECT COUNT(*) FROM advance WHERE invoice_id IN " + proof);
			long fundDecisions = BenchmarkApps.count(jdbc,
					"SELECT COUNT(*) FROM invoice_decision WHERE kind = 'FUND' AND invoice_id IN " + proof);
			long reserveCreated = BenchmarkApps.count(jdbc,
					"SELECT COUNT(*) FROM reserve_entry WHERE kind = 'RESERVE_CREATED' " + "AND invoice_id IN "
							+ proof);
			long unbalanced = BenchmarkApps.count(jdbc, "SELECT COUNT(*) FROM advance WHERE amount + reserve <> face");
			this.figures.put("advances / FUND decisions / reserve ledger entries",
					advances + " / " + fundDecisions + " / " + reserveCreated);
			this.figures.put("invoices funded twice, advances where advance + reserve <> face",
					advancesTwice + ", " + unbalanced);
			expect(advancesTwice == 0, "an invoice was funded twice");
			expect(advances == fundDecisions && advances == reserveCreated,
					"advances, funding decisions and ledger entries disagree");
			expect(unbalanced == 0, "an advance and its reserve do not add up to the face value");
			long audits = BenchmarkApps
				.count(jdbc, "SELECT COUNT(*) FROM audit_entry WHERE action IN ('invoice.approve', "
						+ "'invoice.hold') AND subject_ref IN (SELECT CAST(id AS TEXT) FROM invoice WHERE number LIKE 'CP-%')");
			this.figures.put("audit entries of the approvals / approvals", audits + " / " + decided);
			expect(audits == decided, "an approval has no audit entry, or two");
			long debtorRowsOff = BenchmarkApps.count(jdbc, rowsOff("debtor", "debtor_exposure", "debtor_id"));
			long facilityRowsOff = BenchmarkApps.count(jdbc, rowsOff("client", "facility_exposure", "client_id"));
			this.figures.put("exposure rows that disagree with the invoices (debtors, clients)",
					debtorRowsOff + ", " + facilityRowsOff);
			expect(debtorRowsOff == 0 && facilityRowsOff == 0, "exposure rows disagree with the invoices' book");
			long breached = 0;
			try (Statement statement = jdbc.createStatement();
					ResultSet rows = statement
						.executeQuery("SELECT debtor_id, funded + reserved FROM debtor_exposure")) {
				while (rows.next()) {
					BigDecimal most = room.get(rows.getLong(1));
					if (most != null && rows.getBigDecimal(2).compareTo(most) > 0) {
						breached++;
					}
				}
			}
			this.figures.put("debtors taken over their credit limit by the run", String.valueOf(breached));
			expect(breached == 0, breached + " debtors went over their credit limit");
		}
	}

	/**
	 * The parties whose exposure row disagrees with what the invoices' own book of today
	 * says (funded or reserved).
	 */
	private static String rowsOff(String parties, String rows, String key) {
		return """
				SELECT COUNT(*) FROM %1$s p
				LEFT JOIN %2$s x ON x.%3$s = p.id
				LEFT JOIN (SELECT %3$s, SUM(funded) AS funded, SUM(reserved) AS reserved
				           FROM exposure_book(DATE '%4$s') GROUP BY %3$s) e ON e.%3$s = p.id
				WHERE COALESCE(x.funded, 0) <> COALESCE(e.funded, 0) OR COALESCE(x.reserved, 0) <> COALESCE(e.reserved, 0)
				"""
			.formatted(parties, rows, key, TODAY);
	}

	private void expect(boolean holds, String failure) {
		if (!holds) {
			this.failures.add(failure);
		}
	}

	private void awaitDone(AtomicInteger done, int atLeast) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (done.get() < atLeast) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Only " + done.get() + " of " + atLeast + " answers in 10 minutes");
			}
			Thread.sleep(20);
		}
	}

	private void awaitReady(int instance) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (DeskClient.anonymous(this.ports[instance]).get("/actuator/health/readiness").statusCode() == 200) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not answering yet
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("Instance " + instance + " did not get ready again");
	}

	private String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.databasePort + "/postgres";
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
	}

	private void stopAll() throws IOException, InterruptedException {
		for (Process app : this.apps) {
			if (app != null) {
				app.destroy();
				app.waitFor(60, TimeUnit.SECONDS);
			}
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

}
