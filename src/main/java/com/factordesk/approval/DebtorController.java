package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.risk.GradeOdds;
import com.factordesk.risk.RiskScores;
import com.factordesk.shared.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The debtor page: its score with the reasons, the score history, bureau scores,
 * disputes, open items and how it pays each client.
 */
@Controller
class DebtorController {

	private final DebtorProfiles profiles;

	private final RiskScores scores;

	private final GradeOdds gradeOdds;

	private final Clock clock;

	DebtorController(DebtorProfiles profiles, RiskScores scores, GradeOdds gradeOdds, Clock clock) {
		this.gradeOdds = gradeOdds;
		this.profiles = profiles;
		this.scores = scores;
		this.clock = clock;
	}

	@GetMapping("/debtors/{ref}")
	String show(@PathVariable String ref, Model model) {
		DebtorProfile profile = this.profiles.find(ref).orElseThrow(() -> new NotFoundException("Debtor", ref));
		List<RiskScores.ScorePoint> history = this.scores.history(ref);
		model.addAttribute("profile", profile);
		model.addAttribute("score", this.scores.current(ref).orElse(null));
		model.addAttribute("historyLabels", history.stream().map((point) -> point.asOf().toString()).toList());
		model.addAttribute("historyScores", history.stream().map(RiskScores.ScorePoint::score).toList());
		// as last measured; never measured on a page request
		model.addAttribute("gradeOdds", this.gradeOdds.inForce().orElse(null));
		model.addAttribute("today", LocalDate.now(this.clock));
		return "debtors/show";
	}

}
