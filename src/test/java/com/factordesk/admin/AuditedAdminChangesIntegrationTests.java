package com.factordesk.admin;

import java.util.List;
import java.util.UUID;

import com.factordesk.IntegrationTest;
import com.factordesk.audit.AuditEntry;
import com.factordesk.audit.AuditTrail;
import com.factordesk.security.ApiKeys;
import com.factordesk.security.UserAccounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every change an admin makes to users and API keys leaves one audit entry: who, what,
 * and the references before and after, never a full name or a password hash.
 */
@IntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class AuditedAdminChangesIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private AuditTrail audit;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private JsonMapper json;

	@Test
	void creatingAUserIsRecordedWithItsRolesButNotItsNameOrPassword() throws Exception {
		String username = createUser("MANAGER", "UNDERWRITER");
		List<AuditEntry> entries = this.audit.forSubject(UserAccounts.SUBJECT, idOf(username));
		assertThat(entries).singleElement().satisfies((entry) -> {
			assertEntry(entry, "user.created", null,
					"{\"username\":\"" + username + "\",\"roles\":[\"UNDERWRITER\",\"MANAGER\"],\"enabled\":true}");
			assertThat(entry.after()).doesNotContain("Audited Person", "a-long-enough-password", "$2");
		});
	}

	@Test
	void aRoleChangeIsRecordedWithTheRolesBeforeAndAfter() throws Exception {
		String username = createUser("UNDERWRITER");
		String id = idOf(username);
		this.mvc
			.perform(post("/admin/users/{id}", id).with(csrf())
				.param("fullName", "Audited Person Renamed")
				.param("roles", "UNDERWRITER", "MANAGER"))
			.andExpect(redirectedUrl("/admin/users"));
		assertThat(entries(UserAccounts.SUBJECT, id, "user.roles-changed")).singleElement()
			.satisfies((entry) -> assertEntry(entry, "user.roles-changed", "{\"roles\":[\"UNDERWRITER\"]}",
					"{\"roles\":[\"UNDERWRITER\",\"MANAGER\"]}"));
	}

	@Test
	void disablingAndEnablingAreEachRecorded() throws Exception {
		String id = idOf(createUser("MANAGER"));
		this.mvc.perform(post("/admin/users/{id}/disable", id).param("confirmed", "true").with(csrf()))
			.andExpect(flash().attribute("success", "user.disabled"));
		this.mvc.perform(post("/admin/users/{id}/enable", id).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(entries(UserAccounts.SUBJECT, id, "user.disabled")).singleElement()
			.satisfies((entry) -> assertEntry(entry, "user.disabled", "{\"enabled\":true}", "{\"enabled\":false}"));
		assertThat(entries(UserAccounts.SUBJECT, id, "user.enabled")).singleElement()
			.satisfies((entry) -> assertEntry(entry, "user.enabled", "{\"enabled\":false}", "{\"enabled\":true}"));
		assertThat(this.audit.forSubject(UserAccounts.SUBJECT, id)).extracting(AuditEntry::action)
			.containsExactly("user.created", "user.disabled", "user.enabled");
	}

	@Test
	void aRefusedChangeLeavesNoEntry() throws Exception {
		String adminId = idOf("admin");
		List<AuditEntry> before = this.audit.forSubject(UserAccounts.SUBJECT, adminId);
		this.mvc.perform(post("/admin/users/{id}/disable", adminId).param("confirmed", "true").with(csrf()))
			.andExpect(flash().attribute("failure", "user.disable.self"));
		assertThat(this.audit.forSubject(UserAccounts.SUBJECT, adminId)).isEqualTo(before);
	}

	@Test
	void issuingAndRevokingAKeyAreEachRecordedWithoutTheKey() throws Exception {
		String name = "audit-" + UUID.randomUUID().toString().substring(0, 8);
		this.mvc
			.perform(post("/admin/api-keys").with(csrf())
				.param("name", name)
				.param("canRead", "true")
				.param("canImport", "false"))
			.andExpect(status().isOk());
		String id = this.jdbc.queryForObject("SELECT CAST(id AS VARCHAR) FROM api_key WHERE name = ?", String.class,
				name);
		this.mvc.perform(post("/admin/api-keys/{id}/revoke", id).param("confirmed", "true").with(csrf()))
			.andExpect(status().is3xxRedirection());
		List<AuditEntry> entries = this.audit.forSubject(ApiKeys.SUBJECT, id);
		assertThat(entries).extracting(AuditEntry::action).containsExactly("api-key.issued", "api-key.revoked");
		assertEntry(entries.get(0), "api-key.issued", null,
				"{\"name\":\"" + name + "\",\"canRead\":true,\"canImport\":false}");
		assertThat(entries.get(0).after()).doesNotContain("fd_");
		assertEntry(entries.get(1), "api-key.revoked", "{\"revoked\":false}", "{\"revoked\":true}");
	}

	private String createUser(String... roles) throws Exception {
		String username = "a" + UUID.randomUUID().toString().substring(0, 8);
		this.mvc
			.perform(post("/admin/users").with(csrf())
				.param("username", username)
				.param("fullName", "Audited Person")
				.param("password", "a-long-enough-password")
				.param("roles", roles))
			.andExpect(flash().attribute("success", "user.created"));
		return username;
	}

	private List<AuditEntry> entries(String subjectType, String subjectRef, String action) {
		return this.audit.forSubject(subjectType, subjectRef)
			.stream()
			.filter((entry) -> entry.action().equals(action))
			.toList();
	}

	private void assertEntry(AuditEntry entry, String action, String before, String after) {
		assertThat(entry.action()).isEqualTo(action);
		assertThat(entry.actor()).isEqualTo("admin");
		assertThat((entry.before() != null) ? this.json.readTree(entry.before()) : null)
			.isEqualTo((before != null) ? this.json.readTree(before) : null);
		assertThat(this.json.readTree(entry.after())).isEqualTo(this.json.readTree(after));
	}

	private String idOf(String username) {
		return this.jdbc.queryForObject("SELECT CAST(id AS VARCHAR) FROM app_user WHERE username = ?", String.class,
				username);
	}

}
