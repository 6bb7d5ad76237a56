package com.factordesk.shared;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A transaction that writes rows by the hundred thousand (an import).
 */
@Component
public class BulkWrites {

	private final JdbcClient jdbc;

	BulkWrites(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Lets PostgreSQL plan once, for the rest of the current transaction, the statements
	 * it runs for every row written: the foreign key checks of each inserted row. The
	 * pool's connections ask for a plan per execution
	 * ({@code plan_cache_mode = force_custom_plan}, application.yml, for the reports'
	 * scope filters), which made each row's checks plan again: four plans per invoice,
	 * 135 s of a 1,000,000-row invoices import in planning (README "Benchmarks").
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void begin() {
		this.jdbc.sql("SET LOCAL plan_cache_mode = auto").update();
	}

}
