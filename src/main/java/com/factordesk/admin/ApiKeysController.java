package com.factordesk.admin;

import java.security.Principal;

import java.util.Optional;

import com.factordesk.security.ApiKeys;
import com.factordesk.security.ApiKeys.ApiKeySummary;
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

/**
 * The admin console's API keys: issue a key to an integration (shown once, in the answer
 * to the form, and kept nowhere but as a hash), list the keys, revoke one after
 * confirming.
 */
@Controller
@RequestMapping("/admin/api-keys")
class ApiKeysController {

	private final ApiKeys keys;

	ApiKeysController(ApiKeys keys) {
		this.keys = keys;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("form", new ApiKeyForm());
		return page(model);
	}

	/**
	 * Issues a key and shows it in this answer, not after a redirect: the key must not
	 * wait in the session for the next page.
	 */
	@PostMapping
	String issue(@Valid @ModelAttribute("form") ApiKeyForm form, BindingResult result, Principal principal,
			Model model) {
		if (!result.hasErrors()) {
			try {
				model.addAttribute("issued", this.keys.issue(form.getName().trim(), form.isCanRead(),
						form.isCanImport(), principal.getName()));
				model.asMap().remove(BindingResult.MODEL_KEY_PREFIX + "form");
				model.addAttribute("form", new ApiKeyForm());
			}
			catch (BusinessRefusal ex) {
				ex.rejectOn(result);
			}
		}
		return page(model);
	}

	/**
	 * Revokes a key once confirmed; until then shows the key, its rights and its last
	 * use, and what revoking it does, with the button that confirms.
	 */
	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable long id, @RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed,
			Principal principal, Model model, RedirectAttributes redirect) {
		if (!confirmed) {
			Optional<ApiKeySummary> key = this.keys.list()
				.stream()
				.filter((each) -> each.id() == id && each.active())
				.findFirst();
			if (key.isEmpty()) {
				redirect.addFlashAttribute("failure", "apiKey.revoke.none");
				return "redirect:/admin/api-keys";
			}
			model.addAttribute("revoking", key.get());
			model.addAttribute("form", new ApiKeyForm());
			return page(model);
		}
		try {
			String name = this.keys.revoke(id, principal.getName());
			redirect.addFlashAttribute("success", "apiKeys.revoked");
			redirect.addFlashAttribute("successArg", name);
		}
		catch (BusinessRefusal ex) {
			redirect.addFlashAttribute("failure", ex.getCode());
		}
		return "redirect:/admin/api-keys";
	}

	private String page(Model model) {
		model.addAttribute("keys", this.keys.list());
		return "admin/api-keys";
	}

}
