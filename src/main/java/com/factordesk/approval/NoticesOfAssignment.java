package com.factordesk.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the notice of assignment that told a debtor to pay us a client's invoices: one
 * per (client, debtor), for a client the debtor owes invoices to. Without one, an invoice
 * of a notification facility is flagged ({@link FlagCode#NO_NOTICE}).
 */
@Service
@Transactional
public class NoticesOfAssignment {

	/** The longest reference a notice keeps. */
	static final int REFERENCE_LENGTH = 64;

	private final JdbcClient jdbc;

	private final DebtorClients debtorClients;

	private final AuditTrail audit;

	private final Clock clock;

	NoticesOfAssignment(JdbcClient jdbc, DebtorClients debtorClients, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.debtorClients = debtorClients;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records that the notice with this reference was sent to the debtor on the day
	 * given, for the client's invoices.
	 * @throws BusinessRefusal when the client is not one of the debtor's, the day is
	 * missing or in the future, the reference is missing or too long, or a notice for the
	 * pair is already on file
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void record(RecordNotice command) {
		long debtorId = this.debtorClients.debtorId(command.debtorRef());
		LocalDate today = LocalDate.now(this.clock);
		List<Violation> violations = new ArrayList<>();
		String clientRef = this.debtorClients.clientOf(command.clientId(), debtorId).orElse(null);
		if (clientRef == null) {
			violations.add(Violation.onField("clientId", "notice.client.unknown",
					"Choose one of the clients the debtor owes invoices to"));
		}
		if (command.sentOn() == null) {
			violations.add(Violation.onField("sentOn", "notice.sentOn.missing", "Enter the day the notice was sent"));
		}
		else if (command.sentOn().isAfter(today)) {
			violations.add(Violation.onField("sentOn", "notice.sentOn.future",
					"A notice cannot have been sent after today (" + today + ")", command.sentOn().toString(),
					today.toString()));
		}
		if (command.reference().isEmpty()) {
			violations.add(Violation.onField("reference", "notice.reference.missing", "Enter the notice's reference"));
		}
		else if (command.reference().length() > REFERENCE_LENGTH) {
			violations.add(Violation.onField("reference", "notice.reference.tooLong",
					"A reference has at most " + REFERENCE_LENGTH + " characters", REFERENCE_LENGTH));
		}
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		int recorded = this.jdbc.sql("""
				INSERT INTO notice_of_assignment (client_id, debtor_id, sent_on, reference, recorded_by, recorded_at)
				VALUES (:clientId, :debtorId, :sentOn, :reference, :recordedBy, :recordedAt)
				ON CONFLICT (client_id, debtor_id) DO NOTHING
				""")
			.param("clientId", command.clientId())
			.param("debtorId", debtorId)
			.param("sentOn", command.sentOn())
			.param("reference", command.reference())
			.param("recordedBy", SecurityContextHolder.getContext().getAuthentication().getName())
			.param("recordedAt", Timestamp.from(this.clock.instant()))
			.update();
		if (recorded == 0) {
			Map<String, Object> onFile = this.jdbc.sql(
					"SELECT sent_on, reference FROM notice_of_assignment WHERE client_id = :clientId AND debtor_id = :debtorId")
				.param("clientId", command.clientId())
				.param("debtorId", debtorId)
				.query()
				.singleRow();
			throw BusinessRefusal.of("notice.exists", "A notice of assignment for this client is already on file",
					clientRef, onFile.get("reference"), onFile.get("sent_on").toString());
		}
		this.audit.record("notice-of-assignment.recorded", "debtor", command.debtorRef(), null,
				Map.of("client", clientRef, "sentOn", command.sentOn().toString(), "reference", command.reference()));
	}

	/**
	 * A notice of assignment to record.
	 *
	 * @param debtorRef the debtor told to pay us
	 * @param clientId the client whose invoices it pays us; {@code null} when none was
	 * chosen
	 * @param sentOn the day it was sent; {@code null} when none was given
	 * @param reference the notice's reference (a letter's or a registered mail's number)
	 */
	public record RecordNotice(String debtorRef, Long clientId, LocalDate sentOn, String reference) {

		public RecordNotice {
			reference = (reference != null) ? reference.strip() : "";
		}

	}

}
