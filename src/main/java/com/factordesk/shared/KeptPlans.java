package com.factordesk.shared;

import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Statements that PostgreSQL plans once per connection and keeps, for the pages that run
 * them on every request. The pool's connections ask for a plan per execution
 * ({@code plan_cache_mode = force_custom_plan}, application.yml, for the reports' scope
 * filters); a queue page's flags and quotes took longer to plan than to run (README
 * "Benchmarks", page latency). A kept (generic) plan is made without the parameters'
 * values, so a statement run this way writes its dates into its text and leaves only ids
 * as parameters; the driver prepares it on the server from its fifth execution.
 */
@Component
public class KeptPlans {

	/**
	 * Answers the mode before (read first: the set depends on it) and lets PostgreSQL
	 * keep the plans of the transaction's next statements.
	 */
	private static final String KEEP = """
			SELECT b.before
			FROM (SELECT current_setting('plan_cache_mode') AS before OFFSET 0) b,
			     LATERAL set_config('plan_cache_mode', 'force_generic_plan', b.before IS NOT NULL) AS now
			""";

	/** Whether a run is under way on this thread: a run inside it changes nothing. */
	private static final ThreadLocal<Boolean> RUNNING = ThreadLocal.withInitial(() -> false);

	private final JdbcClient jdbc;

	KeptPlans(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Runs the statements of {@code work} with their plans kept, then sets the mode back
	 * for the rest of the transaction. Inside another run (a page that keeps the plans of
	 * everything it reads, then asks for its quotes) it only runs {@code work}: the
	 * transaction is already in that mode, and the outer run sets it back.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public <T> T run(Supplier<T> work) {
		if (RUNNING.get()) {
			return work.get();
		}
		String before = this.jdbc.sql(KEEP).query(String.class).single();
		RUNNING.set(true);
		T result;
		try {
			result = work.get();
		}
		finally {
			RUNNING.remove();
		}
		// after a failure the transaction rolls back, and the mode with it: a statement
		// here would only hide the failure behind "the transaction is aborted"
		this.jdbc.sql("SELECT set_config('plan_cache_mode', :before, TRUE)")
			.param("before", before)
			.query(String.class)
			.single();
		return result;
	}

}
