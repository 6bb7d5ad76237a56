package com.factordesk.backtest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.backtest.BacktestReport.Interval;
import com.factordesk.backtest.BacktestReport.Ranked;
import com.factordesk.shared.InputBounds.SaneDate;
import com.factordesk.shared.LongRunning;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backtest API (DESIGN.md section 7): how well the score ranked late and 30+ days
 * late payment over a period, beside its challengers. An unknown client reference is a
 * 404 problem; a period without matured invoices answers {@code invoices: 0} and no AUC.
 */
@RestController
@Tag(name = "Backtest", description = "How well the score ranked debtors over a period")
@RequestMapping("/api/v1")
@LongRunning
class BacktestApiController {

	private final Backtest backtest;

	BacktestApiController(Backtest backtest) {
		this.backtest = backtest;
	}

	@Operation(summary = "The score's backtest",
			description = "The score's ranking (AUC, Gini, KS) against "
					+ "what happened, for the invoices issued from..to (ISO dates), optionally one client's.")
	@GetMapping("/risk/backtest")
	BacktestJson backtest(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate to,
			@RequestParam(required = false) String clientRef) {
		BacktestReport report = this.backtest.run(from, to, clientRef);
		Ranked score = report.score();
		return new BacktestJson(report.from(), report.to(), report.clientRef(), report.asOf(), report.invoices(),
				report.lateShare(), report.auc(), report.gini(), report.ks(), score.lateInterval(),
				report.late30Share(), report.auc30(), report.gini30(), report.ks30(), score.late30Interval(),
				report.challengers()
					.stream()
					.map((challenger) -> new ChallengerJson(challenger.name(), challenger.auc(), challenger.auc30(),
							challenger.lateInterval(), challenger.late30Interval()))
					.toList(),
				report.grades()
					.stream()
					.map((grade) -> new GradeJson(grade.grade().name(), grade.invoices(), grade.lateShare(),
							grade.late30Share(), grade.avgDaysBeyondTerms(), grade.judged()))
					.toList());
	}

	record BacktestJson(LocalDate from, LocalDate to, String clientRef, LocalDate asOf, long invoices,
			BigDecimal lateShare, BigDecimal auc, BigDecimal gini, BigDecimal ks, Interval aucInterval,
			BigDecimal late30Share, BigDecimal auc30, BigDecimal gini30, BigDecimal ks30, Interval auc30Interval,
			List<ChallengerJson> challengers, List<GradeJson> grades) {
	}

	record ChallengerJson(String name, BigDecimal auc, BigDecimal auc30, Interval aucInterval, Interval auc30Interval) {
	}

	record GradeJson(String grade, long invoices, BigDecimal lateShare, BigDecimal late30Share,
			BigDecimal avgDaysBeyondTerms, boolean judged) {
	}

}
