package com.factordesk.approval;

import java.util.Locale;

import com.factordesk.risk.GradeOdds;
import com.factordesk.shared.BusinessRefusal;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page of one schedule: its invoices with their quotes and flags, and the bulk
 * decisions that approve the eligible ones or reject the ones still waiting. A bulk
 * decision redirects back with what it decided and what it skipped, and why.
 */
@Controller
class ScheduleController {

	private final Schedules schedules;

	private final GradeOdds gradeOdds;

	private final MessageSource messages;

	ScheduleController(Schedules schedules, GradeOdds gradeOdds, MessageSource messages) {
		this.schedules = schedules;
		this.gradeOdds = gradeOdds;
		this.messages = messages;
	}

	@GetMapping("/schedules/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("decisionForm", new DecisionForm());
		return page(id, model);
	}

	@PostMapping("/schedules/{id}/approve")
	String approve(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response,
			Locale locale) {
		if (result.hasFieldErrors("note")) {
			return refused(id, "approve", model, response);
		}
		Schedules.BulkOutcome outcome = this.schedules.approveEligible(id, form.getNote());
		redirect.addFlashAttribute("report", report("approve", outcome, locale));
		return "redirect:/schedules/" + id;
	}

	@PostMapping("/schedules/{id}/reject")
	String reject(@PathVariable long id, @Valid @ModelAttribute("decisionForm") DecisionForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
		if (form.getReason() == null && !result.hasFieldErrors("reason")) {
			result.rejectValue("reason", "decision.reject.reasonRequired", "Choose a reason.");
		}
		if (!result.hasErrors()) {
			try {
				Schedules.BulkOutcome outcome = this.schedules.rejectRemaining(id, form.getReason(), form.getNote());
				redirect.addFlashAttribute("report", report("reject", outcome, locale));
				return "redirect:/schedules/" + id;
			}
			catch (BusinessRefusal refusal) {
				refusal.rejectOn(result);
			}
		}
		return refused(id, "reject", model, response);
	}

	private String refused(long id, String action, Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		model.addAttribute("failedAction", action);
		return page(id, model);
	}

	private String page(long id, Model model) {
		model.addAttribute("schedule", this.schedules.find(id));
		// as last measured; never measured on a page request
		model.addAttribute("gradeOdds", this.gradeOdds.inForce().orElse(null));
		model.addAttribute("rejectionReasons", RejectionReason.values());
		return "schedules/show";
	}

	/**
	 * What a bulk decision did, its reasons already in the reader's language: the report
	 * travels in the session to the page after the redirect.
	 */
	private ScheduleReport report(String action, Schedules.BulkOutcome outcome, Locale locale) {
		return new ScheduleReport(action,
				outcome.decided()
					.stream()
					.map((decided) -> new ScheduleReport.Decided(decided.invoiceId(), decided.number(),
							decided.status(), (decided.advance() != null) ? decided.advance().amount() : null))
					.toList(),
				outcome.skipped()
					.stream()
					.map((skipped) -> new ScheduleReport.Skipped(skipped.invoiceId(), skipped.number(),
							this.messages.getMessage(skipped.reason(), locale)))
					.toList());
	}

}
