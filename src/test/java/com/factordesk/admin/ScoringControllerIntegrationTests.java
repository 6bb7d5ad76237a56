package com.factordesk.admin;

import com.factordesk.IntegrationTest;
import com.factordesk.audit.AuditTrail;
import com.factordesk.risk.ScoringAdministration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Admins publish versions of the scoring weights and curves; the debtors are re-scored
 * with the new version and a version that breaks a rule saves nothing.
 */
@IntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class ScoringControllerIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AuditTrail audit;

	@Autowired
	private JsonMapper json;

	@Test
	void showsTheModelInUseAsTheStartOfANewVersion() throws Exception {
		this.mvc.perform(get("/admin/scoring"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("0:100, 15:75, 30:50, 60:20, 90:0")))
			.andExpect(content().string(containsString("value=\"45\"")))
			.andExpect(content().string(containsString("items 60+ days past due cap the score at 40")))
			.andExpect(content()
				.string(containsString("in full until 180 days old, then toward 50, reached at 365 days")));
	}

	@Test
	void publishingAVersionRescoresEveryDebtorWithIt() throws Exception {
		int next = versions() + 1;
		this.mvc.perform(form("45", "35", "20", "0:100, 15:75, 30:50, 60:20, 90:0"))
			.andExpect(redirectedUrl("/admin/scoring"));
		assertThat(versions()).isEqualTo(next);
		assertThat(this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				WHERE r.model_version <> ?
				""", Long.class, next)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT created_by FROM scoring_weights WHERE version = ?", String.class,
				next))
			.isEqualTo("admin");
		assertThat(this.jdbc.queryForObject(
				"SELECT n.rules = p.rules FROM scoring_weights n, scoring_weights p WHERE n.version = ? AND p.version = ?",
				Boolean.class, next, next - 1))
			.as("the rules the page does not edit carry over")
			.isTrue();
		assertThat(this.audit.forSubject(ScoringAdministration.SUBJECT, String.valueOf(next))).singleElement()
			.satisfies((entry) -> {
				assertThat(entry.action()).isEqualTo("scoring.model-published");
				assertThat(entry.actor()).isEqualTo("admin");
				assertThat(this.json.readTree(entry.before()))
					.isEqualTo(this.json.readTree("{\"version\":" + (next - 1) + "}"));
				assertThat(this.json.readTree(entry.after()).get("version").asInt()).isEqualTo(next);
				assertThat(this.json.readTree(entry.after()).get("weights").get("paymentBehaviour").decimalValue())
					.isEqualByComparingTo("0.45");
			});
	}

	@Test
	void weightsThatDoNotAddUpTo100AreRefused() throws Exception {
		int before = versions();
		this.mvc.perform(form("50", "35", "20", "0:100, 30:50, 90:0"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "paymentBehaviourPercent", "scoring.weights.sum"))
			.andExpect(content().string(containsString("they add up to 105 %")));
		assertThat(versions()).isEqualTo(before);
	}

	@Test
	void aCurveThatIsNotACurveIsRefusedWithTheReason() throws Exception {
		int before = versions();
		this.mvc.perform(form("45", "35", "20", "0:100, thirty:50"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "adbtCurve", "curve.point.malformed"))
			.andExpect(content().string(containsString("is not a point: write x:y, e.g. 30:50")));
		this.mvc.perform(form("45", "35", "20", "30:50, 0:100"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "adbtCurve", "curve.point.notIncreasing"))
			.andExpect(content().string(
					containsString("Point 2 of the curve is at 0, not after point 1 at 30: x must strictly increase")));
		this.mvc.perform(form("45", "35", "20", "30:50, 0:100").param("lang", "nl"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("Punt 2 van de curve ligt op 0, niet na punt 1 op 30: x moet steeds toenemen")));
		assertThat(versions()).isEqualTo(before);
	}

	private MockHttpServletRequestBuilder form(String payment, String bureau, String disputes, String adbt) {
		return post("/admin/scoring").with(csrf())
			.param("paymentBehaviourPercent", payment)
			.param("bureauPercent", bureau)
			.param("disputesPercent", disputes)
			.param("adbtCurve", adbt)
			.param("disputeRateCurve", "0:100, 0.05:70, 0.15:30, 0.25:0")
			.param("bureauScales[PAYDEX]", "30:0, 40:20, 50:50, 70:75, 80:100")
			.param("bureauScales[INTELLISCORE]", "1:0, 100:100")
			.param("bureauScales[CREDITSAFE]", "0:0, 100:100")
			.param("bureauScales[GRAYDON]", "1:0, 100:100");
	}

	private int versions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM scoring_weights", Integer.class);
	}

}
