package com.factordesk.admin;

import java.math.BigDecimal;

import com.factordesk.IntegrationTest;
import com.factordesk.approval.CreditPolicy;
import com.factordesk.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Admins publish versions of the credit policy: the change is shown beside the version in
 * force and published only once confirmed, audited with the settings before and after; a
 * bad or unchanged setting is refused and writes nothing. Without a published version the
 * configuration's settings (the application's defaults here) are version 0. Each test is
 * rolled back.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "admin", roles = "ADMIN")
class PolicyControllerIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private CreditPolicy policy;

	@Autowired
	private AuditTrail audit;

	@Autowired
	private JsonMapper json;

	@Test
	void showsTheConfigurationsSettingsAsVersionZeroInForce() throws Exception {
		this.mvc.perform(get("/admin/policy"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Credit policy: version 0 in force")))
			.andExpect(content().string(containsString("name=\"lapseDays\" value=\"10\"")))
			.andExpect(content().string(containsString("name=\"fourEyesThreshold\" value=\"100000\"")))
			.andExpect(content().string(containsString("name=\"crossAgingPercent\" value=\"10\"")))
			.andExpect(content().string(containsString("href=\"/admin/policy/versions/0\"")));
	}

	@Test
	void aChangeIsShownBesideTheVersionInForceAndWritesNothingUntilConfirmed() throws Exception {
		this.mvc.perform(settings("lapseDays", "14").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("confirming", true))
			.andExpect(content().string(containsString("Confirm: publish these settings in place of version 0?")))
			.andExpect(content().string(containsString("data-setting=\"lapseDays\" data-changed=\"true\"")))
			.andExpect(content().string(containsString("data-setting=\"staleDays\" data-changed=\"false\"")));
		assertThat(rows()).isZero();
		assertThat(this.policy.current().lapseDays()).isEqualTo(10);
	}

	@Test
	void aConfirmedChangeIsPublishedInForceAndAudited() throws Exception {
		this.mvc
			.perform(settings("lapseDays", "14", "crossAgingPercent", "12.5")
				.param("reason", "Slower funding in December")
				.param("confirmed", "true")
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/policy"))
			.andExpect(flash().attribute("success", "policy.published"))
			.andExpect(flash().attribute("successArg", 1));

		assertThat(this.policy.current().lapseDays()).isEqualTo(14);
		assertThat(this.policy.current().crossAgingShare()).isEqualByComparingTo(new BigDecimal("0.125"));
		assertThat(this.policy.current().fourEyesThreshold()).isEqualByComparingTo(new BigDecimal("100000"));
		assertThat(this.audit.forSubject(CreditPolicy.SUBJECT, "1")).singleElement().satisfies((entry) -> {
			assertThat(entry.actor()).isEqualTo("admin");
			assertThat(entry.action()).isEqualTo("policy.published");
			assertThat(this.json.readTree(entry.before()).get("version").asInt()).isZero();
			assertThat(this.json.readTree(entry.before()).get("lapseDays").asInt()).isEqualTo(10);
			assertThat(this.json.readTree(entry.before()).get("crossAgingShare").asString()).isEqualTo("0.100000");
			assertThat(this.json.readTree(entry.after()).get("lapseDays").asInt()).isEqualTo(14);
			assertThat(this.json.readTree(entry.after()).get("crossAgingShare").asString()).isEqualTo("0.125000");
			assertThat(this.json.readTree(entry.after()).get("reason").asString())
				.isEqualTo("Slower funding in December");
		});
		this.mvc.perform(get("/admin/policy"))
			.andExpect(content().string(containsString("Credit policy: version 1 in force")))
			.andExpect(content().string(containsString("Published by admin on")))
			.andExpect(content().string(containsString("name=\"lapseDays\" value=\"14\"")));
		// the version before stays readable as it was
		this.mvc.perform(get("/admin/policy/versions/0"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-setting=\"lapseDays\">10<")))
			.andExpect(content().string(containsString("data-setting=\"crossAgingPercent\">10<")));
		this.mvc.perform(get("/admin/policy/versions/1"))
			.andExpect(content().string(containsString("data-setting=\"crossAgingPercent\">12.5<")))
			.andExpect(content().string(containsString("Why: Slower funding in December")));
	}

	@Test
	void theSettingsInForceAgainAreRefusedAsNothingToPublish() throws Exception {
		this.mvc.perform(settings("lapseDays", "10").param("confirmed", "true").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeDoesNotExist("confirming"))
			.andExpect(content().string(containsString("Every setting is the same as in version 0, in force")));
		assertThat(rows()).isZero();
	}

	@Test
	void aSettingOutOfItsRangeIsNamedOnItsFieldAndNothingIsWritten() throws Exception {
		this.mvc
			.perform(settings("lapseDays", "0", "crossAgingPercent", "abc", "fourEyesThreshold", "-5")
				.param("confirmed", "true")
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "lapseDays", "crossAgingPercent", "fourEyesThreshold"))
			.andExpect(content().string(containsString("Enter 1 or more.")))
			.andExpect(content().string(containsString("Enter a number such as 2.5")))
			.andExpect(content().string(not(containsString("Confirm: publish"))));
		assertThat(rows()).isZero();
	}

	@Test
	void anUnknownVersionIsNotFound() throws Exception {
		this.mvc.perform(get("/admin/policy/versions/99")).andExpect(status().isNotFound());
	}

	@Test
	@WithMockUser(username = "mgr", roles = "MANAGER")
	void aManagerCannotChangeThePolicy() throws Exception {
		this.mvc.perform(get("/admin/policy")).andExpect(status().isForbidden());
		this.mvc.perform(settings("lapseDays", "14").param("confirmed", "true").with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(rows()).isZero();
	}

	/** The configured defaults, with the settings named in pairs changed. */
	private static MockHttpServletRequestBuilder settings(String... changes) {
		java.util.Map<String, String> values = new java.util.LinkedHashMap<>(
				java.util.Map.of("fourEyesThreshold", "100000", "underwriterAuthority", "100000", "lapseDays", "10",
						"staleDays", "60", "duplicateWindowDays", "7", "crossAgingPercent", "10", "bureauStaleDays",
						"180", "creditNoteDays", "90", "watchlistLaterDays", "5"));
		for (int i = 0; i < changes.length; i += 2) {
			values.put(changes[i], changes[i + 1]);
		}
		MockHttpServletRequestBuilder request = post("/admin/policy");
		values.forEach(request::param);
		return request;
	}

	private int rows() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM credit_policy_version", Integer.class);
	}

}
