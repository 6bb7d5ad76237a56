package com.factordesk.portfolio;

import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.shared.InputBounds.SaneDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The manager's portfolio overview, as of today or a chosen date.
 */
@Controller
class PortfolioController {

	static final int TOP_DEBTORS = 10;

	private final PortfolioQueries queries;

	private final Clock clock;

	PortfolioController(PortfolioQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	@GetMapping("/portfolio")
	String overview(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate asOf,
			Model model) {
		LocalDate today = LocalDate.now(this.clock);
		LocalDate date = (asOf == null || asOf.isAfter(today)) ? today : asOf;
		model.addAttribute("overview", this.queries.overview(date, TOP_DEBTORS));
		model.addAttribute("today", today);
		return "portfolio/overview";
	}

}
