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
 * Admins see the scoring model in use and a version that breaks a rule saves nothing (a
 * published version is {@link ScoringPublicationIntegrationTests}, on a database of its
 * own).
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
			.andExpect(content().string(containsString("0:100, 15:71, 30:16, 60:0, 90:0")))
			.andExpect(content().string(containsString("value=\"80\"")))
			.andExpect(content().string(containsString("items 60+ days past due cap the score at 40")))
			.andExpect(content()
				.string(containsString("in full until 180 days old, then toward 50, reached at 365 days")));
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
	void aCurveOfMoreThanFiftyPointsIsRefused() throws Exception {
		int before = versions();
		StringBuilder points = new StringBuilder("0:100");
		for (int x = 1; x <= 50; x++) {
			points.append(", ").append(x).append(":").append(Math.max(0, 100 - 2 * x));
		}
		this.mvc.perform(form("45", "35", "20", points.toString()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "adbtCurve", "curve.points.tooMany"))
			.andExpect(content().string(containsString("A curve has at most 50 points")));
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

	/**
	 * The scoring page's form with these weights and payment curve, the other curves as
	 * shipped.
	 */
	static MockHttpServletRequestBuilder form(String payment, String bureau, String disputes, String adbt) {
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
