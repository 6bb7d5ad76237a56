package com.factordesk.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.MvcResult;
import jakarta.servlet.http.Cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Logging in: demo users with password "demo", disabled users refused, password guessing
 * throttled per user name and client address, and nothing said about an account to
 * whoever does not have its password.
 */
@IntegrationTest
class LoginIntegrationTests {

	private static final String PASSWORD = "correct horse battery";

	private static final String ADDRESS_A = "10.0.0.1";

	private static final String ADDRESS_B = "10.0.0.2";

	private final List<String> usernames = new ArrayList<>();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private AppUserRepository users;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	@Autowired
	private LoginThrottle throttle;

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
	void aWrongPasswordIsRefusedWithOneAnswerForEveryFailure() throws Exception {
		AppUser user = newUser();
		this.mvc.perform(formLogin("/login").user(user.getUsername()).password("wrong"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		this.usernames.add("nobody-" + user.getUsername());
		this.mvc.perform(formLogin("/login").user("nobody-" + user.getUsername()).password("wrong"))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(get("/login").param("error", ""))
			.andExpect(content().string(containsString(
					"The user name or password is wrong, or there were too many attempts: try again in a moment.")))
			.andExpect(content().string(not(containsString("disabled"))));
		this.mvc.perform(get("/login").param("error", "").param("lang", "nl"))
			.andExpect(content().string(containsString("De gebruikersnaam of het wachtwoord is onjuist")));
	}

	@Test
	void onlyTheRightPasswordHearsThatAnAccountIsDisabled() throws Exception {
		AppUser user = newUser();
		user.disable();
		this.users.save(user);
		attempt(user.getUsername(), "not the password", ADDRESS_A).andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		attempt(user.getUsername(), PASSWORD, ADDRESS_A).andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error=disabled"));
		this.mvc.perform(get("/login").param("error", "disabled"))
			.andExpect(content().string(containsString("This account is disabled.")));
	}

	@Test
	void guessingFromOneAddressIsThrottledThereAndNowhereElse() throws Exception {
		AppUser user = newUser();
		for (int guess = 1; guess <= 5; guess++) {
			attempt(user.getUsername(), "guess-" + guess, ADDRESS_A).andExpect(unauthenticated())
				.andExpect(redirectedUrl("/login?error"));
		}
		// address A now waits: even the right password is not checked, and the answer is
		// the one of a wrong password
		attempt(user.getUsername(), PASSWORD, ADDRESS_A).andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		assertThat(this.jdbc
			.queryForObject("SELECT blocked_until FROM login_throttle WHERE username = ? AND client_address = ?",
					Timestamp.class, user.getUsername(), ADDRESS_A)
			.toInstant()).isAfter(this.clock.instant());
		// the owner, elsewhere, is not locked out
		attempt(user.getUsername(), PASSWORD, ADDRESS_B).andExpect(authenticated().withUsername(user.getUsername()));
		attempt(user.getUsername(), PASSWORD, ADDRESS_A).andExpect(unauthenticated());

		// the wait passes (as if the clock had moved on): address A may try again
		this.jdbc.update("UPDATE login_throttle SET blocked_until = ? WHERE username = ?",
				Timestamp.from(this.clock.instant().minusSeconds(1)), user.getUsername());
		attempt(user.getUsername(), PASSWORD, ADDRESS_A).andExpect(authenticated());
		assertThat(throttleRows(user.getUsername())).isZero();
	}

	@Test
	void unknownUserNamesAreThrottledAlikeSoTheThrottleTellsNothing() throws Exception {
		String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
		this.usernames.add(nobody);
		for (int guess = 1; guess <= 6; guess++) {
			attempt(nobody, "guess-" + guess, ADDRESS_A).andExpect(redirectedUrl("/login?error"));
		}
		assertThat(this.jdbc.queryForObject("SELECT failures FROM login_throttle WHERE username = ?", Integer.class,
				nobody))
			.isEqualTo(5);
	}

	@Test
	void aSuccessResetsTheCountOfItsAddress() throws Exception {
		AppUser user = newUser();
		for (int guess = 1; guess <= 4; guess++) {
			attempt(user.getUsername(), "guess-" + guess, ADDRESS_A).andExpect(unauthenticated());
		}
		attempt(user.getUsername(), PASSWORD, ADDRESS_A).andExpect(authenticated());
		assertThat(throttleRows(user.getUsername())).isZero();
		for (int guess = 1; guess <= 4; guess++) {
			attempt(user.getUsername(), "guess-" + guess, ADDRESS_A).andExpect(unauthenticated());
		}
		attempt(user.getUsername(), PASSWORD, ADDRESS_A).andExpect(authenticated());
	}

	@Test
	void theWaitDoublesWithEachFurtherFailureUpToItsLongestAndIsForgottenAfterADay() {
		// long ago, so that forgetting old counts deletes no row but this test's
		MovingClock clock = new MovingClock(Instant.parse("2000-01-03T09:00:00Z"));
		LoginThrottle throttle = new LoginThrottle(JdbcClient.create(this.jdbc),
				new SecurityProperties(new SecurityProperties.LoginThrottle(5, Duration.ofMinutes(1),
						Duration.ofHours(1), Duration.ofHours(24), 50),
						new SecurityProperties.BootstrapAdmin("admin", null)),
				clock);
		String name = "throttled-" + UUID.randomUUID().toString().substring(0, 8);
		this.usernames.add(name);
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(throttle.attempt(name, "192.0.2.7")).as("attempt %d", attempt).isEmpty();
		}
		assertThat(throttle.attempt(name, "192.0.2.7")).contains(clock.instant().plus(Duration.ofMinutes(1)));
		assertThat(throttle.attempt(name, "192.0.2.8")).as("another address").isEmpty();

		clock.advance(Duration.ofSeconds(61));
		assertThat(throttle.attempt(name, "192.0.2.7")).as("the 6th attempt, after the first wait").isEmpty();
		assertThat(throttle.attempt(name, "192.0.2.7")).contains(clock.instant().plus(Duration.ofMinutes(2)));
		clock.advance(Duration.ofSeconds(119));
		assertThat(throttle.attempt(name, "192.0.2.7")).as("still waiting").isPresent();
		clock.advance(Duration.ofSeconds(2));
		assertThat(throttle.attempt(name, "192.0.2.7")).as("the 7th attempt").isEmpty();
		assertThat(throttle.attempt(name, "192.0.2.7")).contains(clock.instant().plus(Duration.ofMinutes(4)));

		// the 13th attempt and later wait the longest, an hour, not 256 minutes
		for (int attempt = 8; attempt <= 13; attempt++) {
			clock.advance(Duration.ofHours(1).plusSeconds(1));
			assertThat(throttle.attempt(name, "192.0.2.7")).as("attempt %d", attempt).isEmpty();
		}
		assertThat(throttle.attempt(name, "192.0.2.7")).contains(clock.instant().plus(Duration.ofHours(1)));

		// a day without attempts: the count is forgotten, and the row of the other
		// address
		// is deleted
		clock.advance(Duration.ofHours(25));
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(throttle.attempt(name, "192.0.2.7")).as("a day later, attempt %d", attempt).isEmpty();
		}
		assertThat(this.jdbc.queryForList("SELECT client_address FROM login_throttle WHERE username = ?", String.class,
				name))
			.containsExactly("192.0.2.7");
	}

