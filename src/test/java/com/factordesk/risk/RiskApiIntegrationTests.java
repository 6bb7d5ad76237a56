package com.factordesk.risk;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The risk API's contract (DESIGN.md section 7): field names, numbers, and problem+json
 * errors.
 */
@IntegrationTest
class RiskApiIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Test
	void aDebtorsScoreWithItsComponentsAndReasons() throws Exception {
		this.mvc.perform(get("/api/v1/debtors/D00001/score").with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.debtorRef", is("D00001")))
			.andExpect(jsonPath("$.score").isNumber())
			.andExpect(jsonPath("$.grade").isString())
			.andExpect(jsonPath("$.components", hasSize(3)))
			.andExpect(jsonPath("$.components[0].name", is("payment behaviour")))
			.andExpect(jsonPath("$.components[0].weight", is(0.80)))
			.andExpect(jsonPath("$.reasons").isArray())
			.andExpect(jsonPath("$.snapshotId", greaterThan(0)))
			.andExpect(jsonPath("$.scoredAt").isString());
	}

	@Test
	void theComponentsAddUpToTheScoreThroughTheirEffectiveWeights() throws Exception {
		String ref = this.jdbc.queryForObject("""
				SELECT d.ref FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				WHERE NOT r.reasons @> '[{"code": "PAST_DUE_CAP"}]' ORDER BY d.id LIMIT 1
				""", String.class);
		String body = this.mvc.perform(get("/api/v1/debtors/{ref}/score", ref).with(user("u").roles("MANAGER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		tools.jackson.databind.JsonNode score = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
		java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
		for (tools.jackson.databind.JsonNode component : score.get("components")) {
			if (!component.get("subScore").isNull()) {
				sum = sum.add(component.get("subScore")
					.decimalValue()
					.multiply(component.get("effectiveWeight").decimalValue()));
			}
		}
		org.assertj.core.api.Assertions.assertThat(sum.setScale(1, java.math.RoundingMode.HALF_UP))
			.isCloseTo(score.get("score").decimalValue(),
					org.assertj.core.data.Offset.offset(new java.math.BigDecimal("0.2")));
	}

	@Test
	void aScoreAsOfAPastDateIsComputedFromWhatWasKnownThen() throws Exception {
		this.mvc
			.perform(get("/api/v1/debtors/D00001/score").param("asOf", "2026-03-31")
				.with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.asOf", is("2026-03-31")))
			.andExpect(jsonPath("$.score").isNumber())
			.andExpect(jsonPath("$.components", hasSize(3)))
			.andExpect(jsonPath("$.snapshotId").doesNotExist());
		this.mvc
			.perform(get("/api/v1/debtors/D00001/score").param("asOf", "2099-01-01")
				.with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field", is("asOf")))
			.andExpect(jsonPath("$.errors[0].code", is("score.asOf.future")));
	}

	@Test
	void aDebtorWithoutABureauScoreIsScoredNeutralAndSaysSo() throws Exception {
		String ref = this.jdbc
			.queryForObject("SELECT d.ref FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id "
					+ "WHERE r.reasons @> '[{\"code\": \"NO_BUREAU\"}]' ORDER BY d.id LIMIT 1", String.class);
		this.mvc.perform(get("/api/v1/debtors/{ref}/score", ref).with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reasons", org.hamcrest.Matchers.hasItem("no bureau score")));
		this.mvc.perform(get("/debtors/{ref}", ref).with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No bureau score on record.")))
			.andExpect(content().string(containsString("no bureau score")));
	}

	@Test
	void anUnknownDebtorIsAProblem() throws Exception {
		this.mvc.perform(get("/api/v1/debtors/NOPE/score").with(user("u").roles("MANAGER")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("NOPE")));
	}

	@Test
	void theApiAnswers401WithoutCredentials() throws Exception {
		this.mvc.perform(get("/api/v1/debtors/D00001/score")).andExpect(status().isUnauthorized());
	}

	@Test
	void theBacktestAsJson() throws Exception {
		this.mvc
			.perform(get("/api/v1/risk/backtest").param("from", "2025-06-01")
				.param("to", "2025-11-30")
				.with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.invoices", greaterThan(1000)))
			.andExpect(jsonPath("$.lateShare").isNumber())
			.andExpect(jsonPath("$.auc").isNumber())
			.andExpect(jsonPath("$.gini").isNumber())
			.andExpect(jsonPath("$.ks").isNumber())
			.andExpect(jsonPath("$.grades", hasSize(5)))
			.andExpect(jsonPath("$.grades[0].grade", is("A")))
			.andExpect(jsonPath("$.grades[0].avgDaysBeyondTerms").isNumber());
	}

	@Test
	void aRefusedPeriodIsA422ProblemThatSaysWhyAndAMalformedOneA400() throws Exception {
		this.mvc
			.perform(get("/api/v1/risk/backtest").param("from", "2026-01-01")
				.param("to", "2025-01-01")
				.with(user("m").roles("MANAGER")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", is("The period starts after it ends: 2026-01-01 > 2025-01-01")))
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field", is("from")))
			.andExpect(jsonPath("$.errors[0].code", is("backtest.period.reversed")))
			.andExpect(jsonPath("$.errors[0].message", is("The period starts after it ends: 2026-01-01 > 2025-01-01")));
		this.mvc
			.perform(get("/api/v1/risk/backtest").param("from", "2026-01-01")
				.param("to", "2025-01-01")
				.param("lang", "nl")
				.with(user("m").roles("MANAGER")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", is("De periode begint na het einde: 2026-01-01 > 2025-01-01")))
			.andExpect(jsonPath("$.errors[0].code", is("backtest.period.reversed")));
		this.mvc.perform(get("/api/v1/risk/backtest").param("from", "2026-01-01").with(user("m").roles("MANAGER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(get("/api/v1/risk/backtest").param("from", "yesterday")
				.param("to", "2025-01-01")
				.with(user("m").roles("MANAGER")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void underwritersDoNotRunTheBacktest() throws Exception {
		this.mvc
			.perform(get("/api/v1/risk/backtest").param("from", "2025-06-01")
				.param("to", "2025-11-30")
				.with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isForbidden());
	}

}
