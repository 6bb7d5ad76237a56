package com.factordesk.approval;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.factordesk.invoice.InvoiceRepository;
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
 * The queue of SUBMITTED and VERIFIED invoices waiting for an underwriter's decision,
 * optionally only those with a flag: the filter runs in SQL, before the paging.
 */
@Service
@Transactional(readOnly = true)
public class UnderwriterQueue {

	/**
	 * The queued invoices with one flag, a page of them, with their total.
	 */
	private static final String FLAGGED_PAGE = """
			WITH flagged AS (%s)
			SELECT i.id, c.ref AS client_ref, c.legal_name, d.ref AS debtor_ref, d.name AS debtor_name, i.number,
			       i.amount, i.issue_date, i.due_date, i.submitted_at, COUNT(*) OVER () AS total
			FROM invoice i JOIN client c ON c.id = i.client_id JOIN debtor d ON d.id = i.debtor_id
			WHERE i.id IN (SELECT invoice_id FROM flagged WHERE code = :code)
			ORDER BY %s
			LIMIT :limit OFFSET :offset
			""";

	private static final String FLAGGED_COUNT = """
			WITH flagged AS (%s)
			SELECT COUNT(DISTINCT invoice_id) FROM flagged WHERE code = :code
			""";

	private static final String QUEUED = "i.status IN ('SUBMITTED', 'VERIFIED')";

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
		if (flag.isEmpty()) {
			return page(pageable);
		}
		long[] total = { 0 };
		List<QueueItem> items = this.flags
			.parameters(this.jdbc
				.sql(FLAGGED_PAGE.formatted(InvoiceFlags.flagged(QUEUED), QueueSort.orderBy(pageable.getSort()))))
			.param("code", flag.get().name())
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query((rs, row) -> {
				total[0] = rs.getLong("total");
				return new QueueItem(rs.getLong("id"), rs.getString("client_ref"), rs.getString("legal_name"),
						rs.getString("debtor_ref"), rs.getString("debtor_name"), rs.getString("number"),
						Money.of(rs.getBigDecimal("amount")), rs.getObject("issue_date", LocalDate.class),
						rs.getObject("due_date", LocalDate.class),
						rs.getObject("submitted_at", OffsetDateTime.class).toInstant());
			})
			.list();
		if (items.isEmpty() && pageable.getOffset() > 0) {
			// past the last page: the total says which page is last
			total[0] = this.flags.parameters(this.jdbc.sql(FLAGGED_COUNT.formatted(InvoiceFlags.flagged(QUEUED))))
				.param("code", flag.get().name())
				.query(Long.class)
				.single();
		}
		return new PageImpl<>(items, pageable, total[0]);
	}

}
