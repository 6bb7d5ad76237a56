package com.factordesk.risk;

import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import com.factordesk.debtor.DebtorInputsChanged;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change to a debtor's inputs re-scores it at once: a new snapshot becomes its current
 * score.
 */
@IntegrationTest
class EventRescoringIntegrationTests {

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	@Test
	void aNewBureauScoreRescoresTheDebtor() {
		long debtorId = this.jdbc.queryForObject("""
				SELECT d.id FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				WHERE r.grade IN ('A', 'B') ORDER BY d.id DESC LIMIT 1
				""", Long.class);
		long before = currentSnapshot(debtorId);
		this.jdbc.update("INSERT INTO bureau_score (debtor_id, provider, score, as_of) VALUES (?, 'GRAYDON', 2, ?)",
				debtorId, LocalDate.now(this.clock));

		this.events.publishEvent(new DebtorInputsChanged(debtorId, "bureau score recorded"));

		long after = currentSnapshot(debtorId);
		assertThat(after).isGreaterThan(before);
		assertThat(this.jdbc.queryForObject("SELECT trigger FROM risk_score WHERE id = ?", String.class, after))
			.isEqualTo("EVENT");
		assertThat(this.jdbc.queryForObject("SELECT score FROM risk_score WHERE id = ?", java.math.BigDecimal.class,
				after))
			.isLessThan(this.jdbc.queryForObject("SELECT score FROM risk_score WHERE id = ?",
					java.math.BigDecimal.class, before));
		assertThat(this.jdbc.queryForObject("SELECT reasons::text FROM risk_score WHERE id = ?", String.class, after))
			.contains("bureau score 2 (GRAYDON");
	}

	private long currentSnapshot(long debtorId) {
		return this.jdbc.queryForObject("SELECT current_risk_score_id FROM debtor WHERE id = ?", Long.class, debtorId);
	}

}
