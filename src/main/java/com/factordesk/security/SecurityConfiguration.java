package com.factordesk.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Who may open which screen. Pages use form login with CSRF; every URL needs a role
 * except the login page and the static assets.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	SecurityFilterChain pages(HttpSecurity http, ApiKeys apiKeys, ProblemResponses problems) throws Exception {
		// an API request is never saved for after a login: no session for a call without
		// credentials
		HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
		pagesOnly.setRequestMatcher((request) -> "GET".equals(request.getMethod()) && !isApi(request)
				&& !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
				&& !request.getRequestURI().endsWith("/favicon.ico"));
		http.authorizeHttpRequests(
				(requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
					.permitAll()
					.requestMatchers("/login", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico",
							"/actuator/health", "/actuator/health/**")
					.permitAll()
					.requestMatchers("/queue/**", "/invoices/**", "/debtors/**", "/clients/**")
					.hasAnyRole(Role.UNDERWRITER.name(), Role.MANAGER.name())
					.requestMatchers("/portfolio/**")
					.hasRole(Role.MANAGER.name())
					.requestMatchers("/admin/**")
					.hasRole(Role.ADMIN.name())
					.requestMatchers(HttpMethod.GET, "/api/**")
					.hasAnyAuthority(ApiKeys.READ, Role.UNDERWRITER.authority(), Role.MANAGER.authority(),
							Role.ADMIN.authority())
					.requestMatchers(HttpMethod.HEAD, "/api/**")
					.hasAnyAuthority(ApiKeys.READ, Role.UNDERWRITER.authority(), Role.MANAGER.authority(),
							Role.ADMIN.authority())
					// changes through the API come from integrations' keys, never from a
					// browser session
					.requestMatchers("/api/**")
					.hasAuthority(ApiKeys.IMPORT)
					.anyRequest()
					.authenticated())
			.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems), AnonymousAuthenticationFilter.class)
			.requestCache((cache) -> cache.requestCache(pagesOnly))
			// the API is stateless: a change through it needs a key's import right, which
			// no session holds
			.csrf((csrf) -> csrf.ignoringRequestMatchers(SecurityConfiguration::isApi))
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(loginSuccess())
				.failureHandler(loginFailure())
				.permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(
						(request, response, exception) -> problems.write(response, HttpServletResponse.SC_UNAUTHORIZED,
								"Unauthorized",
								"Send an API key in the " + ApiKeys.HEADER
										+ " header, or call GET requests in a logged-in session"),
						SecurityConfiguration::isApi)
				.defaultAccessDeniedHandlerFor(
						(request, response, exception) -> problems.write(response, HttpServletResponse.SC_FORBIDDEN,
								"Forbidden",
								"These credentials may not " + request.getMethod() + " " + request.getRequestURI()),
						SecurityConfiguration::isApi)
				// with a single mapping Spring Security would use it for the pages too
				.defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), (request) -> !isApi(request))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						(request) -> !isApi(request)));
		return http.build();
	}

	/**
	 * API requests get a 401 instead of a redirect to the login page.
	 */
	static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	/**
	 * The CSRF token of the new session is made at the login, not by the first page that
	 * needs one: tabs opened at once after a login then share one token, and each tab's
	 * forms work (otherwise the last tab to save its own token wins and the others' forms
	 * are refused).
	 */
	private AuthenticationSuccessHandler loginSuccess() {
		AuthenticationSuccessHandler savedRequest = new SavedRequestAwareAuthenticationSuccessHandler();
		return (request, response, authentication) -> {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			savedRequest.onAuthenticationSuccess(request, response, authentication);
		};
	}

	private AuthenticationFailureHandler loginFailure() {
		return (request, response, exception) -> {
			String reason = "bad";
			if (exception instanceof LockedException) {
				reason = "locked";
			}
			else if (exception instanceof DisabledException) {
				reason = "disabled";
			}
			response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
		};
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
