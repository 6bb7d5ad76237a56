package com.factordesk.admin;

import java.beans.PropertyEditorSupport;
import java.security.Principal;

import com.factordesk.debtor.BureauProvider;
import com.factordesk.risk.ScoringAdministration;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.LocaleNumbers;
import jakarta.validation.Valid;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin console's scoring weights and curves: the version in use, every version
 * published, and the form that publishes a new one.
 */
@Controller
@RequestMapping("/admin/scoring")
class ScoringController {

	private final ScoringAdministration scoring;

	ScoringController(ScoringAdministration scoring) {
		this.scoring = scoring;
	}

	/**
	 * The curves read and show their points the reader's way: "0:100; 0,05:80" in Dutch.
	 */
	@InitBinder("form")
	void localPoints(WebDataBinder binder) {
		PropertyEditorSupport points = new PropertyEditorSupport() {

			@Override
			public void setAsText(String text) {
				setValue(LocaleNumbers.machinePoints(text, LocaleContextHolder.getLocale()));
			}

			@Override
			public String getAsText() {
				return LocaleNumbers.localPoints((String) getValue(), LocaleContextHolder.getLocale());
			}

		};
		for (String field : new String[] { "adbtCurve", "disputeRateCurve", "bureauScales" }) {
			binder.registerCustomEditor(String.class, field, points);
		}
	}

	@ModelAttribute("providers")
	BureauProvider[] providers() {
		return BureauProvider.values();
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("form", ScoringForm.of(this.scoring.current()));
		return page(model);
	}

	@PostMapping
	String publish(@Valid @ModelAttribute("form") ScoringForm form, BindingResult result, Principal principal,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return page(model);
		}
		try {
			int version = this.scoring.publish(form.toCommand(), principal.getName());
			redirect.addFlashAttribute("success", "scoring.published");
			redirect.addFlashAttribute("successArg", version);
			return "redirect:/admin/scoring";
		}
		catch (BusinessRefusal ex) {
			ex.rejectOn(result);
			return page(model);
		}
	}

	private String page(Model model) {
		model.addAttribute("current", this.scoring.current());
		model.addAttribute("versions", this.scoring.versions());
		return "admin/scoring";
	}

}
