package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Funding: the clients whose approved invoices await funding, a funding run with its
 * advances, its payout file (pain.001) and its confirmation by the bank.
 */
@Controller
class FundingController {

	private final FundingQueries queries;

	private final FundingRuns fundingRuns;

	private final Clock clock;

	FundingController(FundingQueries queries, FundingRuns fundingRuns, Clock clock) {
		this.queries = queries;
		this.fundingRuns = fundingRuns;
		this.clock = clock;
	}

	@GetMapping("/funding")
	String list(Model model) {
		model.addAttribute("clients", this.queries.awaitingFunding());
		model.addAttribute("today", LocalDate.now(this.clock));
		return "funding/list";
	}

	@GetMapping("/funding/runs/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("run", this.queries.run(id).orElseThrow(() -> new NotFoundException("Funding run", id)));
		model.addAttribute("today", LocalDate.now(this.clock));
		return "funding/run";
	}

	/**
	 * The payout as a file to upload to the bank (a download, not a page); a client
	 * without an IBAN is a refusal page that says so.
	 */
	@GetMapping("/funding/runs/{id}/pain.001.xml")
	@ResponseBody
	ResponseEntity<byte[]> payoutFile(@PathVariable long id) {
		byte[] file = this.fundingRuns.payoutFile(id);
		return ResponseEntity.ok()
			.contentType(new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("funding-run-" + id + ".pain.001.xml").build().toString())
			.body(file);
	}

	@PostMapping("/funding/runs/{id}/paid")
	String markPaid(@PathVariable long id, RedirectAttributes redirect) {
		try {
			this.fundingRuns.markPaid(id);
			redirect.addFlashAttribute("success", "funding.paid");
			redirect.addFlashAttribute("successArg", id);
		}
		catch (BusinessRefusal ex) {
			redirect.addFlashAttribute("fundingRefusal", ClientController.reasons(ex));
		}
		return "redirect:/funding/runs/" + id;
	}

}
