package com.factordesk.web;

import com.factordesk.security.UserAccounts;
import com.factordesk.shared.BusinessRefusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every user's own password: changed with the current one, and chosen at the first
 * sign-in after an administrator's reset (until then the account holds no role and every
 * page leads here). A change ends every session of the user, this one too: they sign in
 * again with the new password.
 */
@Controller
@RequestMapping(UserAccounts.PASSWORD_PAGE)
class AccountController {

	private final UserAccounts accounts;

	AccountController(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@ModelAttribute("mustChange")
	boolean mustChange(Authentication authentication) {
		return UserAccounts.mustChoosePassword(authentication);
	}

	@GetMapping
	String form(Model model) {
		model.addAttribute("form", new PasswordForm());
		return "account/password";
	}

	@PostMapping
	String change(@Valid @ModelAttribute("form") PasswordForm form, BindingResult result, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response) {
		if (!result.hasFieldErrors("newPassword") && !form.getNewPassword().equals(form.getRepeatPassword())) {
			result.rejectValue("repeatPassword", "user.password.repeat", "The two new passwords differ");
		}
		if (result.hasErrors()) {
			return "account/password";
		}
		try {
			this.accounts.changeOwnPassword(authentication.getName(), form.getCurrentPassword(), form.getNewPassword());
		}
		catch (BusinessRefusal ex) {
			ex.rejectOn(result);
			return "account/password";
		}
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		return "redirect:/login?changed";
	}

}
