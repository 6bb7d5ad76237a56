package com.factordesk.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail as the admin console reads it: newest first, a page at a time, filtered
 * by who, what kind of thing, and the days (in the desk's time zone) it happened.
 * Read-only: nothing here writes.
 */
@Component
public class AuditLog {

	/**
	 * Entries on a page.
	 */
	public static final int PAGE_SIZE = 50;

	private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ZoneId zone;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		// amounts and rates read as they were written (4000.00, not 4000.0)
		this.json = JsonMapper.builder()
			.enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.build();
		this.zone = clock.getZone();
	}

	/**
	 * One page of the entries the filter matches, newest first (page 0 the newest).
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public AuditPage page(Filter filter, int page) {
		StringBuilder where = new StringBuilder("TRUE");
		Map<String, Object> params = new LinkedHashMap<>();
		if (filter.actor() != null) {
			where.append(" AND actor = :actor");
			params.put("actor", filter.actor());
		}
		if (filter.kind() != null) {
			where.append(" AND subject_type = :kind");
			params.put("kind", filter.kind());
		}
		if (filter.from() != null) {
			where.append(" AND occurred_at >= :from");
			params.put("from", Timestamp.from(filter.from().atStartOfDay(this.zone).toInstant()));
		}
		if (filter.to() != null) {
			where.append(" AND occurred_at < :to");
			params.put("to", Timestamp.from(filter.to().plusDays(1).atStartOfDay(this.zone).toInstant()));
		}
		params.put("limit", PAGE_SIZE + 1);
		params.put("offset", (long) page * PAGE_SIZE);
		List<Entry> entries = new ArrayList<>(this.jdbc.sql("""
				SELECT id, occurred_at, actor, action, subject_type, subject_ref, before_ref, after_ref
				FROM audit_entry WHERE %s
				ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset
				""".formatted(where))
			.params(params)
			.query((rs, row) -> new Entry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
					rs.getString("subject_ref"), fields(rs.getString("before_ref")), fields(rs.getString("after_ref"))))
			.list());
		boolean more = entries.size() > PAGE_SIZE;
		return new AuditPage(more ? entries.subList(0, PAGE_SIZE) : entries, page, more);
	}

	/**
	 * The kinds of thing the trail has entries about, in order: a skip scan of the
	 * subject index, one probe per kind, not a read of the trail.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<String> kinds() {
		return this.jdbc.sql("""
				WITH RECURSIVE kinds(kind) AS (
				    (SELECT subject_type FROM audit_entry ORDER BY subject_type LIMIT 1)
				    UNION ALL
				    SELECT (SELECT subject_type FROM audit_entry WHERE subject_type > kinds.kind
				            ORDER BY subject_type LIMIT 1)
				    FROM kinds WHERE kinds.kind IS NOT NULL
				)
				SELECT kind FROM kinds WHERE kind IS NOT NULL
				""").query(String.class).list();
	}

	/**
	 * A JSON object's fields in order, a value that is not an object under
	 * {@code "value"}, or nothing.
	 */
	private Map<String, Object> fields(String value) {
		if (value == null) {
			return Map.of();
		}
		tools.jackson.databind.JsonNode node = this.json.readTree(value);
		if (node.isObject()) {
			return this.json.convertValue(node, OBJECT);
		}
		return Map.of("value", node.isValueNode() ? node.asString() : node.toString());
	}

	/**
	 * What to show: one actor's entries, one kind of subject's, from and to a day (each
	 * may be {@code null}: no filter).
	 */
	public record Filter(String actor, String kind, LocalDate from, LocalDate to) {

	}

	/**
	 * One entry, with the fields it recorded before and after.
	 */
	public record Entry(long id, java.time.Instant occurredAt, String actor, String action, String subjectType,
			String subjectRef, Map<String, Object> before, Map<String, Object> after) {

	}

	/**
	 * A page of entries and whether older ones follow.
	 */
	public record AuditPage(List<Entry> entries, int page, boolean more) {

	}

}
