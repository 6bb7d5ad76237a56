package com.factordesk.web;

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
		if (has(authentication, "ROLE_UNDERWRITER")) {
			return "redirect:/queue";
		}
		if (has(authentication, "ROLE_MANAGER")) {
			return "redirect:/portfolio";
		}
		if (has(authentication, "ROLE_ADMIN")) {
			return "redirect:/admin/users";
		}
		return "home/no-role";
	}

	private static boolean has(Authentication authentication, String authority) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
	}

}
