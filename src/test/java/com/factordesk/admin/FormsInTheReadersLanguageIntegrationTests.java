package com.factordesk.admin;

import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A Dutch reader types numbers the Dutch way and is answered in Dutch; an English reader
 * the English way. Whatever is typed, a refused number is a specific message on its
 * field, never a conversion error, and nothing is written. The browser's language counts
 * when the reader has not chosen one; the API keeps machine formats.
 */
@IntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class FormsInTheReadersLanguageIntegrationTests {

	private static final Cookie DUTCH = new Cookie("factordesk-lang", "nl");

	private static final String[][] BANDS = PricingControllerIntegrationTests.DEFAULTS;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	@Test
	void aDutchReaderTypesADecimalCommaAndSeesItBackAsTyped() throws Exception {
		int before = versions();
		String[][] bands = bands(',');
		bands[1][3] = "2,5";
		// a gap, so that the page comes back instead of publishing
		bands[2][0] = "52";
		this.mvc.perform(pricing(bands).cookie(DUTCH))
			.andExpect(status().isOk())
			.andExpect(model().attributeErrorCount("form", 1))
			.andExpect(content().string(containsString("name=\"bands[1].feePercent\" value=\"2,5\"")))
			.andExpect(content().string(containsString("name=\"bands[2].feePercent\" value=\"2,25\"")))
			.andExpect(content().string(containsString("scores 50-52 hebben geen band")));
		assertThat(versions()).isEqualTo(before);
	}

	@Test
	void aNumberWrittenTheOtherLanguagesWayIsAFieldErrorInTheReadersLanguage() throws Exception {
		int before = versions();
		String[][] dutch = bands(',');
		dutch[1][3] = "2.5";
		this.mvc.perform(pricing(dutch).cookie(DUTCH))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "bands[1].feePercent", "typeMismatch"))
			.andExpect(content().string(containsString("Vergoeding: vul een percentage tussen 0 en 100 in, zoals 2,5")))
			.andExpect(content().string(not(containsString("Failed to convert"))))
			.andExpect(content().string(containsString("name=\"bands[1].feePercent\" value=\"2.5\"")));
		String[][] english = bands('.');
		english[1][3] = "2,5";
		this.mvc.perform(pricing(english))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "bands[1].feePercent", "typeMismatch"))
			.andExpect(content().string(containsString("Fee: enter a percentage between 0 and 100, such as 2.5")))
			.andExpect(content().string(not(containsString("Failed to convert"))));
		assertThat(versions()).isEqualTo(before);
	}

	@Test
	void exponentsJunkAndLongTextAreRefusedOnTheirField() throws Exception {
		int before = versions();
		String[] refused = { "1E+30", "1e5", "2,5x", "12 %", "1".repeat(41), "0x10" };
		for (String text : refused) {
			String[][] bands = bands(',');
			bands[3][2] = text;
			bands[4][4] = text;
			this.mvc.perform(pricing(bands).cookie(DUTCH))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrorCode("form", "bands[3].advancePercent", "typeMismatch"))
				.andExpect(model().attributeHasFieldErrorCode("form", "bands[4].maxTenorDays", "typeMismatch"))
				.andExpect(content().string(containsString("Voorschot: vul een percentage tussen 0 en 100 in")))
				.andExpect(content().string(containsString("Max. looptijd: vul een geheel aantal dagen")));
		}
		// an exponent no desk figure has is refused before any form is bound
		String[][] bands = bands(',');
		bands[3][2] = "1E+999999999";
		this.mvc.perform(pricing(bands).cookie(DUTCH)).andExpect(status().isBadRequest());
		assertThat(versions()).isEqualTo(before);
	}

	@Test
	void validatorMessagesNameTheFieldAndItsBoundsInTheReadersLanguage() throws Exception {
		String[][] bands = bands(',');
		bands[1][2] = "";
		bands[1][3] = "101";
		bands[2][3] = "2,123456";
		this.mvc.perform(pricing(bands, "").cookie(DUTCH))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Voorschot: vul een percentage tussen 0 en 100 in"),
					containsString("Vergoeding: vul een percentage tussen 0 en 100 in"),
					containsString("Vergoeding: hoogstens 4 decimalen"),
					containsString("Geldig vanaf: vul een datum in, zoals 2026-12-01"))))
			.andExpect(content().string(not(containsString("mag niet"))))
			.andExpect(content().string(not(containsString("must not"))));
		this.mvc.perform(pricing(bands('.'), "2026-13-45"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "effectiveFrom", "typeMismatch"))
			.andExpect(content().string(containsString("Effective from: enter a date such as 2026-12-01")));
		this.mvc
			.perform(post("/admin/users").with(csrf())
				.param("username", "locale.test")
				.param("fullName", " ")
				.param("password", "a-long-enough-password")
				.param("roles", "UNDERWRITER")
				.cookie(DUTCH))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "fullName", "NotBlank"))
			.andExpect(content().string(containsString("Volledige naam: vul de naam van de persoon in.")));
	}

	@Test
	void theFormsShowTheirNumbersAndCurvesTheReadersWay() throws Exception {
		this.mvc.perform(get("/admin/pricing").cookie(DUTCH))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"2,25\"")))
			.andExpect(content().string(not(containsString("value=\"2.25\""))));
		this.mvc.perform(get("/admin/pricing"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"2.25\"")));
		this.mvc.perform(get("/admin/scoring").cookie(DUTCH))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("0:100; 15:71; 30:16; 60:0; 90:0")))
			.andExpect(content().string(containsString("0:100; 0,05:")))
			.andExpect(content().string(containsString("gescheiden door puntkomma")));
	}

	@Test
	void aDutchCurveIsReadWithItsDecimalCommas() throws Exception {
		int before = this.jdbc.queryForObject("SELECT COUNT(*) FROM scoring_weights", Integer.class);
		// weights that do not add up, so that nothing is published: the curves themselves
		// are read without a complaint
		this.mvc
			.perform(post("/admin/scoring").with(csrf())
				.param("paymentBehaviourPercent", "45,5")
				.param("bureauPercent", "35")
				.param("disputesPercent", "20")
				.param("adbtCurve", "0:100; 15:75; 30:50; 60:20; 90:0")
				.param("disputeRateCurve", "0:100; 0,05:70; 0,15:30; 0,25:0")
				.param("bureauScales[PAYDEX]", "30:0; 40:20; 50:50; 70:75; 80:100")
				.param("bureauScales[INTELLISCORE]", "1:0; 100:100")
				.param("bureauScales[CREDITSAFE]", "0:0; 100:100")
				.param("bureauScales[GRAYDON]", "1:0; 100:100")
				.cookie(DUTCH))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "paymentBehaviourPercent", "scoring.weights.sum"))
			.andExpect(model().attributeErrorCount("form", 1))
			.andExpect(content().string(containsString("ze tellen op tot 100,5 %")))
			.andExpect(content().string(containsString("value=\"45,5\"")))
			.andExpect(content().string(containsString("value=\"0:100; 0,05:70; 0,15:30; 0,25:0\"")));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM scoring_weights", Integer.class)).isEqualTo(before);
	}

	@Test
	void theBrowsersLanguageCountsUntilTheReaderChooses() throws Exception {
		this.mvc.perform(get("/login").header("Accept-Language", "nl-BE,nl;q=0.9,en;q=0.8"))
			.andExpect(content().string(allOf(containsString("<html lang=\"nl\""), containsString("Inloggen"))));
		this.mvc.perform(get("/login").header("Accept-Language", "de-DE,de;q=0.9,nl;q=0.5"))
			.andExpect(content().string(containsString("<html lang=\"nl\"")));
		this.mvc.perform(get("/login").header("Accept-Language", "de-DE,fr;q=0.5"))
			.andExpect(content().string(allOf(containsString("<html lang=\"en\""), containsString("Log in"))));
		this.mvc.perform(get("/login").header("Accept-Language", "nl").cookie(new Cookie("factordesk-lang", "en")))
			.andExpect(content().string(containsString("<html lang=\"en\"")));
		this.mvc.perform(get("/login").header("Accept-Language", "nl").param("lang", "en"))
			.andExpect(content().string(containsString("<html lang=\"en\"")));
		// a language the desk does not speak is English, numbers included
		this.mvc.perform(get("/login").param("lang", "de"))
			.andExpect(content().string(containsString("<html lang=\"en\"")));
	}

	@Test
	void theApiKeepsMachineFormatsInAnyLanguage() throws Exception {
		this.mvc
			.perform(get("/api/v1/debtors/D00001/score").with(user("u").roles("UNDERWRITER"))
				.header("Accept-Language", "nl")
				.cookie(DUTCH))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.score").isNumber())
			.andExpect(content().string(matchesPattern("(?s).*\"score\":\\d+(\\.\\d+)?[,}].*")))
			.andExpect(content().string(matchesPattern("(?s).*\"scoredAt\":\"\\d{4}-\\d{2}-\\d{2}T.*")));
	}

	private MockHttpServletRequestBuilder pricing(String[][] bands) {
		return pricing(bands, LocalDate.now(this.clock).plusDays(1).toString());
	}

	private MockHttpServletRequestBuilder pricing(String[][] bands, String effectiveFrom) {
		MockHttpServletRequestBuilder request = post("/admin/pricing").with(csrf())
			.param("confirmed", "true")
			.param("effectiveFrom", effectiveFrom);
		String[] fields = { "scoreFrom", "scoreTo", "advancePercent", "feePercent", "maxTenorDays", "autoDecline" };
		for (int band = 0; band < bands.length; band++) {
			for (int field = 0; field < fields.length; field++) {
				request = request.param("bands[" + band + "]." + fields[field], bands[band][field]);
			}
		}
		return request;
	}

	private static String[][] bands(char decimal) {
		String[][] bands = new String[BANDS.length][];
		for (int i = 0; i < BANDS.length; i++) {
			bands[i] = BANDS[i].clone();
			for (int field = 0; field < bands[i].length; field++) {
				bands[i][field] = bands[i][field].replace('.', decimal);
			}
		}
		return bands;
	}

	private int versions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM pricing_band_set", Integer.class);
	}

}
