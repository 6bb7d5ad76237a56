package com.factordesk.approval;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.factordesk.invoice.DisputeOutcome;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.risk.Grade;
import com.factordesk.shared.Money;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The collections worklist (issue 10): one row per debtor with funded invoices past due
 * (from {@code open_receivable(today)}), riskiest first: the worst grade first (a debtor
 * without a score before grade E: nothing vouches for it), then the largest amount past
 * due, then the debtor's reference. Each row carries the debtor's current score, what is
 * past due, its exposure, the latest note with its next action and the latest promise to
 * pay with its status ({@code promise_to_pay_status}). The aggregation, the filters and
 * the paging run in SQL: a page is one statement, whatever the book. A debtor's
 * collections page reads its open funded invoices, disputes, notes and promises in one
 * statement each.
 */
@Service
@Transactional(readOnly = true)
public class CollectionsWorklist {

	public static final int PAGE_SIZE = 25;

	/** The most notes, promises and disputes a debtor's page shows, newest first. */
	static final int HISTORY = 100;

	private static final String PAGE = """
			WITH due AS (
			    SELECT o.debtor_id, o.outstanding, o.days_past_due
			    FROM open_receivable(:today) o
			    JOIN client c ON c.id = o.client_id
			    WHERE o.days_past_due > 0 AND %s
			), per_debtor AS (
			    SELECT debtor_id, SUM(outstanding) AS past_due, COUNT(*) AS invoices, MAX(days_past_due) AS oldest
			    FROM due GROUP BY debtor_id
			), worklist AS (
			    SELECT d.id, d.ref, d.name, s.score, s.grade, pd.past_due, pd.invoices, pd.oldest,
			           COALESCE(e.funded, 0) + COALESCE(e.reserved, 0) AS exposure,
			           n.text AS note_text, n.written_by AS note_by, n.written_at AS note_at,
			           n.next_action, n.next_action_on,
			           p.promised_on, p.amount AS promised, p.collected AS promise_collected, p.status AS promise_status
			    FROM per_debtor pd
			    JOIN debtor d ON d.id = pd.debtor_id
			    LEFT JOIN debtor_current_score s ON s.debtor_id = d.id
			    LEFT JOIN debtor_exposure e ON e.debtor_id = d.id
			    LEFT JOIN LATERAL (SELECT cn.text, cn.written_by, cn.written_at, cn.next_action, cn.next_action_on
			                       FROM collection_note cn WHERE cn.debtor_id = d.id
			                       ORDER BY cn.written_at DESC, cn.id DESC LIMIT 1) n ON TRUE
			    LEFT JOIN LATERAL (SELECT ps.promised_on, ps.amount, ps.collected, ps.status
			                       FROM promise_to_pay_status(:today) ps WHERE ps.debtor_id = d.id
			                       ORDER BY ps.promise_id DESC LIMIT 1) p ON TRUE
			)
			SELECT w.*, COUNT(*) OVER () AS total
			FROM worklist w
			WHERE %s
			ORDER BY w.grade DESC NULLS FIRST, w.past_due DESC, w.ref
			LIMIT :limit OFFSET :offset
			""";

	private static final String OPEN_INVOICES = """
			SELECT o.invoice_id, i.number, i.status, c.ref AS client_ref, c.legal_name, o.issue_date, o.due_date,
			       o.funded_on, o.amount, o.outstanding, o.days_past_due, f.recourse, f.recourse_days,
			       EXISTS (SELECT 1 FROM dispute_fact df WHERE df.invoice_id = o.invoice_id AND df.outcome IS NULL)
			           AS disputed
			FROM open_receivable(:today) o
			JOIN invoice i ON i.id = o.invoice_id
			JOIN client c ON c.id = o.client_id
			LEFT JOIN facility_terms f ON f.client_id = o.client_id
			WHERE o.debtor_id = :debtorId AND i.status IN ('FUNDED', 'PARTIALLY_PAID')
			ORDER BY c.ref, o.due_date, i.number
			""";

	private final JdbcClient jdbc;

