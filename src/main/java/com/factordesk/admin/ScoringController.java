package com.factordesk.admin;

import java.beans.PropertyEditorSupport;
import java.security.Principal;

import com.factordesk.debtor.BureauProvider;
import com.factordesk.risk.ScoringAdministration;
import com.factordesk.risk.ScoringDraft;
import com.factordesk.risk.ScoringModel;
import com.factordesk.risk.calibration.ScoringCalibration;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.LocaleNumbers;
import com.factordesk.shared.LongRunning;
import jakarta.validation.Valid;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin console's scoring weights and curves: the version in use, every version
 * published, the form that publishes a new one, and calibration: the draft it fits beside
 * the version in force, to publish or discard.
 */
@Controller
@RequestMapping("/admin/scoring")
@LongRunning
class ScoringController {

	private final ScoringAdministration scoring;

	private final ScoringCalibration calibration;

	ScoringController(ScoringAdministration scoring, ScoringCalibration calibration) {
		this.scoring = scoring;
		this.calibration = calibration;
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

	/**
	 * Starts fitting a draft to the desk's history in the background, in place of the
	 * open draft; nobody is scored with it until it is published. The form names the
	 * version in force the admin saw (the draft is compared with it). The page shows the
	 * run and, when it is done, the draft.
	 */
	@PostMapping("/calibrate")
	String calibrate(@RequestParam int basedOnVersion, Principal principal, RedirectAttributes redirect) {
		try {
			this.calibration.start(basedOnVersion, principal.getName());
			redirect.addFlashAttribute("success", "scoring.calibration.started");
		}
		catch (BusinessRefusal ex) {
			redirect.addFlashAttribute("failure", ex.getCode());
		}
		return "redirect:/admin/scoring";
	}

	/**
	 * Where the latest calibration is, for the page to follow a running one.
	 */
	@GetMapping(path = "/calibration", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	RunStatus calibration() {
		return this.calibration.latestRun()
			.map((run) -> new RunStatus(run.status().name(), run.draftRevision()))
			.orElse(new RunStatus("NONE", null));
	}

	record RunStatus(String status, Integer draftRevision) {
	}

	/**
	 * Publishes the draft the admin saw as the next version and re-scores every debtor.
	 */
	@PostMapping("/draft/publish")
	String publishDraft(@RequestParam int revision, Principal principal, RedirectAttributes redirect) {
		int version = this.scoring.publishDraft(revision, principal.getName());
		redirect.addFlashAttribute("success", "scoring.published");
		redirect.addFlashAttribute("successArg", version);
		return "redirect:/admin/scoring";
	}

	/**
	 * Discards the draft the admin saw; nothing else changes.
	 */
	@PostMapping("/draft/discard")
	String discardDraft(@RequestParam int revision, Principal principal, RedirectAttributes redirect) {
		this.scoring.discardDraft(revision, principal.getName());
		redirect.addFlashAttribute("success", "scoring.draft.discarded");
		redirect.addFlashAttribute("successArg", revision);
		return "redirect:/admin/scoring";
	}

	private String page(Model model) {
		ScoringModel current = this.scoring.current();
		model.addAttribute("current", current);
		model.addAttribute("versions", this.scoring.versions());
		ScoringDraft draft = this.scoring.draft().orElse(null);
		model.addAttribute("draft", draft);
		model.addAttribute("currentCurves", Curves.of(current));
		model.addAttribute("draftCurves", (draft != null) ? Curves.of(draft.model()) : null);
		model.addAttribute("nextVersion", current.version() + 1);
		model.addAttribute("calibrationRun", this.calibration.latestRun().orElse(null));
		return "admin/scoring";
	}

	/**
	 * The curves of a model as the page writes them, "0:100, 15:75".
	 */
	record Curves(String adbt, String disputeRate) {

		static Curves of(ScoringModel model) {
			return new Curves(ScoringAdministration.text(model.adbtCurve()),
					ScoringAdministration.text(model.disputeRateCurve()));
		}

	}

}
