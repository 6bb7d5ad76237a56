package com.factordesk.risk;

import java.math.BigDecimal;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What risk publishes for other features' SQL ({@code debtor_current_score}, V011) reads
 * every field it promises from the stored snapshots: renaming a field of the stored
 * inputs fails here instead of silently pricing every invoice at 0 days beyond terms.
 */
@IntegrationTest
class PublishedScoreIntegrationTests {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void everyCurrentScoreCarriesItsDaysBeyondTermsAndPaidCount() {
		long scored = this.jdbc.queryForObject("SELECT count(*) FROM debtor WHERE current_risk_score_id IS NOT NULL",
				Long.class);
		assertThat(scored).isPositive();
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM debtor_current_score
				WHERE adbt_days IS NOT NULL AND paid_invoices IS NOT NULL AND score IS NOT NULL AND grade IS NOT NULL
				""", Long.class)).isEqualTo(scored);
		assertThat(this.jdbc.queryForObject("SELECT max(adbt_days) FROM debtor_current_score", BigDecimal.class))
			.isPositive();
		assertThat(this.jdbc.queryForObject("SELECT max(paid_invoices) FROM debtor_current_score", Integer.class))
			.isPositive();
	}

}