	CollectionsWorklist(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A page of the worklist (a page past the last one is empty, with the total).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Page<Row> page(Filter filter, LocalDate today, int pageIndex) {
		List<String> invoiceConditions = new ArrayList<>(List.of("TRUE"));
		List<String> rowConditions = new ArrayList<>(List.of("TRUE"));
		filter.client()
			.ifPresent((client) -> invoiceConditions
				.add("(UPPER(c.ref) = UPPER(:client) OR c.legal_name ILIKE :clientPrefix)"));
		filter.grade().ifPresent((grade) -> rowConditions.add("w.grade = :grade"));
		if (filter.brokenOnly()) {
			rowConditions.add("w.promise_status = 'BROKEN'");
		}
		if (filter.actionDue()) {
			rowConditions.add("w.next_action_on <= :today");
		}
		JdbcClient.StatementSpec statement = this.jdbc
			.sql(PAGE.formatted(String.join(" AND ", invoiceConditions), String.join(" AND ", rowConditions)))
			.param("today", today)
			.param("limit", PAGE_SIZE)
			.param("offset", (long) pageIndex * PAGE_SIZE);
		if (filter.client().isPresent()) {
			statement = statement.param("client", filter.client().get())
				.param("clientPrefix", UnderwriterQueue.likePrefix(filter.client().get()));
		}
		if (filter.grade().isPresent()) {
			statement = statement.param("grade", filter.grade().get().name());
		}
		long[] total = { 0 };
		List<Row> rows = statement.query((rs, rowNum) -> {
			total[0] = rs.getLong("total");
			return row(rs);
		}).list();
		return new PageImpl<>(rows, PageRequest.of(pageIndex, PAGE_SIZE), rows.isEmpty() ? 0 : total[0]);
	}

	/**
	 * A debtor's collections: who it is, its open funded invoices (past due or not), the
	 * disputes on its invoices, its notes and its promises to pay.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<DebtorCollections> debtor(String ref, LocalDate today) {
		Optional<Header> header = this.jdbc.sql("""
				SELECT d.id, d.ref, d.name, s.score, s.grade,
				       COALESCE(e.funded, 0) + COALESCE(e.reserved, 0) AS exposure
				FROM debtor d
				LEFT JOIN debtor_current_score s ON s.debtor_id = d.id
				LEFT JOIN debtor_exposure e ON e.debtor_id = d.id
				WHERE d.ref = :ref
				""")
			.param("ref", ref)
			.query((rs, rowNum) -> new Header(rs.getLong("id"), rs.getString("ref"), rs.getString("name"),
					rs.getBigDecimal("score"), grade(rs.getString("grade")), Money.of(rs.getBigDecimal("exposure"))))
			.optional();
		if (header.isEmpty()) {
			return Optional.empty();
		}
		long debtorId = header.get().id();
		List<OpenInvoice> invoices = this.jdbc.sql(OPEN_INVOICES)
			.param("today", today)
			.param("debtorId", debtorId)
			.query((rs, rowNum) -> new OpenInvoice(rs.getLong("invoice_id"), rs.getString("number"),
					InvoiceStatus.valueOf(rs.getString("status")), rs.getString("client_ref"),
					rs.getString("legal_name"), rs.getObject("issue_date", LocalDate.class),
					rs.getObject("due_date", LocalDate.class), rs.getObject("funded_on", LocalDate.class),
					Money.of(rs.getBigDecimal("amount")), Money.of(rs.getBigDecimal("outstanding")),
					rs.getInt("days_past_due"), rs.getBoolean("recourse"), (Integer) rs.getObject("recourse_days"),
					rs.getBoolean("disputed")))
			.list();
		List<DisputeLine> disputes = this.jdbc.sql("""
				SELECT df.dispute_id, df.invoice_id, i.number, df.reason, df.opened_on, df.amount, df.resolved_on,
				       df.outcome
				FROM dispute_fact df JOIN invoice i ON i.id = df.invoice_id
				WHERE i.debtor_id = :debtorId
				ORDER BY (df.outcome IS NULL) DESC, df.opened_on DESC, df.dispute_id DESC
				LIMIT :limit
				""")
			.param("debtorId", debtorId)
			.param("limit", HISTORY)
			.query((rs, rowNum) -> new DisputeLine(rs.getLong("dispute_id"), rs.getLong("invoice_id"),
					rs.getString("number"), DisputeReason.valueOf(rs.getString("reason")),
					rs.getObject("opened_on", LocalDate.class), Money.of(rs.getBigDecimal("amount")),
					rs.getObject("resolved_on", LocalDate.class),
					(rs.getString("outcome") != null) ? DisputeOutcome.valueOf(rs.getString("outcome")) : null))
			.list();
		List<NoteLine> notes = this.jdbc.sql("""
				SELECT cn.id, i.number, cn.text, cn.next_action, cn.next_action_on, cn.written_by, cn.written_at
				FROM collection_note cn LEFT JOIN invoice i ON i.id = cn.invoice_id
				WHERE cn.debtor_id = :debtorId
				ORDER BY cn.written_at DESC, cn.id DESC
				LIMIT :limit
				""")
			.param("debtorId", debtorId)
			.param("limit", HISTORY)
			.query((rs, rowNum) -> new NoteLine(rs.getLong("id"), rs.getString("number"), rs.getString("text"),
					nextAction(rs.getString("next_action")), rs.getObject("next_action_on", LocalDate.class),
					rs.getString("written_by"), instant(rs, "written_at")))
			.list();
		List<PromiseLine> promises = this.jdbc.sql("""
				SELECT ps.promise_id, i.number, ps.made_on, ps.promised_on, ps.amount, ps.collected, ps.status,
				       p.recorded_by
				FROM promise_to_pay_status(:today) ps
				JOIN promise_to_pay p ON p.id = ps.promise_id
				LEFT JOIN invoice i ON i.id = ps.invoice_id
				WHERE ps.debtor_id = :debtorId
				ORDER BY ps.promise_id DESC
				LIMIT :limit
				""")
			.param("today", today)
			.param("debtorId", debtorId)
			.param("limit", HISTORY)
			.query((rs, rowNum) -> new PromiseLine(rs.getLong("promise_id"), rs.getString("number"),
					rs.getObject("made_on", LocalDate.class), rs.getObject("promised_on", LocalDate.class),
					Money.of(rs.getBigDecimal("amount")), Money.of(rs.getBigDecimal("collected")),
					PromiseStatus.valueOf(rs.getString("status")), rs.getString("recorded_by")))
			.list();
		return Optional.of(new DebtorCollections(header.get(), invoices, disputes, notes, promises));
	}

	private static Row row(ResultSet rs) throws SQLException {
		BigDecimal promised = rs.getBigDecimal("promised");
		Promise promise = (promised != null) ? new Promise(rs.getObject("promised_on", LocalDate.class),
				Money.of(promised), Money.of(rs.getBigDecimal("promise_collected")),
				PromiseStatus.valueOf(rs.getString("promise_status"))) : null;
		String noteText = rs.getString("note_text");
		Note note = (noteText != null)
				? new Note(noteText, rs.getString("note_by"), instant(rs, "note_at"),
						nextAction(rs.getString("next_action")), rs.getObject("next_action_on", LocalDate.class))
				: null;
		return new Row(rs.getLong("id"), rs.getString("ref"), rs.getString("name"), rs.getBigDecimal("score"),
				grade(rs.getString("grade")), Money.of(rs.getBigDecimal("past_due")), rs.getInt("invoices"),
				rs.getInt("oldest"), Money.of(rs.getBigDecimal("exposure")), note, promise);
	}

	private static Grade grade(String grade) {
		return (grade != null) ? Grade.valueOf(grade) : null;
	}

	private static NextAction nextAction(String action) {
		return (action != null) ? NextAction.valueOf(action) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	/**
	 * What narrows the worklist.
	 *
	 * @param client a client's reference, or the start of its name: only its invoices
	 * @param grade the debtors of this grade
	 * @param brokenOnly only debtors whose latest promise to pay is broken
	 * @param actionDue only debtors whose next action is due today or earlier
	 */
	public record Filter(Optional<String> client, Optional<Grade> grade, boolean brokenOnly, boolean actionDue) {

		public static final Filter NONE = new Filter(Optional.empty(), Optional.empty(), false, false);

		public boolean narrows() {
			return this.client.isPresent() || this.grade.isPresent() || this.brokenOnly || this.actionDue;
		}

	}

	/**
	 * A debtor on the worklist.
	 *
	 * @param score its current score, {@code null} when it has none (and no grade)
	 * @param pastDue what is outstanding on its funded invoices past due
	 * @param invoices how many of them
	 * @param oldestDays the days past due of the oldest
	 * @param exposure its exposure across all clients
	 * @param note its latest note, or {@code null}
	 * @param promise its latest promise to pay, or {@code null}
	 */
	public record Row(long id, String ref, String name, BigDecimal score, Grade grade, Money pastDue, int invoices,
			int oldestDays, Money exposure, Note note, Promise promise) {

		public boolean broken() {
			return this.promise != null && this.promise.status() == PromiseStatus.BROKEN;
		}

	}

	public record Note(String text, String writtenBy, Instant writtenAt, NextAction nextAction,
			LocalDate nextActionOn) {

		public boolean due(LocalDate today) {
			return this.nextActionOn != null && !this.nextActionOn.isAfter(today);
		}

	}

	public record Promise(LocalDate promisedOn, Money amount, Money collected, PromiseStatus status) {

	}

	public record Header(long id, String ref, String name, BigDecimal score, Grade grade, Money exposure) {

	}

	/**
	 * An open funded invoice of the debtor, with the facts the settling actions need.
	 */
	public record OpenInvoice(long id, String number, InvoiceStatus status, String clientRef, String clientName,
			LocalDate issueDate, LocalDate dueDate, LocalDate fundedOn, Money amount, Money outstanding,
			int daysPastDue, boolean recourse, Integer recourseDays, boolean disputed) {

		public boolean pastDue() {
			return this.daysPastDue > 0;
		}

		/**
		 * A recourse invoice past the facility's recourse period: the client buys it
		 * back.
		 */
		public boolean chargeBackCandidate() {
			return this.recourse && this.recourseDays != null && this.daysPastDue > this.recourseDays;
		}

		/**
		 * Partly paid: what is left may be closed as a short payment.
		 */
		public boolean shortPayCandidate() {
			return this.status == InvoiceStatus.PARTIALLY_PAID;
		}

		/**
		 * Non-recourse and past due: the factor may write it off as its credit loss.
		 */
		public boolean writeOffCandidate() {
			return !this.recourse && pastDue();
		}

	}

	public record DisputeLine(long id, long invoiceId, String invoiceNumber, DisputeReason reason, LocalDate openedOn,
			Money amount, LocalDate resolvedOn, DisputeOutcome outcome) {

		public boolean open() {
			return this.outcome == null;
		}

	}

	public record NoteLine(long id, String invoiceNumber, String text, NextAction nextAction, LocalDate nextActionOn,
			String writtenBy, Instant writtenAt) {

	}

	public record PromiseLine(long id, String invoiceNumber, LocalDate madeOn, LocalDate promisedOn, Money amount,
			Money collected, PromiseStatus status, String recordedBy) {

	}

	/**
	 * A debtor's collections page.
	 */
	public record DebtorCollections(Header debtor, List<OpenInvoice> invoices, List<DisputeLine> disputes,
			List<NoteLine> notes, List<PromiseLine> promises) {

		public List<OpenInvoice> pastDue() {
			return this.invoices.stream().filter(OpenInvoice::pastDue).toList();
		}

		public Money pastDueAmount() {
			return pastDue().stream().map(OpenInvoice::outstanding).reduce(Money.ZERO, Money::plus);
		}

		public List<OpenInvoice> chargeBackCandidates() {
			return this.invoices.stream().filter(OpenInvoice::chargeBackCandidate).toList();
		}

		public List<OpenInvoice> shortPayCandidates() {
			return this.invoices.stream().filter(OpenInvoice::shortPayCandidate).toList();
		}

		public List<OpenInvoice> writeOffCandidates() {
			return this.invoices.stream().filter(OpenInvoice::writeOffCandidate).toList();
		}

		public List<DisputeLine> openDisputes() {
			return this.disputes.stream().filter(DisputeLine::open).toList();
		}

	}

}
