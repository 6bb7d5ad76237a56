package com.factordesk.approval;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A manager merges two records of one legal entity from the debtor page: the record kept
 * takes the other's invoices, bureau readings (but one it has for the same bureau and
 * day), contacts, notices (where it has none for that client) and exposure; the other
 * record leads to it from then on, for the pages and the imports; two legal entities
 * (other registration numbers or countries) are refused and nothing changes. Two records
 * of its own for each test: MERGE-KEEP (registration MRG-1, NL, limit 50,000, exposure
 * 500 funded) and MERGE-DUP (no registration, NL, two invoices, exposure 1,000 funded and
 * 200 reserved); everything is rolled back.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "mgr", roles = "MANAGER")
class DebtorMergesIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	private long kept;

	private long duplicate;

	private long client;

	@BeforeEach
	void twoRecordsOfOneEntity() {
		this.client = this.jdbc.queryForObject("SELECT id FROM client ORDER BY id LIMIT 1", Long.class);
		this.kept = debtor("MERGE-KEEP", "Samenvoeg Handel B.V.", "MRG-1", "NL", "50000.00");
		this.duplicate = debtor("MERGE-DUP", "SAMENVOEG HANDEL", null, "NL", "0.00");
		for (String number : new String[] { "MRG-INV-1", "MRG-INV-2" }) {
			this.jdbc.update("""
					INSERT INTO invoice (client_id, debtor_id, number, issue_date, due_date, amount, currency, status,
					                     submitted_at)
					VALUES (?, ?, ?, DATE '2026-11-01', DATE '2026-12-01', 100.00, 'EUR', 'SUBMITTED', now())""",
					this.client, this.duplicate, number);
		}
		this.jdbc.update("INSERT INTO debtor_exposure (debtor_id, funded, reserved) VALUES (?, 500.00, 0)", this.kept);
		this.jdbc.update("INSERT INTO debtor_exposure (debtor_id, funded, reserved) VALUES (?, 1000.00, 200.00)",
				this.duplicate);
		bureau(this.kept, "GRAYDON", 60, "2026-10-01");
		bureau(this.duplicate, "GRAYDON", 55, "2026-10-01");
		bureau(this.duplicate, "CREDITSAFE", 70, "2026-10-15");
		this.jdbc.update("""
				INSERT INTO debtor_contact (debtor_id, name, email, added_by, added_at)
				VALUES (?, 'J. Jansen', 'j.jansen@example.nl', 'uw1', now())""", this.duplicate);
		this.jdbc.update("""
				INSERT INTO notice_of_assignment (client_id, debtor_id, sent_on, reference, recorded_by, recorded_at)
				VALUES (?, ?, DATE '2026-10-01', 'NOA-DUP', 'uw1', now())""", this.client, this.duplicate);
	}

	@Test
	void aManagerReviewsTheTwoRecordsAndMergesThemOnceConfirmed() throws Exception {
		this.mvc.perform(merge("MERGE-DUP", "One KvK entity, two ERP refs", false))
			.andExpect(status().isOk())
			.andExpect(model().attributeExists("mergePreview"))
			.andExpect(content().string(containsString("Confirm: merge MERGE-DUP into MERGE-KEEP?")));
		assertThat(mergedInto(this.duplicate)).as("nothing merged before the confirmation").isNull();

		this.mvc.perform(merge("MERGE-DUP", "One KvK entity, two ERP refs", true))
			.andExpect(redirectedUrl("/debtors/MERGE-KEEP#merge"));

		assertThat(mergedInto(this.duplicate)).isEqualTo(this.kept);
		assertThat(count("SELECT COUNT(*) FROM invoice WHERE debtor_id = ?", this.kept)).isEqualTo(2);
		assertThat(count("SELECT COUNT(*) FROM invoice WHERE debtor_id = ?", this.duplicate)).isZero();
		// 500 + 1,000 funded, 0 + 200 reserved; the merged record's row emptied
		assertThat(this.jdbc.queryForMap("SELECT funded, reserved FROM debtor_exposure WHERE debtor_id = ?", this.kept))
			.satisfies((row) -> {
				assertThat((BigDecimal) row.get("funded")).isEqualByComparingTo("1500.00");
				assertThat((BigDecimal) row.get("reserved")).isEqualByComparingTo("200.00");
			});
		assertThat(this.jdbc.queryForObject("SELECT funded + reserved FROM debtor_exposure WHERE debtor_id = ?",
				BigDecimal.class, this.duplicate))
			.isZero();
		// the CREDITSAFE reading moves; the GRAYDON one of the same day stays where it
		// was
		assertThat(this.jdbc.queryForList(
				"SELECT provider || ' ' || score FROM bureau_score WHERE debtor_id = ? ORDER BY provider", String.class,
				this.kept))
			.containsExactly("CREDITSAFE 70", "GRAYDON 60");
		assertThat(count("SELECT COUNT(*) FROM debtor_contact WHERE debtor_id = ?", this.kept)).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM notice_of_assignment WHERE debtor_id = ?", this.kept)).isEqualTo(1);
		assertThat(this.jdbc.queryForMap("SELECT registration_number, country FROM debtor WHERE id = ?", this.kept))
			.containsEntry("registration_number", "MRG-1")
			.containsEntry("country", "NL");
		assertThat(this.jdbc.queryForObject("""
				SELECT after_ref ->> 'reason' FROM audit_entry
				WHERE action = 'debtor.merged' AND subject_ref = 'MERGE-DUP' ORDER BY id DESC LIMIT 1""", String.class))
			.isEqualTo("One KvK entity, two ERP refs");

		// the merged ref leads to the record kept: its page, and an invoices import
		this.mvc.perform(get("/debtors/MERGE-DUP")).andExpect(redirectedUrl("/debtors/MERGE-KEEP"));
		String client = this.jdbc.queryForObject("SELECT ref FROM client WHERE id = ?", String.class, this.client);
		this.mvc
			.perform(post("/api/v1/imports/invoices").header("X-API-Key", "fd-demo-integration-key")
				.contentType("text/csv")
				.content(("client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency\n"
						+ client + ",MERGE-DUP,,MRG-INV-3,2026-11-10,2026-12-10,50.00,EUR\n")
					.getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk());
		assertThat(this.jdbc.queryForObject("SELECT debtor_id FROM invoice WHERE number = 'MRG-INV-3'", Long.class))
			.isEqualTo(this.kept);
	}

	@Test
	void twoLegalEntitiesAreRefusedAndNothingChanges() throws Exception {
		this.jdbc.update("UPDATE debtor SET registration_number = 'MRG-2' WHERE id = ?", this.duplicate);
		this.mvc.perform(merge("MERGE-DUP", "same name", true))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("mergeForm", "mergedRef"))
			.andExpect(content().string(containsString(
					"Debtor MERGE-DUP has registration number MRG-2 and MERGE-KEEP MRG-1: two legal entities.")));
		this.jdbc.update("UPDATE debtor SET registration_number = NULL, country = 'BE' WHERE id = ?", this.duplicate);
		this.mvc.perform(merge("MERGE-DUP", "same name", true))
			.andExpect(content()
				.string(containsString("Debtor MERGE-DUP is in BE and MERGE-KEEP in NL: two legal entities.")));
		this.mvc.perform(merge("MERGE-KEEP", "itself", true))
			.andExpect(content().string(containsString("A record cannot be merged into itself")));
		this.mvc.perform(merge("NO-SUCH-DEBTOR", "unknown", true))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No debtor has the ref NO-SUCH-DEBTOR.")));
		this.jdbc.update("UPDATE debtor SET country = 'NL' WHERE id = ?", this.duplicate);
		this.mvc.perform(merge("MERGE-DUP", "", true))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("mergeForm", "reason"));
		assertThat(mergedInto(this.duplicate)).isNull();
		assertThat(count("SELECT COUNT(*) FROM invoice WHERE debtor_id = ?", this.duplicate)).isEqualTo(2);
	}

	@Test
	void anUnderwriterCannotMerge() throws Exception {
		this.mvc.perform(merge("MERGE-DUP", "same entity", true).with(user("uw1").roles("UNDERWRITER")))
			.andExpect(status().isForbidden());
		assertThat(mergedInto(this.duplicate)).isNull();
	}

	private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder merge(String mergedRef,
			String reason, boolean confirmed) {
		return post("/debtors/MERGE-KEEP/merge").param("mergedRef", mergedRef)
			.param("reason", reason)
			.param("confirmed", String.valueOf(confirmed))
			.with(csrf());
	}

	private long debtor(String ref, String name, String registration, String country, String limit) {
		return this.jdbc.queryForObject("""
				INSERT INTO debtor (ref, name, registration_number, country, industry, credit_limit)
				VALUES (?, ?, ?, ?, 'Wholesale', ?) RETURNING id""", Long.class, ref, name, registration, country,
				new BigDecimal(limit));
	}

	private void bureau(long debtor, String provider, int score, String asOf) {
		this.jdbc.update(
				"INSERT INTO bureau_score (debtor_id, provider, score, as_of) VALUES (?, ?, ?, CAST(? AS date))",
				debtor, provider, score, asOf);
	}

	private Long mergedInto(long debtor) {
		return this.jdbc.queryForObject("SELECT merged_into_id FROM debtor WHERE id = ?", Long.class, debtor);
	}

	private long count(String sql, long id) {
		return this.jdbc.queryForObject(sql, Long.class, id);
	}

}
