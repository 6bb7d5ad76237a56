package com.factordesk.admin;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import com.factordesk.pricing.PricingAdministration;
import com.factordesk.pricing.PricingBand;
import com.factordesk.pricing.PricingParameters;
import com.factordesk.pricing.PricingSimulation;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.LongRunning;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin console's pricing bands: the version in force, every version published, and
 * the form that publishes a new one; beside them the pricing parameters in force and the
 * form that publishes their next version. A draft of the bands can be simulated (the
 * queue and the last 90 days' decisions re-priced with it) and is published only once
 * confirmed, with the draft beside the version in force and its simulation in view.
 */
@Controller
@RequestMapping("/admin/pricing")
@LongRunning
class PricingController {

	private final PricingAdministration pricing;

	private final PricingSimulation simulation;

	private final Clock clock;

	PricingController(PricingAdministration pricing, PricingSimulation simulation, Clock clock) {
		this.pricing = pricing;
		this.simulation = simulation;
		this.clock = clock;
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("form", PricingForm.of(this.pricing.inForce(), LocalDate.now(this.clock)));
		return page(model);
	}

	@PostMapping("/simulate")
	String simulate(@Valid @ModelAttribute("form") PricingForm form, BindingResult result, Model model) {
		if (!result.hasErrors()) {
			simulateInto(form, result, model);
		}
		return page(model);
	}

	/**
	 * Publishes the draft once confirmed; until then shows it beside the version in force
	 * with its simulation and asks for the confirmation.
	 */
	@PostMapping
	String publish(@Valid @ModelAttribute("form") PricingForm form, BindingResult result,
			@RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed, Principal principal,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return page(model);
		}
		if (!confirmed) {
			if (simulateInto(form, result, model)) {
				model.addAttribute("confirming", true);
			}
			return page(model);
		}
		try {
			int version = this.pricing.publish(form.getEffectiveFrom(), form.toBands(), principal.getName());
			redirect.addFlashAttribute("success", "pricing.published");
			redirect.addFlashAttribute("successArg", version);
			return "redirect:/admin/pricing";
		}
		catch (BusinessRefusal ex) {
			ex.rejectOn(result);
			return page(model);
		}
	}

	@PostMapping("/parameters")
	String publishParameters(@Valid @ModelAttribute("parametersForm") PricingParametersForm form, BindingResult result,
			Principal principal, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return page(model);
		}
		try {
			int version = this.pricing.publishParameters(form.toCommand(), principal.getName());
			redirect.addFlashAttribute("success", "pricing.parameters.published");
			redirect.addFlashAttribute("successArg", version);
			return "redirect:/admin/pricing";
		}
		catch (BusinessRefusal ex) {
			ex.rejectOn(result);
			return page(model);
		}
	}

	private boolean simulateInto(PricingForm form, BindingResult result, Model model) {
		try {
			List<PricingBand> draft = form.toBands();
			model.addAttribute("simulation", this.simulation.simulate(draft));
			model.addAttribute("decidedDays", PricingSimulation.DECIDED_DAYS);
			model.addAttribute("draft", draft.stream().sorted(Comparator.comparing(PricingBand::scoreFrom)).toList());
			return true;
		}
		catch (BusinessRefusal ex) {
			ex.rejectOn(result);
			return false;
		}
	}

	private String page(Model model) {
		model.addAttribute("inForce", this.pricing.inForce());
		model.addAttribute("currentBands",
				this.pricing.inForce().bands().stream().sorted(Comparator.comparing(PricingBand::scoreFrom)).toList());
		model.addAttribute("versions", this.pricing.versions());
		PricingParameters parameters = this.pricing.parametersInForce();
		LocalDate today = LocalDate.now(this.clock);
		model.addAttribute("parameters", parameters);
		model.addAttribute("concentrationRules", PricingParameters.ConcentrationRule.values());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", PricingForm.of(this.pricing.inForce(), today));
		}
		if (!model.containsAttribute("parametersForm")) {
			model.addAttribute("parametersForm", PricingParametersForm.of(parameters, today));
		}
		model.addAttribute("today", LocalDate.now(this.clock));
		return "admin/pricing";
	}

}
