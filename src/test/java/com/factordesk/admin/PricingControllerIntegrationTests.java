package com.factordesk.admin;

import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import com.factordesk.audit.AuditTrail;
import com.factordesk.pricing.PricingAdministration;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.BindingResult;
import org.springframework.validation.ObjectError;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Admins publish new versions of the pricing bands; a version that breaks a rule is
 * refused with a message per broken rule and saves nothing.
 */
@IntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class PricingControllerIntegrationTests {

	/** The demo book's bands as the form shows them, in English. */
	static final String[][] DEFAULTS = { { "0", "35", "0", "0", "0", "true" },
			{ "35", "50", "70", "3.5", "60", "false" }, { "50", "65", "80", "2.25", "90", "false" },
			{ "65", "80", "85", "1.5", "90", "false" }, { "80", "100", "90", "1", "120", "false" } };

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	@Autowired
	private AuditTrail audit;

	@Autowired
	private JsonMapper json;

	@Test
	void showsTheBandsInForceAsTheStartOfANewVersion() throws Exception {
		this.mvc.perform(get("/admin/pricing"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("version 1 in force")))
			.andExpect(content().string(containsString("name=\"bands[4].scoreTo\"")))
			.andExpect(content().string(containsString("value=\"90\"")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("E+"))));
	}

	@Test
	void showsThePricingParametersInForceWithTheirVersion() throws Exception {
		// version 1 of migration V016: 0.25 % per started 30 days, excess not advanced
		this.mvc.perform(get("/admin/pricing"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Pricing parameters version 1, effective from 2024-01-01")))
			.andExpect(content().string(containsString("data-version=\"1\"")))
			.andExpect(content().string(containsString("0.25\u00a0% on the fee rate per started 30 days beyond")))
			.andExpect(content().string(containsString("the part of the invoice above the limit is not advanced")));
		this.mvc.perform(get("/admin/pricing").cookie(new Cookie("factordesk-lang", "nl")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Prijsparameters versie 1, geldig vanaf 2024-01-01")))
			.andExpect(content().string(containsString("0,25\u00a0% op het fee-tarief per begonnen 30 dagen")))
			.andExpect(
					content().string(containsString("het deel van de factuur boven de limiet wordt niet bevoorschot")));
	}

	@Test
	void aValidVersionIsPublishedWithTheNextNumber() throws Exception {
		int before = versions();
		String[][] bands = copy();
		bands[4][3] = "0.9";
		this.mvc.perform(form(LocalDate.now(this.clock).plusDays(30), bands))
			.andExpect(redirectedUrl("/admin/pricing"))
			.andExpect(flash().attribute("success", "pricing.published"));
		assertThat(versions()).isEqualTo(before + 1);
		assertThat(this.jdbc.queryForObject("""
				SELECT b.fee_rate FROM pricing_band b JOIN pricing_band_set s ON s.id = b.band_set_id
				WHERE s.version = ? AND b.score_from = 80
				""", java.math.BigDecimal.class, before + 1)).isEqualByComparingTo("0.009");
		assertThat(this.jdbc.queryForObject("SELECT created_by FROM pricing_band_set WHERE version = ?", String.class,
				before + 1))
			.isEqualTo("admin");
		assertThat(this.audit.forSubject(PricingAdministration.SUBJECT, String.valueOf(before + 1))).singleElement()
			.satisfies((entry) -> {
				assertThat(entry.action()).isEqualTo("pricing.bands-published");
				assertThat(entry.actor()).isEqualTo("admin");
				assertThat(this.json.readTree(entry.before()))
					.isEqualTo(this.json.readTree("{\"version\":" + before + "}"));
				assertThat(this.json.readTree(entry.after()))
					.isEqualTo(this.json.readTree("{\"version\":" + (before + 1) + ",\"effectiveFrom\":\""
							+ LocalDate.now(this.clock).plusDays(30) + "\",\"bands\":5}"));
			});
	}

	@Test
	void publishingAsksForConfirmationWithTheDraftBesideTheBandsInForceAndPublishesNothingYet() throws Exception {
		int before = versions();
		String[][] bands = copy();
		bands[4][3] = "0.9";
		MockHttpServletRequestBuilder unconfirmed = request("/admin/pricing", LocalDate.now(this.clock).plusDays(30),
				bands);

		this.mvc.perform(unconfirmed)
			.andExpect(status().isOk())
			.andExpect(model().attribute("confirming", true))
			.andExpect(content().string(containsString("id=\"confirm-publish\"")))
			// band 5's fee: the draft's 0.90 % beside the 1.00 % in force
			.andExpect(content().string(containsString("in force: 1.00\u00a0%")))
			.andExpect(content().string(containsString("id=\"simulation-queue\"")))
			.andExpect(content().string(containsString("id=\"simulation-decided\"")));
		assertThat(versions()).isEqualTo(before);
	}

	@Test
	void simulatingShowsTheRepricingAndPublishesNothing() throws Exception {
		int before = versions();
		this.mvc.perform(request("/admin/pricing/simulate", LocalDate.now(this.clock), copy()))
			.andExpect(status().isOk())
			.andExpect(model().attributeExists("simulation"))
			.andExpect(model().attributeDoesNotExist("confirming"))
			.andExpect(content().string(containsString("What the draft would change")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"confirm-publish\""))));
		assertThat(versions()).isEqualTo(before);
	}

	@Test
	void aGapAndAFallingFeeAreEachExplainedAndNothingIsSaved() throws Exception {
		int before = versions();
		String[][] bands = copy();
		bands[2][0] = "52";
		bands[3][3] = "3";
		this.mvc.perform(form(LocalDate.now(this.clock).plusDays(1), bands))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasErrors("form"))
			.andExpect(globalErrorCodes("bands.gap", "bands.fee.falls"))
			.andExpect(content()
				.string(containsString("Band 3 (52-65) starts at 52 but band 2 ends at 50: scores 50-52 have no band")))
			.andExpect(content().string(containsString("Band 3 (52-65) charges 2.25 %, less than the 3 % of the higher "
					+ "band 4 (65-80): the fee rate must not fall as the score falls")));
		assertThat(versions()).isEqualTo(before);
	}

	@Test
	void aReaderOfDutchIsToldInDutch() throws Exception {
		int before = versions();
		// a Dutch reader writes decimals with a comma
		String[][] bands = dutch(copy());
		bands[2][0] = "52";
		bands[3][3] = "3,5";
		this.mvc.perform(form(LocalDate.now(this.clock).plusDays(1), bands).cookie(new Cookie("factordesk-lang", "nl")))
			.andExpect(status().isOk())
			.andExpect(globalErrorCodes("bands.gap", "bands.fee.falls"))
			.andExpect(content().string(containsString(
					"Band 3 (52-65) begint bij 52 maar band 2 eindigt bij 50: scores 50-52 hebben geen band")))
			.andExpect(content().string(containsString("Band 3 (52-65) rekent 2,25 %, minder dan de 3,5 % van de "
					+ "hogere band 4 (65-80): de vergoeding mag niet dalen als de score daalt")));
		this.mvc
			.perform(form(LocalDate.now(this.clock).minusDays(1), dutch(copy()))
				.cookie(new Cookie("factordesk-lang", "nl")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "effectiveFrom", "bands.effectiveInPast"))
			.andExpect(content().string(containsString("in het verleden")));
		assertThat(versions()).isEqualTo(before);
	}

	@Test
	void theBandsCannotChangeThePast() throws Exception {
		int before = versions();
		this.mvc.perform(form(LocalDate.now(this.clock).minusDays(1), copy()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "effectiveFrom", "bands.effectiveInPast"))
			.andExpect(content().string(containsString("in the past")));
		assertThat(versions()).isEqualTo(before);
	}

	@Test
	void aMissingRateIsAFieldError() throws Exception {
		String[][] bands = copy();
		bands[1][2] = "";
		this.mvc.perform(form(LocalDate.now(this.clock).plusDays(1), bands))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "bands[1].advancePercent"));
	}

	@Test
	@Transactional
	void aNewVersionOfTheParametersIsPublishedWithTheNextNumberAndAudited() throws Exception {
		int before = parameterVersions();
		LocalDate tomorrow = LocalDate.now(this.clock).plusDays(1);
		this.mvc.perform(parameters(tomorrow.toString(), "0.5", "15", "SURCHARGE", "0.75"))
			.andExpect(redirectedUrl("/admin/pricing"))
			.andExpect(flash().attribute("success", "pricing.parameters.published"))
			.andExpect(flash().attribute("successArg", before + 1));
		assertThat(parameterVersions()).isEqualTo(before + 1);
		assertThat(this.jdbc.queryForMap("""
				SELECT effective_from, tenor_surcharge, tenor_surcharge_days, concentration_rule,
				       concentration_surcharge, created_by
				FROM pricing_parameter_set WHERE version = ?
				""", before + 1)).containsEntry("effective_from", java.sql.Date.valueOf(tomorrow))
			.containsEntry("tenor_surcharge", new java.math.BigDecimal("0.005000"))
			.containsEntry("tenor_surcharge_days", 15)
			.containsEntry("concentration_rule", "SURCHARGE")
			.containsEntry("concentration_surcharge", new java.math.BigDecimal("0.007500"))
			.containsEntry("created_by", "admin");
		assertThat(this.audit.forSubject(PricingAdministration.PARAMETERS_SUBJECT, String.valueOf(before + 1)))
			.singleElement()
			.satisfies((entry) -> {
				assertThat(entry.action()).isEqualTo("pricing.parameters-published");
				assertThat(this.json.readTree(entry.after())).isEqualTo(this.json.readTree("{\"version\":"
						+ (before + 1) + ",\"effectiveFrom\":\"" + tomorrow + "\",\"tenorSurcharge\":\"0.005000\","
						+ "\"tenorSurchargeDays\":15,\"concentrationRule\":\"SURCHARGE\","
						+ "\"concentrationSurcharge\":\"0.007500\"}"));
			});
		// not in force before tomorrow: today's quotes keep version 1
		this.mvc.perform(get("/admin/pricing"))
			.andExpect(content().string(containsString("Pricing parameters version 1, effective from 2024-01-01")));
	}

	@Test
	@WithMockUser(username = "manager", roles = { "MANAGER", "UNDERWRITER" })
	void onlyAnAdminPublishesParameters() throws Exception {
		int before = parameterVersions();
		this.mvc.perform(parameters(LocalDate.now(this.clock).plusDays(1).toString(), "0.5", "30", "NO_ADVANCE", "0"))
			.andExpect(status().isForbidden());
		assertThat(parameterVersions()).isEqualTo(before);
	}

	@Test
	void parametersThatCannotWorkAreRefusedWithTheirReasonAndNothingIsSaved() throws Exception {
		int before = parameterVersions();
		String yesterday = LocalDate.now(this.clock).minusDays(1).toString();
		this.mvc.perform(parameters(yesterday, "0.25", "30", "SURCHARGE", "0"))
			.andExpect(status().isOk())
			.andExpect(
					model().attributeHasFieldErrorCode("parametersForm", "effectiveFrom", "parameters.effectiveInPast"))
			.andExpect(model().attributeHasFieldErrorCode("parametersForm", "concentrationSurchargePercent",
					"parameters.concentrationSurcharge.missing"))
			.andExpect(content().string(containsString("in the past: quotes already made keep the parameters")))
			.andExpect(content().string(containsString("would let a debtor exceed the concentration limit for free")));
		String tomorrow = LocalDate.now(this.clock).plusDays(1).toString();
		this.mvc
			.perform(
					parameters(tomorrow, "0,25", "30", "NO_ADVANCE", "0,5").cookie(new Cookie("factordesk-lang", "nl")))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("parametersForm", "concentrationSurchargePercent",
					"parameters.concentrationSurcharge.unused"))
			.andExpect(content().string(containsString("Een concentratietoeslag van 0,5 % wordt nooit aangerekend")));
		this.mvc.perform(parameters(tomorrow, "abc", "0", "SOMETIMES", ""))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("parametersForm", "tenorSurchargePercent", "tenorSurchargeDays",
					"concentrationRule", "concentrationSurchargePercent"))
			.andExpect(content().string(containsString("Tenor surcharge period: enter a whole number of days")));
		assertThat(parameterVersions()).isEqualTo(before);
	}

	private int parameterVersions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM pricing_parameter_set", Integer.class);
	}

	private static MockHttpServletRequestBuilder parameters(String effectiveFrom, String tenorPercent, String tenorDays,
			String rule, String concentrationPercent) {
		return post("/admin/pricing/parameters").with(csrf())
			.param("effectiveFrom", effectiveFrom)
			.param("tenorSurchargePercent", tenorPercent)
			.param("tenorSurchargeDays", tenorDays)
			.param("concentrationRule", rule)
			.param("concentrationSurchargePercent", concentrationPercent);
	}

	/**
	 * The codes of the errors of the whole form, in any order.
	 */
	private static ResultMatcher globalErrorCodes(String... codes) {
		return (result) -> {
			BindingResult errors = (BindingResult) result.getModelAndView()
				.getModel()
				.get(BindingResult.MODEL_KEY_PREFIX + "form");
			assertThat(errors.getGlobalErrors()).extracting(ObjectError::getCode).containsExactlyInAnyOrder(codes);
		};
	}

	private MockHttpServletRequestBuilder form(LocalDate effectiveFrom, String[][] bands) {
		return request("/admin/pricing", effectiveFrom, bands).param("confirmed", "true");
	}

	private MockHttpServletRequestBuilder request(String url, LocalDate effectiveFrom, String[][] bands) {
		MockHttpServletRequestBuilder request = post(url).with(csrf()).param("effectiveFrom", effectiveFrom.toString());
		String[] fields = { "scoreFrom", "scoreTo", "advancePercent", "feePercent", "maxTenorDays", "autoDecline" };
		for (int band = 0; band < bands.length; band++) {
			for (int field = 0; field < fields.length; field++) {
				request = request.param("bands[" + band + "]." + fields[field], bands[band][field]);
			}
		}
		return request;
	}

	private static String[][] copy() {
		String[][] bands = new String[DEFAULTS.length][];
		for (int i = 0; i < DEFAULTS.length; i++) {
			bands[i] = DEFAULTS[i].clone();
		}
		return bands;
	}

	private static String[][] dutch(String[][] bands) {
		for (String[] band : bands) {
			for (int field = 0; field < band.length; field++) {
				band[field] = band[field].replace('.', ',');
			}
		}
		return bands;
	}

	private int versions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM pricing_band_set", Integer.class);
	}

}
