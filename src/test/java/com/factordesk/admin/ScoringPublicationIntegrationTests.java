package com.factordesk.admin;

import java.time.Duration;

import com.factordesk.TestDatabase;
import com.factordesk.audit.AuditTrail;
import com.factordesk.debtor.DebtorRepository;
import com.factordesk.debtor.Debtors;
import com.factordesk.risk.Grade;
import com.factordesk.risk.ScoringAdministration;
import com.factordesk.risk.internal.EventRescoring;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Publishing a scoring version re-scores every debtor with it. It runs on a database of
 * its own (three debtors, no demo book), so the new version is seen by no other test.
 */
@SpringBootTest(properties = { "spring.profiles.active=production-like", TestDatabase.FRESH + "=true" })
@AutoConfigureMockMvc
@WithMockUser(username = "admin", roles = "ADMIN")
class ScoringPublicationIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AuditTrail audit;

	@Autowired
	private JsonMapper json;

	@Autowired
	private DebtorRepository debtors;

	@Autowired
	private EventRescoring rescoring;

	@BeforeEach
	void threeDebtors() {
		if (this.debtors.count() == 0) {
			for (int i = 0; i < 3; i++) {
				this.debtors.save(Debtors.aDebtor().build());
			}
		}
	}

	@Test
	void publishingAVersionRescoresEveryDebtorWithIt() throws Exception {
		int next = versions() + 1;
		this.mvc.perform(ScoringControllerIntegrationTests.form("45", "35", "20", "0:100, 15:75, 30:50, 60:20, 90:0"))
			.andExpect(redirectedUrl("/admin/scoring"));
		assertThat(versions()).isEqualTo(next);
		assertThat(this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				WHERE r.model_version = ?
				""", Long.class, next)).isEqualTo(3);
		assertThat(this.jdbc.queryForObject("SELECT created_by FROM scoring_weights WHERE version = ?", String.class,
				next))
			.isEqualTo("admin");
		assertThat(this.jdbc.queryForObject(
				"SELECT n.rules = p.rules FROM scoring_weights n, scoring_weights p WHERE n.version = ? AND p.version = ?",
				Boolean.class, next, next - 1))
			.as("the rules the page does not edit carry over")
			.isTrue();
		// the odds per grade of the new version are measured once it committed, in the
		// background: every grade, on a book without invoices none of them judged
		this.rescoring.awaitRescores(Duration.ofSeconds(30));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM grade_outcome WHERE model_version = ? AND invoices = 0 AND late30 = 0",
				Long.class, next))
			.isEqualTo(Grade.values().length);
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

	private int versions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM scoring_weights", Integer.class);
	}

}
