package com.factordesk.pricing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.audit.AuditTrail;

import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admins publish new versions of the pricing bands, effective from a date: a version is
 * never changed once published, so every quote can be explained by the version it used. A
 * version that breaks a rule is refused whole, with every broken rule. Each publication
 * is recorded in the audit trail.
 */
@Service
public class PricingAdministration {

	/**
	 * How the audit trail names a version of the bands: by its number, as
	 * {@code pricing-band-set} {@code 3}.
	 */
	public static final String SUBJECT = "pricing-band-set";

	/**
	 * How the audit trail names a version of the pricing parameters.
	 */
	public static final String PARAMETERS_SUBJECT = "pricing-parameter-set";

	private final JdbcClient jdbc;

	private final AdvisoryLocks locks;

	private final PricingBands bands;

	private final Clock clock;

	private final AuditTrail audit;

	PricingAdministration(JdbcClient jdbc, PricingBands bands, Clock clock, AuditTrail audit, AdvisoryLocks locks) {
		this.jdbc = jdbc;
		this.locks = locks;
		this.bands = bands;
		this.clock = clock;
		this.audit = audit;
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public PricingBandSet inForce() {
		return this.bands.inForce(LocalDate.now(this.clock)).orElseGet(PricingBandSet::defaults);
	}

	/**
	 * The pricing parameters in force today (tenor surcharge, concentration rule), with
	 * their version.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public PricingParameters parametersInForce() {
		return this.bands.parametersInForce(LocalDate.now(this.clock)).orElseGet(PricingParameters::defaults);
	}

	/**
	 * Publishes a new version of the pricing parameters (tenor surcharge, concentration
	 * rule) effective from a date, today or later, with the next version number.
	 * @return the new version number
	 * @throws BusinessRefusal with every rule the parameters break
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public int publishParameters(PublishPricingParameters command, String actor) {
		List<Violation> violations = new ArrayList<>();
		if (command.effectiveFrom().isBefore(LocalDate.now(this.clock))) {
			violations.add(Violation.onField("effectiveFrom", "parameters.effectiveInPast",
					"The pricing parameters cannot take effect on " + command.effectiveFrom()
							+ ", in the past: quotes already made keep the parameters they used",
					command.effectiveFrom()));
		}
		boolean surcharge = command.concentrationRule() == PricingParameters.ConcentrationRule.SURCHARGE;
		if (surcharge && command.concentrationSurcharge().fraction().signum() == 0) {
			violations
				.add(Violation.onField("concentrationSurchargePercent", "parameters.concentrationSurcharge.missing",
						"A concentration surcharge of 0 % would let a debtor exceed the concentration limit for free: "
								+ "give a surcharge above 0 % or hold the excess back"));
		}
		if (!surcharge && command.concentrationSurcharge().fraction().signum() != 0) {
			violations
				.add(Violation.onField("concentrationSurchargePercent", "parameters.concentrationSurcharge.unused",
						"A concentration surcharge of " + command.concentrationSurcharge()
								+ " would never be charged when the excess is held back: set it to 0 %",
						command.concentrationSurcharge().asPercent().stripTrailingZeros()));
		}
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		this.locks.lockForTransaction(AdvisoryLocks.Key.PRICING_PUBLICATION);
		int version = this.jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM pricing_parameter_set")
			.query(Integer.class)
			.single();
		PricingParameters parameters = command.asVersion(version);
		this.jdbc.sql("""
				INSERT INTO pricing_parameter_set (version, effective_from, created_at, created_by, tenor_surcharge,
				    tenor_surcharge_days, concentration_rule, concentration_surcharge)
				VALUES (:version, :effectiveFrom, :createdAt, :createdBy, :tenorSurcharge, :tenorSurchargeDays,
				    :concentrationRule, :concentrationSurcharge)
				""")
			.param("version", version)
			.param("effectiveFrom", parameters.effectiveFrom())
			.param("createdAt", java.sql.Timestamp.from(this.clock.instant()))
			.param("createdBy", actor)
			.param("tenorSurcharge", parameters.tenorSurcharge().fraction())
			.param("tenorSurchargeDays", parameters.tenorSurchargeDays())
			.param("concentrationRule", parameters.concentrationRule().name())
			.param("concentrationSurcharge", parameters.concentrationSurcharge().fraction())
			.update();
		this.audit.record("pricing.parameters-published", PARAMETERS_SUBJECT, String.valueOf(version),
				(version > 1) ? Map.of("version", version - 1) : null,
				Map.of("version", version, "effectiveFrom", parameters.effectiveFrom().toString(), "tenorSurcharge",
						parameters.tenorSurcharge().fraction().toPlainString(), "tenorSurchargeDays",
						parameters.tenorSurchargeDays(), "concentrationRule", parameters.concentrationRule().name(),
						"concentrationSurcharge", parameters.concentrationSurcharge().fraction().toPlainString()));
		return version;
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<BandSetVersion> versions() {
		int inForce = inForce().version();
		return this.jdbc
			.sql("SELECT version, effective_from, created_at, created_by FROM pricing_band_set ORDER BY version DESC")
			.query((rs, row) -> new BandSetVersion(rs.getInt("version"),
					rs.getObject("effective_from", LocalDate.class), rs.getTimestamp("created_at").toInstant(),
					rs.getString("created_by"), rs.getInt("version") == inForce))
			.list();
	}

	/**
	 * Publishes a new version effective from a date (today or later: the past keeps the
	 * bands it had).
	 * @return the new version number
	 * @throws BusinessRefusal with every rule the bands break
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public int publish(LocalDate effectiveFrom, List<PricingBand> newBands, String actor) {
		List<Violation> violations = new ArrayList<>(PricingBandSet.validate(newBands));
		if (effectiveFrom.isBefore(LocalDate.now(this.clock))) {
			violations.add(
					Violation
						.onField("effectiveFrom", "bands.effectiveInPast",
								"The bands cannot take effect on " + effectiveFrom
										+ ", in the past: quotes already made keep the bands they used",
								effectiveFrom));
		}
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		this.locks.lockForTransaction(AdvisoryLocks.Key.PRICING_PUBLICATION);
		int version = this.jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM pricing_band_set")
			.query(Integer.class)
			.single();
		long setId = this.jdbc.sql("""
				INSERT INTO pricing_band_set (version, effective_from, created_at, created_by)
				VALUES (:version, :effectiveFrom, :createdAt, :createdBy) RETURNING id
				""")
			.param("version", version)
			.param("effectiveFrom", effectiveFrom)
			.param("createdAt", java.sql.Timestamp.from(this.clock.instant()))
			.param("createdBy", actor)
			.query(Long.class)
			.single();
		List<PricingBand> ordered = newBands.stream()
			.sorted(java.util.Comparator.comparing(PricingBand::scoreFrom))
			.toList();
		for (int position = 0; position < ordered.size(); position++) {
			PricingBand band = ordered.get(position);
			this.jdbc
				.sql("""
						INSERT INTO pricing_band (band_set_id, position, score_from, score_to, advance_rate, fee_rate,
						                          max_tenor_days, auto_decline)
						VALUES (:setId, :position, :scoreFrom, :scoreTo, :advanceRate, :feeRate, :maxTenorDays, :autoDecline)
						""")
				.param("setId", setId)
				.param("position", position + 1)
				.param("scoreFrom", band.scoreFrom())
				.param("scoreTo", band.scoreTo())
				.param("advanceRate", band.advanceRate().fraction())
				.param("feeRate", band.feeRate().fraction())
				.param("maxTenorDays", band.maxTenorDays())
				.param("autoDecline", band.autoDecline())
				.update();
		}
		this.audit.record("pricing.bands-published", SUBJECT, String.valueOf(version),
				(version > 1) ? Map.of("version", version - 1) : null,
				Map.of("version", version, "effectiveFrom", effectiveFrom.toString(), "bands", ordered.size()));
		return version;
	}

}
