package com.factordesk.approval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.factordesk.client.DayCount;
import com.factordesk.client.Enforcement;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the client page in a fixed handful of SQL queries, whatever the size of the
 * client's book: the facility's usage comes from its exposure row, the debtors' figures
 * from the published exposure book and open receivables.
 */
@Service
@Transactional(readOnly = true)
public class ClientOverviews {

	static final int PAGE_SIZE = 25;

	/** The approved invoices the page lists (a run funds all of them, listed or not). */
	static final int AWAITING_SHOWN = 500;

	/** The open funded invoices the page lists. */
	static final int OPEN_FUNDED_SHOWN = 100;

	/** The recent decisions the page lists. */
	static final int DECISIONS_SHOWN = 10;

	private static final String HEADER = """
			SELECT c.id, c.ref, c.legal_name, c.registration_number, c.country, c.industry, c.onboarded_on, c.iban,
			       c.bic, f.facility_limit, f.default_advance_rate, f.recourse, f.recourse_days, f.notification,
			       f.concentration_limit, f.enforcement, f.fee_structure, f.fee_period_days, f.day_count,
			       f.client_fee_discount,
			       COALESCE(e.funded, 0) AS funded, COALESCE(e.reserved, 0) AS reserved
			FROM client c
			JOIN facility_terms f ON f.client_id = c.id
			LEFT JOIN facility_exposure e ON e.client_id = c.id
			WHERE c.ref = :ref
			""";

	private static final String PAYMENTS = """
			SELECT COUNT(*) AS paid,
			       COALESCE(AVG(CASE WHEN b.last_collected_on > b.due_date THEN 1.0 ELSE 0.0 END), 0) AS late_share
			FROM invoice_balance(CAST(:today AS date)) b
			WHERE b.client_id = :clientId AND b.outstanding <= 0 AND b.last_collected_on IS NOT NULL
			""";

