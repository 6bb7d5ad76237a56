package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The client page (DESIGN section 7): the facility and its usage, the approved invoices
 * awaiting funding with the form that funds them, the funding runs, the invoices and the
 * debtors, the open funded invoices and recent decisions, the statement for a period (on
 * the page and as PDF) and the rebate runs.
 */
@Controller
class ClientController {

	/** The highest invoice page number read. */
	static final int MAX_PAGE = 100_000;

	private final ClientOverviews overviews;

	private final FundingRuns fundingRuns;

	private final ClientStatements statements;

	private final RebateRuns rebateRuns;

	private final Clock clock;

	ClientController(ClientOverviews overviews, FundingRuns fundingRuns, ClientStatements statements,
			RebateRuns rebateRuns, Clock clock) {
		this.overviews = overviews;
		this.fundingRuns = fundingRuns;
		this.statements = statements;
		this.rebateRuns = rebateRuns;
		this.clock = clock;
	}

	/**
	 * The client page with its statement for the period picked (the current month to date
	 * by default) and, when a kind of movement is picked, its entries; a period that does
	 * not parse or ends before it starts is shown on the picker.
	 */
	@GetMapping("/clients/{ref}")
	String show(@PathVariable String ref, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = "1") int entries, @ModelAttribute("statementForm") StatementForm form,
			BindingResult errors, Model model) {
		int pageIndex = Math.min(Math.max(page, 1), MAX_PAGE) - 1;
		ClientOverview overview = this.overviews.find(ref, pageIndex)
			.orElseThrow(() -> new NotFoundException("Client", ref));
		model.addAttribute("overview", overview);
		LocalDate today = LocalDate.now(this.clock);
		model.addAttribute("today", today);
		form.defaults(today);
		StatementForm.Period period = form.period(errors);
		if (period != null) {
			model.addAttribute("statement", this.statements.of(ref, period.from(), period.to()));
			ReserveEntryKind kind = form.drillDown();
			if (kind != null) {
				int entriesIndex = Math.min(Math.max(entries, 1), MAX_PAGE) - 1;
				model.addAttribute("drillDown", kind);
				model.addAttribute("entries",
						this.statements.entries(ref, kind, period.from(), period.to(), entriesIndex));
			}
		}
		model.addAttribute("openFunded", this.overviews.openFunded(overview.header().id()));
		model.addAttribute("decisions", this.overviews.recentDecisions(overview.header().id()));
		model.addAttribute("rebateRuns", this.rebateRuns.ofClient(overview.header().id()));
		return "clients/show";
	}

	/**
	 * The statement for the period as a PDF in the reader's language (a download); a
	 * period that does not parse or ends before it starts is the client page with the
	 * reason on the picker (a download, not a page: the client page stands in for it
	 * then).
	 */
	@GetMapping("/clients/{ref}/statement.pdf")
	@ResponseBody
	Object statementPdf(@PathVariable String ref, @ModelAttribute("statementForm") StatementForm form,
			BindingResult errors, Model model, Locale locale) {
		form.defaults(LocalDate.now(this.clock));
		StatementForm.Period period = form.period(errors);
		if (period == null) {
			form.setKind(null);
			return new ModelAndView(show(ref, 1, 1, form, errors, model));
		}
		byte[] pdf = this.statements.pdf(ref, period.from(), period.to(), locale);
		String filename = "statement-" + ref + "-" + period.from() + "-" + period.to() + ".pdf";
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(pdf);
	}

	/**
	 * Pays the client its rebates due in a rebate run and shows it; nothing due is
	 * refused on the client page.
	 */
	@PostMapping("/clients/{ref}/rebate-runs")
	String payRebates(@PathVariable String ref, RedirectAttributes redirect) {
		try {
			RebateRun run = this.rebateRuns.pay(ref);
			redirect.addFlashAttribute("rebateMade", true);
			return "redirect:/funding/rebate-runs/" + run.getId();
		}
		catch (BusinessRefusal ex) {
			redirect.addFlashAttribute("rebateRefusal", reasons(ex));
			return "redirect:/clients/{ref}#rebates-heading";
		}
	}

	/**
	 * Makes a funding run of the client's approved invoices (all, or the ones selected)
	 * and shows it; a run with nothing to fund is refused on the client page.
	 */
	@PostMapping("/clients/{ref}/funding-runs")
	String fund(@PathVariable String ref, @RequestParam(defaultValue = "all") String scope,
			@RequestParam(required = false) Set<Long> invoiceIds, RedirectAttributes redirect) {
		FundClient command = "selected".equals(scope)
				? FundClient.selected(ref, (invoiceIds != null) ? invoiceIds : Set.of()) : FundClient.all(ref);
		try {
			FundingOutcome outcome = this.fundingRuns.fund(command);
			redirect.addFlashAttribute("outcome", outcome);
			return "redirect:/funding/runs/" + outcome.runId();
		}
		catch (BusinessRefusal ex) {
			redirect.addFlashAttribute("fundingRefusal", reasons(ex));
			return "redirect:/clients/{ref}";
		}
	}

	/**
	 * A refusal's broken rules as texts a flash message (kept in the session) can carry.
	 */
	static ArrayList<DefaultMessageSourceResolvable> reasons(BusinessRefusal refusal) {
		List<DefaultMessageSourceResolvable> reasons = refusal.getViolations()
			.stream()
			.map((violation) -> new DefaultMessageSourceResolvable(violation.getCodes(), violation.getArguments(),
					violation.getDefaultMessage()))
			.toList();
		return new ArrayList<>(reasons);
	}

}
