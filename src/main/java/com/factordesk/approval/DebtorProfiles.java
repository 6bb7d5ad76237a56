package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import com.factordesk.shared.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a debtor's profile in a handful of SQL queries, the cross-client view among them:
 * per client, how the debtor pays, so that "pays client A on time, client B 40 days late"
 * shows at a glance.
 */
@Service
@Transactional(readOnly = true)
public class DebtorProfiles {

	private static final String CLIENTS = """
			WITH item AS (
			    SELECT client_id, amount, due_date, closed_on, last_collected_on AS last_paid, outstanding
			    FROM invoice_balance(CAST(:today AS date))
			    WHERE debtor_id = :debtorId
			)
			SELECT c.ref, c.legal_name,
			       COUNT(*) FILTER (WHERE it.outstanding <= 0 AND it.last_paid > CAST(:today AS date) - 365) AS paid,
			       COALESCE(SUM(it.amount * GREATEST(0, it.last_paid - it.due_date))
			                    FILTER (WHERE it.outstanding <= 0 AND it.last_paid > CAST(:today AS date) - 365)
			                / NULLIF(SUM(it.amount) FILTER (WHERE it.outstanding <= 0
			                                                 AND it.last_paid > CAST(:today AS date) - 365), 0), 0) AS dbt,
			       COALESCE(AVG(CASE WHEN it.last_paid > it.due_date THEN 1.0 ELSE 0.0 END)
			                    FILTER (WHERE it.outstanding <= 0 AND it.last_paid > CAST(:today AS date) - 365), 0)
			           AS late_share,
			       COUNT(*) FILTER (WHERE it.outstanding > 0 AND it.closed_on IS NULL) AS open_count,
			       COALESCE(SUM(it.outstanding) FILTER (WHERE it.outstanding > 0 AND it.closed_on IS NULL), 0) AS open_amount
			FROM item it JOIN client c ON c.id = it.client_id
			GROUP BY c.ref, c.legal_name
			ORDER BY dbt DESC, c.ref
			""";

	/**
	 * How many invoices the lists of waiting and of paid invoices show.
	 */
	static final int LISTED = 20;

	private final JdbcClient jdbc;

	private final Clock clock;

