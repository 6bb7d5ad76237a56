package com.factordesk.backtest;

import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.shared.BusinessRefusal;

import com.factordesk.shared.InputBounds.SaneDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The backtest page: by default the invoices issued in the twelve months that ended six
 * months ago, so that most have been paid.
 */
@Controller
class BacktestController {

	private final Backtest backtest;

	private final Clock clock;

	BacktestController(Backtest backtest, Clock clock) {
		this.backtest = backtest;
		this.clock = clock;
	}

	@GetMapping("/risk/backtest")
	String show(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate to,
			@RequestParam(required = false) String clientRef, Model model) {
		LocalDate today = LocalDate.now(this.clock);
		LocalDate periodFrom = (from != null) ? from : today.minusMonths(17).withDayOfMonth(1);
		LocalDate periodTo = (to != null) ? to : today.minusMonths(5).withDayOfMonth(1).minusDays(1);
		String client = StringUtils.hasText(clientRef) ? clientRef.trim() : null;
		model.addAttribute("from", periodFrom);
		model.addAttribute("to", periodTo);
		model.addAttribute("clientRef", client);
		model.addAttribute("today", today);
		try {
			model.addAttribute("report", this.backtest.run(periodFrom, periodTo, client));
		}
		catch (BusinessRefusal ex) {
			model.addAttribute("refusal", ex);
		}
		return "risk/backtest";
	}

}
