package com.factordesk.approval;

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
import java.util.Optional;

import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The credit policy in force (DESIGN sections 4 and 5): the settings the workbench's
 * flags, four-eyes, lapses and the underwriters' authority read. Admins publish new
 * versions, each holding every setting, who published it, when and why; a version takes
 * effect when it is published and stays readable afterwards. Until one is published, the
 * configuration's settings ({@code factordesk.policy.*}, version 0) are in force.
 */
@Service
public class CreditPolicy {

	/**
	 * The audit trail's subject type of a policy version.
	 */
	public static final String SUBJECT = "credit-policy";

	private static final String REQUEST_KEY = CreditPolicy.class.getName() + ".current";

	private static final String COLUMNS = """
			version, published_at, published_by, reason, stale_days, duplicate_window_days, cross_aging_share,
			bureau_stale_days, credit_note_days, four_eyes_threshold, lapse_days, underwriter_authority,
			watchlist_later_days""";

	private final JdbcClient jdbc;

	private final PolicyProperties configured;

	private final AdvisoryLocks locks;

	private final AuditTrail audit;

	private final Validator validator;

	private final Clock clock;

	CreditPolicy(JdbcClient jdbc, PolicyProperties configured, AdvisoryLocks locks, AuditTrail audit,
			Validator validator, Clock clock) {
		this.jdbc = jdbc;
		this.configured = configured;
		this.locks = locks;
		this.audit = audit;
		this.validator = validator;
		this.clock = clock;
	}

