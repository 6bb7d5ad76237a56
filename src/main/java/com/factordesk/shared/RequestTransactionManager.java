package com.factordesk.shared;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DelegatingTransactionDefinition;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JPA's transaction manager with a time limit on the transactions a web request begins
 * ({@link DatabaseTimeouts}): each statement of such a transaction is given what is left
 * of the limit (JDBC's query timeout, which PostgreSQL's driver enforces by cancelling
 * the statement), and a statement begun after it fails at once. A request waiting on a
 * lock held by a stuck transaction, or running a statement that would read the whole
 * book, answers 503 instead of holding a thread and a connection without end. A
 * transaction that sets its own timeout keeps it; one begun outside a request has none.
 */
public class RequestTransactionManager extends JpaTransactionManager {

	/**
	 * The request attribute that marks a request as one the limit applies to: a request
	 * that came in through the servlet filters (not, say, the mock request a test binds
	 * to its thread).
	 */
	static final String LIMITED = RequestTransactionManager.class.getName() + ".LIMITED";

	/**
	 * The request attribute that marks a request as long running ({@link LongRunning}).
	 */
	static final String LONG_RUNNING = RequestTransactionManager.class.getName() + ".LONG_RUNNING";

	private final DatabaseTimeouts timeouts;

	public RequestTransactionManager(DatabaseTimeouts timeouts) {
		this.timeouts = timeouts;
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		super.doBegin(transaction, limited(definition, this.timeouts));
	}

	/**
	 * The definition with the request's limit, in whole seconds (rounded up), when it has
	 * no timeout of its own and a web request on this thread began it.
	 */
	static TransactionDefinition limited(TransactionDefinition definition, DatabaseTimeouts timeouts) {
		if (definition.getTimeout() != TransactionDefinition.TIMEOUT_DEFAULT) {
			return definition;
		}
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null || request.getAttribute(LIMITED, RequestAttributes.SCOPE_REQUEST) == null) {
			return definition;
		}
		Duration limit = (request.getAttribute(LONG_RUNNING, RequestAttributes.SCOPE_REQUEST) != null)
				? timeouts.longRequestTimeout() : timeouts.requestTimeout();
		if (limit.isZero()) {
			return definition;
		}
		int seconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (limit.toMillis() + 999) / 1000));
		return new DelegatingTransactionDefinition(definition) {

			@Override
			public int getTimeout() {
				return seconds;
			}

		};
	}

	/**
	 * Marks each request that comes in as one the limit applies to.
	 */
	static final class LimitedRequests extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			request.setAttribute(LIMITED, Boolean.TRUE);
			chain.doFilter(request, response);
		}

	}

}
