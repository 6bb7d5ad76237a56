package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The client page (DESIGN section 7): the facility and its usage, the approved invoices
 * awaiting funding with the form that funds them, the funding runs, the invoices and the
 * debtors.
 */
@Controller
class ClientController {

	/** The highest invoice page number read. */
	static final int MAX_PAGE = 100_000;

	private final ClientOverviews overviews;

	private final FundingRuns fundingRuns;

	private final Clock clock;

	ClientController(ClientOverviews overviews, FundingRuns fundingRuns, Clock clock) {
		this.overviews = overviews;
		this.fundingRuns = fundingRuns;
		this.clock = clock;
	}

	@GetMapping("/clients/{ref}")
	String show(@PathVariable String ref, @RequestParam(defaultValue = "1") int page, Model model) {
		int pageIndex = Math.min(Math.max(page, 1), MAX_PAGE) - 1;
		model.addAttribute("overview",
				this.overviews.find(ref, pageIndex).orElseThrow(() -> new NotFoundException("Client", ref)));
		model.addAttribute("today", LocalDate.now(this.clock));
		return "clients/show";
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
