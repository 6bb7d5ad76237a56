package com.factordesk.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user of the desk over real HTTP (through Tomcat, not MockMvc): anonymous, or logged
 * in with a session cookie and the session's CSRF token. Redirects are not followed, so
 * that a test sees what the server answered.
 */
final class DeskClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final String base;

	private final HttpClient http;

	private String csrf;

	private String user;

	private DeskClient(int port) {
		this(port,
				HttpClient.newBuilder()
					.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
					.followRedirects(HttpClient.Redirect.NEVER)
					.connectTimeout(Duration.ofSeconds(5))
					.build());
	}

	private DeskClient(int port, HttpClient http) {
		this.base = "http://localhost:" + port;
		this.http = http;
	}

	/**
	 * This session (its cookie and CSRF token) sent to another instance of the app on the
	 * same database: sessions live in the database, so it is the same user there.
	 */
	DeskClient on(int port) {
		DeskClient other = new DeskClient(port, this.http);
		other.csrf = this.csrf;
		other.user = this.user;
		return other;
	}

	static DeskClient anonymous(int port) {
		DeskClient client = new DeskClient(port);
		client.csrf = client.csrfOf(client.send(client.request("/login").GET().build()).body());
		return client;
	}

	/**
	 * Logs in as a demo user (password "demo").
	 */
	static DeskClient loggedIn(int port, String username) {
		DeskClient client = anonymous(port);
		HttpResponse<String> login = client.postForm("/login",
				Map.of("username", username, "password", "demo", "_csrf", client.csrf));
		String location = login.headers().firstValue("Location").orElse("");
		if (login.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException(
					"Cannot log in as " + username + ": " + login.statusCode() + " " + location);
		}
		// the session changed at login, and its token with it: read it on the home screen
		String home = client.get("/").headers().firstValue("Location").orElseThrow();
		client.csrf = client.csrfOf(client.get(URI.create(home).getPath()).body());
		client.user = username;
		return client;
	}

	private String csrfOf(String page) {
		Matcher matcher = CSRF.matcher(page);
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token on the page");
		}
		return matcher.group(1);
	}

	String csrf() {
		return this.csrf;
	}

	String user() {
		return (this.user != null) ? this.user : "anonymous";
	}

	HttpRequest.Builder request(String pathAndQuery) {
		// as a browser asks for a page (a client of the API asks for JSON instead)
		return HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.setHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
	}

	HttpResponse<String> get(String pathAndQuery) {
		return send(request(pathAndQuery).GET().build());
	}

	HttpResponse<String> postForm(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return postRaw(path, "application/x-www-form-urlencoded", body);
	}

	/**
	 * Posts a form with this session's CSRF token:
	 * {@code submit("/admin/users", "username",
	 * "jane", "roles", "MANAGER")}.
	 */
	HttpResponse<String> submit(String path, String... namesAndValues) {
		StringBuilder body = new StringBuilder("_csrf=").append(encode(this.csrf));
		for (int i = 0; i < namesAndValues.length; i += 2) {
			body.append('&').append(encode(namesAndValues[i])).append('=').append(encode(namesAndValues[i + 1]));
		}
		return postRaw(path, "application/x-www-form-urlencoded", body.toString());
	}

	HttpResponse<String> postRaw(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
