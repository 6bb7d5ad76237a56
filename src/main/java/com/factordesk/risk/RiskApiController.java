package com.factordesk.risk;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.factordesk.shared.NotFoundException;

import com.factordesk.shared.InputBounds.SaneDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The risk API: a debtor's current score (DESIGN.md section 7).
 */
@RestController
@Tag(name = "Debtors", description = "The debtors with their limits and scores, page by page")
@RequestMapping("/api/v1")
class RiskApiController {

	private final RiskScores scores;

	private final RiskScoring scoring;

	private final GradeOdds gradeOdds;

	RiskApiController(RiskScores scores, RiskScoring scoring, GradeOdds gradeOdds) {
		this.scores = scores;
		this.gradeOdds = gradeOdds;
		this.scoring = scoring;
	}

	/**
	 * The debtor's current (stored) score; with {@code asOf}, its score as of the end of
	 * that day computed from what was known then (not stored: no snapshot id).
	 */
	@Operation(summary = "A debtor's score with its reasons",
			description = "The debtor's current score with its grade and components; with asOf (an ISO date), "
					+ "its score as of the end of that day computed from what was known then.")
	@GetMapping("/debtors/{ref}/score")
	ScoreJson score(@PathVariable String ref,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate asOf) {
		// one read of the odds as last measured, never a measurement
		Optional<GradeOdds.Table> odds = this.gradeOdds.inForce();
		if (asOf != null) {
			RiskAssessment assessment = this.scoring.assessAsOf(ref, asOf);
			return new ScoreJson(ref, assessment.score(), assessment.grade().name(),
					assessment.components()
						.stream()
						.map((component) -> new ComponentJson(component.component().label(), component.subScore(),
								component.weight(), component.effectiveWeight()))
						.toList(),
					assessment.reasons().stream().map(Reason::text).toList(), null, null, asOf,
					late30Share(odds, assessment.grade()), invoices(odds, assessment.grade()));
		}
		DebtorScore score = this.scores.current(ref).orElseThrow(() -> new NotFoundException("Scored debtor", ref));
		return new ScoreJson(score.debtorRef(), score.score(), score.grade().name(),
				score.components()
					.stream()
					.map((component) -> new ComponentJson(component.name(), component.subScore(), component.weight(),
							component.effectiveWeight()))
					.toList(),
				score.reasonTexts(), score.snapshotId(), score.scoredAt(), score.asOf(),
				late30Share(odds, score.grade()), invoices(odds, score.grade()));
	}

	/**
	 * The grade's observed share 30+ days late as last measured, a fraction with 4
	 * decimals; {@code null} when not measured yet or not judged (fewer than
	 * {@value GradeOdds#MIN_INVOICES} invoices).
	 */
	private static BigDecimal late30Share(Optional<GradeOdds.Table> odds, Grade grade) {
		return odds.map((table) -> table.of(grade))
			.filter(GradeOdds.Odds::judged)
			.map((grade30) -> grade30.late30Share(2))
			.orElse(null);
	}

	/**
	 * The grade's matured invoices that share was measured on; {@code null} when not
	 * measured yet.
	 */
	private static Long invoices(Optional<GradeOdds.Table> odds, Grade grade) {
		return odds.map((table) -> table.of(grade).invoices()).orElse(null);
	}

	record ScoreJson(String debtorRef, BigDecimal score, String grade, List<ComponentJson> components,
			List<String> reasons, Long snapshotId, Instant scoredAt, LocalDate asOf, BigDecimal gradeLate30Share,
			Long gradeInvoices) {
	}

	/**
	 * One component: its configured weight, and the weight it had in this score (a
	 * missing component's weight is shared among the others), so that the score is the
	 * sum of sub-score x effective weight.
	 */
	record ComponentJson(String name, BigDecimal subScore, BigDecimal weight, BigDecimal effectiveWeight) {
	}

}
