package com.factordesk.audit;

import java.time.Instant;

/**
 * One recorded change as the audit trail keeps it; {@code before} and {@code after} are
 * JSON of references or values, or {@code null} where there was nothing before or after.
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String subjectType,
		String subjectRef, String before, String after) {
}