	private static final String DEBTORS = """
			WITH pair AS (
			    SELECT debtor_id, SUM(funded + reserved) AS exposure
			    FROM exposure_book(CAST(:today AS date)) WHERE client_id = :clientId GROUP BY debtor_id
			), open_face AS (
			    SELECT debtor_id, SUM(outstanding) AS open_face
			    FROM open_receivable(CAST(:today AS date)) WHERE client_id = :clientId GROUP BY debtor_id
			), book AS (
			    SELECT SUM(open_face) AS total FROM open_face
			)
			SELECT d.ref, d.name, COALESCE(p.exposure, 0) AS exposure, COALESCE(o.open_face, 0) AS open_face,
			       COALESCE(o.open_face / NULLIF(book.total, 0), 0) AS concentration
			FROM (SELECT debtor_id FROM pair UNION SELECT debtor_id FROM open_face) x
			JOIN debtor d ON d.id = x.debtor_id
			LEFT JOIN pair p ON p.debtor_id = x.debtor_id
			LEFT JOIN open_face o ON o.debtor_id = x.debtor_id
			CROSS JOIN book
			ORDER BY concentration DESC, exposure DESC, d.ref
			LIMIT 100
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	ClientOverviews(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The client's page, its invoices on the given page (0-based; past the last, the
	 * last).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<ClientOverview> find(String ref, int page) {
		LocalDate today = LocalDate.now(this.clock);
		return this.jdbc.sql(HEADER).param("ref", ref).query((rs, row) -> {
			ClientOverview.Header header = new ClientOverview.Header(rs.getLong("id"), rs.getString("ref"),
					rs.getString("legal_name"), rs.getString("registration_number"), rs.getString("country"),
					rs.getString("industry"), rs.getObject("onboarded_on", LocalDate.class), rs.getString("iban"),
					rs.getString("bic"));
			BigDecimal concentration = rs.getBigDecimal("concentration_limit");
			int days = rs.getInt("recourse_days");
			Integer recourseDays = rs.wasNull() ? null : days;
			ClientOverview.FacilityUsage facility = new ClientOverview.FacilityUsage(
					Money.of(rs.getBigDecimal("facility_limit")), Money.of(rs.getBigDecimal("funded")),
					Money.of(rs.getBigDecimal("reserved")), new Rate(rs.getBigDecimal("default_advance_rate")),
					rs.getBoolean("recourse"), recourseDays, rs.getBoolean("notification"),
					(concentration != null) ? new Rate(concentration) : null,
					Enforcement.valueOf(rs.getString("enforcement")),
					new FeeTerms(FeeKind.valueOf(rs.getString("fee_structure")), rs.getInt("fee_period_days"),
							DayCount.valueOf(rs.getString("day_count")),
							new Rate(rs.getBigDecimal("client_fee_discount"))));
			return new Found(header, facility);
		}).optional().map((found) -> overview(found.header(), found.facility(), page, today));
	}

	private record Found(ClientOverview.Header header, ClientOverview.FacilityUsage facility) {
	}

	/**
	 * The client's open funded invoices today, due soonest first (at most
	 * {@value #OPEN_FUNDED_SHOWN}): face, advance, reserve, what is still outstanding.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public List<OpenFunded> openFunded(long clientId) {
		return this.jdbc.sql("""
				SELECT o.invoice_id, i.number, d.ref, d.name, o.funded_on, o.due_date, o.days_past_due, o.amount,
				       a.amount AS advance, a.reserve, o.outstanding
				FROM open_receivable(CAST(:today AS date)) o
				JOIN invoice i ON i.id = o.invoice_id
				JOIN debtor d ON d.id = o.debtor_id
				LEFT JOIN advance a ON a.invoice_id = o.invoice_id
				WHERE o.client_id = :clientId
				ORDER BY o.due_date, o.invoice_id
				LIMIT :limit
				""")
			.param("today", LocalDate.now(this.clock))
			.param("clientId", clientId)
			.param("limit", OPEN_FUNDED_SHOWN)
			.query((rs, row) -> new OpenFunded(rs.getLong("invoice_id"), rs.getString("number"), rs.getString("ref"),
					rs.getString("name"), rs.getObject("funded_on", LocalDate.class),
					rs.getObject("due_date", LocalDate.class), rs.getInt("days_past_due"),
					Money.of(rs.getBigDecimal("amount")), money(rs.getBigDecimal("advance")),
					money(rs.getBigDecimal("reserve")), Money.of(rs.getBigDecimal("outstanding"))))
			.list();
	}

	/**
	 * The latest decisions on the client's invoices (at most {@value #DECISIONS_SHOWN}),
	 * newest first.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public List<RecentDecision> recentDecisions(long clientId) {
		return this.jdbc.sql("""
				SELECT x.invoice_id, i.number, x.kind, x.decided_by, x.decided_at, x.to_status, x.advance
				FROM invoice i
				JOIN invoice_decision x ON x.invoice_id = i.id
				WHERE i.client_id = :clientId
				ORDER BY x.decided_at DESC, x.id DESC
				LIMIT :limit
				""")
			.param("clientId", clientId)
			.param("limit", DECISIONS_SHOWN)
			.query((rs, row) -> new RecentDecision(rs.getLong("invoice_id"), rs.getString("number"),
					rs.getString("kind"), rs.getString("decided_by"), FundingQueries.instant(rs, "decided_at"),
					rs.getString("to_status"), money(rs.getBigDecimal("advance"))))
			.list();
	}

	private static Money money(BigDecimal amount) {
		return (amount != null) ? Money.of(amount) : null;
	}

	/**
	 * A funded invoice still open today.
	 */
	public record OpenFunded(long invoiceId, String number, String debtorRef, String debtorName, LocalDate fundedOn,
			LocalDate dueDate, int daysPastDue, Money face, Money advance, Money reserve, Money outstanding) {
	}

	/**
	 * A decision on one of the client's invoices: who, when, what, the status it led to.
	 */
	public record RecentDecision(long invoiceId, String number, String kind, String decidedBy,
			java.time.Instant decidedAt, String toStatus, Money advance) {
	}

	private ClientOverview overview(ClientOverview.Header header, ClientOverview.FacilityUsage facility, int page,
			LocalDate today) {
		long clientId = header.id();
		ClientOverview.Payments payments = this.jdbc.sql(PAYMENTS)
			.param("clientId", clientId)
			.param("today", today)
			.query((rs, row) -> new ClientOverview.Payments(rs.getLong("paid"),
					rs.getBigDecimal("late_share").setScale(4, RoundingMode.HALF_EVEN)))
			.single();
		var awaiting = this.jdbc.sql("""
				SELECT i.id, i.number, d.ref, d.name, i.due_date, i.amount, i.approved_advance, i.approved_by
				FROM invoice i JOIN debtor d ON d.id = i.debtor_id
				WHERE i.client_id = :clientId AND i.status = 'APPROVED'
				ORDER BY i.id LIMIT :limit
				""")
			.param("clientId", clientId)
			.param("limit", AWAITING_SHOWN)
			.query((rs, row) -> new ClientOverview.Awaiting(rs.getLong("id"), rs.getString("number"),
					rs.getString("ref"), rs.getString("name"), rs.getObject("due_date", LocalDate.class),
					Money.of(rs.getBigDecimal("amount")), Money.of(rs.getBigDecimal("approved_advance")),
					rs.getString("approved_by")))
			.list();
		var runs = this.jdbc.sql("""
				SELECT id, run_on, total, invoice_count, created_by, paid_by, paid_at FROM funding_run
				WHERE client_id = :clientId ORDER BY run_on DESC, id DESC LIMIT 50
				""")
			.param("clientId", clientId)
			.query((rs, row) -> new ClientOverview.Run(rs.getLong("id"), rs.getObject("run_on", LocalDate.class),
					Money.of(rs.getBigDecimal("total")), rs.getInt("invoice_count"), rs.getString("created_by"),
					rs.getString("paid_by"), FundingQueries.instant(rs, "paid_at")))
			.list();
		long count = this.jdbc.sql("SELECT COUNT(*) FROM invoice WHERE client_id = :clientId")
			.param("clientId", clientId)
			.query(Long.class)
			.single();
		int lastPage = (int) Math.max(0, (count - 1) / PAGE_SIZE);
		int pageIndex = Math.min(Math.max(page, 0), lastPage);
		var invoices = this.jdbc.sql("""
				SELECT i.id, i.number, d.ref, d.name, i.issue_date, i.due_date, i.amount, i.status
				FROM invoice i JOIN debtor d ON d.id = i.debtor_id
				WHERE i.client_id = :clientId
				ORDER BY i.issue_date DESC, i.id DESC
				LIMIT :size OFFSET :offset
				""")
			.param("clientId", clientId)
			.param("size", PAGE_SIZE)
			.param("offset", (long) pageIndex * PAGE_SIZE)
			.query((rs, row) -> new ClientOverview.InvoiceRow(rs.getLong("id"), rs.getString("number"),
					rs.getString("ref"), rs.getString("name"), rs.getObject("issue_date", LocalDate.class),
					rs.getObject("due_date", LocalDate.class), Money.of(rs.getBigDecimal("amount")),
					rs.getString("status")))
			.list();
		BigDecimal limit = (facility.concentrationLimit() != null) ? facility.concentrationLimit().fraction() : null;
		var debtors = this.jdbc.sql(DEBTORS).param("clientId", clientId).param("today", today).query((rs, row) -> {
			BigDecimal share = rs.getBigDecimal("concentration").setScale(4, RoundingMode.HALF_EVEN);
			return new ClientOverview.DebtorRow(rs.getString("ref"), rs.getString("name"),
					Money.of(rs.getBigDecimal("exposure")), Money.of(rs.getBigDecimal("open_face")), share,
					limit != null && share.compareTo(limit) > 0);
		}).list();
		return new ClientOverview(header, facility, payments, awaiting, runs,
				new PageImpl<>(invoices, PageRequest.of(pageIndex, PAGE_SIZE), count), debtors);
	}

}
