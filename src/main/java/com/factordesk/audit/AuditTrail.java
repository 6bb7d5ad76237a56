package com.factordesk.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records who changed what, when, and the references before and after, in the transaction
 * of the change: the entry is committed with the change or not at all. The actor is the
 * authenticated user or API key, or {@value #SYSTEM} when nobody is.
 */
@Component
public class AuditTrail {

	/**
	 * The actor of a change that no user or API key made (start-up, scheduled work).
	 */
	public static final String SYSTEM = "system";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Records a change; {@code before} and {@code after} are written as JSON by the
	 * application's mapper and hold references or small values, never personal data.
	 * @param action what happened, e.g. {@code user.roles-changed}
	 * @param subjectType the kind of thing changed, e.g. {@code user}
	 * @param subjectRef which one, e.g. its id or version number
	 * @param before the references before the change, or {@code null}
	 * @param after the references after the change, or {@code null}
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String subjectType, String subjectRef, Object before, Object after) {
		this.jdbc.sql("""
				INSERT INTO audit_entry (occurred_at, actor, action, subject_type, subject_ref, before_ref, after_ref)
				VALUES (:occurredAt, :actor, :action, :subjectType, :subjectRef, CAST(:before AS jsonb),
				        CAST(:after AS jsonb))
				""")
			.param("occurredAt", Timestamp.from(this.clock.instant()))
			.param("actor", actor())
			.param("action", action)
			.param("subjectType", subjectType)
			.param("subjectRef", subjectRef)
			.param("before", toJson(before))
			.param("after", toJson(after))
			.update();
	}

	/**
	 * Every entry about one subject, oldest first.
	 */
	@Transactional(readOnly = true)
	public List<AuditEntry> forSubject(String subjectType, String subjectRef) {
		return this.jdbc.sql("""
				SELECT id, occurred_at, actor, action, subject_type, subject_ref, before_ref, after_ref
				FROM audit_entry WHERE subject_type = :subjectType AND subject_ref = :subjectRef
				ORDER BY occurred_at, id
				""")
			.param("subjectType", subjectType)
			.param("subjectRef", subjectRef)
			.query((rs, row) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
					rs.getString("subject_ref"), rs.getString("before_ref"), rs.getString("after_ref")))
			.list();
	}

	private static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return SYSTEM;
		}
		return authentication.getName();
	}

	private String toJson(Object value) {
		return (value != null) ? this.json.writeValueAsString(value) : null;
	}

}
