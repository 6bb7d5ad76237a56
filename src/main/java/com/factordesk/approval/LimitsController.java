package com.factordesk.approval;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.factordesk.client.Enforcement;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;
import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Limits as credit decisions: the proposals waiting for a manager and the credit limits
 * due for review ({@code /limits}), a client's facility limit
 * ({@code /clients/{ref}/limit}), and a manager's apply or refuse.
 */
@Controller
class LimitsController {

	/** The pages a decision's buttons may return to. */
	private static final Pattern BACK = Pattern
		.compile("/limits|/debtors/[A-Za-z0-9._-]{1,64}|/clients/[A-Za-z0-9._-]{1,64}/limit");

	private final LimitViews views;

	private final CreditLimits creditLimits;

	private final MessageSource messages;

	LimitsController(LimitViews views, CreditLimits creditLimits, MessageSource messages) {
		this.views = views;
		this.creditLimits = creditLimits;
		this.messages = messages;
	}

	@GetMapping("/limits")
	String list(Model model) {
		model.addAttribute("overview", this.views.overview());
		return "limits/list";
	}

	@GetMapping("/clients/{ref}/limit")
	String show(@PathVariable String ref, Model model) {
		model.addAttribute("limits", this.views.forClient(ref).orElseThrow(() -> new NotFoundException("Client", ref)));
		if (!model.containsAttribute("facilityLimitForm")) {
			model.addAttribute("facilityLimitForm", new LimitForm());
		}
		if (!model.containsAttribute("enforcementForm")) {
			model.addAttribute("enforcementForm", new EnforcementForm());
		}
		model.addAttribute("enforcements", Enforcement.values());
		return "limits/facility";
	}

	@PostMapping("/clients/{ref}/enforcement")
	String enforce(@PathVariable String ref, @Valid @ModelAttribute("enforcementForm") EnforcementForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				this.creditLimits.setEnforcement(ref, form.getMode(), form.getReason());
				redirect.addFlashAttribute("success", "limit.enforcement.changed");
				return "redirect:/clients/{ref}/limit";
			}
			catch (BusinessRefusal ex) {
				ex.rejectOn(result);
			}
		}
		return show(ref, model);
	}

	@PostMapping("/clients/{ref}/limit")
	String propose(@PathVariable String ref, @Valid @ModelAttribute("facilityLimitForm") LimitForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				CreditLimitDecision.Status status = this.creditLimits
					.propose(form.toCommand(CreditLimitDecision.Kind.FACILITY_LIMIT, ref));
				redirect.addFlashAttribute("success",
						(status == CreditLimitDecision.Status.APPLIED) ? "limit.applied" : "limit.waiting");
				return "redirect:/clients/{ref}/limit";
			}
			catch (BusinessRefusal ex) {
				ex.rejectOn(result);
			}
		}
		return show(ref, model);
	}

	@PostMapping("/limits/{id}/apply")
	String apply(@PathVariable long id, @RequestParam(defaultValue = "") String note,
			@RequestParam(defaultValue = "/limits") String back, RedirectAttributes redirect, Locale locale) {
		try {
			this.creditLimits.apply(id, note);
			redirect.addFlashAttribute("success", "limit.applied");
		}
		catch (BusinessRefusal ex) {
			refused(ex, redirect, locale);
		}
		return "redirect:" + back(back);
	}

	@PostMapping("/limits/{id}/refuse")
	String refuse(@PathVariable long id, @RequestParam(defaultValue = "") String note,
			@RequestParam(defaultValue = "/limits") String back, RedirectAttributes redirect, Locale locale) {
		try {
			this.creditLimits.refuse(id, note);
			redirect.addFlashAttribute("success", "limit.refused");
		}
		catch (BusinessRefusal ex) {
			refused(ex, redirect, locale);
		}
		return "redirect:" + back(back);
	}

	/**
	 * The refusal, said in the reader's language, as the flash message of the page the
	 * manager returns to.
	 */
	private void refused(BusinessRefusal refusal, RedirectAttributes redirect, Locale locale) {
		redirect.addFlashAttribute("failure", "limit.refusal");
		redirect.addFlashAttribute("successArg",
				refusal.getViolations()
					.stream()
					.map((violation) -> this.messages.getMessage(violation, locale))
					.collect(Collectors.joining(" ")));
	}

	private static String back(String back) {
		return BACK.matcher(back).matches() ? back : "/limits";
	}

}