	/**
	 * The settings in force: those of the newest published version, or the
	 * configuration's when none is. Read once per web request (a page's flags, panel and
	 * limits read the same version, in one statement); anywhere else read each time.
	 */
	public PolicyProperties current() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && request.getAttribute(REQUEST_KEY,
				RequestAttributes.SCOPE_REQUEST) instanceof PolicyProperties cached) {
			return cached;
		}
		PolicyProperties settings = inForce().settings();
		if (request != null) {
			request.setAttribute(REQUEST_KEY, settings, RequestAttributes.SCOPE_REQUEST);
		}
		return settings;
	}

	/**
	 * The version in force, with who published it and when.
	 */
	public PolicyVersion inForce() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM credit_policy_version ORDER BY version DESC LIMIT 1")
			.query((rs, row) -> version(rs, true))
			.optional()
			.orElseGet(() -> configuredVersion(true));
	}

	/**
	 * Every version, newest first, ending with the configuration's (version 0).
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<PolicyVersion> versions() {
		List<PolicyVersion> versions = new ArrayList<>(
				this.jdbc.sql("SELECT " + COLUMNS + " FROM credit_policy_version ORDER BY version DESC")
					.query((rs, row) -> version(rs, row == 0))
					.list());
		versions.add(configuredVersion(versions.isEmpty()));
		return versions;
	}

	/**
	 * One version, as published.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public Optional<PolicyVersion> version(int number) {
		if (number == 0) {
			return Optional.of(configuredVersion(inForce().version() == 0));
		}
		int inForce = inForce().version();
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM credit_policy_version WHERE version = :version")
			.param("version", number)
			.query((rs, row) -> version(rs, rs.getInt("version") == inForce))
			.optional();
	}

	/**
	 * Whether these settings are those in force: publishing them would change nothing.
	 */
	public boolean isInForce(PolicyProperties settings) {
		return normalise(inForce().settings()).equals(normalise(settings));
	}

	/**
	 * Publishes new settings, in force from now on; audited with the settings before and
	 * after.
	 * @param settings every setting of the new version
	 * @param reason why the policy changes, or {@code null}
	 * @param actor who publishes it
	 * @return the new version number
	 * @throws BusinessRefusal when a setting is out of its range or nothing changes
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public int publish(PolicyProperties settings, String reason, String actor) {
		List<Violation> violations = new ArrayList<>();
		for (ConstraintViolation<PolicyProperties> violation : this.validator.validate(settings)) {
			String field = violation.getPropertyPath().toString();
			violations.add(Violation.of("policy.invalid",
					field + " " + violation.getMessage() + " (was " + violation.getInvalidValue() + ")", field,
					String.valueOf(violation.getInvalidValue())));
		}
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		PolicyProperties normalised = normalise(settings);
		String why = (reason == null || reason.isBlank()) ? null : reason.strip();
		if (why != null && why.length() > 500) {
			throw new BusinessRefusal(List.of(Violation.onField("reason", "policy.reason.tooLong",
					"The reason has " + why.length() + " characters; at most 500 are kept", why.length())));
		}
		this.locks.lockForTransaction(AdvisoryLocks.Key.POLICY_PUBLICATION);
		PolicyVersion before = inForce();
		if (normalise(before.settings()).equals(normalised)) {
			throw new BusinessRefusal(List.of(Violation.of("policy.unchanged",
					"Every setting is the same as in version " + before.version() + ", in force: nothing to publish",
					before.version())));
		}
		int version = before.version() + 1;
		this.jdbc
			.sql("""
					INSERT INTO credit_policy_version (version, published_at, published_by, reason, stale_days,
					    duplicate_window_days, cross_aging_share, bureau_stale_days, credit_note_days, four_eyes_threshold,
					    lapse_days, underwriter_authority, watchlist_later_days)
					VALUES (:version, :publishedAt, :publishedBy, :reason, :staleDays, :duplicateWindowDays, :crossAgingShare,
					    :bureauStaleDays, :creditNoteDays, :fourEyesThreshold, :lapseDays, :underwriterAuthority,
					    :watchlistLaterDays)
					""")
			.param("version", version)
			.param("publishedAt", Timestamp.from(this.clock.instant()))
			.param("publishedBy", actor)
			.param("reason", why)
			.param("staleDays", normalised.staleDays())
			.param("duplicateWindowDays", normalised.duplicateWindowDays())
			.param("crossAgingShare", normalised.crossAgingShare())
			.param("bureauStaleDays", normalised.bureauStaleDays())
			.param("creditNoteDays", normalised.creditNoteDays())
			.param("fourEyesThreshold", normalised.fourEyesThreshold())
			.param("lapseDays", normalised.lapseDays())
			.param("underwriterAuthority", normalised.underwriterAuthority())
			.param("watchlistLaterDays", normalised.watchlistLaterDays())
			.update();
		Map<String, Object> after = asAudit(version, normalised);
		if (why != null) {
			after.put("reason", why);
		}
		this.audit.record("policy.published", SUBJECT, String.valueOf(version),
				asAudit(before.version(), normalise(before.settings())), after);
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.removeAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST);
		}
		return version;
	}

	/**
	 * The settings as they are stored: the share with six decimals, amounts in cents.
	 */
	static PolicyProperties normalise(PolicyProperties settings) {
		return new PolicyProperties(settings.staleDays(), settings.duplicateWindowDays(),
				settings.crossAgingShare().setScale(6, RoundingMode.HALF_EVEN), settings.bureauStaleDays(),
				settings.creditNoteDays(), settings.fourEyesThreshold().setScale(2, RoundingMode.HALF_EVEN),
				settings.lapseDays(), settings.underwriterAuthority().setScale(2, RoundingMode.HALF_EVEN),
				settings.watchlistLaterDays());
	}

	private static Map<String, Object> asAudit(int version, PolicyProperties settings) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("version", version);
		values.put("staleDays", settings.staleDays());
		values.put("duplicateWindowDays", settings.duplicateWindowDays());
		values.put("crossAgingShare", settings.crossAgingShare().toPlainString());
		values.put("bureauStaleDays", settings.bureauStaleDays());
		values.put("creditNoteDays", settings.creditNoteDays());
		values.put("fourEyesThreshold", settings.fourEyesThreshold().toPlainString());
		values.put("lapseDays", settings.lapseDays());
		values.put("underwriterAuthority", settings.underwriterAuthority().toPlainString());
		values.put("watchlistLaterDays", settings.watchlistLaterDays());
		return values;
	}

	private PolicyVersion configuredVersion(boolean inForce) {
		return new PolicyVersion(0, null, null, null, this.configured, inForce);
	}

	private static PolicyVersion version(ResultSet rs, boolean inForce) throws SQLException {
		Timestamp publishedAt = rs.getTimestamp("published_at");
		return new PolicyVersion(rs.getInt("version"), publishedAt.toInstant(), rs.getString("published_by"),
				rs.getString("reason"),
				new PolicyProperties(rs.getInt("stale_days"), rs.getInt("duplicate_window_days"),
						rs.getBigDecimal("cross_aging_share"), rs.getInt("bureau_stale_days"),
						rs.getInt("credit_note_days"), rs.getBigDecimal("four_eyes_threshold"), rs.getInt("lapse_days"),
						rs.getBigDecimal("underwriter_authority"), rs.getInt("watchlist_later_days")),
				inForce);
	}

	/**
	 * One version of the credit policy.
	 *
	 * @param version its number; 0 for the configuration's settings
	 * @param publishedAt when it was published, or {@code null} for version 0
	 * @param publishedBy who published it, or {@code null} for version 0
	 * @param reason why, or {@code null}
	 * @param settings every setting
	 * @param inForce whether it is the version in force
	 */
	public record PolicyVersion(int version, Instant publishedAt, String publishedBy, String reason,
			PolicyProperties settings, boolean inForce) {

	}

}
