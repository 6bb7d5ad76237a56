package com.factordesk.debtor;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people at debtors whom the desk reached, as a data protection officer sees them:
 * found by name, e-mail address or phone number across every debtor, exported on request,
 * and erased on request (GDPR). An erased contact keeps its place in the debtor's history
 * (the verifications that reached it still say so) but nothing that says who it was; the
 * audit trail records the erasure by reference only.
 */
@Service
public class DebtorContacts {

	/**
	 * The most contacts a search lists.
	 */
	public static final int MOST_FOUND = 50;

	private static final String COLUMNS = """
			c.id, d.ref AS debtor_ref, d.name AS debtor_name, c.name, c.email, c.phone, c.added_by, c.added_at,
			c.erased_at, c.erased_by
			""";

	private final DebtorContactRepository contacts;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	DebtorContacts(DebtorContactRepository contacts, JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.contacts = contacts;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The contacts not erased whose name, e-mail address or phone number contains the
	 * text (case ignored), by name; at most {@link #MOST_FOUND}.
	 */
	@Transactional(readOnly = true)
	public List<Contact> search(String text) {
		String pattern = "%" + text.strip()
			.toLowerCase(java.util.Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_") + "%";
		return this.jdbc.sql("SELECT " + COLUMNS + """
				FROM debtor_contact c JOIN debtor d ON d.id = c.debtor_id
				WHERE c.erased_at IS NULL
				  AND (lower(c.name) LIKE :pattern OR lower(c.email) LIKE :pattern OR lower(c.phone) LIKE :pattern)
				ORDER BY c.name, c.id LIMIT :most
				""").param("pattern", pattern).param("most", MOST_FOUND).query(DebtorContacts::read).list();
	}

	/**
	 * One contact, erased or not.
	 */
	@Transactional(readOnly = true)
	public Optional<Contact> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				FROM debtor_contact c JOIN debtor d ON d.id = c.debtor_id WHERE c.id = :id
				""").param("id", id).query(DebtorContacts::read).optional();
	}

	/**
	 * Records that the contact's data was handed out on request (who and when; the audit
	 * holds no personal values).
	 * @throws NotFoundException when there is no such contact
	 */
	@Transactional
	public Contact export(long id) {
		Contact contact = find(id).orElseThrow(() -> new NotFoundException("Debtor contact", id));
		this.audit.record("debtor-contact.export", "debtor-contact", String.valueOf(id), null,
				Map.of("debtor", contact.debtorRef()));
		return contact;
	}

	/**
	 * Erases the contact's name, e-mail address and phone number, audited by reference.
	 * Erasing it again changes nothing and records nothing.
	 * @return the contact as it is now
	 * @throws NotFoundException when there is no such contact
	 */
	@Transactional
	public Contact erase(long id, String actor) {
		DebtorContact contact = this.contacts.findById(id)
			.orElseThrow(() -> new NotFoundException("Debtor contact", id));
		if (contact.erase(actor, Instant.now(this.clock))) {
			this.contacts.flush();
			String debtorRef = find(id).orElseThrow().debtorRef();
			this.audit.record("debtor-contact.erase", "debtor-contact", String.valueOf(id),
					Map.of("debtor", debtorRef, "erased", false), Map.of("debtor", debtorRef, "erased", true));
		}
		return find(id).orElseThrow();
	}

	private static Contact read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		java.sql.Timestamp erasedAt = rs.getTimestamp("erased_at");
		return new Contact(rs.getLong("id"), rs.getString("debtor_ref"), rs.getString("debtor_name"),
				rs.getString("name"), rs.getString("email"), rs.getString("phone"), rs.getString("added_by"),
				rs.getTimestamp("added_at").toInstant(), (erasedAt != null) ? erasedAt.toInstant() : null,
				rs.getString("erased_by"));
	}

	/**
	 * A contact at a debtor: who the desk reached, or, once erased, only when and by whom
	 * it was erased.
	 */
	public record Contact(long id, String debtorRef, String debtorName, String name, String email, String phone,
			String addedBy, Instant addedAt, Instant erasedAt, String erasedBy) {

		public boolean erased() {
			return this.erasedAt != null;
		}

	}

}
