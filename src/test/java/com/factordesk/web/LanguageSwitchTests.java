package com.factordesk.web;

import java.time.LocalDate;

import com.factordesk.backtest.Backtest;
import com.factordesk.security.ApiKeys;
import com.factordesk.security.PageSecurity;
import com.factordesk.shared.ClockProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Switching the language keeps the reader on the same view with the same parameters (here
 * the backtest page and its period), shows it in that language and remembers the choice;
 * the page's own security still applies. A web slice: the backtest itself is mocked.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = { "com\\.factordesk\\.backtest\\.BacktestController", "com\\.factordesk\\.web\\.WebConfiguration",
				"com\\.factordesk\\.shared\\.ClockConfiguration" }))
@Import({ PageSecurity.class, Formats.class })
@EnableConfigurationProperties(ClockProperties.class)
class LanguageSwitchTests {

	private static final String PERIOD = "from=2025-06-01&to=2025-09-30";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Backtest backtest;

	@MockitoBean
	private ApiKeys apiKeys;

	@Test
	void theLanguageLinksKeepThePagesParameters() throws Exception {
		this.mvc.perform(get("/risk/backtest?" + PERIOD).with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Does the score rank risk?")))
			.andExpect(content()
				.string(containsString("href=\"/risk/backtest?from=2025-06-01&amp;to=2025-09-30&amp;lang=nl\"")))
			.andExpect(content()
				.string(containsString("href=\"/risk/backtest?from=2025-06-01&amp;to=2025-09-30&amp;lang=en\"")));
	}

	@Test
	void aChosenLanguageShowsThePageInItIsRememberedAndIsReplacedNotRepeated() throws Exception {
		this.mvc.perform(get("/risk/backtest?" + PERIOD + "&lang=nl").with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Rangschikt de score het risico?")))
			.andExpect(cookie().value("factordesk-lang", "nl"))
			.andExpect(content()
				.string(containsString("href=\"/risk/backtest?from=2025-06-01&amp;to=2025-09-30&amp;lang=en\"")))
			.andExpect(content().string(not(containsString("lang=nl&amp;lang"))));
	}

	@Test
	void anUnknownLanguageIsIgnored() throws Exception {
		this.mvc.perform(get("/risk/backtest?" + PERIOD + "&lang=xx-").with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Does the score rank risk?")));
	}

	@Test
	void switchingTheLanguageDoesNotGetPastTheLogin() throws Exception {
		this.mvc.perform(get("/risk/backtest?" + PERIOD + "&lang=nl"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

}
