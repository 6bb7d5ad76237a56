package com.factordesk.portfolio;

import com.factordesk.shared.InputBounds.SaneDate;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The manager's portfolio dashboard, as of today or a chosen date, for the whole book, a
 * client ({@code clientRef}) or a debtor ({@code debtorRef}, or both): each drill-down
 * narrows the scope and keeps the date.
 */
@Controller
class PortfolioController {

	static final int TOP_DEBTORS = 10;

	private final PortfolioScopes scopes;

	private final PortfolioQueries queries;

	private final PortfolioTrends trends;

	PortfolioController(PortfolioScopes scopes, PortfolioQueries queries, PortfolioTrends trends) {
		this.scopes = scopes;
		this.queries = queries;
		this.trends = trends;
	}

	@GetMapping("/portfolio")
	String overview(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate asOf,
			@RequestParam(required = false) String clientRef, @RequestParam(required = false) String debtorRef,
			Model model) {
		PortfolioScope scope = this.scopes.resolve(asOf, clientRef, debtorRef);
		model.addAttribute("scope", scope);
		model.addAttribute("today", this.scopes.today());
		model.addAttribute("overview", this.queries.overview(scope, TOP_DEBTORS));
		model.addAttribute("trend", this.trends.trend(scope));
		return "portfolio/overview";
	}

}