	DebtorProfiles(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<DebtorProfile> find(String ref) {
		LocalDate today = LocalDate.now(this.clock);
		return this.jdbc.sql("""
				SELECT id, ref, name, registration_number, country, industry, credit_limit, insurer_limit,
				       insurer_limit_expires_on
				FROM debtor WHERE ref = :ref
				""").param("ref", ref).query((rs, row) -> {
			java.math.BigDecimal insurer = rs.getBigDecimal("insurer_limit");
			return new DebtorProfile.Header(rs.getLong("id"), rs.getString("ref"), rs.getString("name"),
					rs.getString("registration_number"), rs.getString("country"), rs.getString("industry"),
					Money.of(rs.getBigDecimal("credit_limit")), (insurer != null) ? Money.of(insurer) : null,
					rs.getObject("insurer_limit_expires_on", LocalDate.class));
		}).optional().map((header) -> profile(header, today));
	}

	private DebtorProfile profile(DebtorProfile.Header header, LocalDate today) {
		var bureau = this.jdbc.sql(
				"SELECT provider, score, as_of FROM bureau_reading WHERE debtor_id = :id ORDER BY as_of DESC, provider")
			.param("id", header.id())
			.query((rs, row) -> new DebtorProfile.Bureau(rs.getString("provider"), rs.getInt("score"),
					rs.getObject("as_of", LocalDate.class)))
			.list();
		var disputes = this.jdbc.sql("""
				SELECT i.id, i.number, c.legal_name, d.reason, d.opened_on, d.amount, d.resolved_on, d.outcome
				FROM dispute_fact d JOIN invoice i ON i.id = d.invoice_id JOIN client c ON c.id = i.client_id
				WHERE i.debtor_id = :id ORDER BY d.opened_on DESC, d.dispute_id DESC LIMIT 50
				""")
			.param("id", header.id())
			.query((rs, row) -> new DebtorProfile.DisputeRow(rs.getLong("id"), rs.getString("number"),
					rs.getString("legal_name"), rs.getString("reason"), rs.getObject("opened_on", LocalDate.class),
					Money.of(rs.getBigDecimal("amount")), rs.getObject("resolved_on", LocalDate.class),
					rs.getString("outcome")))
			.list();
		var open = this.jdbc.sql("""
				SELECT i.id, i.number, c.ref AS client_ref, c.legal_name, o.due_date, i.status,
				       GREATEST(0, o.days_past_due) AS days_past_due, o.outstanding
				FROM open_receivable(CAST(:today AS date)) o
				JOIN invoice i ON i.id = o.invoice_id
				JOIN client c ON c.id = o.client_id
				WHERE o.debtor_id = :id
				ORDER BY days_past_due DESC, i.id LIMIT 100
				""")
			.param("id", header.id())
			.param("today", today)
			.query((rs, row) -> new DebtorProfile.OpenItem(rs.getLong("id"), rs.getString("number"),
					rs.getString("client_ref"), rs.getString("legal_name"), rs.getObject("due_date", LocalDate.class),
					rs.getInt("days_past_due"), Money.of(rs.getBigDecimal("outstanding")), rs.getString("status")))
			.list();
		var clients = this.jdbc.sql(CLIENTS)
			.param("debtorId", header.id())
			.param("today", today)
			.query((rs, row) -> new DebtorProfile.ClientBehaviour(rs.getString("ref"), rs.getString("legal_name"),
					rs.getLong("paid"), rs.getBigDecimal("dbt").setScale(1, java.math.RoundingMode.HALF_EVEN),
					rs.getBigDecimal("late_share").setScale(4, java.math.RoundingMode.HALF_EVEN),
					rs.getLong("open_count"), Money.of(rs.getBigDecimal("open_amount"))))
			.list();
		var pending = this.jdbc.sql("""
				SELECT i.id, i.number, c.ref AS client_ref, c.legal_name, i.amount, i.status, i.submitted_at
				FROM invoice i JOIN client c ON c.id = i.client_id
				WHERE i.debtor_id = :id
				  AND i.status IN ('SUBMITTED', 'VERIFIED', 'HELD', 'AWAITING_SECOND_APPROVAL', 'APPROVED')
				ORDER BY i.submitted_at, i.id LIMIT :limit
				""")
			.param("id", header.id())
			.param("limit", LISTED)
			.query((rs, row) -> new DebtorProfile.PendingItem(rs.getLong("id"), rs.getString("number"),
					rs.getString("client_ref"), rs.getString("legal_name"), Money.of(rs.getBigDecimal("amount")),
					rs.getString("status"), rs.getTimestamp("submitted_at").toInstant()))
			.list();
		// the last paid first, through the index on the closing day (V041)
		var paid = this.jdbc.sql("""
				SELECT i.id, i.number, c.ref AS client_ref, c.legal_name, i.amount, i.due_date, i.closed_on
				FROM invoice i JOIN client c ON c.id = i.client_id
				WHERE i.debtor_id = :id AND i.funded_on IS NOT NULL AND i.status = 'PAID'
				  AND COALESCE(i.closed_on, CAST('infinity' AS date)) <= CAST(:today AS date)
				ORDER BY COALESCE(i.closed_on, CAST('infinity' AS date)) DESC, i.id DESC LIMIT :limit
				""").param("id", header.id()).param("today", today).param("limit", LISTED).query((rs, row) -> {
			LocalDate due = rs.getObject("due_date", LocalDate.class);
			LocalDate paidOn = rs.getObject("closed_on", LocalDate.class);
			return new DebtorProfile.PaidItem(rs.getLong("id"), rs.getString("number"), rs.getString("client_ref"),
					rs.getString("legal_name"), Money.of(rs.getBigDecimal("amount")), due, paidOn,
					(int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(due, paidOn)));
		}).list();
		return new DebtorProfile(header, bureau, disputes, open, clients, pending, paid);
	}

}
