package com.factordesk.risk;

import java.sql.SQLException;
import java.util.Map;

import com.factordesk.MigrationDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V019: a desk that has scored nobody starts on the scoring model calibration fitted on
 * the demo book (version 2); a desk with scores keeps the version it scores with. Each on
 * a database of its own on the tests' PostgreSQL server, dropped afterwards.
 */
class CalibratedDefaultsMigrationTests {

	private MigrationDatabase database;

	private JdbcTemplate jdbc;

	@BeforeEach
	void createDatabase() throws SQLException {
		this.database = MigrationDatabase.create("v019");
		this.jdbc = this.database.jdbc();
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		this.database.drop();
	}

	@Test
	void aDeskThatScoredNobodyStartsOnTheCalibratedVersion() {
		this.database.migrateTo("19");

		assertThat(this.jdbc.queryForList("SELECT version FROM scoring_weights ORDER BY version", Integer.class))
			.containsExactly(1, 2);
		Map<String, Object> calibrated = this.jdbc.queryForMap("""
				SELECT payment_behaviour::text AS payment, bureau::text AS bureau, disputes::text AS disputes,
				       created_by, adbt_curve::text AS adbt, rules -> 'paymentBlend' ->> 'adbt' AS blend_adbt,
				       rules -> 'paymentBlend' ->> 'onTime' AS blend_on_time,
				       rules -> 'paymentBlend' ->> 'openItems' AS blend_open,
				       rules ->> 'disputeCredibilityK' AS dispute_k
				FROM scoring_weights WHERE version = 2
				""");
		assertThat(calibrated).containsEntry("payment", "0.8000")
			.containsEntry("bureau", "0.2000")
			.containsEntry("disputes", "0.0000")
			.containsEntry("created_by", "system")
			.containsEntry("adbt", "[[0, 100], [15, 71], [30, 16], [60, 0], [90, 0]]")
			.containsEntry("blend_adbt", "0.83")
			.containsEntry("blend_on_time", "0.00")
			.containsEntry("blend_open", "0.17")
			.containsEntry("dispute_k", "10");
		// everything else as version 1
		assertThat(this.jdbc.queryForObject("""
				SELECT v2.dispute_rate_curve = v1.dispute_rate_curve AND v2.bureau_scales = v1.bureau_scales
				       AND v2.rules - 'paymentBlend' = v1.rules - 'paymentBlend'
				FROM scoring_weights v1, scoring_weights v2 WHERE v1.version = 1 AND v2.version = 2
				""", Boolean.class)).isTrue();
	}

	@Test
	void aDeskWithScoresKeepsTheVersionItScoresWith() {
		this.database.migrateTo("18");
		this.jdbc.update("""
				INSERT INTO debtor (id, ref, name, registration_number, country, industry, credit_limit)
				VALUES (1, 'D00001', 'Scored Debtor BV', 'NL-12345678', 'NL', 'retail', 10000)
				""");
		this.jdbc.update("""
				INSERT INTO risk_score (debtor_id, as_of, scored_at, model_version, score, grade, trigger, components,
				                        reasons, inputs)
				VALUES (1, DATE '2026-11-30', now(), 1, 72.5, 'B', 'NIGHTLY', '[]', '[]', '{}')
				""");

		this.database.migrateTo("19");

		assertThat(this.jdbc.queryForList("SELECT version FROM scoring_weights", Integer.class)).containsExactly(1);
	}

}
