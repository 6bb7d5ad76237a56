package com.factordesk.backtest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.factordesk.backtest.BacktestReport.RocCurve;
import com.factordesk.backtest.BacktestReport.RocPoint;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.InputBounds.SaneDate;
import com.factordesk.shared.LongRunning;
import com.factordesk.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The backtest page: by default the invoices issued in the six full months before this
 * one, judged on those whose outcome has matured. An unknown client reference is said on
 * the page (with a 404), never shown as an empty report.
 */
@Controller
@LongRunning
class BacktestController {

	/** The false positive rates at which the page lists each ROC curve as text. */
	static final List<BigDecimal> FALSE_POSITIVE_RATES = List.of(new BigDecimal("0.05"), new BigDecimal("0.10"),
			new BigDecimal("0.20"), new BigDecimal("0.30"), new BigDecimal("0.50"));

	private final Backtest backtest;

	private final Clock clock;

	BacktestController(Backtest backtest, Clock clock) {
		this.backtest = backtest;
		this.clock = clock;
	}

	@GetMapping("/risk/backtest")
	String show(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate to,
			@RequestParam(required = false) String clientRef, Model model, HttpServletResponse response) {
		LocalDate today = LocalDate.now(this.clock);
		LocalDate periodFrom = (from != null) ? from : today.minusMonths(6).withDayOfMonth(1);
		LocalDate periodTo = (to != null) ? to : today.withDayOfMonth(1).minusDays(1);
		String client = StringUtils.hasText(clientRef) ? clientRef.trim() : null;
		model.addAttribute("from", periodFrom);
		model.addAttribute("to", periodTo);
		model.addAttribute("clientRef", client);
		model.addAttribute("today", today);
		try {
			BacktestReport report = this.backtest.run(periodFrom, periodTo, client);
			model.addAttribute("report", report);
			List<RocCurve> roc = (report != null) ? report.roc() : List.of();
			model.addAttribute("rocText", rocText(roc));
			model.addAttribute("rocCurves", rocData(roc));
			model.addAttribute("rocRates", FALSE_POSITIVE_RATES);
		}
		catch (BusinessRefusal ex) {
			model.addAttribute("refusal", ex);
		}
		catch (NotFoundException ex) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("unknownClient", client);
		}
		return "risk/backtest";
	}

	/**
	 * Per curve, the true positive rate at each of {@link #FALSE_POSITIVE_RATES}: the
	 * highest reached without flagging more good invoices than that (the text beside the
	 * chart).
	 */
	static List<RocRow> rocText(List<RocCurve> curves) {
		List<RocRow> rows = new ArrayList<>();
		for (RocCurve curve : curves) {
			Map<BigDecimal, BigDecimal> caught = new LinkedHashMap<>();
			for (BigDecimal rate : FALSE_POSITIVE_RATES) {
				BigDecimal best = BigDecimal.ZERO;
				for (RocPoint point : curve.points()) {
					if (point.falsePositiveRate().compareTo(rate) <= 0
							&& point.truePositiveRate().compareTo(best) > 0) {
						best = point.truePositiveRate();
					}
				}
				caught.put(rate, best);
			}
			rows.add(new RocRow(curve.name(), curve.outcome(), List.copyOf(caught.values())));
		}
		return rows;
	}

	/**
	 * The curves as the chart reads them: name, outcome and the false and true positive
	 * rates as two lists of numbers.
	 */
	static List<Map<String, Object>> rocData(List<RocCurve> curves) {
		return curves.stream()
			.map((curve) -> Map.<String, Object>of("name", curve.name(), "outcome", curve.outcome(), "x",
					curve.points().stream().map(RocPoint::falsePositiveRate).toList(), "y",
					curve.points().stream().map(RocPoint::truePositiveRate).toList()))
			.toList();
	}

	/**
	 * One ROC curve as text: the share of bad invoices caught at each listed false
	 * positive rate.
	 */
	record RocRow(String name, String outcome, List<BigDecimal> caught) {
	}

}
