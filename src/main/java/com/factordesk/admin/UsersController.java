package com.factordesk.admin;

import java.security.Principal;

import com.factordesk.security.Role;
import com.factordesk.security.UserAccounts;
import com.factordesk.security.UserSummary;
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
 * The admin console's users: list, create, change roles, disable (after confirming) and
 * enable.
 */
@Controller
@RequestMapping("/admin/users")
class UsersController {

	private final UserAccounts accounts;

	UsersController(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@ModelAttribute("allRoles")
	Role[] allRoles() {
		return Role.values();
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("users", this.accounts.list());
		return "admin/users/list";
	}

	@GetMapping("/new")
	String form(Model model) {
		model.addAttribute("form", new UserForm());
		return "admin/users/new";
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") UserForm form, BindingResult result, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return "admin/users/new";
		}
		try {
			UserSummary user = this.accounts.create(form.toCommand());
			redirect.addFlashAttribute("success", "user.created");
			redirect.addFlashAttribute("successArg", user.username());
			return "redirect:/admin/users";
		}
		catch (BusinessRefusal ex) {
			ex.rejectOn(result);
			return "admin/users/new";
		}
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, Model model) {
		UserSummary user = this.accounts.find(id);
		model.addAttribute("user", user);
		model.addAttribute("form", RolesForm.of(user));
		return "admin/users/edit";
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") RolesForm form, BindingResult result,
			Principal principal, Model model, RedirectAttributes redirect) {
		UserSummary user = this.accounts.find(id);
		if (!result.hasErrors()) {
			try {
				this.accounts.changeRoles(id, form.getFullName().trim(), form.getRoles(), principal.getName());
				redirect.addFlashAttribute("success", "user.updated");
				redirect.addFlashAttribute("successArg", user.username());
				return "redirect:/admin/users";
			}
			catch (BusinessRefusal ex) {
				ex.rejectOn(result);
			}
		}
		model.addAttribute("user", user);
		return "admin/users/edit";
	}

	/**
	 * Disables a user once confirmed; until then shows who, with their roles, and what
	 * disabling does, with the button that confirms.
	 */
	@PostMapping("/{id}/disable")
	String disable(@PathVariable long id, @RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed,
			Principal principal, Model model, RedirectAttributes redirect) {
		UserSummary user = this.accounts.find(id);
		if (!confirmed && user.enabled() && !user.username().equalsIgnoreCase(principal.getName())) {
			model.addAttribute("disabling", user);
			return list(model);
		}
		try {
			this.accounts.disable(id, principal.getName());
			redirect.addFlashAttribute("success", "user.disabled");
		}
		catch (BusinessRefusal ex) {
			redirect.addFlashAttribute("failure", ex.getCode());
		}
		redirect.addFlashAttribute("successArg", user.username());
		return "redirect:/admin/users";
	}

	/**
	 * Resets a user's password once confirmed, and shows the one-time password in this
	 * answer, not after a redirect: it must not wait in the session for the next page.
	 * Until confirmed, shows what a reset does.
	 */
	@PostMapping("/{id}/password-reset")
	String resetPassword(@PathVariable long id,
			@RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed, Principal principal,
			Model model) {
		UserSummary user = this.accounts.find(id);
		model.addAttribute("form", RolesForm.of(user));
		if (!confirmed) {
			model.addAttribute("resetting", true);
		}
		else {
			try {
				model.addAttribute("oneTimePassword", this.accounts.resetPassword(id, principal.getName()));
				user = this.accounts.find(id);
			}
			catch (BusinessRefusal ex) {
				model.addAttribute("failure", ex.getCode());
			}
		}
		model.addAttribute("user", user);
		return "admin/users/edit";
	}

	@PostMapping("/{id}/enable")
	String enable(@PathVariable long id, RedirectAttributes redirect) {
		UserSummary user = this.accounts.find(id);
		this.accounts.enable(id);
		redirect.addFlashAttribute("success", "user.enabled");
		redirect.addFlashAttribute("successArg", user.username());
		return "redirect:/admin/users";
	}

}
