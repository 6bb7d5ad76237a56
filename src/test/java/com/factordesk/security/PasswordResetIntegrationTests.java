package com.factordesk.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.factordesk.IntegrationTest;
import com.factordesk.audit.AuditEntry;
import com.factordesk.audit.AuditTrail;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An administrator resets a user's password: after a confirmation, a one-time password
 * shown once; the user's sessions end, the old password stops working, and the one-time
 * password opens only the page where the user chooses their own. Every user changes their
 * own password with the current one.
 */
@IntegrationTest
class PasswordResetIntegrationTests {

	private static final String PASSWORD = "correct horse battery";

	private static final String NEW_PASSWORD = "staple of the new season";

	private static final Pattern ONE_TIME = Pattern.compile("id=\"one-time-password\">([^<]*)<");

	private final List<String> usernames = new ArrayList<>();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AuditTrail audit;

	@Test
	void anAdminResetsAPasswordAndTheUserChoosesTheirOwnBeforeAnythingElse() throws Exception {
		AppUser user = newUser();
		Cookie oldSession = logIn(user.getUsername(), PASSWORD);
		this.mvc.perform(get("/queue").cookie(oldSession)).andExpect(status().isOk());
		String hash = hash(user);

		// first the confirmation, which changes nothing
		this.mvc
			.perform(post("/admin/users/{id}/password-reset", user.getId()).with(user("admin").roles("ADMIN"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Reset the password of " + user.getUsername() + "?")))
			.andExpect(content().string(not(containsString("one-time-password"))));
		assertThat(hash(user)).isEqualTo(hash);
		this.mvc.perform(get("/queue").cookie(oldSession)).andExpect(status().isOk());

		MvcResult reset = this.mvc
			.perform(post("/admin/users/{id}/password-reset", user.getId()).param("confirmed", "true")
				.with(user("admin").roles("ADMIN"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("A one-time password was given; the user has not chosen their own yet.")))
			.andReturn();
		Matcher shown = ONE_TIME.matcher(reset.getResponse().getContentAsString());
		assertThat(shown.find()).isTrue();
		String oneTime = shown.group(1);
		assertThat(oneTime).matches("[A-HJ-NP-Za-km-z2-9]{16}");

		this.mvc.perform(get("/queue").cookie(oldSession)).andExpect(redirectedUrl("/login"));
		this.mvc.perform(formLogin("/login").user(user.getUsername()).password(PASSWORD)).andExpect(unauthenticated());

		// the one-time password opens only the password page
		MvcResult oneTimeLogin = this.mvc.perform(formLogin("/login").user(user.getUsername()).password(oneTime))
			.andExpect(authenticated().withAuthentication((authentication) -> assertThat(
					authentication.getAuthorities().stream().map((authority) -> authority.getAuthority()))
				.as("no role until the user has chosen a password")
				.contains(UserAccounts.PASSWORD_MUST_CHANGE)
				.noneMatch((authority) -> authority.startsWith("ROLE_"))))
			.andExpect(redirectedUrl("/account/password"))
			.andReturn();
		Cookie session = oneTimeLogin.getResponse().getCookie("SESSION");
		this.mvc.perform(get("/queue").cookie(session)).andExpect(redirectedUrl("/account/password"));
		this.mvc.perform(get("/").cookie(session)).andExpect(redirectedUrl("/account/password"));
		this.mvc.perform(get("/account/password").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("An administrator has reset your password.")));

		// a wrong current password or two different new ones change nothing
		change(session, "not-the-one-time", NEW_PASSWORD, NEW_PASSWORD).andExpect(status().isOk())
			.andExpect(content().string(containsString("This is not your current password.")));
		change(session, oneTime, NEW_PASSWORD, NEW_PASSWORD + "!").andExpect(status().isOk())
			.andExpect(content().string(containsString("The two new passwords differ.")));
		change(session, oneTime, "short", "short").andExpect(status().isOk())
			.andExpect(content().string(containsString("A password has at least 12 characters.")));
		this.mvc.perform(get("/queue").cookie(session)).andExpect(redirectedUrl("/account/password"));

		change(session, oneTime, NEW_PASSWORD, NEW_PASSWORD).andExpect(redirectedUrl("/login?changed"));
		this.mvc.perform(formLogin("/login").user(user.getUsername()).password(oneTime)).andExpect(unauthenticated());
		Cookie fresh = logIn(user.getUsername(), NEW_PASSWORD);
		this.mvc.perform(get("/queue").cookie(fresh)).andExpect(status().isOk());

		assertThat(this.audit.forSubject(UserAccounts.SUBJECT, String.valueOf(user.getId())))
			.extracting(AuditEntry::action, AuditEntry::actor)
			.containsSubsequence(org.assertj.core.groups.Tuple.tuple("user.password-reset", "admin"),
					org.assertj.core.groups.Tuple.tuple("user.password-changed", user.getUsername()));
		assertThat(this.audit.forSubject(UserAccounts.SUBJECT, String.valueOf(user.getId())))
			.allSatisfy((entry) -> assertThat(entry.after() + entry.before()).doesNotContain(oneTime)
				.doesNotContain(NEW_PASSWORD));
	}

	@Test
	void everyUserChangesTheirOwnPasswordWithTheCurrentOne() throws Exception {
		AppUser user = newUser();
		Cookie session = logIn(user.getUsername(), PASSWORD);
		Cookie other = logIn(user.getUsername(), PASSWORD);

		change(session, PASSWORD, PASSWORD, PASSWORD).andExpect(status().isOk())
			.andExpect(content().string(containsString("The new password must differ from the current one.")));
		change(session, PASSWORD, NEW_PASSWORD, NEW_PASSWORD).andExpect(redirectedUrl("/login?changed"));

		// every session ends
		this.mvc.perform(get("/queue").cookie(other)).andExpect(redirectedUrl("/login"));
		this.mvc.perform(formLogin("/login").user(user.getUsername()).password(PASSWORD)).andExpect(unauthenticated());
		logIn(user.getUsername(), NEW_PASSWORD);
		assertThat(this.jdbc.queryForObject("SELECT password_changed_at IS NOT NULL FROM app_user WHERE id = ?",
				Boolean.class, user.getId()))
			.isTrue();
	}

	@Test
	void anAdminCannotResetTheirOwnPasswordAndOnlyAnAdminResets() throws Exception {
		long admin = this.jdbc.queryForObject("SELECT id FROM app_user WHERE username = 'admin'", Long.class);
		String hash = this.jdbc.queryForObject("SELECT password_hash FROM app_user WHERE id = ?", String.class, admin);
		this.mvc
			.perform(post("/admin/users/{id}/password-reset", admin).param("confirmed", "true")
				.with(user("admin").roles("ADMIN"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("Change your own password on the Password page, with your current one.")));
		AppUser user = newUser();
		String userHash = hash(user);
		this.mvc
			.perform(post("/admin/users/{id}/password-reset", user.getId()).param("confirmed", "true")
				.with(user("manager").roles("MANAGER"))
				.with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(this.jdbc.queryForObject("SELECT password_hash FROM app_user WHERE id = ?", String.class, admin))
			.isEqualTo(hash);
		assertThat(hash(user)).isEqualTo(userHash);
		this.mvc.perform(formLogin("/login").user(user.getUsername()).password(PASSWORD)).andExpect(authenticated());
	}

	private org.springframework.test.web.servlet.ResultActions change(Cookie session, String current, String next,
			String repeat) throws Exception {
		return this.mvc.perform(post("/account/password").cookie(session)
			.param("currentPassword", current)
			.param("newPassword", next)
			.param("repeatPassword", repeat)
			.with(csrf()));
	}

	private String hash(AppUser user) {
		return this.jdbc.queryForObject("SELECT password_hash FROM app_user WHERE id = ?", String.class, user.getId());
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
		this.usernames.add(username);
		return this.accounts.register(new CreateUser(username, "Test User", PASSWORD, EnumSet.of(Role.UNDERWRITER)));
	}

	/**
	 * What a test made goes: its users, their sessions and the throttle's counts.
	 */
	@AfterEach
	void removeWhatTheTestMade() {
		this.jdbc.update("DELETE FROM login_throttle WHERE username = ?", LoginThrottle.ANY_USER);
		for (String username : this.usernames) {
			this.jdbc.update("DELETE FROM login_throttle WHERE username = ?", username);
			this.jdbc.update("DELETE FROM spring_session WHERE principal_name = ?", username);
			this.jdbc.update("DELETE FROM app_user WHERE username = ?", username);
		}
	}

}
