package com.factordesk.shared;

import java.util.ArrayList;
import java.util.List;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A run keeps the plans of its statements and sets the pool's mode back after it; a run
 * inside a run (a page's quotes inside the page's run) leaves the mode to the outer one;
 * a run needs the caller's transaction, whose end the mode cannot outlive.
 */
@IntegrationTest
class KeptPlansIntegrationTests {

	@Autowired
	private KeptPlans plans;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	@Transactional
	void aRunInsideARunLeavesTheModeToTheOuterOneWhichSetsItBack() {
		List<String> seen = new ArrayList<>();
		this.plans.run(() -> {
			seen.add(mode());
			this.plans.run(() -> seen.add(mode()));
			return seen.add(mode());
		});
		assertThat(seen).containsExactly("force_generic_plan", "force_generic_plan", "force_generic_plan");
		assertThat(mode()).isEqualTo("force_custom_plan");
	}

	@Test
	void aRunOutsideATransactionIsRefused() {
		assertThatExceptionOfType(IllegalTransactionStateException.class).isThrownBy(() -> this.plans.run(this::mode));
	}

	private String mode() {
		return this.jdbc.queryForObject("SHOW plan_cache_mode", String.class);
	}

}
