package com.factordesk.approval;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The verifications that reached one debtor contact, oldest first: what a contact's data
 * export lists beside the contact (which invoice, the outcome, who asked and when).
 */
@Component
public class ContactVerifications {

	private final JdbcClient jdbc;

	ContactVerifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<Verification> of(long contactId) {
		return this.jdbc.sql("""
				SELECT i.number, d.kind, d.decided_by, d.decided_at
				FROM invoice_decision d JOIN invoice i ON i.id = d.invoice_id
				WHERE d.contact_id = :contact ORDER BY d.decided_at, d.id
				""")
			.param("contact", contactId)
			.query((rs, row) -> new Verification(rs.getString("number"), DecisionKind.valueOf(rs.getString("kind")),
					rs.getString("decided_by"), rs.getTimestamp("decided_at").toInstant()))
			.list();
	}

	/**
	 * One verification: the invoice, its outcome ({@code VERIFIED} or
	 * {@code VERIFICATION_FAILED}), who recorded it and when.
	 */
	public record Verification(String invoiceNumber, DecisionKind outcome, String recordedBy, Instant recordedAt) {
	}

}
