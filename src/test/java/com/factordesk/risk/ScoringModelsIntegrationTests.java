package com.factordesk.risk;

import java.math.BigDecimal;

import com.factordesk.risk.internal.ScoringModels;
import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the scoring model is versioned in the database, so a snapshot's model
 * version pins all that its score was computed with.
 */
@IntegrationTest
class ScoringModelsIntegrationTests {

	@Autowired
	private ScoringModels models;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void theFirstVersionStoresTheDefaultRules() {
		ScoringModel defaults = ScoringModel.defaults();
		String stored = this.jdbc.queryForObject("SELECT rules::text FROM scoring_weights WHERE version = 1",
				String.class);
		assertThat(stored).contains("\"credibilityK\": " + defaults.credibilityK());
		assertThat(this.jdbc.queryForObject("SELECT rules = CAST(? AS jsonb) FROM scoring_weights WHERE version = 1",
				Boolean.class, this.models.rulesJson(defaults)))
			.isTrue();
	}

	@Test
	@Transactional
	void theModelInForceReadsItsRulesFromItsVersion() {
		ScoringModel current = this.models.current();
		ScoringModel changed = new ScoringModel(current.version(), current.weights(),
				new ScoringModel.PaymentBlend(new BigDecimal("0.5"), new BigDecimal("0.3"), new BigDecimal("0.2")),
				current.adbtCurve(), current.disputeRateCurve(), 25,
				new ScoringModel.TrendRule(5, new BigDecimal("0.25"), new BigDecimal("8")),
				new ScoringModel.BureauDecay(120, 300, new BigDecimal("45")),
				new ScoringModel.PastDueCap(45, new BigDecimal("35")), current.bureauScales());
		this.jdbc.update("UPDATE scoring_weights SET rules = CAST(? AS jsonb) WHERE version = ?",
				this.models.rulesJson(changed), current.version());

		ScoringModel read = this.models.current();

		assertThat(read.credibilityK()).isEqualTo(25);
		assertThat(read.paymentBlend().adbt()).isEqualByComparingTo("0.5");
		assertThat(read.paymentBlend().openItems()).isEqualByComparingTo("0.2");
		assertThat(read.trend().minRecentInvoices()).isEqualTo(5);
		assertThat(read.trend().pointsPerDay()).isEqualByComparingTo("0.25");
		assertThat(read.bureauDecay().freshDays()).isEqualTo(120);
		assertThat(read.bureauDecay().neutralScore()).isEqualByComparingTo("45");
		assertThat(read.pastDueCap().daysPastDue()).isEqualTo(45);
		assertThat(read.pastDueCap().maxScore()).isEqualByComparingTo("35");
	}

}
