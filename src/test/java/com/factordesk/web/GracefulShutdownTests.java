package com.factordesk.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.factordesk.FactorDeskApplication;
import com.factordesk.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance that is told to stop (SIGTERM: the context closes) while a request is in
 * flight stops taking new requests, lets that one finish and answer, and only then stops.
 * The request here is an import waiting for another import (the test holds the imports'
 * lock); its file has a bad row, so nothing is written.
 */
class GracefulShutdownTests {

	private static final long IMPORT_LOCK = 0x0FAC71B0L;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aStoppingInstanceFinishesTheRequestInFlightAndTakesNoNewOne() throws Exception {
		ConfigurableApplicationContext application = new SpringApplicationBuilder(FactorDeskApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--factordesk.portfolio.trends-refresh-delay=PT24H",
				"--spring.lifecycle.timeout-per-shutdown-phase=30s");
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		Map<String, Object> database = TestDatabase.properties();
		CompletableFuture<Void> closed = null;
		try (Connection holder = DriverManager.getConnection((String) database.get("spring.datasource.url"),
				(String) database.get("spring.datasource.username"),
				(String) database.get("spring.datasource.password"))) {
			holder.setAutoCommit(false);
			try (Statement statement = holder.createStatement()) {
				statement.execute("SELECT pg_advisory_xact_lock(" + IMPORT_LOCK + ")");
			}
			CompletableFuture<HttpResponse<String>> inFlight = this.http
				.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports/invoices"))
					.header("X-API-Key", "fd-demo-integration-key")
					.header("Content-Type", "text/csv")
					.POST(HttpRequest.BodyPublishers.ofString(
							"client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency\n"
									+ "NO-SUCH-CLIENT,NO-SUCH-DEBTOR,Stopping B.V.,SHUTDOWN-1,2026-11-02,"
									+ "2026-12-02,-5.00,EUR\n"))
					.build(), HttpResponse.BodyHandlers.ofString());
			awaitImportWaiting(holder);

			closed = CompletableFuture.runAsync(application::close);
			Thread.sleep(1500);
			assertThat(closed).as("the instance waits for the request in flight").isNotDone();
			assertThat(inFlight).isNotDone();
			// a new request is not taken: the connector no longer accepts connections
			CompletableFuture<HttpResponse<String>> newcomer = this.http
				.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
					.timeout(Duration.ofSeconds(3))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(newcomer).failsWithin(Duration.ofSeconds(10));

			holder.rollback();
			HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
			assertThat(answer.statusCode()).as("the import in flight was answered: its bad row refused").isEqualTo(422);
			assertThat(answer.body()).contains("\"line\":2");
			closed.get(30, TimeUnit.SECONDS);
		}
		finally {
			if (closed == null) {
				application.close();
			}
		}
	}

	/**
	 * Until the import's transaction waits for the lock the test holds.
	 */
	private static void awaitImportWaiting(Connection holder) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			try (Statement statement = holder.createStatement(); var waiting = statement.executeQuery("""
					SELECT COUNT(*) FROM pg_locks
					WHERE locktype = 'advisory' AND NOT granted AND objid = %d""".formatted(IMPORT_LOCK))) {
				waiting.next();
				if (waiting.getLong(1) > 0) {
					return;
				}
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("The import never waited for the imports' lock");
	}

}
