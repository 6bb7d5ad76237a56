package com.factordesk.security;

import java.util.EnumSet;
import java.util.UUID;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import jakarta.servlet.http.Cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Logging in: demo users with password "demo", disabled users refused, and password
 * guessing throttled.
 */
@IntegrationTest
class LoginIntegrationTests {

	private static final String PASSWORD = "correct horse battery";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private AppUserRepository users;

	@Autowired
	private org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Test
	void demoUsersLogInWithTheirRoles() throws Exception {
		this.mvc.perform(formLogin("/login").user("underwriter").password("demo"))
			.andExpect(authenticated().withUsername("underwriter").withRoles("UNDERWRITER"))
			.andExpect(redirectedUrl("/"));
		this.mvc.perform(formLogin("/login").user("manager").password("demo"))
			.andExpect(authenticated().withRoles("MANAGER"));
		this.mvc.perform(formLogin("/login").user("admin").password("demo"))
			.andExpect(authenticated().withRoles("ADMIN"));
	}

	@Test
	void sessionsLiveInPostgresSoThatInstancesShareThem() throws Exception {
		this.mvc.perform(formLogin("/login").user("underwriter").password("demo")).andExpect(authenticated());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM spring_session WHERE principal_name = 'underwriter'",
				Long.class))
			.isPositive();
	}

	@Test
	void passwordsAreStoredHashed() {
		AppUser underwriter = this.users.findByUsernameIgnoreCase("underwriter").orElseThrow();
		assertThat(underwriter.getPasswordHash()).startsWith("{bcrypt}$2").doesNotContain("demo");
	}

	@Test
	void aWrongPasswordIsRefused() throws Exception {
		this.mvc.perform(formLogin("/login").user("manager").password("wrong"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error=bad"));
	}

	@Test
	void aDisabledUserCannotLogIn() throws Exception {
		AppUser user = newUser();
		user.disable();
		this.users.save(user);
		this.mvc.perform(formLogin("/login").user(user.getUsername()).password(PASSWORD))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error=disabled"));
	}

	@Test
	void repeatedFailedLoginsLockTheAccountEvenForTheRightPassword() throws Exception {
		AppUser user = newUser();
		for (int attempt = 1; attempt <= 5; attempt++) {
			this.mvc.perform(formLogin("/login").user(user.getUsername()).password("guess-" + attempt))
				.andExpect(unauthenticated());
		}
		this.mvc.perform(formLogin("/login").user(user.getUsername()).password(PASSWORD))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error=locked"));
		assertThat(this.users.findById(user.getId()).orElseThrow().getLockedUntil()).isNotNull();
	}

	@Test
	void aSuccessfulLoginResetsTheFailureCount() throws Exception {
		AppUser user = newUser();
		for (int attempt = 1; attempt <= 4; attempt++) {
			this.mvc.perform(formLogin("/login").user(user.getUsername()).password("guess-" + attempt));
		}
		this.mvc.perform(formLogin("/login").user(user.getUsername()).password(PASSWORD)).andExpect(authenticated());
		assertThat(this.users.findById(user.getId()).orElseThrow().getFailedLoginCount()).isZero();
		this.mvc.perform(formLogin("/login").user(user.getUsername()).password("one more guess"))
			.andExpect(redirectedUrl("/login?error=bad"));
	}

	@Test
	void logoutEndsTheSession() throws Exception {
		Cookie session = logIn("underwriter", "demo");
		this.mvc.perform(get("/queue").cookie(session)).andExpect(status().isOk());

		this.mvc.perform(post("/logout").cookie(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));

		this.mvc.perform(get("/queue").cookie(session)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void disablingAUserEndsTheSessionsTheyHaveOpen() throws Exception {
		AppUser user = newUser();
		Cookie session = logIn(user.getUsername(), PASSWORD);
		this.mvc.perform(get("/queue").cookie(session)).andExpect(status().isOk());

		this.mvc
			.perform(post("/admin/users/{id}/disable", user.getId()).with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().is3xxRedirection());

		this.mvc.perform(get("/queue").cookie(session)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void changingAUsersRolesEndsTheSessionsThatHoldTheOldOnes() throws Exception {
		AppUser user = newUser();
		Cookie session = logIn(user.getUsername(), PASSWORD);
		this.mvc.perform(get("/queue").cookie(session)).andExpect(status().isOk());
		this.mvc.perform(get("/portfolio").cookie(session)).andExpect(status().isForbidden());

		this.mvc
			.perform(post("/admin/users/{id}", user.getId()).param("fullName", "Test User")
				.param("roles", "MANAGER")
				.with(user("admin").roles("ADMIN"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.users.findById(user.getId()).orElseThrow().getRoles()).containsExactly(Role.MANAGER);

		this.mvc.perform(get("/queue").cookie(session)).andExpect(redirectedUrl("/login"));
		Cookie fresh = logIn(user.getUsername(), PASSWORD);
		this.mvc.perform(get("/portfolio").cookie(fresh)).andExpect(status().isOk());
	}

	private Cookie logIn(String username, String password) throws Exception {
		MvcResult result = this.mvc.perform(formLogin("/login").user(username).password(password))
			.andExpect(authenticated())
			.andReturn();
		Cookie session = result.getResponse().getCookie("SESSION");
		assertThat(session).as("the session cookie of " + username).isNotNull();
		return session;
	}

	private AppUser newUser() {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
		return this.accounts.register(new CreateUser(username, "Test User", PASSWORD, EnumSet.of(Role.UNDERWRITER)));
	}

}
