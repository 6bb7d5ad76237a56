package com.factordesk.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 when the database is away, wherever the request found out (the session, the
 * API key, the page): a page that says so in the reader's language, or a problem for the
 * API, with {@code Retry-After}. The pool gives up waiting for a connection after
 * {@code spring.datasource.hikari.connection-timeout} (2 s), so a request answers within
 * about that instead of hanging; nothing was changed, since nothing could be written. The
 * same when the database took longer than the request may
 * ({@code factordesk.database.request-timeout}, shared.RequestTransactionManager): the
 * statement was cancelled and its transaction rolled back. Runs before Spring Session,
 * whose session is in the database too.
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	/**
	 * How long a client should wait before it tries again, in seconds.
	 */
	static final String RETRY_AFTER_SECONDS = "5";

	/**
	 * PostgreSQL's SQLStates of a server that went away: terminated by an administrator,
	 * a crash shutdown, still starting up. (Class 08, a connection exception, is matched
	 * as a class.)
	 */
	private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

	/**
	 * HikariCP's message for a call on a connection it closed.
	 */
	private static final String POOL_CONNECTION_CLOSED = "Connection is closed";

	/**
	 * PostgreSQL's SQLState of a statement cancelled, here by its query timeout.
	 */
	private static final String QUERY_CANCELED = "57014";

	private final JsonMapper json;

	private final MessageSource messages;

	DatabaseUnavailableFilter(JsonMapper json, MessageSource messages) {
		this.json = json;
		this.messages = messages;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			boolean slow = !databaseUnavailable(ex) && tooSlow(ex);
			if (!(slow || databaseUnavailable(ex))) {
				throw ex;
			}
			if (response.isCommitted()) {
				// the answer went out before the database went away (Spring Session
				// stores
				// the session's last access after the page): it stands, and nothing more
				// can
				// be sent; thrown on, the container would append its error page to it
				logger.warn("The database went away after {} {} was answered ({})", request.getMethod(),
						request.getRequestURI(), ErrorPages.firstLine(rootMessage(ex)));
				return;
			}
			logger.warn("{}: {} {} answered 503 ({})",
					slow ? "The database took longer than the request may" : "No database connection in time",
					request.getMethod(), request.getRequestURI(), ErrorPages.firstLine(rootMessage(ex)));
			answer(request, response, slow);
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	/**
	 * Whether the failure is the database being away: no connection within the pool's
	 * timeout, a connection refused or broken, a server shutting down.
	 */
	static boolean databaseUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || SERVER_GONE.contains(sql.getSQLState()))) {
				return true;
			}
			// the pool's connection closed under a transaction when the server ended it:
			// the
			// rollback fails with this (no SQLState) and the server's own error is lost
			if (cause instanceof SQLException sql && sql.getSQLState() == null
					&& POOL_CONNECTION_CLOSED.equals(sql.getMessage())) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * Whether the failure is the request's time limit on the database: a statement
	 * cancelled by its query timeout, or the transaction's deadline passed before a
	 * statement.
	 */
	static boolean tooSlow(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransactionTimedOutException || cause instanceof QueryTimeoutException
					|| cause instanceof SQLTimeoutException) {
				return true;
			}
			if (cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private void answer(HttpServletRequest request, HttpServletResponse response, boolean slow) throws IOException {
		String title = slow ? "error.503.slow.title" : "error.503.title";
		String text = slow ? "error.503.slow.text" : "error.503.text";
		response.reset();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
		Locale locale = UnreadableInputFilter.language(request);
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", "Service Unavailable");
			problem.put("status", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			problem.put("detail", this.messages.getMessage(text, null, locale));
			problem.put("code", slow ? "database.timeout" : "database.unavailable");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write(this.json.writeValueAsString(problem));
			return;
		}
		BarePage.write(request, response, locale, this.messages.getMessage(title, null, locale),
				this.messages.getMessage(text, null, locale), this.messages.getMessage("error.home", null, locale));
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
