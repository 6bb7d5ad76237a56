package com.factordesk.approval;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.factordesk.approval.CreditLimitDecision.Kind;
import com.factordesk.approval.CreditLimitDecision.Status;
import com.factordesk.client.Enforcement;
import com.factordesk.shared.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the pages show of limits: a debtor's credit and insurer limits with the exposure
 * used against each, a facility's limit and its use, the proposals waiting for a manager,
 * the history of every limit, the notices of assignment, and the credit limits due for
 * review. A few SQL statements per page, whatever the history.
 */
@Service
@Transactional(readOnly = true)
public class LimitViews {

	/** How far ahead a credit limit's review date puts it on the review list. */
	static final int REVIEW_DAYS = 30;

	/** The most rows a list of decisions or reviews shows. */
	static final int ROWS = 200;

	private static final String DECISIONS = """
			SELECT l.id, l.kind, COALESCE(d.ref, c.ref) AS subject_ref, COALESCE(d.name, c.legal_name) AS subject_name,
			       l.limit_before, l.proposed_limit, COALESCE(l.review_on, l.expires_on) AS limit_date, l.reason,
			       l.proposed_by, l.proposed_at, l.status, l.decided_by, l.decided_at, l.decision_note
			FROM credit_limit_decision l
			LEFT JOIN debtor d ON d.id = l.debtor_id
			LEFT JOIN client c ON c.id = l.client_id
			WHERE %s
			ORDER BY l.id %s LIMIT %d
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	LimitViews(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A debtor's limits, what is used of each, their proposals and history, and its
	 * clients with their notices of assignment.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<DebtorLimits> forDebtor(String ref) {
		LocalDate today = LocalDate.now(this.clock);
		return this.jdbc.sql("""
				SELECT d.id, d.ref, d.credit_limit, d.credit_limit_review_on, d.insurer_limit,
				       d.insurer_limit_expires_on, COALESCE(e.funded, 0) AS funded, COALESCE(e.reserved, 0) AS reserved,
				       (SELECT COALESCE(SUM(o.outstanding), 0) FROM open_receivable(CAST(:today AS date)) o
				        WHERE o.debtor_id = d.id)
				       + (SELECT COALESCE(SUM(i.amount), 0) FROM invoice i
				          WHERE i.debtor_id = d.id AND i.status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL'))
				           AS insured_face
				FROM debtor d LEFT JOIN debtor_exposure e ON e.debtor_id = d.id
				WHERE d.ref = :ref
				""").param("ref", ref).param("today", today).query((rs, row) -> {
			BigDecimal insurer = rs.getBigDecimal("insurer_limit");
			return new DebtorLimits(rs.getLong("id"), rs.getString("ref"), Money.of(rs.getBigDecimal("credit_limit")),
					rs.getObject("credit_limit_review_on", LocalDate.class),
					(insurer != null) ? Money.of(insurer) : null,
					rs.getObject("insurer_limit_expires_on", LocalDate.class), Money.of(rs.getBigDecimal("funded")),
					Money.of(rs.getBigDecimal("reserved")), Money.of(rs.getBigDecimal("insured_face")), today,
					List.of(), List.of());
		})
			.optional()
			.map((limits) -> limits.with(decisions("l.debtor_id = :id", limits.debtorId()),
					clients(limits.debtorId())));
	}

	/**
	 * A client's facility limit, what is used of it, its proposals and history.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<FacilityLimits> forClient(String ref) {
		return this.jdbc.sql("""
				SELECT c.id, c.ref, c.legal_name, f.facility_limit, f.enforcement, COALESCE(e.funded, 0) AS funded,
				       COALESCE(e.reserved, 0) AS reserved
				FROM client c JOIN facility_terms f ON f.client_id = c.id
				LEFT JOIN facility_exposure e ON e.client_id = c.id
				WHERE c.ref = :ref
				""")
			.param("ref", ref)
			.query((rs, row) -> new FacilityLimits(rs.getLong("id"), rs.getString("ref"), rs.getString("legal_name"),
					Money.of(rs.getBigDecimal("facility_limit")), Money.of(rs.getBigDecimal("funded")),
					Money.of(rs.getBigDecimal("reserved")), Enforcement.valueOf(rs.getString("enforcement")),
					List.of()))
			.optional()
			.map((limits) -> limits.with(decisions("l.client_id = :id", limits.clientId())));
	}

	/**
	 * The proposals waiting for a manager, oldest first, and the credit limits whose
	 * review date is past or within {@value #REVIEW_DAYS} days, soonest first.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public LimitsOverview overview() {
		LocalDate today = LocalDate.now(this.clock);
		List<Decision> pending = this.jdbc.sql(DECISIONS.formatted("l.status = 'PROPOSED'", "ASC", ROWS))
			.query(LimitViews::decision)
			.list();
		List<Review> reviews = this.jdbc.sql("""
				SELECT d.ref, d.name, d.credit_limit, d.credit_limit_review_on,
				       COALESCE(e.funded + e.reserved, 0) AS exposure
				FROM debtor d LEFT JOIN debtor_exposure e ON e.debtor_id = d.id
				WHERE d.credit_limit_review_on <= CAST(:until AS date)
				ORDER BY d.credit_limit_review_on, d.ref
				LIMIT :rows
				""")
			.param("until", today.plusDays(REVIEW_DAYS))
			.param("rows", ROWS)
			.query((rs, row) -> new Review(rs.getString("ref"), rs.getString("name"),
					Money.of(rs.getBigDecimal("credit_limit")), rs.getObject("credit_limit_review_on", LocalDate.class),
					Money.of(rs.getBigDecimal("exposure")), today))
			.list();
		return new LimitsOverview(pending, reviews, today);
	}

	private List<Decision> decisions(String condition, long id) {
		return this.jdbc.sql(DECISIONS.formatted(condition, "DESC", ROWS))
			.param("id", id)
			.query(LimitViews::decision)
			.list();
	}

	private List<ClientNotice> clients(long debtorId) {
		return this.jdbc.sql("""
				SELECT c.id, c.ref, c.legal_name, f.notification, n.sent_on, n.reference, n.recorded_by,
				       r.reason AS related_reason
				FROM client c JOIN facility_terms f ON f.client_id = c.id
				LEFT JOIN notice_of_assignment n ON n.client_id = c.id AND n.debtor_id = :id
				LEFT JOIN related_party r ON r.client_id = c.id AND r.debtor_id = :id
				WHERE c.id IN (SELECT i.client_id FROM invoice i WHERE i.debtor_id = :id)
				ORDER BY c.legal_name, c.ref
				""")
			.param("id", debtorId)
			.query((rs, row) -> new ClientNotice(rs.getLong("id"), rs.getString("ref"), rs.getString("legal_name"),
					rs.getBoolean("notification"), rs.getObject("sent_on", LocalDate.class), rs.getString("reference"),
					rs.getString("recorded_by"), rs.getString("related_reason")))
			.list();
	}

	private static Decision decision(ResultSet rs, int row) throws SQLException {
		BigDecimal before = rs.getBigDecimal("limit_before");
		Timestamp decidedAt = rs.getTimestamp("decided_at");
		return new Decision(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("subject_ref"),
				rs.getString("subject_name"), (before != null) ? Money.of(before) : null,
				Money.of(rs.getBigDecimal("proposed_limit")), rs.getObject("limit_date", LocalDate.class),
				rs.getString("reason"), rs.getString("proposed_by"), rs.getTimestamp("proposed_at").toInstant(),
				Status.valueOf(rs.getString("status")), rs.getString("decided_by"),
				(decidedAt != null) ? decidedAt.toInstant() : null, rs.getString("decision_note"));
	}

	/**
	 * One credit decision on a limit, as the history and the pending lists show it.
	 *
	 * @param date the review date of a credit limit, the expiry of an insurer limit, or
	 * {@code null}
	 */
	public record Decision(long id, Kind kind, String subjectRef, String subjectName, Money limitBefore,
			Money proposedLimit, LocalDate date, String reason, String proposedBy, Instant proposedAt, Status status,
			String decidedBy, Instant decidedAt, String note) {

		public boolean pending() {
			return this.status == Status.PROPOSED;
		}

		/**
		 * Where the page of the limit is: the debtor page or the facility limit page.
		 */
		public String subjectPath() {
			return this.kind.onDebtor() ? "/debtors/" + this.subjectRef : "/clients/" + this.subjectRef + "/limit";
		}

	}

	/**
	 * A client of the debtor, whether its facility is a notification one, and the notice
	 * of assignment on file for the pair ({@code sentOn} {@code null} when none).
	 */
	public record ClientNotice(long clientId, String clientRef, String clientName, boolean notification,
			LocalDate sentOn, String reference, String recordedBy, String relatedReason) {

		public boolean noticeOnFile() {
			return this.sentOn != null;
		}

	}

	/**
	 * A debtor's limits and their use: exposure (funded + reserved) against the credit
	 * limit; the insured open face (open on funded invoices + the face of approvals
	 * awaiting funding) against the insurer limit while its cover runs.
	 */
	public record DebtorLimits(long debtorId, String debtorRef, Money creditLimit, LocalDate reviewOn,
			Money insurerLimit, LocalDate insurerExpiresOn, Money funded, Money reserved, Money insuredFace,
			LocalDate today, List<Decision> decisions, List<ClientNotice> clients) {

		DebtorLimits with(List<Decision> decisions, List<ClientNotice> clients) {
			return new DebtorLimits(this.debtorId, this.debtorRef, this.creditLimit, this.reviewOn, this.insurerLimit,
					this.insurerExpiresOn, this.funded, this.reserved, this.insuredFace, this.today,
					List.copyOf(decisions), List.copyOf(clients));
		}

		public Money exposure() {
			return this.funded.plus(this.reserved);
		}

		/** The credit limit less the exposure; negative when over it. */
		public Money creditAvailable() {
			return this.creditLimit.minus(exposure());
		}

		public boolean insured() {
			return this.insurerLimit != null && !this.today.isAfter(this.insurerExpiresOn);
		}

		/** The insurer limit less the insured open face; negative when over it. */
		public Money insurerAvailable() {
			return this.insurerLimit.minus(this.insuredFace);
		}

		public boolean reviewDue() {
			return this.reviewOn != null && !this.reviewOn.isAfter(this.today.plusDays(REVIEW_DAYS));
		}

		public List<Decision> pending() {
			return this.decisions.stream().filter(Decision::pending).toList();
		}

		public List<Decision> history() {
			return this.decisions.stream().filter((decision) -> !decision.pending()).toList();
		}

	}

	/**
	 * A facility's limit and its use (funded + reserved), with its proposals and history.
	 */
	public record FacilityLimits(long clientId, String clientRef, String clientName, Money limit, Money funded,
			Money reserved, Enforcement enforcement, List<Decision> decisions) {

		FacilityLimits with(List<Decision> decisions) {
			return new FacilityLimits(this.clientId, this.clientRef, this.clientName, this.limit, this.funded,
					this.reserved, this.enforcement, List.copyOf(decisions));
		}

		public Money exposure() {
			return this.funded.plus(this.reserved);
		}

		/** The limit less the exposure; negative when over it. */
		public Money available() {
			return this.limit.minus(exposure());
		}

		public List<Decision> pending() {
			return this.decisions.stream().filter(Decision::pending).toList();
		}

		public List<Decision> history() {
			return this.decisions.stream().filter((decision) -> !decision.pending()).toList();
		}

	}

	/**
	 * A credit limit due for review: past its review date, or within
	 * {@value LimitViews#REVIEW_DAYS} days of it.
	 */
	public record Review(String debtorRef, String debtorName, Money creditLimit, LocalDate reviewOn, Money exposure,
			LocalDate today) {

		public boolean overdue() {
			return this.reviewOn.isBefore(this.today);
		}

	}

	/**
	 * The {@code /limits} page: what waits for a manager and what is due for review.
	 */
	public record LimitsOverview(List<Decision> pending, List<Review> dueForReview, LocalDate today) {

	}

}
