package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.risk.GradeOdds;
import com.factordesk.pricing.InvoiceQuotes;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * One invoice: its terms, its client and debtor, and its history.
 */
@Controller
class InvoiceController {

	private final InvoiceDetails details;

	private final InvoiceQuotes quotes;

	private final GradeOdds gradeOdds;

	private final InvoiceFlags flags;

	private final Clock clock;

	InvoiceController(InvoiceDetails details, InvoiceQuotes quotes, GradeOdds gradeOdds, InvoiceFlags flags,
			Clock clock) {
		this.flags = flags;
		this.gradeOdds = gradeOdds;
		this.details = details;
		this.quotes = quotes;
		this.clock = clock;
	}

	@GetMapping("/invoices/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("detail", this.details.find(id));
		model.addAttribute("quote", this.quotes.quote(id).orElse(null));
		model.addAttribute("flags", this.flags.of(id));
		// as last measured; never measured on a page request
		model.addAttribute("gradeOdds", this.gradeOdds.inForce().orElse(null));
		model.addAttribute("today", LocalDate.now(this.clock));
		return "invoices/show";
	}

}
