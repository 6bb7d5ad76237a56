package com.factordesk.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of bad input that once ended in a 500 or a 409 is a 4xx with a clear message
 * or a form shown again with the field named, and changes nothing. Over real HTTP, so
 * that what Tomcat parses is part of the test.
 */
@OverRealHttp
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class BadInputIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private DeskClient admin;

	private DeskClient underwriter;

	private DeskClient manager;

	@BeforeAll
	void logIn() {
		this.admin = DeskClient.loggedIn(this.port, "admin");
		this.underwriter = DeskClient.loggedIn(this.port, "underwriter");
		this.manager = DeskClient.loggedIn(this.port, "manager");
	}

	@Test
	void aMalformedMultipartBodyIsA400WithoutAStackTraceInTheLog(CapturedOutput output) {
		String multipart = "multipart/form-data; boundary=x";
		// a boundary, then no headers and no end: 7 bytes
		String garbage = "--x\r\nab";
		int logged = output.length();
		HttpResponse<String> page = DeskClient.anonymous(this.port).postRaw("/login", multipart, garbage);
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("multipart body is malformed");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).startsWith("default-src 'none'"));
		DeskClient dutch = DeskClient.anonymous(this.port);
		HttpResponse<String> dutchPage = dutch.send(dutch.request("/login")
			.header("Content-Type", multipart)
			.header("Cookie", "factordesk-lang=nl")
			.POST(HttpRequest.BodyPublishers.ofString(garbage))
			.build());
		assertThat(dutchPage.statusCode()).isEqualTo(400);
		assertThat(dutchPage.body()).contains("lang=\"nl\"").doesNotContain("multipart body is malformed");
		assertThat(this.underwriter.postRaw("/queue", multipart, garbage).statusCode()).isEqualTo(400);
		assertThat(this.admin.postRaw("/admin/users", multipart, garbage).statusCode()).isEqualTo(400);
		HttpResponse<String> api = this.admin.postRaw("/api/v1/risk/backtest", multipart, garbage);
		assertThat(api.statusCode()).isEqualTo(400);
		assertThat(api.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		// a GET with a multipart body, anonymous, and a key that may import through the
		// API
		assertThat(DeskClient.anonymous(this.port)
			.send(DeskClient.anonymous(this.port)
				.request("/login")
				.header("Content-Type", multipart)
				.method("GET", HttpRequest.BodyPublishers.ofString(garbage))
				.build())
			.statusCode()).isEqualTo(400);
		DeskClient anonymous = DeskClient.anonymous(this.port);
		HttpResponse<String> imported = anonymous.send(anonymous.request("/api/v1/risk/backtest")
			.header("Content-Type", multipart)
			.header("X-API-Key", "fd-demo-integration-key")
			.POST(HttpRequest.BodyPublishers.ofString(garbage))
			.build());
		assertThat(imported.statusCode()).isEqualTo(400);
		assertThat(output.toString().substring(logged)).doesNotContain("\tat ").doesNotContain("Exception");
	}

	@Test
	void curvePointsWithHugeExponentsAreRefusedOnTheFormAndPublishNothing() {
		int versions = count("scoring_weights");
		for (String point : new String[] { "1E+999999999", "1E+20000000", "1E+50", "99999999999999999999" }) {
			HttpResponse<String> answer = scoring("0:100, " + point + ":0");
			assertThat(answer.statusCode()).as(point).isEqualTo(200);
			assertThat(answer.body()).as(point).contains("is outside the range a curve takes");
			assertThat(answer.body().length()).as(point).isLessThan(200_000);
			HttpResponse<String> score = scoring("0:" + point + ", 90:0");
			assertThat(score.statusCode()).as(point).isEqualTo(200);
			assertThat(score.body()).as(point).contains("is outside the range a curve takes");
		}
		assertThat(count("scoring_weights")).isEqualTo(versions);
	}

	@Test
	void weightsWithHugeExponentsAreRefused() {
		int versions = count("scoring_weights");
		HttpResponse<String> huge = this.admin.submit("/admin/scoring", "paymentBehaviourPercent", "1E+999999999",
				"bureauPercent", "35", "disputesPercent", "20");
		assertThat(huge.statusCode()).isEqualTo(400);
		assertThat(huge.body()).contains("exponent");
		HttpResponse<String> answer = this.admin.submit("/admin/scoring", "paymentBehaviourPercent", "1E+20",
				"bureauPercent", "35", "disputesPercent", "20", "adbtCurve", "0:100, 90:0", "disputeRateCurve",
				"0:100, 0.25:0", "bureauScales[PAYDEX]", "30:0, 80:100", "bureauScales[INTELLISCORE]", "1:0, 100:100",
				"bureauScales[CREDITSAFE]", "0:0, 100:100", "bureauScales[GRAYDON]", "1:0, 100:100");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("is-invalid").hasSizeLessThan(200_000);
		assertThat(count("scoring_weights")).isEqualTo(versions);
	}

	@Test
	void aPasswordPastBcryptsLimitIsAFieldErrorAndNoUserIsCreated() {
		int users = count("app_user");
		// 40 characters, 80 bytes in UTF-8: the limit counts bytes
		HttpResponse<String> answer = this.admin.submit("/admin/users", "username", "longpassword", "fullName",
				"Long Password", "password", "é".repeat(40), "roles", "UNDERWRITER");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("at most 72 bytes");
		assertThat(count("app_user")).isEqualTo(users);
	}

	@Test
	void theLoginFormRefusesUnreadableInputLikeEveryOtherForm() {
		int throttled = count("login_throttle");
		DeskClient client = DeskClient.anonymous(this.port);
		assertThat(client.submit("/login", "username", "under\u0000writer", "password", "demo").statusCode())
			.isEqualTo(400);
		assertThat(client.submit("/login", "username", "underwriter", "password", "de\u0000mo").statusCode())
			.isEqualTo(400);
		assertThat(client.submit("/login", "username\u0000", "underwriter", "password", "demo").statusCode())
			.isEqualTo(400);
		// refused before the throttle counts anything
		assertThat(count("login_throttle")).isEqualTo(throttled);
		HttpResponse<String> longName = client.submit("/login", "username", "u".repeat(10_000), "password", "demo");
		assertThat(longName.statusCode()).isEqualTo(302);
		assertThat(longName.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
		assertThat(client.submit("/logout", "junk", "1E+999999999").statusCode()).isLessThan(500).isNotEqualTo(409);
	}

	@Test
	void aLoginWithAPasswordPastBcryptsLimitIsABadLogin() {
		DeskClient client = DeskClient.anonymous(this.port);
		for (String username : new String[] { "nobody-at-all", "underwriter" }) {
			HttpResponse<String> answer = client.submit("/login", "username", username, "password", "x".repeat(200));
			assertThat(answer.statusCode()).isEqualTo(302);
			assertThat(answer.headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
		}
		// the right password resets the count of failed attempts for the next test
		DeskClient.loggedIn(this.port, "underwriter");
	}

	@Test
	void queuePagesPastTheIntegerRangeAreA400AndOthersAreClamped() {
		assertThat(this.underwriter.get("/queue?page=99999999999").statusCode()).isEqualTo(400);
		assertThat(this.underwriter.get("/queue?page=99999999999").body()).contains("cannot be read");
		assertThat(this.underwriter.get("/queue?page=-1").statusCode()).isEqualTo(200);
		assertThat(this.underwriter.get("/queue?page=2147483647").statusCode()).isEqualTo(200);
		assertThat(this.underwriter.get("/queue?page=abc").statusCode()).isEqualTo(400);
	}

	@Test
	void formFieldsThatDoNotExistAreA400() {
		int bandSets = count("pricing_band_set");
		for (String field : new String[] { "bands[256].scoreFrom", "bands[-1].scoreFrom", "bands[99999999999].x",
				"bands[1000000].feePercent" }) {
			HttpResponse<String> answer = this.admin.submit("/admin/pricing", "effectiveFrom", "2027-01-01", field,
					"1");
			assertThat(answer.statusCode()).as(field).isEqualTo(400);
			assertThat(answer.body()).as(field).contains("cannot be read");
		}
		assertThat(this.admin.submit("/admin/users/1", "fullName", "Admin", "roles[0]", "ADMIN").statusCode())
			.isEqualTo(400);
		// a field that no form has is ignored: the form comes back with what it lacks
		HttpResponse<String> unknown = this.admin.submit("/admin/pricing", "effectiveFrom", "2027-01-01",
				"bands[0].nothing", "1");
		assertThat(unknown.statusCode()).isEqualTo(200);
		assertThat(unknown.body()).contains("is-invalid");
		assertThat(count("pricing_band_set")).isEqualTo(bandSets);
	}

	@Test
	void nulBytesAreA400BeforeTheyReachTheDatabase() {
		int users = count("app_user");
		HttpResponse<String> answer = this.admin.submit("/admin/users", "username", "nul-user", "fullName",
				"Nul\u0000Byte", "password", "a-long-enough-password", "roles", "UNDERWRITER");
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("control character");
		assertThat(this.underwriter.get("/debtors/D%00").statusCode()).isEqualTo(400);
		assertThat(this.underwriter.get("/queue?sort=%00").statusCode()).isEqualTo(400);
		assertThat(this.underwriter.get("/queue?so%00rt=x").statusCode()).isEqualTo(400);
		// Tomcat itself refuses an encoded NUL in the path
		assertThat(this.underwriter.get("/api/v1/debtors/D%00/score").statusCode()).isEqualTo(400);
		HttpResponse<String> api = this.underwriter.get("/api/v1/debtors/D1/score?asOf=%00");
		assertThat(api.statusCode()).isEqualTo(400);
		assertThat(api.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(api.body()).contains("\"code\":\"input.unreadable.control\"");
		assertThat(count("app_user")).isEqualTo(users);
	}

	@Test
	void datesPastTheDatabasesRangeAreFieldErrorsOrA400() {
		int bandSets = count("pricing_band_set");
		for (String date : new String[] { "99999-12-31", "+1000000-01-01", "0000-01-01", "1899-12-31" }) {
			HttpResponse<String> answer = this.admin.submit("/admin/pricing", "effectiveFrom", date,
					"bands[0].scoreFrom", "0", "bands[0].scoreTo", "100", "bands[0].advancePercent", "80",
					"bands[0].feePercent", "2", "bands[0].maxTenorDays", "90", "bands[0].autoDecline", "false");
			assertThat(answer.statusCode()).as(date).isEqualTo(200);
			assertThat(answer.body()).as(date).contains("is-invalid");
			assertThat(this.manager.get("/portfolio?asOf=" + DeskClient.encode(date)).statusCode()).as(date)
				.isEqualTo(400);
			assertThat(this.manager.get("/risk/backtest?from=" + DeskClient.encode(date)).statusCode()).as(date)
				.isEqualTo(400);
			assertThat(this.manager.get("/api/v1/risk/backtest?from=" + DeskClient.encode(date) + "&to=2026-01-01")
				.statusCode()).as(date).isEqualTo(400);
		}
		HttpResponse<String> early = this.manager.get("/portfolio?asOf=1899-12-31");
		assertThat(early.statusCode()).isEqualTo(400);
		assertThat(early.body()).contains("Give a date between 1900-01-01 and 2999-12-31.");
		HttpResponse<String> late = this.manager.get("/risk/backtest?to=3000-01-01&lang=nl");
		assertThat(late.statusCode()).isEqualTo(400);
		assertThat(late.body()).contains("Geef een datum tussen 1900-01-01 en 2999-12-31.");
		HttpResponse<String> api = this.manager.get("/api/v1/risk/backtest?from=1899-12-31&to=2026-01-01");
		assertThat(api.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(count("pricing_band_set")).isEqualTo(bandSets);
	}

	@Test
	void tooManyParametersOrAnOverlongAddressAreA4xx() {
		int users = count("app_user");
		String[] many = new String[2 * 1500];
		for (int i = 0; i < 1500; i++) {
			many[2 * i] = "p" + i;
			many[2 * i + 1] = "1";
		}
		assertThat(this.admin.submit("/admin/users", many).statusCode()).isBetween(400, 499);
		assertThat(this.underwriter.get("/debtors/" + "x".repeat(9000)).statusCode()).isBetween(400, 499);
		assertThat(count("app_user")).isEqualTo(users);
	}

	@Test
	void theErrorPageAskedForDirectlyIsNotFound() {
		assertThat(this.underwriter.get("/error").statusCode()).isEqualTo(404);
		HttpResponse<String> api = this.underwriter
			.send(this.underwriter.request("/error").setHeader("Accept", "application/json").GET().build());
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(api.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void aWrongMethodOrMediaTypeIsA4xxPageInTheReadersLanguage() {
		HttpResponse<String> method = this.underwriter
			.send(this.underwriter.request("/queue?lang=nl&_csrf=" + DeskClient.encode(this.underwriter.csrf()))
				.DELETE()
				.build());
		// the shared client speaks English again for the other tests
		this.underwriter.get("/queue?lang=en");
		assertThat(method.statusCode()).isEqualTo(405);
		assertThat(method.body()).contains("Dit verzoek kan niet gelezen worden");
	}

	private HttpResponse<String> scoring(String adbt) {
		return this.admin.submit("/admin/scoring", "paymentBehaviourPercent", "45", "bureauPercent", "35",
				"disputesPercent", "20", "adbtCurve", adbt, "disputeRateCurve", "0:100, 0.05:70, 0.15:30, 0.25:0",
				"bureauScales[PAYDEX]", "30:0, 40:20, 50:50, 70:75, 80:100", "bureauScales[INTELLISCORE]",
				"1:0, 100:100", "bureauScales[CREDITSAFE]", "0:0, 100:100", "bureauScales[GRAYDON]", "1:0, 100:100");
	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

}
