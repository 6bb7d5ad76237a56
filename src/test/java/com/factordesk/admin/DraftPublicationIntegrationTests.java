package com.factordesk.admin;

import java.math.BigDecimal;
import java.util.Map;

import com.factordesk.TestDatabase;
import com.factordesk.audit.AuditTrail;
import com.factordesk.debtor.DebtorRepository;
import com.factordesk.debtor.Debtors;
import com.factordesk.risk.PiecewiseLinearCurve;
import com.factordesk.risk.ScoringAdministration;
import com.factordesk.risk.ScoringDraft;
import com.factordesk.risk.ScoringModel;
import com.factordesk.risk.internal.ScoringModels;
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
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Publishing a draft makes it the next version and re-scores every debtor with it; a book
 * with no history has nothing to calibrate on. On a database of its own (three debtors,
 * no invoices), so the new version is seen by no other test.
 */
@SpringBootTest(properties = { "spring.profiles.active=production-like", TestDatabase.FRESH + "=true" })
@AutoConfigureMockMvc
@WithMockUser(username = "admin", roles = "ADMIN")
class DraftPublicationIntegrationTests {

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
	private ScoringAdministration administration;

	@Autowired
	private ScoringModels models;

	@BeforeEach
	void threeDebtors() {
		if (this.debtors.count() == 0) {
			for (int i = 0; i < 3; i++) {
				this.debtors.save(Debtors.aDebtor().build());
			}
		}
		this.jdbc.update("DELETE FROM scoring_draft");
		this.jdbc.update("DELETE FROM calibration_run");
	}

	@Test
	void publishingADraftMakesItTheNextVersionAndRescoresEveryDebtorWithIt() throws Exception {
		ScoringModel inForce = this.models.current();
		ScoringModel fitted = new ScoringModel(0,
				new ScoringModel.Weights(new BigDecimal("0.70"), new BigDecimal("0.25"), new BigDecimal("0.05")),
				inForce.paymentBlend(), PiecewiseLinearCurve.of("0", "100", "15", "90", "30", "40", "90", "0"),
				inForce.disputeRateCurve(), inForce.credibilityK(), inForce.trend(), inForce.bureauDecay(),
				inForce.pastDueCap(), inForce.bureauScales());
		long scoresBefore = scores();
		ScoringDraft draft = this.administration.saveDraft(fitted, ScoringDraft.CALIBRATION, null, "admin");
		assertThat(draft.basedOnVersion()).isEqualTo(inForce.version());
		assertThat(scores()).as("a draft scores nobody").isEqualTo(scoresBefore);
		assertThat(this.models.current().version()).isEqualTo(inForce.version());

		int next = inForce.version() + 1;
		this.mvc
			.perform(post("/admin/scoring/draft/publish").with(csrf())
				.param("revision", String.valueOf(draft.revision())))
			.andExpect(redirectedUrl("/admin/scoring"))
			.andExpect(flash().attribute("success", "scoring.published"))
			.andExpect(flash().attribute("successArg", next));

		ScoringModel published = this.models.current();
		assertThat(published.version()).isEqualTo(next);
		assertThat(published.weights().paymentBehaviour()).isEqualByComparingTo("0.70");
		assertThat(published.weights().bureau()).isEqualByComparingTo("0.25");
		assertThat(published.weights().disputes()).isEqualByComparingTo("0.05");
		assertThat(ScoringAdministration.text(published.adbtCurve())).isEqualTo("0:100, 15:90, 30:40, 90:0");
		assertThat(published.paymentBlend()).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(inForce.paymentBlend());
		assertThat(this.models.draft()).as("a published draft is no longer open").isEmpty();
		// an admin who still has the page of the version before open calibrates from it:
		// another admin published meanwhile, a concurrent change
		this.mvc
			.perform(post("/admin/scoring/calibrate").param("basedOnVersion", String.valueOf(inForce.version()))
				.with(csrf()))
			.andExpect(status().isConflict());
		assertThat(this.models.draft()).isEmpty();
		assertThat(this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				WHERE r.model_version = ?
				""", Long.class, next)).isEqualTo(this.debtors.count());
		assertThat(this.audit.forSubject(ScoringAdministration.DRAFT_SUBJECT, String.valueOf(draft.revision())))
			.extracting((entry) -> entry.action())
			.containsExactly("scoring.draft-saved", "scoring.draft-published");
		assertThat(this.audit.forSubject(ScoringAdministration.SUBJECT, String.valueOf(next))).singleElement()
			.satisfies((entry) -> {
				assertThat(entry.action()).isEqualTo("scoring.model-published");
				assertThat(this.json.readTree(entry.after()).get("draftRevision").asInt()).isEqualTo(draft.revision());
				assertThat(this.json.readTree(entry.after()).get("weights").get("paymentBehaviour").decimalValue())
					.isEqualByComparingTo("0.70");
			});
	}

	@Test
	void aBookWithoutHistoryHasNothingToCalibrateOn() throws Exception {
		this.mvc
			.perform(post("/admin/scoring/calibrate").param("basedOnVersion", String.valueOf(this.versionInForce()))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/scoring"))
			.andExpect(flash().attribute("success", "scoring.calibration.started"));
		Map<String, Object> run = ScoringCalibrationIntegrationTests.finished(this.mvc, this.jdbc);
		assertThat(run).containsEntry("status", "FAILED").containsEntry("failure_code", "calibration.noHistory");
		assertThat(this.models.draft()).isEmpty();
		this.mvc.perform(get("/admin/scoring"))
			.andExpect(content().string(containsString("The last calibration, started by admin at ")))
			.andExpect(content().string(containsString("failed: Nothing to calibrate on")));
	}

	private long scores() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM risk_score", Long.class);
	}

	private int versionInForce() {
		return this.models.current().version();
	}

}
