package com.factordesk.admin;

import java.math.BigDecimal;
import java.util.Map;

import com.factordesk.IntegrationTest;
import com.factordesk.audit.AuditTrail;
import com.factordesk.client.FacilityTermsAgreements;
import org.junit.jupiter.api.BeforeEach;
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
 * Admins agree a facility's terms as versions effective from a day: shown beside the
 * terms in force and agreed only once confirmed; terms for today apply at once, terms for
 * a later day when it comes; a past day, unchanged terms and a recourse facility without
 * days are refused and write nothing. The client is one of the demo book's, its terms set
 * here to known values first; today is the demo's 2026-11-25. Each test is rolled back.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "admin", roles = "ADMIN")
class ClientTermsControllerIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private FacilityTermsAgreements agreements;

	@Autowired
	private AuditTrail audit;

	@Autowired
	private JsonMapper json;

	@Autowired
	private com.factordesk.ingest.InvoiceImports imports;

	private String ref;

	private long clientId;

	@BeforeEach
	void aClientWithKnownTerms() {
		Map<String, Object> client = this.jdbc.queryForMap("SELECT id, ref FROM client ORDER BY id LIMIT 1");
		this.ref = (String) client.get("ref");
		this.clientId = ((Number) client.get("id")).longValue();
		// version 1 and the facility: 80 %, recourse after 90 days, notified, 25 %,
		// tiered per 30 days, ACT/360, no discount
		for (String table : new String[] { "facility", "facility_terms_version" }) {
			this.jdbc.update("UPDATE " + table
					+ """
							 SET default_advance_rate = 0.80, recourse = true, recourse_days = 90, notification = true,
							     concentration_limit = 0.25, fee_structure = 'TIERED', fee_period_days = 30, day_count = 'ACT_360',
							     client_fee_discount = 0
							WHERE client_id = ?"""
					+ ("facility".equals(table) ? "" : " AND version = 1"), this.clientId);
		}
		assertThat(this.jdbc.queryForObject("SELECT MAX(version) FROM facility_terms_version WHERE client_id = ?",
				Integer.class, this.clientId))
			.as("the demo book's facilities start with version 1")
			.isEqualTo(1);
	}

	@Test
	void theListShowsEveryClientWithTheVersionOfItsTermsInForce() throws Exception {
		int clients = this.jdbc.queryForObject("SELECT COUNT(*) FROM client", Integer.class);
		assertThat(this.agreements.clients()).hasSize(clients).allSatisfy((client) -> {
			assertThat(client.inForce()).isEqualTo(1);
			assertThat(client.newest()).isEqualTo(1);
		});
		this.mvc.perform(get("/admin/clients"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/admin/clients/" + this.ref + "\"")));
	}

	@Test
	void aChangeIsShownBesideTheTermsInForceAndWritesNothingUntilConfirmed() throws Exception {
		this.mvc.perform(terms("advancePercent", "75").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("confirming", true))
			.andExpect(content().string(containsString("data-term=\"advance\" data-changed=\"true\"")))
			.andExpect(content().string(containsString("data-term=\"fees\" data-changed=\"false\"")))
			.andExpect(content().string(containsString("75 %")));
		assertThat(versions()).isEqualTo(1);
	}

	@Test
	void termsAgreedForTodayApplyAtOnceAndAreAudited() throws Exception {
		this.mvc
			.perform(terms("advancePercent", "75", "feeStructure", "DAILY", "dayCount", "ACT_365", "discountPercent",
					"10", "recourse", "false", "reason", "Renegotiated at the annual review")
				.param("confirmed", "true")
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/clients/" + this.ref))
			.andExpect(flash().attribute("success", "terms.agreed"))
			.andExpect(flash().attribute("successArg", 2));

		Map<String, Object> facility = this.jdbc.queryForMap("""
				SELECT default_advance_rate, recourse, recourse_days, fee_structure, day_count, client_fee_discount,
				       terms_version
				FROM facility_terms WHERE client_id = ?""", this.clientId);
		assertThat((BigDecimal) facility.get("default_advance_rate")).isEqualByComparingTo("0.75");
		assertThat(facility).containsEntry("recourse", false)
			.containsEntry("fee_structure", "DAILY")
			.containsEntry("day_count", "ACT_365")
			.containsEntry("terms_version", 2);
		assertThat(facility.get("recourse_days")).isNull();
		assertThat((BigDecimal) facility.get("client_fee_discount")).isEqualByComparingTo("0.10");
		assertThat(this.audit.forSubject(FacilityTermsAgreements.SUBJECT, this.ref)).singleElement()
			.satisfies((entry) -> {
				assertThat(entry.action()).isEqualTo("facility.terms-agreed");
				assertThat(this.json.readTree(entry.before()).get("advanceRate").asString()).isEqualTo("0.800000");
				assertThat(this.json.readTree(entry.before()).get("recourseDays").asInt()).isEqualTo(90);
				assertThat(this.json.readTree(entry.after()).get("advanceRate").asString()).isEqualTo("0.750000");
				assertThat(this.json.readTree(entry.after()).get("effectiveFrom").asString()).isEqualTo("2026-11-25");
				assertThat(this.json.readTree(entry.after()).get("reason").asString())
					.isEqualTo("Renegotiated at the annual review");
			});
		this.mvc.perform(get("/admin/clients/" + this.ref))
			.andExpect(content().string(containsString("version 2 in force")))
			.andExpect(content().string(containsString("Renegotiated at the annual review")))
			.andExpect(content().string(containsString("daily on the funds in use, ACT/365")));
	}

	@Test
	void termsAgreedForALaterDayWaitForItAndApplyWhenItComes() throws Exception {
		this.mvc
			.perform(terms("effectiveFrom", "2026-12-01", "concentrationPercent", "30").param("confirmed", "true")
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/clients/" + this.ref));
		assertThat(versions()).isEqualTo(2);
		assertThat(termsVersionInForce()).as("not before 2026-12-01").isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT concentration_limit FROM facility WHERE client_id = ?",
				BigDecimal.class, this.clientId))
			.isEqualByComparingTo("0.25");
		assertThat(this.agreements.applyDue()).as("the demo's today is 2026-11-25").isZero();
		this.mvc.perform(get("/admin/clients"))
			.andExpect(content().string(containsString("version 2 from 2026-12-01")));

		// the day comes: the version agreed for it is brought forward to today
		this.jdbc.update("UPDATE facility_terms_version SET effective_from = DATE '2026-11-25' "
				+ "WHERE client_id = ? AND version = 2", this.clientId);
		assertThat(this.agreements.applyDue()).isEqualTo(1);
		assertThat(termsVersionInForce()).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT concentration_limit FROM facility WHERE client_id = ?",
				BigDecimal.class, this.clientId))
			.isEqualByComparingTo("0.30");
		assertThat(this.agreements.applyDue()).as("nothing left to apply").isZero();
	}

	@Test
	void aPastDayUnchangedTermsAndRecourseWithoutDaysAreRefusedAndWriteNothing() throws Exception {
		this.mvc
			.perform(terms("effectiveFrom", "2026-11-24", "advancePercent", "70").param("confirmed", "true")
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "effectiveFrom"))
			.andExpect(content().string(containsString("before today 2026-11-25")));
		this.mvc.perform(terms().param("confirmed", "true").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Every term is the same as in version 1")));
		this.mvc.perform(terms("recourseDays", "").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "recourseDays"))
			.andExpect(content().string(containsString("A recourse facility needs its recourse days")))
			.andExpect(content().string(not(containsString("Confirm: agree"))));
		this.mvc.perform(terms("advancePercent", "0", "feePeriodDays", "x").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "advancePercent", "feePeriodDays"));
		assertThat(versions()).isEqualTo(1);
		assertThat(termsVersionInForce()).isEqualTo(1);
	}

	@Test
	void theTemplateInUseIsTheConfigurationsUntilAnAdminPublishesOneThatImportsThenOpenClientsWith() throws Exception {
		// the application's defaults: 100,000, 80 %, recourse after 90 days, notified,
		// 25 %, per started 30 days
		this.mvc.perform(get("/admin/clients"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Template for new clients: version 0 in use")))
			.andExpect(content().string(containsString("name=\"limit\" value=\"100000\"")))
			.andExpect(content().string(containsString("name=\"advancePercent\" value=\"80\"")))
			.andExpect(content().string(containsString("name=\"recourseDays\" value=\"90\"")));

		MockHttpServletRequestBuilder template = post("/admin/clients/template").param("limit", "250000")
			.param("advancePercent", "75")
			.param("recourse", "false")
			.param("recourseDays", "")
			.param("notification", "false")
			.param("concentrationPercent", "30")
			.param("feeStructure", "DAILY")
			.param("feePeriodDays", "30")
			.param("dayCount", "ACT_365")
			.param("discountPercent", "5")
			.param("reason", "Larger clients from 2027");
		this.mvc.perform(template.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-term=\"limit\" data-changed=\"true\"")))
			.andExpect(content().string(containsString("data-term=\"recourse\" data-changed=\"true\"")));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM facility_template", Integer.class)).isZero();
		this.mvc.perform(template.param("confirmed", "true").with(csrf()))
			.andExpect(redirectedUrl("/admin/clients"))
			.andExpect(flash().attribute("successArg", 1));
		assertThat(this.audit.forSubject(com.factordesk.client.FacilityTemplates.SUBJECT, "1")).singleElement()
			.satisfies((entry) -> assertThat(this.json.readTree(entry.before()).get("limit").asString())
				.isEqualTo("100000.00"));

		org.springframework.security.core.context.SecurityContextHolder.getContext()
			.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
				.authenticated("admin", "n/a",
						org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
		this.imports.importFile(new java.io.ByteArrayInputStream(
				("client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency\n"
						+ "CNEW-TPL,ERP-TPL,Sjabloon B.V.,TPL-1,2026-11-20,2026-12-20,100.00,EUR\n")
					.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				"admin");

		assertThat(this.jdbc.queryForMap("""
				SELECT f.facility_limit, f.default_advance_rate, f.recourse, f.recourse_days, f.notification,
				       f.concentration_limit, f.fee_structure, f.day_count, f.client_fee_discount, f.terms_version,
				       v.default_advance_rate AS version_rate, v.fee_structure AS version_fees
				FROM facility f JOIN client c ON c.id = f.client_id
				JOIN facility_terms_version v ON v.client_id = f.client_id AND v.version = 1
				WHERE c.ref = 'CNEW-TPL'""")).satisfies((facility) -> {
			assertThat((BigDecimal) facility.get("facility_limit")).isEqualByComparingTo("250000");
			assertThat((BigDecimal) facility.get("default_advance_rate")).isEqualByComparingTo("0.75");
			assertThat((BigDecimal) facility.get("version_rate")).isEqualByComparingTo("0.75");
			assertThat((BigDecimal) facility.get("concentration_limit")).isEqualByComparingTo("0.30");
			assertThat((BigDecimal) facility.get("client_fee_discount")).isEqualByComparingTo("0.05");
		})
			.containsEntry("recourse", false)
			.containsEntry("notification", false)
			.containsEntry("fee_structure", "DAILY")
			.containsEntry("version_fees", "DAILY")
			.containsEntry("day_count", "ACT_365")
			.containsEntry("terms_version", 1);
		assertThat(this.jdbc.queryForMap("SELECT recourse_days FROM facility f JOIN client c ON c.id = f.client_id "
				+ "WHERE c.ref = 'CNEW-TPL'"))
			.containsEntry("recourse_days", null);
	}

	@Test
	void anAdminOpensAClientOnTheTemplateAndAnotherWithItsRefOrBadFieldsIsRefused() throws Exception {
		this.mvc
			.perform(post("/admin/clients").param("ref", "NEW-ADM-1")
				.param("legalName", "Nieuwe Klant B.V.")
				.param("registrationNumber", "KVK-NEW-ADM-1")
				.param("country", "NL")
				.param("industry", "Wholesale")
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/clients/NEW-ADM-1"))
			.andExpect(flash().attribute("success", "client.created"));
		assertThat(this.jdbc.queryForMap("""
				SELECT c.legal_name, c.country, f.facility_limit, f.default_advance_rate, f.terms_version,
				       (SELECT COUNT(*) FROM facility_terms_version v WHERE v.client_id = c.id) AS versions
				FROM client c JOIN facility f ON f.client_id = c.id WHERE c.ref = 'NEW-ADM-1'""")).satisfies((row) -> {
			assertThat((BigDecimal) row.get("facility_limit")).isEqualByComparingTo("100000");
			assertThat((BigDecimal) row.get("default_advance_rate")).isEqualByComparingTo("0.80");
		})
			.containsEntry("legal_name", "Nieuwe Klant B.V.")
			.containsEntry("country", "NL")
			.containsEntry("terms_version", 1)
			.containsEntry("versions", 1L);
		assertThat(this.audit.forSubject("client", "NEW-ADM-1")).singleElement()
			.satisfies((entry) -> assertThat(entry.action()).isEqualTo("client.created"));

		this.mvc
			.perform(post("/admin/clients").param("ref", "NEW-ADM-1")
				.param("legalName", "Another")
				.param("registrationNumber", "KVK-NEW-ADM-1")
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("newClientForm", "ref", "registrationNumber"))
			.andExpect(content().string(containsString("Client ref NEW-ADM-1 is another client&#39;s already.")));
		this.mvc
			.perform(post("/admin/clients").param("ref", "bad ref!")
				.param("legalName", "")
				.param("country", "nl")
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("newClientForm", "ref", "legalName", "country"));
		assertThat(this.jdbc
			.queryForObject("SELECT COUNT(*) FROM client WHERE ref LIKE 'NEW-ADM-%' OR ref = 'bad ref!'", Long.class))
			.isEqualTo(1);
	}

	@Test
	void anUnknownClientIsNotFound() throws Exception {
		this.mvc.perform(get("/admin/clients/NO-SUCH-CLIENT")).andExpect(status().isNotFound());
	}

	@Test
	@WithMockUser(username = "mgr", roles = "MANAGER")
	void aManagerCannotAgreeTerms() throws Exception {
		this.mvc.perform(get("/admin/clients")).andExpect(status().isForbidden());
		this.mvc.perform(terms("advancePercent", "75").param("confirmed", "true").with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(versions()).isEqualTo(1);
	}

	/** The known terms from today, with the fields named in pairs changed. */
	private MockHttpServletRequestBuilder terms(String... changes) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		values.put("effectiveFrom", "2026-11-25");
		values.put("advancePercent", "80");
		values.put("recourse", "true");
		values.put("recourseDays", "90");
		values.put("notification", "true");
		values.put("concentrationPercent", "25");
		values.put("feeStructure", "TIERED");
		values.put("feePeriodDays", "30");
		values.put("dayCount", "ACT_360");
		values.put("discountPercent", "0");
		for (int i = 0; i < changes.length; i += 2) {
			values.put(changes[i], changes[i + 1]);
		}
		MockHttpServletRequestBuilder request = post("/admin/clients/" + this.ref + "/terms");
		values.forEach(request::param);
		return request;
	}

	private int versions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM facility_terms_version WHERE client_id = ?",
				Integer.class, this.clientId);
	}

	private int termsVersionInForce() {
		return this.jdbc.queryForObject("SELECT terms_version FROM facility WHERE client_id = ?", Integer.class,
				this.clientId);
	}

}
