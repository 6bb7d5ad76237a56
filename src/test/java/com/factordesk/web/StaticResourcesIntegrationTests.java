package com.factordesk.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stylesheets and scripts that the pages link, as the pages render them, answer 200
 * with their type and the file's own bytes, over real HTTP: the webjars linked with their
 * version, the desk's own files as they are. And only {@code /webjars}, {@code /css} and
 * {@code /js} are resource paths, so that rendering a page's links never looks them up on
 * the classpath (the cost that once took three quarters of the queue page's time).
 */
@OverRealHttp
class StaticResourcesIntegrationTests {

	private static final Pattern ASSET = Pattern
		.compile("<(?:link rel=\"stylesheet\" href|script src)=\"(/(?:webjars|css|js)/[^\"]+)\"");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ResourceUrlProvider mvcResourceUrlProvider;

	@Test
	void everyStylesheetAndScriptAPageLinksAnswersWithItsTypeAndItsFile() throws IOException {
		String debtor = this.jdbc.queryForObject("SELECT ref FROM debtor ORDER BY ref LIMIT 1", String.class);
		Map<String, String> linkedBy = new LinkedHashMap<>();
		collect(linkedBy, DeskClient.anonymous(this.port), "/login");
		collect(linkedBy, DeskClient.loggedIn(this.port, "underwriter"), "/queue", "/debtors/" + debtor);
		collect(linkedBy, DeskClient.loggedIn(this.port, "manager"), "/portfolio", "/risk/backtest");
		collect(linkedBy, DeskClient.loggedIn(this.port, "admin"), "/admin/users", "/admin/scoring");

		assertThat(new TreeSet<>(linkedBy.keySet()))
			.anyMatch((url) -> url.matches("/webjars/bootstrap/\\d+\\.\\d+\\.\\d+[^/]*/dist/css/bootstrap\\.min\\.css"))
			.anyMatch((url) -> url.matches("/webjars/chart\\.js/\\d+\\.\\d+\\.\\d+[^/]*/dist/chart\\.umd\\.min\\.js"))
			.contains("/css/factordesk.css", "/js/score-history.js", "/js/confirm.js");

		DeskClient anonymous = DeskClient.anonymous(this.port);
		for (Map.Entry<String, String> asset : linkedBy.entrySet()) {
			String url = asset.getKey();
			HttpResponse<String> response = anonymous.get(url);
			String where = url + " (linked by " + asset.getValue() + ")";
			assertThat(response.statusCode()).as(where).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).as(where)
				.hasValueSatisfying(
						(type) -> assertThat(type).startsWith(url.endsWith(".css") ? "text/css" : "text/javascript"));
			assertThat(response.body()).as(where).isNotEmpty().isEqualTo(classpathFile(url));
		}
	}

	@Test
	void aWebjarAnswersWithoutItsVersionToo() throws IOException {
		HttpResponse<String> response = DeskClient.anonymous(this.port)
			.get("/webjars/bootstrap/dist/css/bootstrap.min.css");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/css"));
		assertThat(response.body()).isEqualTo(classpathFile(
				this.mvcResourceUrlProvider.getForLookupPath("/webjars/bootstrap/dist/css/bootstrap.min.css")));
	}

	@Test
	void theIconBrowsersAskForByThemselvesAnswersToAnyone() {
		HttpResponse<String> response = DeskClient.anonymous(this.port).get("/favicon.ico");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/"));
	}

	@Test
	void onlyTheStaticPathsAreResourcePaths() {
		// and the API's browser (springdoc's Swagger UI, admins only)
		assertThat(this.mvcResourceUrlProvider.getHandlerMap()).containsOnlyKeys("/webjars/**", "/css/**", "/js/**",
				"/favicon.ico", "/swagger-ui/**", "/swagger-ui/*index.html", "/swagger-ui/*swagger-initializer.js");
		assertThat(this.mvcResourceUrlProvider.getForLookupPath("/invoices/42")).isNull();
		assertThat(this.mvcResourceUrlProvider.getForLookupPath("/queue")).isNull();
		assertThat(this.mvcResourceUrlProvider.getForLookupPath("/css/factordesk.css"))
			.isEqualTo("/css/factordesk.css");
	}

	@Test
	void aMissingFileOrPageIsA404AndTheApiSaysSoAsAProblem() {
		DeskClient underwriter = DeskClient.loggedIn(this.port, "underwriter");
		assertThat(underwriter.get("/css/no-such.css").statusCode()).isEqualTo(404);
		assertThat(underwriter.get("/webjars/bootstrap/dist/css/no-such.css").statusCode()).isEqualTo(404);
		assertThat(underwriter.get("/no-such-page").statusCode()).isEqualTo(404);
		DeskClient integration = DeskClient.anonymous(this.port);
		HttpResponse<String> api = integration.send(integration.request("/api/v1/no-such-resource")
			.header("X-API-Key", "fd-demo-integration-key")
			.GET()
			.build());
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(api.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	private static void collect(Map<String, String> linkedBy, DeskClient client, String... pages) {
		for (String page : pages) {
			HttpResponse<String> response = client.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(200);
			Matcher asset = ASSET.matcher(response.body());
			while (asset.find()) {
				linkedBy.putIfAbsent(asset.group(1), page);
			}
		}
	}

	/**
	 * The file a static URL stands for, read from the classpath.
	 */
	private static String classpathFile(String url) throws IOException {
		String path = url.startsWith("/webjars/") ? "META-INF/resources" + url : "static" + url;
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
