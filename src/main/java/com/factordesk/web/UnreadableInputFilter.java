package com.factordesk.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.factordesk.shared.InputBounds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400 to a request that no handler could read, before anything else sees it (the
 * session, Spring Security's CSRF check, a controller, the database): a multipart body
 * that does not parse (Tomcat would otherwise fail inside the first {@code getParameter}
 * or in the {@code DispatcherServlet}, a 500 with a long stack trace per request), a
 * control character in the path, a parameter name or a value (tab and line breaks allowed
 * in values: PostgreSQL refuses a NUL byte in text), and a number written with an
 * exponent no desk figure has ({@code 1E+999999999}). One line at DEBUG per refusal,
 * never a stack trace.
 */
class UnreadableInputFilter extends OncePerRequestFilter {

	/**
	 * The request attribute that names why a request was refused (a message key), for the
	 * error page.
	 */
	static final String REASON = UnreadableInputFilter.class.getName() + ".reason";

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	private static final Logger logger = LoggerFactory.getLogger(UnreadableInputFilter.class);

	private final JsonMapper json;

	private final MessageSource messages;

	UnreadableInputFilter(JsonMapper json, MessageSource messages) {
		this.json = json;
		this.messages = messages;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String reason = unreadable(request);
		if (reason != null) {
			logger.debug("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), reason);
			refuse(request, response, reason);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The message key of what makes the request unreadable, or {@code null}.
	 */
	private String unreadable(HttpServletRequest request) {
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		if (InputBounds.controlCharacter(path, false) >= 0 || request.getRequestURI().contains("%00")) {
			return "input.unreadable.control";
		}
		String contentType = request.getContentType();
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
			try {
				request.getParts();
			}
			catch (IOException | ServletException | RuntimeException ex) {
				logger.debug("Multipart body of {} {} cannot be read: {}", request.getMethod(), request.getRequestURI(),
						ex.toString());
				return tooLarge(ex) ? "input.unreadable.tooLarge" : "input.unreadable.multipart";
			}
		}
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (RuntimeException ex) {
			logger.debug("Parameters of {} {} cannot be read: {}", request.getMethod(), request.getRequestURI(),
					ex.toString());
			return "input.unreadable.parameters";
		}
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (InputBounds.controlCharacter(parameter.getKey(), false) >= 0) {
				return "input.unreadable.control";
			}
			for (String value : parameter.getValue()) {
				if (value != null && InputBounds.controlCharacter(value, true) >= 0) {
					return "input.unreadable.control";
				}
				if (InputBounds.hugeExponent(value)) {
					return "input.unreadable.number";
				}
			}
		}
		return null;
	}

	/**
	 * The reader's language before the {@code LocaleResolver} runs: the language asked
	 * for ({@code ?lang=} or the desk's cookie), else the browser's; Dutch or English.
	 */
	static Locale language(HttpServletRequest request) {
		String asked = null;
		if (request.getCookies() != null) {
			for (Cookie cookie : request.getCookies()) {
				if (WebConfiguration.LANGUAGE_COOKIE.equals(cookie.getName())) {
					asked = cookie.getValue();
				}
			}
		}
		String wanted = (asked != null) ? asked : request.getLocale().getLanguage();
		return (wanted != null && wanted.toLowerCase(Locale.ROOT).startsWith("nl")) ? DUTCH : Locale.ENGLISH;
	}

	private static boolean tooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getSimpleName();
			if (name.contains("SizeLimitExceeded") || name.contains("SizeException")) {
				return true;
			}
		}
		return false;
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
		int status = "input.unreadable.tooLarge".equals(reason) ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
				: HttpServletResponse.SC_BAD_REQUEST;
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", (status == 400) ? "Bad Request" : "Content Too Large");
			problem.put("status", status);
			problem.put("detail", this.messages.getMessage(reason, null, language(request)));
			problem.put("code", reason);
			response.setStatus(status);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write(this.json.writeValueAsString(problem));
			return;
		}
		if (!reason.equals("input.unreadable.multipart") && !reason.equals("input.unreadable.tooLarge")) {
			// the error page, in the reader's language and the desk's layout
			request.setAttribute(REASON, reason);
			response.sendError(status);
			return;
		}
		// a body that failed to parse fails again in the error page's dispatch: a page of
		// its own
		Locale locale = language(request);
		response.setStatus(status);
		BarePage.write(request, response, locale, this.messages.getMessage("error.4xx.title", null, locale),
				this.messages.getMessage(reason, null, locale), this.messages.getMessage("error.home", null, locale));
	}

}
