package com.factordesk.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error pages of errors that no controller answered (a filter's refusal, a wrong
 * method, an unknown address): the page of the status in the reader's language, or an RFC
 * 9457 problem for the API and for clients that ask for JSON. {@code /error} asked for
 * directly is not an error that happened: a 404.
 */
class DeskErrorController extends BasicErrorController {

	private final MessageSource messages;

	private final JsonMapper json;

	DeskErrorController(ErrorAttributes errorAttributes, WebProperties web, List<ErrorViewResolver> resolvers,
			MessageSource messages, JsonMapper json) {
		super(errorAttributes, web.getError(), resolvers);
		this.messages = messages;
		this.json = json;
	}

	@Override
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		if (isApi(request)) {
			writeProblem(request, response);
			return null;
		}
		ModelAndView page = super.errorHtml(request, response);
		if (page != null) {
			page.addObject("reason", request.getAttribute(UnreadableInputFilter.REASON));
		}
		return page;
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		if (status == HttpStatus.NO_CONTENT) {
			return new ResponseEntity<>(status);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(request));
	}

	@Override
	protected HttpStatus getStatus(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
			// asked for directly, not forwarded to by an error
			return HttpStatus.NOT_FOUND;
		}
		return super.getStatus(request);
	}

	private void writeProblem(HttpServletRequest request, HttpServletResponse response) {
		try {
			response.setStatus(getStatus(request).value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write(this.json.writeValueAsString(problem(request)));
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private Map<String, Object> problem(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		Map<String, Object> attributes = getErrorAttributes(request, ErrorAttributeOptions.defaults());
		Object reason = request.getAttribute(UnreadableInputFilter.REASON);
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		if (reason != null) {
			problem.put("detail", this.messages.getMessage(reason.toString(), null, locale));
			problem.put("code", reason);
		}
		else if (status.is4xxClientError()) {
			problem.put("detail", this.messages.getMessage("error.4xx.text", null, locale));
		}
		if (attributes.get("path") != null) {
			problem.put("instance", attributes.get("path"));
		}
		return problem;
	}

	private static boolean isApi(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri != null) ? uri.toString() : request.getRequestURI();
		return path.startsWith(request.getContextPath() + "/api/");
	}

}
