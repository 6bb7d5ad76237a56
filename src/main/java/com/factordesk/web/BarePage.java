package com.factordesk.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * A page written before the desk's layout can be drawn (the request could not be read, or
 * the database that holds the session is away): a title, one sentence and a way home, in
 * the reader's language, loading nothing.
 */
final class BarePage {

	private BarePage() {
	}

	/**
	 * Writes the page with the status already set on the response.
	 */
	static void write(HttpServletRequest request, HttpServletResponse response, Locale locale, String title,
			String text, String home) throws IOException {
		// written before Spring Security, which sets these on every other page
		response.setHeader("Content-Security-Policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String escapedTitle = HtmlUtils.htmlEscape(title);
		response.getWriter()
			.write("<!DOCTYPE html><html lang=\"" + ("nl".equals(locale.getLanguage()) ? "nl" : "en")
					+ "\"><head><meta charset=\"utf-8\"><title>" + escapedTitle + "</title></head><body><main><h1>"
					+ escapedTitle + "</h1><p>" + HtmlUtils.htmlEscape(text) + "</p><a href=\""
					+ HtmlUtils.htmlEscape(request.getContextPath()) + "/\">" + HtmlUtils.htmlEscape(home)
					+ "</a></main></body></html>");
	}

}
