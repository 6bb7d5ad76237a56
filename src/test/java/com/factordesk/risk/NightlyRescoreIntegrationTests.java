package com.factordesk.risk;

import com.factordesk.risk.internal.RiskScheduling;
import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly re-score takes a lock in the database: a second trigger while the lock is
 * held (another instance, or the same one again) scores nothing.
 */
@IntegrationTest
class NightlyRescoreIntegrationTests {

	@Autowired
	private RiskScheduling.NightlyRescore nightly;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void runsOnceWhileItsLockIsHeld() {
		long debtors = this.jdbc.queryForObject("SELECT COUNT(*) FROM debtor", Long.class);
		long before = nightlyScores();

		this.nightly.run();
		this.nightly.run();

		assertThat(nightlyScores() - before).isEqualTo(debtors);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM shedlock WHERE name = 'nightly-rescore'", Long.class))
			.isOne();
	}

	private long nightlyScores() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM risk_score WHERE trigger = 'NIGHTLY'", Long.class);
	}

}
