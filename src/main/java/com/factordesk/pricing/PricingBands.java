package com.factordesk.pricing;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.factordesk.shared.Rate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the pricing bands and the pricing parameters in force on a date: of each, the
 * newest version effective on or before it.
 */
@Component
class PricingBands {

	private final JdbcClient jdbc;

	PricingBands(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PricingBandSet> inForce(LocalDate date) {
		return bandSet("""
				SELECT id, version, effective_from FROM pricing_band_set
				WHERE effective_from <= :date ORDER BY effective_from DESC, version DESC LIMIT 1
				""", date);
	}

	/**
	 * The first band set that ever came into force.
	 */
	Optional<PricingBandSet> first() {
		return bandSet("""
				SELECT id, version, effective_from FROM pricing_band_set
				WHERE effective_from <= :date ORDER BY effective_from, version LIMIT 1
				""", LocalDate.of(9999, 12, 31));
	}

	private Optional<PricingBandSet> bandSet(String sql, LocalDate date) {
		return this.jdbc.sql(sql).param("date", date).query((rs, row) -> {
			List<PricingBand> bands = this.jdbc.sql("""
					SELECT score_from, score_to, advance_rate, fee_rate, max_tenor_days, auto_decline
					FROM pricing_band WHERE band_set_id = :id ORDER BY position
					""")
				.param("id", rs.getLong("id"))
				.query((band, index) -> new PricingBand(band.getBigDecimal("score_from"),
						band.getBigDecimal("score_to"), new Rate(band.getBigDecimal("advance_rate")),
						new Rate(band.getBigDecimal("fee_rate")), band.getInt("max_tenor_days"),
						band.getBoolean("auto_decline")))
				.list();
			return new PricingBandSet(rs.getInt("version"), rs.getObject("effective_from", LocalDate.class), bands);
		}).optional();
	}

	Optional<PricingParameters> parametersInForce(LocalDate date) {
		return this.jdbc.sql("""
				SELECT version, effective_from, tenor_surcharge, tenor_surcharge_days, concentration_rule,
				       concentration_surcharge
				FROM pricing_parameter_set
				WHERE effective_from <= :date ORDER BY effective_from DESC, version DESC LIMIT 1
				""")
			.param("date", date)
			.query((rs, row) -> new PricingParameters(rs.getInt("version"),
					rs.getObject("effective_from", LocalDate.class), new Rate(rs.getBigDecimal("tenor_surcharge")),
					rs.getInt("tenor_surcharge_days"),
					PricingParameters.ConcentrationRule.valueOf(rs.getString("concentration_rule")),
					new Rate(rs.getBigDecimal("concentration_surcharge"))))
			.optional();
	}

}
