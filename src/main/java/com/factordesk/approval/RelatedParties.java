package com.factordesk.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marks a client and a debtor related (DESIGN section 4): what the registration numbers
 * do not show, a group company or a shared owner, found by an underwriter. Once marked,
 * the pair's invoices carry the {@link FlagCode#RELATED_PARTY} flag with the reason.
 */
@Service
@Transactional
public class RelatedParties {

	/** The longest reason a mark keeps. */
	static final int REASON_LENGTH = 500;

	private final JdbcClient jdbc;

	private final DebtorClients debtorClients;

	private final AuditTrail audit;

	private final Clock clock;

	RelatedParties(JdbcClient jdbc, DebtorClients debtorClients, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.debtorClients = debtorClients;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Marks the debtor related to one of the clients it owes invoices to, with why.
	 * @throws BusinessRefusal when the client is not one of the debtor's, the reason is
	 * missing or too long, or the pair is already marked
	 * @throws NotFoundException when no debtor has that reference
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void mark(String debtorRef, Long clientId, String reason) {
		long debtorId = this.debtorClients.debtorId(debtorRef);
		String why = (reason != null) ? reason.strip() : "";
		List<Violation> violations = new ArrayList<>();
		String clientRef = this.debtorClients.clientOf(clientId, debtorId).orElse(null);
		if (clientRef == null) {
			violations.add(Violation.onField("clientId", "related.client.unknown",
					"Choose one of the clients the debtor owes invoices to"));
		}
		if (why.isEmpty()) {
			violations.add(Violation.onField("reason", "related.reason.missing", "Say how the two are related"));
		}
		else if (why.length() > REASON_LENGTH) {
			violations.add(Violation.onField("reason", "related.reason.tooLong",
					"A reason has at most " + REASON_LENGTH + " characters", REASON_LENGTH));
		}
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		int marked = this.jdbc.sql("""
				INSERT INTO related_party (client_id, debtor_id, reason, marked_by, marked_at)
				VALUES (:clientId, :debtorId, :reason, :markedBy, :markedAt)
				ON CONFLICT (client_id, debtor_id) DO NOTHING
				""")
			.param("clientId", clientId)
			.param("debtorId", debtorId)
			.param("reason", why)
			.param("markedBy", SecurityContextHolder.getContext().getAuthentication().getName())
			.param("markedAt", Timestamp.from(this.clock.instant()))
			.update();
		if (marked == 0) {
			throw BusinessRefusal.of("related.exists", "The client and the debtor are already marked related",
					clientRef);
		}
		this.audit.record("related-party.marked", "debtor", debtorRef, null,
				Map.of("client", clientRef, "reason", why));
	}

}
