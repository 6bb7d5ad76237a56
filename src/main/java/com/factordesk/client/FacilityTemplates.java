package com.factordesk.client;

import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.factordesk.audit.AuditTrail;
import com.factordesk.client.FacilityTermsAgreements.AgreedTerms;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import com.factordesk.shared.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The facility a client gets when an import names it first (DESIGN section 7): versions
 * admins publish, the newest in use from then on; until one is published, the
 * configuration's ({@code factordesk.clients.new-facility.*}, version 0, with the
 * standard fee terms).
 */
@Service
public class FacilityTemplates {

	/**
	 * The audit trail's subject type of the template.
	 */
	public static final String SUBJECT = "facility-template";

	private static final String COLUMNS = """
			version, facility_limit, default_advance_rate, recourse_days, notification, concentration_limit,
			fee_structure, fee_period_days, day_count, client_fee_discount, created_at, created_by, reason""";

	private final JdbcClient jdbc;

	private final NewClientFacility configured;

	private final AuditTrail audit;

	private final Clock clock;

	FacilityTemplates(JdbcClient jdbc, NewClientFacility configured, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.configured = configured;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The template in use: the newest version published, or the configuration's.
	 */
	public Template current() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM facility_template ORDER BY version DESC LIMIT 1")
			.query((rs, row) -> template(rs))
			.optional()
			.orElseGet(this::configuredTemplate);
	}

	/**
	 * Every version, newest first, ending with the configuration's (version 0).
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<Template> versions() {
		List<Template> versions = new ArrayList<>(
				this.jdbc.sql("SELECT " + COLUMNS + " FROM facility_template ORDER BY version DESC")
					.query((rs, row) -> template(rs))
					.list());
		versions.add(configuredTemplate());
		return versions;
	}

	/**
	 * Publishes a new template, in use for the clients opened from now on; audited with
	 * the template before and after.
	 * @return the new version's number
	 * @throws BusinessRefusal when it is the template in use
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public int publish(Money limit, AgreedTerms terms, String reason, String actor) {
		if (!limit.isPositive()) {
			throw new BusinessRefusal(List.of(Violation.onField("limit", "template.limit",
					"A facility limit is above 0, got " + limit.amount().toPlainString(),
					limit.amount().toPlainString())));
		}
		this.jdbc.sql("LOCK TABLE facility_template IN SHARE ROW EXCLUSIVE MODE").update();
		Template before = current();
		AgreedTerms agreed = terms.normalised();
		String why = (reason == null || reason.isBlank()) ? null : reason.strip();
		if (before.limit().equals(limit) && before.terms().equals(agreed)) {
			throw new BusinessRefusal(List.of(Violation.of("template.unchanged",
					"The template is the same as version " + before.version() + ", in use: nothing to publish",
					before.version())));
		}
		int version = before.version() + 1;
		this.jdbc
			.sql("""
					INSERT INTO facility_template (version, facility_limit, default_advance_rate, recourse_days, notification,
					    concentration_limit, fee_structure, fee_period_days, day_count, client_fee_discount, created_at,
					    created_by, reason)
					VALUES (:version, :limit, :advanceRate, :recourseDays, :notification, :concentrationLimit, :feeStructure,
					    :feePeriodDays, :dayCount, :clientFeeDiscount, :createdAt, :createdBy, :reason)
					""")
			.param("version", version)
			.param("limit", limit.amount())
			.param("advanceRate", agreed.advanceRate().fraction())
			.param("recourseDays", agreed.recourseDays())
			.param("notification", agreed.notification())
			.param("concentrationLimit", agreed.concentrationLimit().fraction())
			.param("feeStructure", agreed.feeTerms().kind().name())
			.param("feePeriodDays", agreed.feeTerms().periodDays())
			.param("dayCount", agreed.feeTerms().dayCount().name())
			.param("clientFeeDiscount", agreed.feeTerms().clientDiscount().fraction())
			.param("createdAt", Timestamp.from(this.clock.instant()))
			.param("createdBy", actor)
			.param("reason", why)
			.update();
		Map<String, Object> after = asAudit(version, limit, agreed);
		if (why != null) {
			after.put("reason", why);
		}
		this.audit.record("facility-template.published", SUBJECT, String.valueOf(version),
				asAudit(before.version(), before.limit(), before.terms()), after);
		return version;
	}

	private static Map<String, Object> asAudit(int version, Money limit, AgreedTerms terms) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("version", version);
		values.put("limit", limit.amount().toPlainString());
		values.putAll(terms.audited());
		return values;
	}

	private Template configuredTemplate() {
		FacilityTerms terms = this.configured.terms();
		return new Template(0, Money.of(this.configured.limit().setScale(2, RoundingMode.HALF_EVEN)),
				new AgreedTerms(terms.defaultAdvanceRate(), terms.recourseDays(), terms.notification(),
						terms.concentrationLimit(), FeeTerms.STANDARD)
					.normalised(),
				null, null, null);
	}

	private static Template template(ResultSet rs) throws SQLException {
		int recourseDays = rs.getInt("recourse_days");
		Integer recourse = rs.wasNull() ? null : recourseDays;
		return new Template(rs.getInt("version"), Money.of(rs.getBigDecimal("facility_limit")), new AgreedTerms(
				new Rate(rs.getBigDecimal("default_advance_rate")), recourse, rs.getBoolean("notification"),
				new Rate(rs.getBigDecimal("concentration_limit")),
				new FeeTerms(FeeKind.valueOf(rs.getString("fee_structure")), rs.getInt("fee_period_days"),
						DayCount.valueOf(rs.getString("day_count")), new Rate(rs.getBigDecimal("client_fee_discount"))))
			.normalised(), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getString("reason"));
	}

	/**
	 * One version of the template.
	 *
	 * @param version its number; 0 for the configuration's
	 * @param limit the facility limit a new client starts with
	 * @param terms the terms it starts with
	 * @param createdAt when it was published, {@code null} for version 0
	 * @param createdBy who published it, {@code null} for version 0
	 * @param reason why, or {@code null}
	 */
	public record Template(int version, Money limit, AgreedTerms terms, Instant createdAt, String createdBy,
			String reason) {

		/**
		 * The terms of a facility signed on this template.
		 */
		FacilityTerms facilityTerms() {
			return new FacilityTerms(this.limit, this.terms.advanceRate(), this.terms.recourseDays(),
					this.terms.notification(), this.terms.concentrationLimit());
		}

		/**
		 * The template as a version of a facility's terms, to show it the same way.
		 */
		public FacilityTermsAgreements.TermsVersion asTermsVersion() {
			return new FacilityTermsAgreements.TermsVersion(this.version, null, this.terms, Money.CURRENCY,
					this.createdAt, this.createdBy, this.reason, false);
		}

	}

}
