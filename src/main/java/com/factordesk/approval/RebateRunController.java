package com.factordesk.approval;

import java.nio.charset.StandardCharsets;

import com.factordesk.shared.BusinessRefusal;

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
 * A rebate run: what it paid the client, the ledger entry it booked, its payout file
 * (pain.001) and its confirmation by the bank. Beside the funding runs, under
 * {@code /funding}: both pay a client.
 */
@Controller
class RebateRunController {

	private final RebateRuns rebateRuns;

	RebateRunController(RebateRuns rebateRuns) {
		this.rebateRuns = rebateRuns;
	}

	@GetMapping("/funding/rebate-runs/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("run", this.rebateRuns.find(id));
		return "funding/rebate-run";
	}

	@GetMapping("/funding/rebate-runs/{id}/pain.001.xml")
	@ResponseBody
	ResponseEntity<byte[]> payoutFile(@PathVariable long id) {
		byte[] file = this.rebateRuns.payoutFile(id);
		return ResponseEntity.ok()
			.contentType(new MediaType("application", "xml", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("rebate-run-" + id + ".pain.001.xml").build().toString())
			.body(file);
	}

	@PostMapping("/funding/rebate-runs/{id}/paid")
	String markPaid(@PathVariable long id, RedirectAttributes redirect) {
		try {
			this.rebateRuns.markPaid(id);
			redirect.addFlashAttribute("rebatePaid", true);
		}
		catch (BusinessRefusal ex) {
			redirect.addFlashAttribute("rebateRefusal", ClientController.reasons(ex));
		}
		return "redirect:/funding/rebate-runs/" + id;
	}

}
