package com.factordesk.portfolio;

import com.factordesk.portfolio.PortfolioSections.Section;
import com.factordesk.shared.InputBounds.SaneDate;

import java.time.LocalDate;
import java.util.List;

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

	static final int DISPUTES = 10;

	private final PortfolioScopes scopes;

	private final PortfolioFigures figures;

	private final DilutionTable dilution;

	private final DisputesTable disputes;

	private final ExposureQueries exposure;

	private final PortfolioTrends trends;

	private final PortfolioSections sections;

	PortfolioController(PortfolioScopes scopes, PortfolioFigures figures, DilutionTable dilution,
			DisputesTable disputes, ExposureQueries exposure, PortfolioTrends trends, PortfolioSections sections) {
		this.scopes = scopes;
		this.figures = figures;
		this.dilution = dilution;
		this.disputes = disputes;
		this.exposure = exposure;
		this.trends = trends;
		this.sections = sections;
	}

	@GetMapping("/portfolio")
	String overview(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate asOf,
			@RequestParam(required = false) String clientRef, @RequestParam(required = false) String debtorRef,
			@RequestParam(required = false) Integer days, @RequestParam(required = false) String aging, Model model) {
		PortfolioScope scope = this.scopes.resolve(asOf, clientRef, debtorRef);
		model.addAttribute("scope", scope);
		model.addAttribute("today", this.scopes.today());
		// the exposure section's three reads side by side with the figures and the trends
		Section<ExposureView> exposure = this.sections
			.start(() -> this.exposure.exposure(scope, ExposureTables.PAGE_DEBTORS, ExposureTables.PAGE_CLIENTS));
		Section<List<ExposureView.Watched>> watchlist = this.sections.start(() -> this.exposure.watchlist(scope));
		Section<List<ExposureView.CrossAged>> crossAged = this.sections.start(() -> this.exposure.crossAged(scope));
		DsoFigures figures = figures(scope, days, aging, model);
		// the trend's last point is the scope's day: the figures just read, not read
		// again
		model.addAttribute("trend", this.trends.trend(scope, figures.headline()));
		model.addAttribute("exposure", exposure.get());
		model.addAttribute("crossAged", crossAged.get());
		model.addAttribute("crossAgingShare", this.exposure.crossAgingShare());
		model.addAttribute("watchlistLaterDays", this.exposure.watchlistLaterDays());
		model.addAttribute("watchlist", watchlist.get());
		model.addAttribute("watchlistShown", ExposureTables.PAGE_LISTED);
		return "portfolio/overview";
	}

	/**
	 * The figures section: the DSO family over the chosen window (30, 90 or 365 days; any
	 * other value is the default 90), the aging by days past due or, with
	 * {@code aging=invoice}, by invoice date, dilution per client and the open disputes.
	 */
	private DsoFigures figures(PortfolioScope scope, Integer days, String aging, Model model) {
		int window = (days != null && PortfolioFigures.WINDOWS.contains(days)) ? days : PortfolioFigures.DEFAULT_WINDOW;
		boolean byInvoiceDate = "invoice".equals(aging);
		model.addAttribute("days", window);
		model.addAttribute("windows", List.of(30, 90, 365));
		model.addAttribute("agingByInvoiceDate", byInvoiceDate);
		// the dilution and the open disputes side by side with the figures
		Section<List<ClientDilution>> dilution = this.sections.start(() -> this.dilution.list(scope));
		Section<List<OpenDispute>> disputes = this.sections.start(() -> this.disputes.list(scope, DISPUTES));
		DsoFigures figures = this.figures.figures(scope, window);
		model.addAttribute("figures", figures);
		model.addAttribute("dilution", dilution.get());
		model.addAttribute("disputes", disputes.get());
		return figures;
	}

}
