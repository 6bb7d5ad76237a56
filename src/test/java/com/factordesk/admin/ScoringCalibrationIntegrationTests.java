package com.factordesk.admin;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import com.factordesk.IntegrationTest;
import com.factordesk.audit.AuditTrail;
import com.factordesk.risk.ScoringAdministration;
import com.factordesk.risk.ScoringDraft;
import com.factordesk.risk.internal.ScoringModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
 * Calibration on the demo book saves a draft beside the version in force, scores nobody
 * with it, shows it on the admin page in both languages, and a discard removes it and
 * nothing else. Publishing a draft is {@link DraftPublicationIntegrationTests}, on a
 * database of its own, so that no other test sees a new version.
 */
@IntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class ScoringCalibrationIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AuditTrail audit;

	@Autowired
	private ScoringAdministration administration;

	@Autowired
	private ScoringModels models;

	@Autowired
	private Clock clock;

	@AfterEach
	void noDraftLeftBehind() {
		this.jdbc.update("DELETE FROM scoring_draft");
		this.jdbc.update("DELETE FROM calibration_run");
	}

	/**
	 * The latest calibration run once it has finished, as the page follows it: asking
	 * {@code /admin/scoring/calibration} until it no longer runs. Its row: status,
	 * requested_by, draft_revision, failure_code.
	 */
	static Map<String, Object> finished(MockMvc mvc, JdbcTemplate jdbc) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (mvc.perform(get("/admin/scoring/calibration"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()
			.contains("\"RUNNING\"")) {
			assertThat(System.nanoTime()).as("calibration still running after 3 minutes").isLessThan(deadline);
			Thread.sleep(100);
		}
		return jdbc.queryForMap("""
				SELECT status, requested_by, draft_revision, failure_code FROM calibration_run
				ORDER BY started_at DESC, id DESC LIMIT 1
				""");
	}

	@Test
	void calibrationSavesADraftThatScoresNobodyUntilPublishedAndADiscardRemovesIt() throws Exception {
		List<Map<String, Object>> scoresBefore = currentScores();
		int versionsBefore = versions();

		this.mvc
			.perform(post("/admin/scoring/calibrate").param("basedOnVersion", String.valueOf(this.versionInForce()))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/scoring"))
			.andExpect(flash().attribute("success", "scoring.calibration.started"));

		Map<String, Object> run = finished(this.mvc, this.jdbc);
		ScoringDraft draft = this.models.draft().orElseThrow();
		assertThat(run).containsEntry("status", "DONE")
			.containsEntry("requested_by", "admin")
			.containsEntry("draft_revision", draft.revision());
		assertThat(draft.origin()).isEqualTo(ScoringDraft.CALIBRATION);
		assertThat(draft.createdBy()).isEqualTo("admin");
		BigDecimal sum = draft.model()
			.weights()
			.paymentBehaviour()
			.add(draft.model().weights().bureau())
			.add(draft.model().weights().disputes());
		assertThat(sum).isEqualByComparingTo("1");
		assertThat(List.of(draft.model().weights().paymentBehaviour(), draft.model().weights().bureau(),
				draft.model().weights().disputes()))
			.allSatisfy((weight) -> assertThat(weight.stripTrailingZeros().scale()).isLessThanOrEqualTo(2));

		// the windows: fit on invoices issued 24 to 7 months before this month, judge on
		// those issued 6 to 1 months before, each only once matured (due + 30 days <=
		// today)
		LocalDate today = LocalDate.now(this.clock);
		YearMonth month = YearMonth.from(today);
		ScoringDraft.FitReport report = draft.report();
		assertThat(report.fitFrom()).isEqualTo(month.minusMonths(24).atDay(1));
		assertThat(report.fitTo()).isEqualTo(month.minusMonths(7).atEndOfMonth());
		assertThat(report.judgeFrom()).isEqualTo(month.minusMonths(6).atDay(1));
		assertThat(report.judgeTo()).isEqualTo(month.minusMonths(1).atEndOfMonth());
		assertThat(report.judgeInvoices()).isEqualTo(matured(report.judgeFrom(), report.judgeTo(), today, false));
		assertThat(report.judgeLate30()).isEqualTo(matured(report.judgeFrom(), report.judgeTo(), today, true));
		assertThat(report.fitInvoices()).isEqualTo(matured(report.fitFrom(), report.fitTo(), today, false));
		assertThat(report.fitLate30()).isEqualTo(matured(report.fitFrom(), report.fitTo(), today, true));
		assertThat(report.fitInvoices()).isPositive();
		assertThat(report.judgeLate30()).isPositive().isLessThan(report.judgeInvoices());
		// fitted to rank the fit window best: never worse there than the version in force
		assertThat(report.draftFitAuc30()).isGreaterThanOrEqualTo(report.activeFitAuc30());
		assertThat(report.activeJudgeAuc30()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
		assertThat(report.draftJudgeAuc30()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
		// every judged invoice has one grade as each version sees it
		assertThat(report.judgeGrades()).extracting((grade) -> grade.grade().name())
			.containsExactly("A", "B", "C", "D", "E");
		assertThat(report.judgeGrades().stream().mapToLong((grade) -> grade.activeInvoices()).sum())
			.isEqualTo(report.judgeInvoices());
		assertThat(report.judgeGrades().stream().mapToLong((grade) -> grade.draftInvoices()).sum())
			.isEqualTo(report.judgeInvoices());
		assertThat(report.judgeGrades().stream().mapToLong((grade) -> grade.activeLate30()).sum())
			.isEqualTo(report.judgeLate30());
		assertThat(report.judgeGrades().stream().mapToLong((grade) -> grade.draftLate30()).sum())
			.isEqualTo(report.judgeLate30());
		System.out.println("Per grade on the judge window (in force / draft): " + report.judgeGrades());
		System.out.printf(
				"Calibration on the demo book: weights %s / %s / %s, ADBT curve %s, dispute curve %s,"
						+ " AUC30 judge in force %s draft %s, fit in force %s draft %s, %d + %d invoices, %d ms%n",
				draft.model().weights().paymentBehaviour(), draft.model().weights().bureau(),
				draft.model().weights().disputes(), ScoringAdministration.text(draft.model().adbtCurve()),
				ScoringAdministration.text(draft.model().disputeRateCurve()), report.activeJudgeAuc30(),
				report.draftJudgeAuc30(), report.activeFitAuc30(), report.draftFitAuc30(), report.fitInvoices(),
				report.judgeInvoices(), report.elapsedMillis());

		assertThat(currentScores()).as("a draft scores nobody").isEqualTo(scoresBefore);
		assertThat(versions()).isEqualTo(versionsBefore);
		assertThat(this.audit.forSubject(ScoringAdministration.DRAFT_SUBJECT, String.valueOf(draft.revision())))
			.singleElement()
			.satisfies((entry) -> {
				assertThat(entry.action()).isEqualTo("scoring.draft-saved");
				assertThat(entry.actor()).isEqualTo("admin");
			});

		this.mvc.perform(get("/admin/scoring"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Draft " + draft.revision())))
			.andExpect(content().string(containsString("Last calibration: started by admin at ")))
			.andExpect(content().string(containsString(" s: draft " + draft.revision() + ".")))
			.andExpect(content().string(containsString("Made by calibration (admin, ")))
			.andExpect(content().string(containsString("AUC for 30+ days late, judge window: matured invoices issued "
					+ report.judgeFrom() + " to " + report.judgeTo())))
			.andExpect(content().string(containsString(report.activeJudgeAuc30().toPlainString())))
			.andExpect(content().string(containsString(report.draftJudgeAuc30().toPlainString())))
			.andExpect(content().string(containsString("Publish as version " + (versionsBefore + 1))))
			.andExpect(content().string(containsString("Per grade on the judge window")))
			.andExpect(content().string(containsString("data-confirm=\"Publishing makes this draft version")));
		this.mvc.perform(get("/admin/scoring").param("lang", "nl"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Concept " + draft.revision())))
			.andExpect(content().string(containsString("Gemaakt door kalibratie (admin, ")))
			.andExpect(content().string(containsString(report.draftJudgeAuc30().toPlainString().replace('.', ','))))
			.andExpect(content().string(containsString("Publiceren als versie " + (versionsBefore + 1))));

		this.mvc
			.perform(post("/admin/scoring/draft/discard").with(csrf())
				.param("revision", String.valueOf(draft.revision())))
			.andExpect(redirectedUrl("/admin/scoring"))
			.andExpect(flash().attribute("success", "scoring.draft.discarded"));
		assertThat(this.models.draft()).isEmpty();
		assertThat(currentScores()).isEqualTo(scoresBefore);
		assertThat(versions()).isEqualTo(versionsBefore);
		assertThat(this.audit.forSubject(ScoringAdministration.DRAFT_SUBJECT, String.valueOf(draft.revision())))
			.extracting((entry) -> entry.action())
			.containsExactly("scoring.draft-saved", "scoring.draft-discarded");
		this.mvc.perform(get("/admin/scoring")).andExpect(content().string(containsString("No draft is open.")));
	}

	@Test
	void aDraftThatWasReplacedOrIsGoneCannotBePublished() throws Exception {
		ScoringDraft first = this.administration.saveDraft(this.administration.current(), ScoringDraft.CALIBRATION,
				null, "admin");
		ScoringDraft second = this.administration.saveDraft(this.administration.current(), ScoringDraft.CALIBRATION,
				null, "admin");
		assertThat(second.revision()).isGreaterThan(first.revision());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM scoring_draft", Integer.class))
			.as("at most one open draft")
			.isOne();
		int versionsBefore = versions();
		this.mvc
			.perform(post("/admin/scoring/draft/publish").with(csrf())
				.param("revision", String.valueOf(first.revision())))
			.andExpect(status().isConflict());
		this.mvc
			.perform(post("/admin/scoring/draft/discard").with(csrf())
				.param("revision", String.valueOf(first.revision())))
			.andExpect(status().isConflict());
		assertThat(this.models.draft()).get().extracting(ScoringDraft::revision).isEqualTo(second.revision());
		this.jdbc.update("DELETE FROM scoring_draft");
		this.mvc
			.perform(post("/admin/scoring/draft/publish").with(csrf())
				.param("revision", String.valueOf(second.revision())))
			.andExpect(status().isNotFound());
		assertThat(versions()).isEqualTo(versionsBefore);
	}

	@Test
	void whileOneCalibrationRunsNoOtherStartsAndThePageFollowsIt() throws Exception {
		// another admin's calibration, started a minute ago, still running
		otherAdminRunningSince(this.clock.instant().minusSeconds(60));

		this.mvc
			.perform(post("/admin/scoring/calibrate").param("basedOnVersion", String.valueOf(this.versionInForce()))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/scoring"))
			.andExpect(flash().attribute("failure", "calibration.running"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM calibration_run", Long.class)).isOne();
		assertThat(this.models.draft()).isEmpty();

		this.mvc.perform(get("/admin/scoring"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The calibration other-admin started at ")))
			.andExpect(content().string(containsString("Its draft shows here when it is done.")))
			.andExpect(content().string(containsString("id=\"calibrate\" disabled")));
		this.mvc.perform(get("/admin/scoring").param("lang", "nl"))
			.andExpect(content().string(containsString("De kalibratie die other-admin om ")));
		this.mvc.perform(get("/admin/scoring/calibration"))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"status\": \"RUNNING\", \"draftRevision\": null}"));
	}

	@Test
	void aRunLeftRunningByAStoppedInstanceIsClosedAsInterruptedByTheNextStart() throws Exception {
		otherAdminRunningSince(this.clock.instant().minus(Duration.ofMinutes(31)));

		this.mvc
			.perform(post("/admin/scoring/calibrate").param("basedOnVersion", String.valueOf(this.versionInForce()))
				.with(csrf()))
			.andExpect(flash().attribute("success", "scoring.calibration.started"));

		assertThat(finished(this.mvc, this.jdbc)).containsEntry("status", "DONE")
			.containsEntry("requested_by", "admin");
		assertThat(this.jdbc
			.queryForMap("SELECT status, failure_code FROM calibration_run WHERE requested_by = 'other-admin'"))
			.containsEntry("status", "FAILED")
			.containsEntry("failure_code", "calibration.interrupted");
	}

	@Test
	@WithMockUser(username = "manager", roles = "MANAGER")
	void aManagerCannotCalibratePublishOrDiscard() throws Exception {
		this.mvc
			.perform(post("/admin/scoring/calibrate").param("basedOnVersion", String.valueOf(this.versionInForce()))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/scoring/draft/publish").with(csrf()).param("revision", "1"))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/scoring/draft/discard").with(csrf()).param("revision", "1"))
			.andExpect(status().isForbidden());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM scoring_draft", Integer.class)).isZero();
	}

	@Test
	@WithMockUser(username = "underwriter", roles = "UNDERWRITER")
	void anUnderwriterCannotCalibrate() throws Exception {
		this.mvc
			.perform(post("/admin/scoring/calibrate").param("basedOnVersion", String.valueOf(this.versionInForce()))
				.with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM scoring_draft", Integer.class)).isZero();
	}

	@Test
	void calibrationFromAVersionThatNeverWasIsRefused() throws Exception {
		this.mvc.perform(post("/admin/scoring/calibrate").param("basedOnVersion", "0").with(csrf()))
			.andExpect(redirectedUrl("/admin/scoring"))
			.andExpect(flash().attribute("failure", "calibration.version.unknown"));
		this.mvc
			.perform(post("/admin/scoring/calibrate").param("basedOnVersion", String.valueOf(this.versionInForce() + 1))
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/scoring"))
			.andExpect(flash().attribute("failure", "calibration.version.unknown"));
		this.mvc.perform(post("/admin/scoring/calibrate").param("basedOnVersion", "x").with(csrf()))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/admin/scoring/calibrate").with(csrf())).andExpect(status().isBadRequest());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM scoring_draft", Integer.class)).isZero();
	}

	@Test
	void calibrationWithoutTheFormsTokenIsRefused() throws Exception {
		this.mvc.perform(post("/admin/scoring/calibrate")).andExpect(status().isForbidden());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM scoring_draft", Integer.class)).isZero();
	}

	/**
	 * The matured invoices issued in a period (or only those 30+ days late), counted
	 * straight from the invoices and their payments.
	 */
	private long matured(LocalDate from, LocalDate to, LocalDate today, boolean late30Only) {
		return this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM invoice_balance(CAST(? AS date)) i
				WHERE i.issue_date BETWEEN ? AND ? AND i.due_date + 30 <= ?
				  AND (i.outstanding > 0 OR i.last_collected_on IS NOT NULL)
				  AND (NOT ? OR i.outstanding > 0 OR i.last_collected_on >= i.due_date + 30)
				""", Long.class, today, from, to, today, late30Only);
	}

	private List<Map<String, Object>> currentScores() {
		return this.jdbc.queryForList("""
				SELECT d.id, r.id AS score_id, r.score, r.model_version FROM debtor d
				LEFT JOIN risk_score r ON r.id = d.current_risk_score_id ORDER BY d.id
				""");
	}

	private int versions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM scoring_weights", Integer.class);
	}

	/**
	 * A calibration another admin started, as its row says while it runs.
	 */
	private void otherAdminRunningSince(Instant started) {
		this.jdbc.update("""
				INSERT INTO calibration_run (based_on_version, requested_by, started_at, status)
				VALUES (?, 'other-admin', ?, 'RUNNING')
				""", this.versionInForce(), Timestamp.from(started));
	}

	private int versionInForce() {
		return this.models.current().version();
	}

}