	@Test
	void parallelAttemptsFromOneAddressGetNoMoreTriesThanOneAfterAnother() throws Exception {
		String name = "parallel-" + UUID.randomUUID().toString().substring(0, 8);
		this.usernames.add(name);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Optional<Instant>>> attempts = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				attempts.add(pool.submit(() -> this.throttle.attempt(name, "198.51.100.4")));
			}
			int allowed = 0;
			for (Future<Optional<Instant>> attempt : attempts) {
				allowed += attempt.get(30, TimeUnit.SECONDS).isEmpty() ? 1 : 0;
			}
			assertThat(allowed).isEqualTo(5);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void oneAddressTryingManyUserNamesIsThrottledAcrossThemAndNoOtherAddressIs() throws Exception {
		AppUser user = newUser();
		// one password against 50 user names: the address's count across names runs out
		for (int name = 1; name <= 50; name++) {
			String nobody = "spray-" + name + "-" + user.getUsername();
			this.usernames.add(nobody);
			attempt(nobody, "Winter2026!", "203.0.113.50").andExpect(redirectedUrl("/login?error"));
		}
		attempt(user.getUsername(), PASSWORD, "203.0.113.50").andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		attempt(user.getUsername(), PASSWORD, "203.0.113.51").andExpect(authenticated());
	}

	@Test
	void aUserNameOutsidePrintableAsciiFindsNoAccount() throws Exception {
		AppUser user = newUser();
		// a dotless i (and other letters that some collations fold to ASCII) never finds
		// an account, so the throttle's key and the account always agree
		String lookalike = user.getUsername().replace('u', '\u0131').replace("user", "\u0131ser");
		this.usernames.add(lookalike.toLowerCase(java.util.Locale.ROOT));
		attempt(lookalike, PASSWORD, "203.0.113.60").andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));
		attempt(user.getUsername().toUpperCase(java.util.Locale.ROOT), PASSWORD, "203.0.113.60")
			.andExpect(authenticated());
	}

	@Test
	void anIpv6ClientIsCountedByItsNetwork() {
		assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
		assertThat(LoginThrottle.addressKey("2001:db8:1:2:bbbb::9")).isEqualTo("2001:db8:1:2::/64");
		assertThat(LoginThrottle.addressKey("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
		assertThat(LoginThrottle.addressKey("10.0.0.1")).isEqualTo("10.0.0.1");
		assertThat(LoginThrottle.addressKey("::ffff:10.0.0.1")).as("IPv4-mapped").isEqualTo("10.0.0.1");
		assertThat(LoginThrottle.userKey(" Admin\n")).isEqualTo("admin");
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
			.perform(post("/admin/users/{id}/disable", user.getId()).param("confirmed", "true")
				.with(user("admin").roles("ADMIN"))
				.with(csrf()))
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
		this.usernames.add(username);
		return this.accounts.register(new CreateUser(username, "Test User", PASSWORD, EnumSet.of(Role.UNDERWRITER)));
	}

	private ResultActions attempt(String username, String password, String address) throws Exception {
		return this.mvc.perform(
				post("/login").param("username", username).param("password", password).with(csrf()).with((request) -> {
					request.setRemoteAddr(address);
					return request;
				}));
	}

	private long throttleRows(String username) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM login_throttle WHERE username = ?", Long.class, username);
	}

	/**
	 * What a test made goes: its users (their sessions end with them) and the throttle's
	 * counts of the names it tried.
	 */
	@AfterEach
	void removeWhatTheTestMade() {
		// the addresses' counts across user names
		this.jdbc.update("DELETE FROM login_throttle WHERE username = ?", LoginThrottle.ANY_USER);
		for (String username : this.usernames) {
			this.jdbc.update("DELETE FROM login_throttle WHERE username = ?", username);
			this.jdbc.update("DELETE FROM spring_session WHERE principal_name = ?", username);
			this.jdbc.update("DELETE FROM app_user WHERE username = ?", username);
		}
	}

	/**
	 * A clock that a test moves on.
	 */
	static final class MovingClock extends Clock {

		private Instant now;

		MovingClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
