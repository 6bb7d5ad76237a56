package com.factordesk.web;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The one access rule of {@link AccessRulesTests}' matrix that no URL rule makes: the
 * backtest page is open to every signed-in user, and it is the backtest's own method
 * security that refuses an underwriter (a 403 page). A web slice mocks the backtest, so
 * this cell needs the whole application.
 */
@IntegrationTest
class BacktestAccessIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void anUnderwriterMayNotOpenTheBacktest() throws Exception {
		this.mvc.perform(get("/risk/backtest").with(user("someone").roles("UNDERWRITER")))
			.andExpect(status().isForbidden());
	}

}
