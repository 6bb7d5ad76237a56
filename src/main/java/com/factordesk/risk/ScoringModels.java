package com.factordesk.risk;

import java.math.BigDecimal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scoring model in force: the newest version of the weights in the database, with the
 * curves and limits of {@link ScoringModel#defaults()}.
 */
@Component
class ScoringModels {

	private final JdbcClient jdbc;

	ScoringModels(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ScoringModel current() {
		ScoringModel defaults = ScoringModel.defaults();
		return this.jdbc.sql(
				"SELECT version, payment_behaviour, bureau, disputes FROM scoring_weights ORDER BY version DESC LIMIT 1")
			.query((rs, row) -> withWeights(defaults, rs.getInt("version"),
					new ScoringModel.Weights(rs.getBigDecimal("payment_behaviour"), rs.getBigDecimal("bureau"),
							rs.getBigDecimal("disputes"))))
			.optional()
			.orElse(defaults);
	}

	static ScoringModel withWeights(ScoringModel model, int version, ScoringModel.Weights weights) {
		return new ScoringModel(version, weights, model.paymentBlend(), model.adbtCurve(), model.disputeRateCurve(),
				model.credibilityK(), model.trend(), model.bureauDecay(), model.pastDueCap(), model.bureauScales());
	}

	/**
	 * The same model without credibility shrinkage: what a debtor's own history says,
	 * used to find the portfolio mean that thin files shrink toward.
	 */
	static ScoringModel withoutShrinkage(ScoringModel model) {
		return new ScoringModel(model.version(), model.weights(), model.paymentBlend(), model.adbtCurve(),
				model.disputeRateCurve(), 0, model.trend(), model.bureauDecay(), model.pastDueCap(),
				model.bureauScales());
	}

	static final BigDecimal NEUTRAL_MEAN = BigDecimal.valueOf(50);

}
