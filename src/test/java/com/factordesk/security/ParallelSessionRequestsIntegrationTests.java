package com.factordesk.security;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager opens the dashboard in eight tabs at once, right after logging in, over real
 * HTTP on sessions kept in PostgreSQL: every tab loads, and the form of every tab (its
 * CSRF token) still works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ParallelSessionRequestsIntegrationTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final int TABS = 8;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcIndexedSessionRepository sessions;

	/**
	 * Two requests of one session that both add the same new attribute (what the tabs of
	 * the test below do with any attribute that a page adds): the second write replaces
	 * the first instead of failing on the attribute's primary key.
	 */
	@Test
	void twoRequestsAddingTheSameNewAttributeBothSave() {
		assertThat(secondWriteOfANewAttribute(this.sessions)).isEqualTo("second tab");
	}

	/**
	 * Two copies of one stored session (two requests) add the same new attribute and are
	 * saved one after the other; the value stored in the end.
	 */
	private static <S extends Session> String secondWriteOfANewAttribute(SessionRepository<S> repository) {
		S session = repository.createSession();
		repository.save(session);
		try {
			S firstTab = repository.findById(session.getId());
			S secondTab = repository.findById(session.getId());
			firstTab.setAttribute("filter", "first tab");
			secondTab.setAttribute("filter", "second tab");
			repository.save(firstTab);
			repository.save(secondTab);
			return repository.findById(session.getId()).getAttribute("filter");
		}
		finally {
			repository.deleteById(session.getId());
		}
	}

	@RepeatedTest(3)
	void parallelRequestsOfAFreshSessionAllSucceed() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		logIn(browser, "manager");

		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> tabs = IntStream.range(0, TABS)
			.mapToObj((tab) -> CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
					return browser.send(HttpRequest.newBuilder(uri("/portfolio")).GET().build(),
							HttpResponse.BodyHandlers.ofString());
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}))
			.toList();
		start.countDown();
		List<HttpResponse<String>> pages = tabs.stream().map(CompletableFuture::join).toList();

		assertThat(pages).extracting(HttpResponse::statusCode).containsOnly(200);
		for (HttpResponse<String> page : pages) {
			// a POST with the tab's token passes the CSRF check (and finds no handler for
			// POST): a stale token would be a 403
			HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(uri("/portfolio"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form("_csrf", csrf(page.body()))))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(posted.statusCode()).isEqualTo(405);
		}
	}

	private void logIn(HttpClient browser, String username) throws Exception {
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form("username", username) + "&" + form("password", "demo") + "&"
					+ form("_csrf", csrf(login.body()))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
	}

	private static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as("a form with a CSRF token").isTrue();
		return matcher.group(1);
	}

	private static String form(String name, String value) {
		return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
