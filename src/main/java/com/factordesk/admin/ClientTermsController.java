package com.factordesk.admin;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import com.factordesk.client.DayCount;
import com.factordesk.client.ClientIntake;
import com.factordesk.client.FacilityTemplates;
import com.factordesk.client.FacilityTermsAgreements;
import com.factordesk.client.FacilityTermsAgreements.AgreedTerms;
import com.factordesk.client.FacilityTermsAgreements.TermsHistory;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.shared.BusinessRefusal;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The admin console's facilities: every client with the version of its terms in force,
 * and per client its terms over time and the form that agrees the next version from a day
 * on, confirmed beside the terms in force. Limits and enforcement are credit decisions
 * taken on the workbench and are only shown here.
 */
@Controller
@RequestMapping("/admin/clients")
class ClientTermsController {

	private final FacilityTermsAgreements agreements;

	private final FacilityTemplates templates;

	private final ClientIntake intake;

	private final Clock clock;

	ClientTermsController(FacilityTermsAgreements agreements, FacilityTemplates templates, ClientIntake intake,
			Clock clock) {
		this.intake = intake;
		this.agreements = agreements;
		this.templates = templates;
		this.clock = clock;
	}

	@GetMapping
	String list(Model model) {
		return listPage(model);
	}

	/**
	 * Opens a client on the facility template in use, then shows its facility's terms.
	 */
	@PostMapping
	String create(@Valid @ModelAttribute("newClientForm") NewClientForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				ClientIntake.NewClient client = form.toCommand();
				this.intake.create(client);
				redirect.addFlashAttribute("success", "client.created");
				redirect.addFlashAttribute("successArg", client.ref());
				return "redirect:/admin/clients/"
						+ UriUtils.encodePathSegment(client.ref(), java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (BusinessRefusal ex) {
				ex.rejectOn(result);
			}
		}
		return listPage(model);
	}

	/**
	 * Publishes the template of new clients' facilities once confirmed; until then shows
	 * it beside the template in use and asks for the confirmation.
	 */
	@PostMapping("/template")
	String publishTemplate(@Valid @ModelAttribute("templateForm") TemplateForm form, BindingResult result,
			@RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed, Principal principal,
			Model model, RedirectAttributes redirect) {
		form.checkRecourse(result);
		if (result.hasErrors()) {
			return listPage(model);
		}
		FacilityTemplates.Template current = this.templates.current();
		AgreedTerms now = form.toTerms().normalised();
		if (current.limit().equals(form.toLimit()) && current.terms().equals(now)) {
			result.reject("template.unchanged", new Object[] { current.version() },
					"The template is the same as the one in use: nothing to publish");
			return listPage(model);
		}
		if (!confirmed) {
			model.addAttribute("confirming", true);
			model.addAttribute("draft", new FacilityTermsAgreements.TermsVersion(0, null, now,
					current.asTermsVersion().currency(), null, null, form.getReason(), false));
			model.addAttribute("draftLimit", form.toLimit());
			Set<String> changed = changed(current.terms(), now);
			if (!current.limit().equals(form.toLimit())) {
				changed.add("limit");
			}
			model.addAttribute("changedTerms", changed);
			return listPage(model);
		}
		try {
			int version = this.templates.publish(form.toLimit(), form.toTerms(), form.getReason(), principal.getName());
			redirect.addFlashAttribute("success", "template.published");
			redirect.addFlashAttribute("successArg", version);
			return "redirect:/admin/clients";
		}
		catch (BusinessRefusal ex) {
			ex.rejectOn(result);
			return listPage(model);
		}
	}

	private String listPage(Model model) {
		FacilityTemplates.Template template = this.templates.current();
		model.addAttribute("clients", this.agreements.clients());
		model.addAttribute("template", template);
		model.addAttribute("templateTerms", template.asTermsVersion());
		model.addAttribute("templates", this.templates.versions());
		model.addAttribute("feeKinds", FeeKind.values());
		model.addAttribute("dayCounts", DayCount.values());
		if (!model.containsAttribute("newClientForm")) {
			model.addAttribute("newClientForm", new NewClientForm());
		}
		if (!model.containsAttribute("templateForm")) {
			model.addAttribute("templateForm", TemplateForm.of(template));
		}
		return "admin/clients";
	}

	@GetMapping("/{ref}")
	String show(@PathVariable String ref, Model model) {
		return page(this.agreements.history(ref), model);
	}

	/**
	 * Agrees the terms once confirmed; until then shows them beside the terms in force
	 * and asks for the confirmation.
	 */
	@PostMapping("/{ref}/terms")
	String agree(@PathVariable String ref, @Valid @ModelAttribute("form") AgreeTermsForm form, BindingResult result,
			@RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed, Principal principal,
			Model model, RedirectAttributes redirect) {
		TermsHistory history = this.agreements.history(ref);
		form.checkRecourse(result);
		if (result.hasErrors()) {
			return page(history, model);
		}
		if (!confirmed) {
			model.addAttribute("confirming", true);
			AgreedTerms now = form.toTerms().normalised();
			model.addAttribute("draft", new FacilityTermsAgreements.TermsVersion(0, form.getEffectiveFrom(), now,
					history.current().currency(), null, null, form.getReason(), false));
			model.addAttribute("changedTerms", changed(history.current().terms(), now));
			return page(history, model);
		}
		try {
			int version = this.agreements.agree(ref, form.toTerms(), form.getEffectiveFrom(), form.getReason(),
					principal.getName());
			redirect.addFlashAttribute("success", "terms.agreed");
			redirect.addFlashAttribute("successArg", version);
			return "redirect:/admin/clients/" + ref;
		}
		catch (BusinessRefusal ex) {
			ex.rejectOn(result);
			return page(history, model);
		}
	}

	/**
	 * The terms (as the page names them) that differ between two versions.
	 */
	static Set<String> changed(AgreedTerms was, AgreedTerms now) {
		Set<String> changed = new LinkedHashSet<>();
		if (!was.advanceRate().equals(now.advanceRate())) {
			changed.add("advance");
		}
		if (!Objects.equals(was.recourseDays(), now.recourseDays())) {
			changed.add("recourse");
		}
		if (was.notification() != now.notification()) {
			changed.add("notification");
		}
		if (!was.concentrationLimit().equals(now.concentrationLimit())) {
			changed.add("concentration");
		}
		FeeTerms wasFees = was.feeTerms();
		FeeTerms nowFees = now.feeTerms();
		if (wasFees.kind() != nowFees.kind() || wasFees.periodDays() != nowFees.periodDays()
				|| wasFees.dayCount() != nowFees.dayCount()) {
			changed.add("fees");
		}
		if (!wasFees.clientDiscount().equals(nowFees.clientDiscount())) {
			changed.add("discount");
		}
		return changed;
	}

	private String page(TermsHistory history, Model model) {
		LocalDate today = LocalDate.now(this.clock);
		model.addAttribute("history", history);
		model.addAttribute("current", history.current());
		model.addAttribute("feeKinds", FeeKind.values());
		model.addAttribute("dayCounts", DayCount.values());
		model.addAttribute("today", today);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", AgreeTermsForm.of(history.versions().get(0), today));
		}
		return "admin/client-terms";
	}

}
