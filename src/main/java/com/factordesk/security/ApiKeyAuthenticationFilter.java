package com.factordesk.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests that carry an {@code X-API-Key} header, for that request
 * only (stateless: no session is created or used). An unknown or revoked key is a 401
 * problem, never a fall-back to the caller's session.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private final ApiKeys keys;

	private final ProblemResponses problems;

	ApiKeyAuthenticationFilter(ApiKeys keys, ProblemResponses problems) {
		this.keys = keys;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !SecurityConfiguration.isMachine(request) || request.getHeader(ApiKeys.HEADER) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Authentication> authentication = this.keys.authenticate(request.getHeader(ApiKeys.HEADER).trim());
		if (authentication.isEmpty()) {
			this.problems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
					"The API key is unknown or has been revoked");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication.get());
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
