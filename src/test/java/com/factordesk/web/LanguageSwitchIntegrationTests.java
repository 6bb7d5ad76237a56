package com.factordesk.web;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Switching the language keeps the reader on the same view: the as-of date, the page and
 * the sort stay.
 */
@IntegrationTest
class LanguageSwitchIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void theLanguageLinksKeepThePagesParameters() throws Exception {
		this.mvc.perform(get("/portfolio?asOf=2026-06-30").with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/portfolio?asOf=2026-06-30&amp;lang=nl\"")))
			.andExpect(content().string(containsString("href=\"/portfolio?asOf=2026-06-30&amp;lang=en\"")));
	}

	@Test
	void aChosenLanguageIsReplacedNotRepeated() throws Exception {
		this.mvc.perform(get("/queue?page=1&lang=nl").with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/queue?page=1&amp;lang=en\"")))
			.andExpect(content().string(not(containsString("lang=nl&amp;lang"))));
	}

}
