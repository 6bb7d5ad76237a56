package com.factordesk.web;

import com.factordesk.security.Role;
import com.factordesk.security.UserAccounts;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Sends each user to the home screen of their role: underwriters to the queue, managers
 * to the portfolio, administrators to the admin console.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String home(Authentication authentication) {
		if (UserAccounts.mustChoosePassword(authentication)) {
			return "redirect:" + UserAccounts.PASSWORD_PAGE;
		}
		if (has(authentication, Role.UNDERWRITER)) {
			return "redirect:/queue";
		}
		if (has(authentication, Role.MANAGER)) {
			return "redirect:/portfolio";
		}
		if (has(authentication, Role.ADMIN)) {
			return "redirect:/admin/users";
		}
		return "home/no-role";
	}

	private static boolean has(Authentication authentication, Role role) {
		return authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(role.authority()::equals);
	}

}
