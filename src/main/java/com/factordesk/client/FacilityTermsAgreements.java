package com.factordesk.client;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Rate;
import com.factordesk.shared.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A facility's terms as versions agreed with the client, each effective from a day: the
 * default advance rate, recourse and its days, notification, the concentration limit and
 * the fee terms (the limit is a credit decision taken on the workbench, not a term agreed
 * here). The version in force on a day is the highest one effective on or before it; the
 * facility holds the terms of the version in force today, so a version agreed for today
 * applies at once and one agreed for a later day when that day comes
 * ({@link #applyDue()}, run at start-up and every night).
 */
@Service
public class FacilityTermsAgreements {

	/**
	 * The audit trail's subject type of a facility's terms: the client's reference.
	 */
	public static final String SUBJECT = "facility-terms";

	private static final String COLUMNS = """
			v.version, v.effective_from, v.default_advance_rate, v.recourse, v.recourse_days, v.notification,
			v.concentration_limit, v.currency, v.fee_structure, v.fee_period_days, v.day_count, v.client_fee_discount,
			v.created_at, v.created_by, v.reason""";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	FacilityTermsAgreements(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Every client with the version of its terms in force and the newest version agreed,
	 * by reference.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<ClientTerms> clients() {
		return this.jdbc.sql("""
				SELECT c.ref, c.legal_name, f.facility_limit, f.terms_version, MAX(v.version) AS newest,
				       MAX(v.effective_from) AS newest_from
				FROM client c JOIN facility f ON f.client_id = c.id
				JOIN facility_terms_version v ON v.client_id = c.id
				GROUP BY c.ref, c.legal_name, f.facility_limit, f.terms_version
				ORDER BY c.ref
				""")
			.query((rs, row) -> new ClientTerms(rs.getString("ref"), rs.getString("legal_name"),
					Money.of(rs.getBigDecimal("facility_limit")), rs.getInt("terms_version"), rs.getInt("newest"),
					rs.getDate("newest_from").toLocalDate()))
			.list();
	}

	/**
	 * A client's facility: its limit, the version in force and every version, newest
	 * first.
	 * @throws NotFoundException when no client has this reference
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public TermsHistory history(String clientRef) {
		Facts facts = facts(clientRef);
		List<TermsVersion> versions = this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM facility_terms_version v WHERE v.client_id = :client ORDER BY v.version DESC")
			.param("client", facts.clientId())
			.query((rs, row) -> version(rs, facts.inForce()))
			.list();
		return new TermsHistory(clientRef, facts.legalName(), facts.limit(), facts.enforcement(), facts.inForce(),
				versions);
	}

	/**
	 * Agrees new terms with a client from a day on (today or later); audited with the
	 * terms before and after. Terms effective today apply at once.
	 * @return the new version's number
	 * @throws BusinessRefusal when the day is in the past or before the newest version's,
	 * or the terms are those of the newest version
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public int agree(String clientRef, AgreedTerms terms, LocalDate effectiveFrom, String reason, String actor) {
		Facts facts = facts(clientRef);
		this.jdbc.sql("SELECT 1 FROM facility WHERE client_id = :client FOR UPDATE")
			.param("client", facts.clientId())
			.query(Integer.class)
			.single();
		LocalDate today = LocalDate.now(this.clock);
		TermsVersion newest = this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM facility_terms_version v WHERE v.client_id = :client ORDER BY v.version DESC LIMIT 1")
			.param("client", facts.clientId())
			.query((rs, row) -> version(rs, facts.inForce()))
			.single();
		List<Violation> violations = new ArrayList<>();
		if (effectiveFrom.isBefore(today)) {
			violations.add(Violation.onField(
					"effectiveFrom", "terms.effectiveInPast", "New terms cannot take effect on " + effectiveFrom
							+ ", before today " + today + ": advances already made keep the terms they used",
					effectiveFrom, today));
		}
		else if (effectiveFrom.isBefore(newest.effectiveFrom())) {
			violations.add(Violation.onField("effectiveFrom", "terms.beforeNewest",
					"Version " + newest.version() + " takes effect on " + newest.effectiveFrom()
							+ ": new terms take effect on that day or later",
					newest.version(), newest.effectiveFrom()));
		}
		String why = (reason == null || reason.isBlank()) ? null : reason.strip();
		if (why != null && why.length() > 500) {
			violations.add(Violation.onField("reason", "terms.reason.tooLong",
					"The reason has " + why.length() + " characters; at most 500 are kept", why.length()));
		}
		if (violations.isEmpty() && newest.terms().equals(terms.normalised())) {
			violations.add(Violation.of("terms.unchanged",
					"Every term is the same as in version " + newest.version() + ": nothing to agree",
					newest.version()));
		}
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		int version = newest.version() + 1;
		AgreedTerms agreed = terms.normalised();
		this.jdbc
			.sql("""
					INSERT INTO facility_terms_version (client_id, version, effective_from, default_advance_rate, recourse,
					    recourse_days, notification, concentration_limit, currency, fee_structure, fee_period_days, day_count,
					    client_fee_discount, created_at, created_by, reason)
					VALUES (:client, :version, :effectiveFrom, :advanceRate, :recourse, :recourseDays, :notification,
					    :concentrationLimit, :currency, :feeStructure, :feePeriodDays, :dayCount, :clientFeeDiscount,
					    :createdAt, :createdBy, :reason)
					""")
			.param("client", facts.clientId())
			.param("version", version)
			.param("effectiveFrom", effectiveFrom)
			.param("advanceRate", agreed.advanceRate().fraction())
			.param("recourse", agreed.recourseDays() != null)
			.param("recourseDays", agreed.recourseDays())
			.param("notification", agreed.notification())
			.param("concentrationLimit", agreed.concentrationLimit().fraction())
			.param("currency", Money.CURRENCY)
			.param("feeStructure", agreed.feeTerms().kind().name())
			.param("feePeriodDays", agreed.feeTerms().periodDays())
			.param("dayCount", agreed.feeTerms().dayCount().name())
			.param("clientFeeDiscount", agreed.feeTerms().clientDiscount().fraction())
			.param("createdAt", Timestamp.from(this.clock.instant()))
			.param("createdBy", actor)
			.param("reason", why)
			.update();
		Map<String, Object> after = asAudit(version, effectiveFrom, agreed);
		if (why != null) {
			after.put("reason", why);
		}
		this.audit.record("facility.terms-agreed", SUBJECT, clientRef,
				asAudit(newest.version(), newest.effectiveFrom(), newest.terms()), after);
		applyDue(facts.clientId());
		return version;
	}

	/**
	 * Gives every facility the terms of the version in force today, where a version
	 * agreed for a later day has come into force.
	 * @return how many facilities took new terms
	 */
	@Transactional
	public int applyDue() {
		return applyDue(null);
	}

	private int applyDue(Long clientId) {
		return this.jdbc
			.sql("""
					UPDATE facility f
					SET default_advance_rate = v.default_advance_rate, recourse = v.recourse, recourse_days = v.recourse_days,
					    notification = v.notification, concentration_limit = v.concentration_limit, currency = v.currency,
					    fee_structure = v.fee_structure, fee_period_days = v.fee_period_days, day_count = v.day_count,
					    client_fee_discount = v.client_fee_discount, terms_version = v.version, version = f.version + 1
					FROM (SELECT DISTINCT ON (client_id) *
					      FROM facility_terms_version
					      WHERE effective_from <= :today AND (CAST(:client AS BIGINT) IS NULL OR client_id = :client)
					      ORDER BY client_id, version DESC) v
					WHERE v.client_id = f.client_id AND f.terms_version <> v.version
					""")
			.param("today", LocalDate.now(this.clock))
			.param("client", clientId)
			.update();
	}

	private Facts facts(String clientRef) {
		return this.jdbc.sql("""
				SELECT c.id, c.legal_name, f.facility_limit, f.enforcement, f.terms_version
				FROM client c JOIN facility f ON f.client_id = c.id WHERE c.ref = :ref
				""")
			.param("ref", clientRef)
			.query((rs, row) -> new Facts(rs.getLong("id"), rs.getString("legal_name"),
					Money.of(rs.getBigDecimal("facility_limit")), Enforcement.valueOf(rs.getString("enforcement")),
					rs.getInt("terms_version")))
			.optional()
			.orElseThrow(() -> new NotFoundException("client", clientRef));
	}

	private static Map<String, Object> asAudit(int version, LocalDate effectiveFrom, AgreedTerms terms) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("version", version);
		values.put("effectiveFrom", effectiveFrom.toString());
		values.putAll(terms.audited());
		return values;
	}

	private static TermsVersion version(ResultSet rs, int inForce) throws SQLException {
		int recourseDays = rs.getInt("recourse_days");
		Integer recourse = rs.wasNull() ? null : recourseDays;
		AgreedTerms terms = new AgreedTerms(new Rate(rs.getBigDecimal("default_advance_rate")), recourse,
				rs.getBoolean("notification"), new Rate(rs.getBigDecimal("concentration_limit")),
				new FeeTerms(FeeKind.valueOf(rs.getString("fee_structure")), rs.getInt("fee_period_days"),
						DayCount.valueOf(rs.getString("day_count")), new Rate(rs.getBigDecimal("client_fee_discount"))))
			.normalised();
		return new TermsVersion(rs.getInt("version"), rs.getDate("effective_from").toLocalDate(), terms,
				rs.getString("currency"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getString("reason"), rs.getInt("version") == inForce);
	}

	private record Facts(long clientId, String legalName, Money limit, Enforcement enforcement, int inForce) {
	}

	/**
	 * The terms agreed in one version.
	 *
	 * @param advanceRate the default advance rate
	 * @param recourseDays the recourse period, or {@code null} for a non-recourse
	 * facility
	 * @param notification whether the debtors are notified of the assignment
	 * @param concentrationLimit the most of the client's book one debtor may owe
	 * @param feeTerms how the fee is charged
	 */
	public record AgreedTerms(Rate advanceRate, Integer recourseDays, boolean notification, Rate concentrationLimit,
			FeeTerms feeTerms) {

		/**
		 * The terms with their rates as they are stored (six decimals), so that equal
		 * terms compare equal.
		 */
		public AgreedTerms normalised() {
			return new AgreedTerms(scaled(this.advanceRate), this.recourseDays, this.notification,
					scaled(this.concentrationLimit), new FeeTerms(this.feeTerms.kind(), this.feeTerms.periodDays(),
							this.feeTerms.dayCount(), scaled(this.feeTerms.clientDiscount())));
		}

		/**
		 * The terms as the audit records them, in a fixed order.
		 */
		public Map<String, Object> audited() {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("advanceRate", this.advanceRate.fraction().toPlainString());
			values.put("recourseDays", this.recourseDays);
			values.put("notification", this.notification);
			values.put("concentrationLimit", this.concentrationLimit.fraction().toPlainString());
			values.put("feeStructure", this.feeTerms.kind().name());
			values.put("feePeriodDays", this.feeTerms.periodDays());
			values.put("dayCount", this.feeTerms.dayCount().name());
			values.put("clientDiscount", this.feeTerms.clientDiscount().fraction().toPlainString());
			return values;
		}

		private static Rate scaled(Rate rate) {
			return new Rate(rate.fraction().setScale(6, java.math.RoundingMode.HALF_EVEN));
		}

	}

	/**
	 * One version of a facility's terms.
	 *
	 * @param version its number, 1 for the terms the facility started with
	 * @param effectiveFrom the first day it is in force
	 * @param terms what was agreed
	 * @param currency the facility's currency
	 * @param createdAt when it was agreed
	 * @param createdBy who recorded it
	 * @param reason why, or {@code null}
	 * @param inForce whether the facility holds these terms today
	 */
	public record TermsVersion(int version, LocalDate effectiveFrom, AgreedTerms terms, String currency,
			Instant createdAt, String createdBy, String reason, boolean inForce) {

		public BigDecimal advancePercent() {
			return plain(this.terms.advanceRate().asPercent());
		}

		public BigDecimal concentrationPercent() {
			return plain(this.terms.concentrationLimit().asPercent());
		}

		public BigDecimal discountPercent() {
			return plain(this.terms.feeTerms().clientDiscount().asPercent());
		}

		private static BigDecimal plain(BigDecimal value) {
			BigDecimal stripped = value.stripTrailingZeros();
			return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
		}

	}

	/**
	 * A client's facility terms over time.
	 *
	 * @param clientRef the client's reference
	 * @param legalName its name
	 * @param limit the facility limit (a credit decision, changed on the workbench)
	 * @param enforcement what the exposure engine does over a limit (a credit decision)
	 * @param inForce the number of the version in force today
	 * @param versions every version, newest first
	 */
	public record TermsHistory(String clientRef, String legalName, Money limit, Enforcement enforcement, int inForce,
			List<TermsVersion> versions) {

		public TermsVersion current() {
			return this.versions.stream().filter(TermsVersion::inForce).findFirst().orElseThrow();
		}

	}

	/**
	 * A client in the list of facilities.
	 *
	 * @param ref its reference
	 * @param legalName its name
	 * @param limit its facility limit
	 * @param inForce the version of its terms in force today
	 * @param newest the newest version agreed
	 * @param newestFrom the day the newest version takes effect
	 */
	public record ClientTerms(String ref, String legalName, Money limit, int inForce, int newest,
			LocalDate newestFrom) {
	}

}
