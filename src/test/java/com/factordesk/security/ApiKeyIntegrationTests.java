package com.factordesk.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Integrations call the API with a key in the {@code X-API-Key} header: stored hashed,
 * refused when unknown or revoked, limited to its rights, never a way into the pages.
 */
@IntegrationTest
class ApiKeyIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApiKeys keys;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	@Test
	void theDemoKeyReadsADebtorsScoreAndTheBacktest() throws Exception {
		this.mvc.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", DemoUsers.API_KEY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.debtorRef").value("D00001"))
			.andExpect(jsonPath("$.grade").isString())
			.andExpect(jsonPath("$.reasons").isArray());
		this.mvc
			.perform(get("/api/v1/risk/backtest").param("from", "2026-01-01")
				.param("to", "2026-03-31")
				.header("X-API-Key", DemoUsers.API_KEY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.auc").isNumber());
	}

	/**
	 * The keys these tests issue go again (their audit rows stay: the trail is
	 * append-only).
	 */
	@AfterEach
	void removeTestKeys() {
		this.jdbc.update("DELETE FROM api_key WHERE created_by = 'test'");
	}

	@Test
	void aKeysLastUseIsRecordedToTheMinute() throws Exception {
		this.keys.register("last-used-test", "fd-test-last-used-0123456789", true, false, "test");
		assertThat(lastUsed()).isNull();
		assertThat(lastUsedOnThePage()).isEqualTo("never");

		Instant before = this.clock.instant();
		this.mvc.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", "fd-test-last-used-0123456789"))
			.andExpect(status().isOk());
		Instant first = lastUsed();
		assertThat(first).isBetween(before.minusMillis(1), this.clock.instant());

		// used again within the minute: the row is not written again
		Instant recent = first.minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		this.jdbc.update("UPDATE api_key SET last_used_at = ? WHERE name = 'last-used-test'", Timestamp.from(recent));
		this.mvc.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", "fd-test-last-used-0123456789"))
			.andExpect(status().isOk());
		assertThat(lastUsed()).isEqualTo(recent);

		// a minute and more later, it is
		Instant old = this.clock.instant().minusSeconds(61).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		this.jdbc.update("UPDATE api_key SET last_used_at = ? WHERE name = 'last-used-test'", Timestamp.from(old));
		before = this.clock.instant();
		this.mvc.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", "fd-test-last-used-0123456789"))
			.andExpect(status().isOk());
		assertThat(lastUsed()).isBetween(before.minusMillis(1), this.clock.instant());

		assertThat(lastUsedOnThePage()).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
			.format(lastUsed().atZone(this.clock.getZone())));

		// a refused key's use is no use
		this.jdbc.update("UPDATE api_key SET last_used_at = ?, revoked_at = now(), revoked_by = 'test' "
				+ "WHERE name = 'last-used-test'", Timestamp.from(old));
		this.mvc.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", "fd-test-last-used-0123456789"))
			.andExpect(status().isUnauthorized());
		assertThat(lastUsed()).isEqualTo(old);
	}

	private String lastUsedOnThePage() throws Exception {
		String page = this.mvc.perform(get("/admin/api-keys").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		java.util.regex.Matcher row = java.util.regex.Pattern
			.compile("data-name=\"last-used-test\".*?class=\"nowrap key-last-used\">([^<]*)<",
					java.util.regex.Pattern.DOTALL)
			.matcher(page);
		assertThat(row.find()).as("the key's row with its last use").isTrue();
		return row.group(1);
	}

	private Instant lastUsed() {
		Timestamp at = this.jdbc.queryForObject("SELECT last_used_at FROM api_key WHERE name = 'last-used-test'",
				Timestamp.class);
		return (at != null) ? at.toInstant() : null;
	}

	@Test
	void keysAreStoredAsHashesOnly() {
		String stored = this.jdbc.queryForObject("SELECT key_hash FROM api_key WHERE name = 'demo-integration'",
				String.class);
		assertThat(stored).hasSize(64).doesNotContain(DemoUsers.API_KEY).isEqualTo(ApiKeys.hash(DemoUsers.API_KEY));
	}

	@Test
	void anUnknownKeyIsAProblemEvenWithALoggedInSession() throws Exception {
		this.mvc
			.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", "fd-guessed-key")
				.with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.detail", containsString("unknown or has been revoked")));
	}

	@Test
	void aRevokedKeyNoLongerAuthenticates() throws Exception {
		this.keys.register("revoked-test", "fd-test-revoked-0123456789", true, false, "test");
		this.mvc.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", "fd-test-revoked-0123456789"))
			.andExpect(status().isOk());

		this.jdbc.update("UPDATE api_key SET revoked_at = now(), revoked_by = 'test' WHERE name = 'revoked-test'");

		this.mvc.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", "fd-test-revoked-0123456789"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aKeyWithoutReadRightsReadsNothing() throws Exception {
		this.keys.register("import-only-test", "fd-test-import-only-0123456789", false, true, "test");
		this.mvc.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", "fd-test-import-only-0123456789"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aKeyOpensNoPage() throws Exception {
		this.mvc.perform(get("/queue").header("X-API-Key", DemoUsers.API_KEY)).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/admin/users").header("X-API-Key", DemoUsers.API_KEY)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void withoutCredentialsTheApiAnswersAProblem() throws Exception {
		this.mvc.perform(get("/api/v1/debtors/D00001/score"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("X-API-Key")));
	}

	@Test
	void anApiCallWithoutCredentialsLeavesNoSessionBehind() throws Exception {
		org.springframework.test.web.servlet.MvcResult result = this.mvc
			.perform(get("/api/v1/debtors/D00001/score").accept(MediaType.ALL))
			.andExpect(status().isUnauthorized())
			.andReturn();
		assertThat(result.getRequest().getSession(false)).isNull();
		assertThat(result.getResponse().getCookie("SESSION")).isNull();
	}

	@Test
	void aChangeWithoutAKeyIsUnauthorizedAndLeavesNoSession() throws Exception {
		org.springframework.test.web.servlet.MvcResult result = this.mvc
			.perform(post("/api/v1/imports/invoices").contentType("text/csv").content("client_ref\n"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andReturn();
		assertThat(result.getRequest().getSession(false)).isNull();
	}

	@Test
	void aReadKeyChangesNothing() throws Exception {
		this.keys.register("read-only-test", "fd-test-read-only-0123456789", true, false, "test");
		this.mvc
			.perform(post("/api/v1/imports/invoices").header("X-API-Key", "fd-test-read-only-0123456789")
				.contentType("text/csv")
				.content("client_ref,debtor_ref\n"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aSessionCannotChangeAnythingThroughTheApi() throws Exception {
		this.mvc
			.perform(post("/api/v1/imports/invoices").with(user("u").roles("UNDERWRITER", "MANAGER"))
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.csrf()))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
