package com.factordesk.admin;

import java.security.Principal;

import com.factordesk.approval.CreditPolicy;
import com.factordesk.approval.PolicyProperties;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;
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

/**
 * The admin console's credit policy: the settings in force, every version published (each
 * can be opened), and the form that publishes the next one once confirmed, with the
 * version in force beside the new settings.
 */
@Controller
@RequestMapping("/admin/policy")
class PolicyController {

	private final CreditPolicy policy;

	PolicyController(CreditPolicy policy) {
		this.policy = policy;
	}

	@GetMapping
	String show(Model model) {
		return page(model);
	}

	@GetMapping("/versions/{version}")
	String version(@PathVariable int version, Model model) {
		model.addAttribute("shown",
				this.policy.version(version).orElseThrow(() -> new NotFoundException("policy version", version)));
		return page(model);
	}

	/**
	 * Publishes the settings once confirmed; until then shows them beside the version in
	 * force and asks for the confirmation.
	 */
	@PostMapping
	String publish(@Valid @ModelAttribute("form") PolicyForm form, BindingResult result,
			@RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed, Principal principal,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return page(model);
		}
		PolicyProperties settings = form.toSettings();
		if (this.policy.isInForce(settings)) {
			result.reject("policy.unchanged", new Object[] { this.policy.inForce().version() },
					"Every setting is the same as in the version in force: nothing to publish");
			return page(model);
		}
		if (!confirmed) {
			model.addAttribute("confirming", true);
			model.addAttribute("draft", settings);
			return page(model);
		}
		try {
			int version = this.policy.publish(settings, form.getReason(), principal.getName());
			redirect.addFlashAttribute("success", "policy.published");
			redirect.addFlashAttribute("successArg", version);
			return "redirect:/admin/policy";
		}
		catch (BusinessRefusal ex) {
			ex.rejectOn(result);
			return page(model);
		}
	}

	private String page(Model model) {
		CreditPolicy.PolicyVersion inForce = this.policy.inForce();
		model.addAttribute("inForce", inForce);
		model.addAttribute("versions", this.policy.versions());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", PolicyForm.of(inForce.settings()));
		}
		return "admin/policy";
	}

}
