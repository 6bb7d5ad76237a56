package com.factordesk.web;

import java.util.stream.Stream;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may open which screen: each role against each page. Anonymous visitors are sent to
 * the login page; a role without access gets 403.
 */
@IntegrationTest
class AccessRulesTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	enum Outcome {

		OK, FORBIDDEN, LOGIN

	}

	static Stream<Arguments> pages() {
		return Stream.of(Arguments.of("/queue", null, Outcome.LOGIN), Arguments.of("/queue", "UNDERWRITER", Outcome.OK),
				Arguments.of("/queue", "MANAGER", Outcome.OK), Arguments.of("/queue", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/invoices/{invoice}", null, Outcome.LOGIN),
				Arguments.of("/invoices/{invoice}", "UNDERWRITER", Outcome.OK),
				Arguments.of("/invoices/{invoice}", "MANAGER", Outcome.OK),
				Arguments.of("/invoices/{invoice}", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/portfolio", null, Outcome.LOGIN),
				Arguments.of("/portfolio", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/portfolio", "MANAGER", Outcome.OK),
				Arguments.of("/portfolio", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/admin/users", null, Outcome.LOGIN),
				Arguments.of("/admin/users", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/users", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/users", "ADMIN", Outcome.OK),
				Arguments.of("/admin/users/new", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/users/new", "ADMIN", Outcome.OK), Arguments.of("/login", null, Outcome.OK),
				Arguments.of("/debtors/D00001", null, Outcome.LOGIN),
				Arguments.of("/debtors/D00001", "UNDERWRITER", Outcome.OK),
				Arguments.of("/debtors/D00001", "MANAGER", Outcome.OK),
				Arguments.of("/debtors/D00001", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/risk/backtest", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/risk/backtest", "MANAGER", Outcome.OK),
				Arguments.of("/risk/backtest", "ADMIN", Outcome.OK),
				Arguments.of("/admin/pricing", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/pricing", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/pricing", "ADMIN", Outcome.OK),
				Arguments.of("/admin/scoring", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/scoring", "ADMIN", Outcome.OK),
				Arguments.of("/admin/api-keys", null, Outcome.LOGIN),
				Arguments.of("/admin/api-keys", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/api-keys", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/api-keys", "ADMIN", Outcome.OK));
	}

	@ParameterizedTest(name = "{1} on {0}: {2}")
	@MethodSource("pages")
	void eachRoleSeesOnlyItsScreens(String path, String role, Outcome outcome) throws Exception {
		MockHttpServletRequestBuilder request = get(path.replace("{invoice}", anInvoiceId()));
		if (role != null) {
			request = request.with(user("someone").roles(role));
		}
		switch (outcome) {
			case OK -> this.mvc.perform(request).andExpect(status().isOk());
			case FORBIDDEN -> this.mvc.perform(request).andExpect(status().isForbidden());
			case LOGIN ->
				this.mvc.perform(request).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		}
	}

	static Stream<Arguments> homes() {
		return Stream.of(Arguments.of("UNDERWRITER", "/queue"), Arguments.of("MANAGER", "/portfolio"),
				Arguments.of("ADMIN", "/admin/users"));
	}

	@ParameterizedTest(name = "{0} lands on {1}")
	@MethodSource("homes")
	void eachRoleLandsOnItsHomeScreen(String role, String home) throws Exception {
		this.mvc.perform(get("/").with(user("someone").roles(role)))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl(home));
	}

	@org.junit.jupiter.api.Test
	void formsWithoutCsrfTokenAreRefused() throws Exception {
		this.mvc.perform(post("/admin/users").param("username", "nocsrf").with(user("admin").roles("ADMIN")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/users").param("username", "x").with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk());
	}

	@org.junit.jupiter.api.Test
	void aMissingInvoiceIsA404() throws Exception {
		this.mvc.perform(get("/invoices/999999999").with(user("someone").roles("UNDERWRITER")))
			.andExpect(status().isNotFound());
	}

	private String anInvoiceId() {
		return String
			.valueOf(this.jdbc.queryForObject("SELECT MIN(id) FROM invoice WHERE status = 'SUBMITTED'", Long.class));
	}

}
