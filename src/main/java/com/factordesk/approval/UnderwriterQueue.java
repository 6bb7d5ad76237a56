package com.factordesk.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.QueueItem;
import com.factordesk.shared.Money;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue of invoices waiting for an underwriter: SUBMITTED and VERIFIED by default,
 * HELD or AWAITING_SECOND_APPROVAL on request, narrowed by the filters of a
 * {@link QueueFilter}. Every filter runs in SQL, before the paging, and a page reads its
 * rows and their total in one statement.
 */
@Service
@Transactional(readOnly = true)
public class UnderwriterQueue {

	/**
	 * A page of the queue with its total: the flag's CTE (or nothing), the joins the
	 * conditions and the order read, the conditions, the order, the score's join (when
	 * the order reads the grade), the order.
	 */
	private static final String PAGE = """
			%s
			SELECT i.id, c.ref AS client_ref, c.legal_name, d.ref AS debtor_ref, d.name AS debtor_name, i.number,
			       i.amount, i.issue_date, i.due_date, i.submitted_at, i.status, p.total
			FROM (SELECT i.id, COUNT(*) OVER () AS total
			      FROM invoice i%s
			      WHERE %s
			      ORDER BY %s
			      LIMIT :limit OFFSET :offset) p
			JOIN invoice i ON i.id = p.id JOIN client c ON c.id = i.client_id JOIN debtor d ON d.id = i.debtor_id%s
			ORDER BY %s
			""";

	private static final String COUNT = """
			%s
			SELECT COUNT(*)
			FROM invoice i%s
			WHERE %s
			""";

	private static final String CLIENT_JOIN = " JOIN client c ON c.id = i.client_id";

	private static final String DEBTOR_JOIN = " JOIN debtor d ON d.id = i.debtor_id";

	private static final String SCORE_JOIN = " LEFT JOIN debtor_current_score r ON r.debtor_id = i.debtor_id";

	private static final String IN_STATUSES = "i.status IN (:statuses)";

	/** Whether a statement reads a column of the client, the debtor or the score. */
	private static final Map<String, Pattern> ALIASES = Map.of("c", Pattern.compile("\\bc\\."), "d",
			Pattern.compile("\\bd\\."), "r", Pattern.compile("\\br\\."));

	private final InvoiceRepository invoices;

	private final InvoiceFlags flags;

	private final JdbcClient jdbc;

	UnderwriterQueue(InvoiceRepository invoices, InvoiceFlags flags, JdbcClient jdbc) {
		this.invoices = invoices;
		this.flags = flags;
		this.jdbc = jdbc;
	}

	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Page<QueueItem> page(Pageable pageable) {
		return this.invoices.findQueue(pageable);
	}

	/**
	 * A page of the queue; with a flag, of the queued invoices that have it, in the same
	 * order.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Page<QueueItem> page(Pageable pageable, Optional<FlagCode> flag) {
		return search(pageable, QueueFilter.flagged(flag));
	}

	/**
	 * A page of the invoices the filter selects, in the pageable's order (a
	 * {@link QueueSort} property, the invoice id breaking ties), with their total.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Page<QueueItem> search(Pageable pageable, QueueFilter filter) {
		List<String> conditions = new ArrayList<>(List.of(IN_STATUSES));
		filter.client()
			.ifPresent(
					(client) -> conditions.add("(UPPER(c.ref) = UPPER(:client) OR c.legal_name ILIKE :clientPrefix)"));
		filter.debtor()
			.ifPresent((debtor) -> conditions.add("(UPPER(d.ref) = UPPER(:debtor) OR d.name ILIKE :debtorPrefix)"));
		filter.grade().ifPresent((grade) -> conditions.add("r.grade = :grade"));
		filter.minAmount().ifPresent((min) -> conditions.add("i.amount >= :minAmount"));
		filter.maxAmount().ifPresent((max) -> conditions.add("i.amount <= :maxAmount"));
		String with = "";
		if (filter.flag().isPresent()) {
			with = "WITH flagged AS (" + InvoiceFlags.flagged(IN_STATUSES) + ")";
			conditions.add("i.id IN (SELECT invoice_id FROM flagged WHERE code = :code)");
		}
		String where = String.join(" AND ", conditions);
		String order = QueueSort.orderBy(pageable.getSort());
		// the page's ids and the total first, over the invoices joined only to what the
		// conditions and the order read (a queue of 10,000 joined to its debtors and
		// scores for a count costs more than the rest of the page), then the page's rows
		String joins = joins(where + " " + order);
		long[] total = { 0 };
		// the page's rows read the score only to sort by the grade
		String scoreJoin = reads(order, "r") ? SCORE_JOIN : "";
		List<QueueItem> items = bind(this.jdbc.sql(PAGE.formatted(with, joins, where, order, scoreJoin, order)), filter)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query((rs, row) -> {
				total[0] = rs.getLong("total");
				return item(rs);
			})
			.list();
		if (items.isEmpty() && pageable.getOffset() > 0) {
			// past the last page: the total says which page is last
			total[0] = bind(this.jdbc.sql(COUNT.formatted(with, joins, where)), filter).query(Long.class).single();
		}
		return new PageImpl<>(items, pageable, total[0]);
	}

	/**
	 * The joins of the client, the debtor and the debtor's score that a condition or an
	 * order reads (by their aliases {@code c.}, {@code d.} and {@code r.}).
	 */
	private static String joins(String sql) {
		return (reads(sql, "c") ? CLIENT_JOIN : "") + (reads(sql, "d") ? DEBTOR_JOIN : "")
				+ (reads(sql, "r") ? SCORE_JOIN : "");
	}

	private static boolean reads(String sql, String alias) {
		return ALIASES.get(alias).matcher(sql).find();
	}

	private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, QueueFilter filter) {
		JdbcClient.StatementSpec bound = statement.param("statuses",
				filter.statuses().stream().map(InvoiceStatus::name).toList());
		if (filter.client().isPresent()) {
			bound = bound.param("client", filter.client().get())
				.param("clientPrefix", likePrefix(filter.client().get()));
		}
		if (filter.debtor().isPresent()) {
			bound = bound.param("debtor", filter.debtor().get())
				.param("debtorPrefix", likePrefix(filter.debtor().get()));
		}
		if (filter.grade().isPresent()) {
			bound = bound.param("grade", filter.grade().get().name());
		}
		if (filter.minAmount().isPresent()) {
			bound = bound.param("minAmount", filter.minAmount().get().amount());
		}
		if (filter.maxAmount().isPresent()) {
			bound = bound.param("maxAmount", filter.maxAmount().get().amount());
		}
		if (filter.flag().isPresent()) {
			bound = this.flags.parameters(bound).param("code", filter.flag().get().name());
		}
		return bound;
	}

	/**
	 * A LIKE pattern for names starting with this text, its wildcards taken literally.
	 */
	static String likePrefix(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	private static QueueItem item(ResultSet rs) throws SQLException {
		return new QueueItem(rs.getLong("id"), rs.getString("client_ref"), rs.getString("legal_name"),
				rs.getString("debtor_ref"), rs.getString("debtor_name"), rs.getString("number"),
				Money.of(rs.getBigDecimal("amount")), rs.getObject("issue_date", LocalDate.class),
				rs.getObject("due_date", LocalDate.class),
				rs.getObject("submitted_at", OffsetDateTime.class).toInstant(),
				InvoiceStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)));
	}

}
