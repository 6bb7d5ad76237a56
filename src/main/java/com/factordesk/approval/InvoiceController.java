package com.factordesk.approval;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.risk.GradeOdds;
import com.factordesk.risk.RiskScores;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The decision page of one invoice (DESIGN section 7): what deciding it would do to the
 * limits, the invoice with its client and debtor, the quote (frozen once decided), the
 * flags and the history, and the forms that decide it. A refused decision re-renders the
 * page with the reason on the form that asked (422); a decision taken redirects back with
 * what happened.
 */
@Controller
class InvoiceController {

	private final InvoiceDetails details;

	private final InvoiceQuotes quotes;

	private final GradeOdds gradeOdds;

	private final InvoiceFlags flags;

	private final DecisionPanels panels;

	private final Underwriting underwriting;

	private final Settlements settlements;

	private final RiskScores scores;

	private final Clock clock;

	InvoiceController(InvoiceDetails details, InvoiceQuotes quotes, GradeOdds gradeOdds, InvoiceFlags flags,
			DecisionPanels panels, Underwriting underwriting, Settlements settlements, RiskScores scores, Clock clock) {
		this.settlements = settlements;
		this.scores = scores;
		this.flags = flags;
		this.gradeOdds = gradeOdds;
		this.details = details;
		this.quotes = quotes;
		this.panels = panels;
		this.underwriting = underwriting;
		this.clock = clock;
	}

	@GetMapping("/invoices/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("decisionForm", new DecisionForm());
		return page(id, model);
	}

	@PostMapping("/invoices/{id}/approve")
	String approve(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return decide(id, "approve", result, model, redirect, response, () -> {
			Underwriting.Outcome outcome = this.underwriting.approve(id, money(form), text(form.getOverrideReason()),
					form.getNote());
			return "decision.outcome." + outcome.status();
		});
	}

	@PostMapping("/invoices/{id}/second-approval")
	String approveSecond(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return decide(id, "secondApproval", result, model, redirect, response, () -> "decision.outcome."
				+ this.underwriting.approveSecond(id, text(form.getOverrideReason()), form.getNote()).status());
	}

	@PostMapping("/invoices/{id}/change")
	String change(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (form.getAmount() == null && !result.hasFieldErrors("amount")) {
			result.rejectValue("amount", "decision.amount.required", "Give the advance to approve.");
		}
		return decide(id, "change", result, model, redirect, response, () -> "decision.outcome."
				+ this.underwriting.changeAdvance(id, money(form).orElseThrow(), form.getNote()).status());
	}

	@PostMapping("/invoices/{id}/withdraw")
	String withdraw(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return decide(id, "withdraw", result, model, redirect, response, () -> {
			this.underwriting.withdraw(id, form.getNote());
			return "decision.outcome.withdrawn";
		});
	}

	@PostMapping("/invoices/{id}/reject")
	String reject(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (form.getReason() == null && !result.hasFieldErrors("reason")) {
			result.rejectValue("reason", "decision.reject.reasonRequired", "Choose a reason.");
		}
		return decide(id, "reject", result, model, redirect, response, () -> {
			this.underwriting.reject(id, form.getReason(), form.getNote());
			return "decision.outcome.REJECTED";
		});
	}

	@PostMapping("/invoices/{id}/reopen")
	String reopen(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return decide(id, "reopen", result, model, redirect, response, () -> {
			this.underwriting.reopen(id, form.getNote());
			return "decision.outcome.reopened";
		});
	}

	@PostMapping("/invoices/{id}/release")
	String release(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return decide(id, "release", result, model, redirect, response,
				() -> "decision.outcome." + this.underwriting.overrideHold(id, form.getOverrideReason()).status());
	}

	@PostMapping("/invoices/{id}/verification-request")
	String requestVerification(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return decide(id, "verify", result, model, redirect, response, () -> {
			this.underwriting.requestVerification(id, form.getNote());
			return "decision.outcome.verificationRequested";
		});
	}

	@PostMapping("/invoices/{id}/verification")
	String recordVerification(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (form.getConfirmed() == null && !result.hasFieldErrors("confirmed")) {
			result.rejectValue("confirmed", "decision.verification.outcomeRequired",
					"Say whether the debtor confirmed the invoice.");
		}
		return decide(id, "verify", result, model, redirect, response, () -> {
			Optional<Underwriting.NewContact> contact = text(form.getContactName())
				.map((name) -> new Underwriting.NewContact(name, form.getContactEmail(), form.getContactPhone()));
			if (contact.isPresent() && text(form.getContactEmail()).isEmpty()
					&& text(form.getContactPhone()).isEmpty()) {
				throw BusinessRefusal.onField("contactEmail", "decision.verification.contactRequired",
						"Give an e-mail address or a phone number");
			}
			this.underwriting.recordVerification(id, Boolean.TRUE.equals(form.getConfirmed()),
					Optional.ofNullable(form.getContactId()), contact, form.getNote());
			return Boolean.TRUE.equals(form.getConfirmed()) ? "decision.outcome.VERIFIED"
					: "decision.outcome.verificationFailed";
		});
	}

	private String decide(long id, String action, BindingResult result, Model model, RedirectAttributes redirect,
			HttpServletResponse response, Decision decision) {
		if (!result.hasErrors()) {
			try {
				String outcome = decision.take();
				redirect.addFlashAttribute("success", outcome);
				redirect.addFlashAttribute("successArg", this.details.find(id).invoice().number());
				return "redirect:/invoices/" + id;
			}
			catch (BusinessRefusal refusal) {
				refusal.rejectOn(result);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		model.addAttribute("failedAction", action);
		return page(id, model);
	}

	private String page(long id, Model model) {
		InvoiceDetail detail = this.details.find(id);
		InvoiceQuote quote = this.quotes.quote(id).orElse(null);
		DecisionPanel panel = this.panels.of(id, quote);
		boolean decided = detail.invoice().status() != InvoiceStatus.SUBMITTED
				&& detail.invoice().status() != InvoiceStatus.VERIFIED;
		model.addAttribute("detail", detail);
		// once decided, the page shows the quote the decision froze, never a fresh one
		model.addAttribute("quote", decided ? ((panel.frozen() != null) ? panel.frozen().quote() : null) : quote);
		model.addAttribute("quoteFrozen", decided && panel.frozen() != null);
		model.addAttribute("panel", panel);
		model.addAttribute("flags", this.flags.of(id));
		// the debtor's score in force, with the reasons and the points each cost it
		model.addAttribute("debtorScore", this.scores.current(detail.debtor().ref()).orElse(null));
		// what was paid out on it, once funded
		model.addAttribute("advance", this.details.advance(id).orElse(null));
		// a closed invoice's settlement in force: kind, days, fee, shortfall, loss,
		// rebate
		model.addAttribute("settlement", this.settlements.of(id).orElse(null));
		// as last measured; never measured on a page request
		model.addAttribute("gradeOdds", this.gradeOdds.inForce().orElse(null));
		model.addAttribute("today", LocalDate.now(this.clock));
		model.addAttribute("rejectionReasons", RejectionReason.values());
		return "invoices/show";
	}

	private static Optional<Money> money(DecisionForm form) {
		return Optional.ofNullable(form.getAmount())
			.map((amount) -> Money.of(amount.setScale(2, RoundingMode.UNNECESSARY)));
	}

	private static Optional<String> text(String text) {
		return Optional.ofNullable(text).map(String::strip).filter((value) -> !value.isEmpty());
	}

	@FunctionalInterface
	private interface Decision {

		String take();

	}

}
