package com.factordesk.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may open which screen. Pages use form login with CSRF, throttled by
 * {@link ThrottledLogin}; every URL needs a role except the login page and the static
 * assets. The API's reads accept a session with the role of the matching page, or a key
 * with the read right; its changes only a key with the import right. Every answer carries
 * a Content-Security-Policy without inline script or style, a Referrer-Policy and a
 * Permissions-Policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/**
	 * Everything from this server, nothing inline: no inline script or style, no event
	 * handler attribute, no plugin, no framing. Data for scripts comes in JSON blocks
	 * ({@code <script type="application/json">}), which a browser does not run. Images
	 * may be data URLs (Bootstrap draws its check marks and arrows so).
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * The policy above for the API's browser (springdoc's Swagger UI, for admins), with
	 * the one style element its script inserts allowed by its hash: nothing else inline.
	 * A Swagger UI that inserts another shows as a violation in
	 * {@code ApiDocumentationBrowserTests}.
	 */
	static final String API_BROWSER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
			"style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='");

	/**
	 * The browser features the desk never uses, refused to every page and frame.
	 */
	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			+ "serial=(), display-capture=()";

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	SecurityFilterChain pages(HttpSecurity http, ApiKeys apiKeys, ProblemResponses problems,
			ObjectProvider<LoginThrottle> throttle, ObjectProvider<UserDetailsService> users,
			PasswordEncoder passwordEncoder, ObjectProvider<AuthenticationEventPublisher> events) throws Exception {
		// an API request is never saved for after a login: no session for a call without
		// credentials
		HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
		pagesOnly.setRequestMatcher((request) -> "GET".equals(request.getMethod()) && !isMachine(request)
				&& !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
				&& !request.getRequestURI().endsWith("/favicon.ico"));
		http.authorizeHttpRequests(
				(requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
					.permitAll()
					.requestMatchers("/login", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico",
							"/actuator/health", "/actuator/health/**")
					.permitAll()
					.requestMatchers("/queue/**", "/invoices/**", "/schedules/**", "/debtors/**", "/clients/**",
							"/limits/**", "/funding/**", "/receipts/**", "/collections/**")
					.hasAnyRole(Role.UNDERWRITER.name(), Role.MANAGER.name())
					.requestMatchers("/portfolio/**")
					.hasRole(Role.MANAGER.name())
					// the backtest: how well the score ranks, for managers and the admins
					// who
					// calibrate it
					.requestMatchers("/risk/**")
					.hasAnyRole(Role.MANAGER.name(), Role.ADMIN.name())
					.requestMatchers("/admin/**")
					.hasRole(Role.ADMIN.name())
					// the metrics and the build: a read key (a Prometheus scrape sends it
					// in
					// the X-API-Key header) or an admin
					.requestMatchers("/actuator/prometheus", "/actuator/info")
					.hasAnyAuthority(ApiKeys.READ, Role.ADMIN.authority())
					// the API's description and its browser: admins, who make the keys
					.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
							"/swagger-ui/**")
					.hasRole(Role.ADMIN.name())
					// API reads: a session what its role sees on the pages, a read key
					// all
					.requestMatchers(apiRead("/api/v1/debtors/**", "/api/v1/invoices/**"))
					.hasAnyAuthority(ApiKeys.READ, Role.UNDERWRITER.authority(), Role.MANAGER.authority())
					.requestMatchers(apiRead("/api/v1/portfolio/**"))
					.hasAnyAuthority(ApiKeys.READ, Role.MANAGER.authority())
					// as the backtest page (and the backtest's method security)
					.requestMatchers(apiRead("/api/v1/risk/backtest"))
					.hasAnyAuthority(ApiKeys.READ, Role.MANAGER.authority(), Role.ADMIN.authority())
					// a read that no rule above maps: keys only, until a page says
					// otherwise
					.requestMatchers(apiRead("/api/**"))
					.hasAuthority(ApiKeys.READ)
					// changes through the API come from integrations' keys, never from a
					// browser session
					.requestMatchers("/api/**")
					.hasAuthority(ApiKeys.IMPORT)
					.anyRequest()
					.authenticated())
			.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems), AnonymousAuthenticationFilter.class)
			.requestCache((cache) -> cache.requestCache(pagesOnly))
			.headers((headers) -> headers
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter((request) -> !isApiBrowser(request),
						new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SecurityConfiguration::isApiBrowser,
						new ContentSecurityPolicyHeaderWriter(API_BROWSER_CONTENT_SECURITY_POLICY)))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.permissionsPolicyHeader((permissions) -> permissions.policy(PERMISSIONS_POLICY)))
			// the API is stateless: a change through it needs a key's import right, which
			// no session holds
			.csrf((csrf) -> csrf.ignoringRequestMatchers(SecurityConfiguration::isApi))
			.authenticationManager(loginManager(new ThrottledLogin(throttle, users, passwordEncoder), events))
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
						SecurityConfiguration::isMachine)
				.defaultAccessDeniedHandlerFor(
						(request, response, exception) -> problems.write(response, HttpServletResponse.SC_FORBIDDEN,
								"Forbidden",
								"These credentials may not " + request.getMethod() + " " + request.getRequestURI()),
						SecurityConfiguration::isMachine)
				// with a single mapping Spring Security would use it for the pages too
				.defaultAccessDeniedHandlerFor(pageDenied(), (request) -> !isMachine(request))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						(request) -> !isMachine(request)));
		return http.build();
	}

	/**
	 * The pages of the API's browser (springdoc's Swagger UI).
	 */
	private static boolean isApiBrowser(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/swagger-ui/");
	}

	/**
	 * API requests get a 401 instead of a redirect to the login page.
	 */
	static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	/**
	 * A request of a program rather than a browser: the API and the actuator's endpoints
	 * (metrics, build). An API key authenticates it; it gets a 401 or 403 problem instead
	 * of the login page, and is never saved to be replayed after a login.
	 */
	static boolean isMachine(HttpServletRequest request) {
		return isApi(request) || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
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
			if (UserAccounts.mustChoosePassword(authentication)) {
				response.sendRedirect(request.getContextPath() + UserAccounts.PASSWORD_PAGE);
				return;
			}
			savedRequest.onAuthenticationSuccess(request, response, authentication);
		};
	}

	/**
	 * A page the user may not see: the usual 403 page, but a user who must choose a new
	 * password (and holds no role until then) is sent to the page where they do.
	 */
	private static AccessDeniedHandler pageDenied() {
		AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
		return (request, response, exception) -> {
			if (UserAccounts.mustChoosePassword(SecurityContextHolder.getContext().getAuthentication())) {
				response.sendRedirect(request.getContextPath() + UserAccounts.PASSWORD_PAGE);
				return;
			}
			forbidden.handle(request, response, exception);
		};
	}

	/**
	 * The login form's only way in: no parent manager that a refused login could fall
	 * back to. It publishes the usual authentication events.
	 */
	private static AuthenticationManager loginManager(ThrottledLogin login,
			ObjectProvider<AuthenticationEventPublisher> events) {
		ProviderManager manager = new ProviderManager(login);
		events.ifAvailable(manager::setAuthenticationEventPublisher);
		return manager;
	}

	/**
	 * GET and HEAD requests to these paths.
	 */
	private static RequestMatcher apiRead(String... patterns) {
		List<RequestMatcher> matchers = new ArrayList<>();
		for (String pattern : patterns) {
			matchers.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, pattern));
			matchers.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, pattern));
		}
		return new OrRequestMatcher(matchers);
	}

	/**
	 * One answer for every failed login (wrong password, unknown user, too many attempts
	 * from this address), so that nobody without the password learns anything about the
	 * account; only the right password of a disabled account hears that it is disabled (a
	 * {@link DisabledException} comes only after the password was checked).
	 */
	private AuthenticationFailureHandler loginFailure() {
		return (request, response, exception) -> response.sendRedirect(request.getContextPath()
				+ ((exception instanceof DisabledException) ? "/login?error=disabled" : "/login?error"));
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
