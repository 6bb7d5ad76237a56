package com.factordesk.security;

import com.factordesk.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Outside the demo profile, on an empty database: no demo users and no demo data, and the
 * first administrator is created from the environment.
 */
@SpringBootTest(properties = { "spring.profiles.active=production-like", TestDatabase.FRESH + "=true",
		"factordesk.security.bootstrap-admin.username=first-admin",
		"factordesk.security.bootstrap-admin.password=a-first-admin-password" })
@AutoConfigureMockMvc
class BootstrapAdminIntegrationTests {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@Test
	void theFirstAdministratorIsCreatedAndNoDemoUserExists() throws Exception {
		assertThat(this.jdbc.queryForList("SELECT username FROM app_user", String.class))
			.containsExactly("first-admin");
		assertThat(this.jdbc.queryForList(
				"SELECT r.role FROM app_user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username = 'first-admin'",
				String.class))
			.containsExactly("ADMIN");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class)).isZero();
		this.mvc.perform(formLogin("/login").user("first-admin").password("a-first-admin-password"))
			.andExpect(redirectedUrl("/"));
		this.mvc.perform(formLogin("/login").user("admin").password("demo")).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void theDemoApiKeyDoesNotExist() throws Exception {
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM api_key", Long.class)).isZero();
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.get("/api/v1/debtors/D00001/score")
				.header("X-API-Key", "fd-demo-integration-key"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isUnauthorized());
	}

}
