package com.factordesk.admin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Admins issue API keys (shown once, stored as a hash) and revoke them.
 */
@IntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class ApiKeysControllerIntegrationTests {

	private static final long RUN = System.nanoTime();

	private static final Pattern KEY = Pattern.compile("id=\"issued-key\">(fd_[A-Za-z0-9_-]{43})<");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void anIssuedKeyIsShownOnceAndCallsTheApi() throws Exception {
		String page = this.mvc
			.perform(post("/admin/api-keys").param("name", "ERP nightly import " + RUN)
				.param("canRead", "true")
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Copy it now")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher issued = KEY.matcher(page);
		assertThat(issued.find()).as("the key on the page").isTrue();
		String key = issued.group(1);
		assertThat(this.jdbc
			.queryForObject("SELECT key_hash FROM api_key WHERE name = 'ERP nightly import " + RUN + "'", String.class))
			.doesNotContain(key)
			.hasSize(64);

		this.mvc.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", key)).andExpect(status().isOk());
		this.mvc.perform(get("/admin/api-keys"))
			.andExpect(content().string(containsString("ERP nightly import " + RUN)))
			.andExpect(content().string(not(containsString(key))));
	}

	@Test
	void aTakenNameOrNoRightsIssueNothing() throws Exception {
		this.mvc.perform(post("/admin/api-keys").param("name", "Twice " + RUN).param("canRead", "true").with(csrf()))
			.andExpect(status().isOk());
		long keys = count();

		this.mvc.perform(post("/admin/api-keys").param("name", "Twice " + RUN).param("canRead", "true").with(csrf()))
			.andExpect(model().attributeHasFieldErrorCode("form", "name", "apiKey.name.taken"))
			.andExpect(content().string(not(containsString("id=\"issued-key\""))));
		this.mvc.perform(post("/admin/api-keys").param("name", "No rights " + RUN).param("_canRead", "on").with(csrf()))
			.andExpect(model().attributeHasFieldErrorCode("form", "canRead", "apiKey.rights.empty"));
		this.mvc.perform(post("/admin/api-keys").param("name", "").param("canRead", "true").with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "name"));

		assertThat(count()).isEqualTo(keys);
	}

	@Test
	void aRevokedKeyIsRefusedAndListedAsRevoked() throws Exception {
		String page = this.mvc
			.perform(post("/admin/api-keys").param("name", "To revoke " + RUN).param("canRead", "true").with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher issued = KEY.matcher(page);
		assertThat(issued.find()).isTrue();
		long id = this.jdbc.queryForObject("SELECT id FROM api_key WHERE name = 'To revoke " + RUN + "'", Long.class);

		this.mvc.perform(post("/admin/api-keys/{id}/revoke", id).param("confirmed", "true").with(csrf()))
			.andExpect(redirectedUrl("/admin/api-keys"));

		this.mvc.perform(get("/api/v1/debtors/D00001/score").header("X-API-Key", issued.group(1)))
			.andExpect(status().isUnauthorized());
		assertThat(this.jdbc.queryForObject("SELECT revoked_by FROM api_key WHERE id = ?", String.class, id))
			.isEqualTo("admin");
		this.mvc.perform(post("/admin/api-keys/{id}/revoke", id).param("confirmed", "true").with(csrf()))
			.andExpect(redirectedUrl("/admin/api-keys"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("failure", "apiKey.revoke.none"));
	}

	@Test
	void revokingAsksFirstWithTheKeysLastUseAndRevokesNothingYet() throws Exception {
		this.mvc.perform(
				post("/admin/api-keys").param("name", "To confirm " + RUN).param("canImport", "true").with(csrf()));
		long id = this.jdbc.queryForObject("SELECT id FROM api_key WHERE name = 'To confirm " + RUN + "'", Long.class);

		this.mvc.perform(post("/admin/api-keys/{id}/revoke", id).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Revoke the key of To confirm " + RUN + "?")))
			.andExpect(content().string(containsString("Last used: never.")))
			.andExpect(content().string(containsString("id=\"confirm-revoke-button\"")));
		assertThat(this.jdbc.queryForObject("SELECT revoked_at IS NULL FROM api_key WHERE id = ?", Boolean.class, id))
			.as("nothing revoked before the confirmation")
			.isTrue();

		this.mvc.perform(post("/admin/api-keys/{id}/revoke", 999_999_999L).with(csrf()))
			.andExpect(redirectedUrl("/admin/api-keys"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
				.attribute("failure", "apiKey.revoke.none"));
	}

	@Test
	@WithMockUser(roles = "MANAGER")
	void onlyAdminsIssueKeys() throws Exception {
		this.mvc.perform(get("/admin/api-keys")).andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/api-keys").param("name", "Sneaky " + RUN).param("canRead", "true").with(csrf()))
			.andExpect(status().isForbidden());
	}

	private long count() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM api_key", Long.class);
	}

}
