package com.factordesk.backtest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.InputBounds.SaneDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backtest API (DESIGN.md section 7): how well the score ranked late payment over a
 * period.
 */
@RestController
@RequestMapping("/api/v1")
class BacktestApiController {

	private final Backtest backtest;

	BacktestApiController(Backtest backtest) {
		this.backtest = backtest;
	}

	@GetMapping("/risk/backtest")
	BacktestJson backtest(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate to,
			@RequestParam(required = false) String clientRef) {
		BacktestReport report = this.backtest.run(from, to, clientRef);
		return new BacktestJson(report.from(), report.to(), report.clientRef(), report.invoices(), report.lateShare(),
				report.late30Share(), report.auc(), report.gini(), report.ks(), report.auc30(),
				report.grades()
					.stream()
					.map((grade) -> new GradeJson(grade.grade().name(), grade.invoices(), grade.lateShare(),
							grade.avgDaysBeyondTerms()))
					.toList());
	}

	record BacktestJson(LocalDate from, LocalDate to, String clientRef, long invoices, BigDecimal lateShare,
			BigDecimal late30Share, BigDecimal auc, BigDecimal gini, BigDecimal ks, BigDecimal auc30,
			List<GradeJson> grades) {
	}

	record GradeJson(String grade, long invoices, BigDecimal lateShare, BigDecimal avgDaysBeyondTerms) {
	}

}
