package com.factordesk.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.factordesk.FactorDeskApplication;
import com.factordesk.TestDatabase;
import com.factordesk.shared.EmbeddedDatabaseServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application on a PostgreSQL server of its own, which the test stops and
 * starts again: while it is away pages and the API answer 503 within seconds instead of
 * hanging, readiness is DOWN and liveness UP; when it returns the application takes
 * requests again by itself and a session opened before is still logged in.
 */
class DatabaseAwayTests {

	private static final String ADMIN_PASSWORD = "Away-and-back-2026";

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private int port;

	@Test
	void theDatabaseGoesAwayAndComesBack() throws Exception {
		Path directory = Files.createTempDirectory("factordesk-database-away");
		int databasePort = freePort();
		EmbeddedPostgres postgres = EmbeddedDatabaseServer.start(directory, databasePort);
		ConfigurableApplicationContext application = null;
		try {
			application = new SpringApplicationBuilder(FactorDeskApplication.class).run(
					"--" + TestDatabase.OWN_SERVER + "=true", "--spring.profiles.active=database-away",
					"--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
					"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
					"--spring.datasource.hikari.connection-timeout=2000", "--server.port=0",
					"--server.address=127.0.0.1", "--factordesk.portfolio.trends-refresh-delay=PT24H",
					"--factordesk.security.bootstrap-admin.username=first-admin",
					"--factordesk.security.bootstrap-admin.password=" + ADMIN_PASSWORD);
			this.port = ((WebServerApplicationContext) application).getWebServer().getPort();
			assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
			String session = logIn();
			assertThat(get("/admin/users", session).statusCode()).isEqualTo(200);
			// operators: the metrics and the build for an admin (or a read key), a 401
			// problem without credentials
			HttpResponse<String> metrics = get("/actuator/prometheus", session);
			assertThat(metrics.statusCode()).isEqualTo(200);
			assertThat(metrics.body()).contains("factordesk_queue_invoices 0.0", "hikaricp_connections",
					"http_server_requests_seconds_count");
			HttpResponse<String> anonymousMetrics = get("/actuator/prometheus", null);
			assertThat(anonymousMetrics.statusCode()).isEqualTo(401);
			assertThat(anonymousMetrics.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			HttpResponse<String> info = get("/actuator/info", session);
			assertThat(info.statusCode()).isEqualTo(200);
			assertThat(info.body()).contains("\"build\"", "\"artifact\":\"factordesk\"");

			postgres.close();

			long started = System.nanoTime();
			HttpResponse<String> page = send(request("/login", null).header("Accept-Language", "nl-NL").GET());
			Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.body()).contains("<html lang=\"nl\"", "De database is niet bereikbaar",
					"uw sessie blijft bewaard");
			assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
			// a bound, not a speed target: before, a page waited 30 s per connection
			assertThat(answeredIn).isLessThan(Duration.ofSeconds(10));
			HttpResponse<String> loggedInPage = get("/admin/users", session);
			assertThat(loggedInPage.statusCode()).isEqualTo(503);
			assertThat(loggedInPage.body()).contains("The database is unavailable");
			HttpResponse<String> api = send(
					request("/api/v1/debtors", null).header("X-API-Key", "fd-some-integration-key").GET());
			assertThat(api.statusCode()).isEqualTo(503);
			assertThat(api.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(api.body()).contains("\"status\":503", "\"code\":\"database.unavailable\"");
			HttpResponse<String> readiness = get("/actuator/health/readiness", null);
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(readiness.body()).contains("\"status\":\"DOWN\"");
			HttpResponse<String> liveness = get("/actuator/health/liveness", null);
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(liveness.body()).contains("\"status\":\"UP\"");

			postgres = EmbeddedDatabaseServer.start(directory, databasePort);

			assertThat(awaitReady(Duration.ofSeconds(60))).isTrue();
			HttpResponse<String> back = get("/admin/users", session);
			assertThat(back.statusCode()).as("the session opened before, still logged in").isEqualTo(200);
			assertThat(back.body()).contains("first-admin");
		}
		finally {
			if (application != null) {
				application.close();
			}
			postgres.close();
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	/**
	 * Logs the first administrator in through the login form.
	 * @return the session cookie of the logged-in session
	 */
	private String logIn() throws IOException, InterruptedException {
		HttpResponse<String> form = get("/login", null);
		String anonymous = sessionCookie(form);
		Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form.body());
		if (!csrf.find()) {
			csrf = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(form.body());
			assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
		}
		String body = "username=first-admin&password=" + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> loggedIn = send(
				request("/login", anonymous).header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return sessionCookie(loggedIn);
	}

	private boolean awaitReady(Duration within) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			if (get("/actuator/health/readiness", null).statusCode() == 200) {
				return true;
			}
			Thread.sleep(250);
		}
		return false;
	}

	private static String sessionCookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("SESSION="))
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No session cookie in " + response.headers()));
	}

	private HttpResponse<String> get(String path, String session) throws IOException, InterruptedException {
		return send(request(path, session).GET());
	}

	private HttpRequest.Builder request(String path, String session) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60));
		if (session != null) {
			request.header("Cookie", session);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
