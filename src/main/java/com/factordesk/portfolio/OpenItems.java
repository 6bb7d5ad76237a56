package com.factordesk.portfolio;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.factordesk.shared.Money;
import com.factordesk.shared.ReportingDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The invoices open at the end of a day in a scope (the items behind the open AR,
 * {@code open_receivable(d)}), most days past due first: a page of them for the
 * drill-down page {@code /portfolio/invoices}, narrowed to one aging bucket if asked, and
 * all of them as the exportable table {@code open-items}, streamed from a database cursor
 * (a million open items never sit in memory).
 */
@Service
@Transactional(transactionManager = ReportingDatabase.TRANSACTIONS, readOnly = true)
public class OpenItems implements PortfolioTable {

	static final String NAME = "open-items";

	static final int PAGE_SIZE = 50;

	/**
	 * The rows a cursor fetches at a time while the table streams.
	 */
	static final int FETCH_SIZE = 1_000;

	private static final String BUCKET = AgingBucket.bucketOf("o.days_past_due");

	/**
	 * The open items of the scope (and of one bucket when {@code :bucket} is not null).
	 */
	private static final String OPEN = """
			SELECT o.invoice_id, o.client_id, o.debtor_id, o.issue_date, o.due_date, o.funded_on, o.amount,
			       o.outstanding, o.days_past_due, %s AS bucket
			FROM open_receivable(CAST(:asOf AS date)) o
			WHERE %s AND (CAST(:bucket AS text) IS NULL OR %s = :bucket)
			""".formatted(BUCKET, PortfolioScope.condition("o.client_id", "o.debtor_id"), BUCKET);

	/**
	 * One page, with the count and the sum of all (window aggregates over the open items
	 * before the limit); the identity tables joined for the page's rows alone.
	 */
	private static final String PAGE = """
			WITH page AS (
			    SELECT open_items.*, COUNT(*) OVER () AS total, SUM(outstanding) OVER () AS total_outstanding
			    FROM (%s) open_items
			    ORDER BY days_past_due DESC, invoice_id
			    LIMIT :limit OFFSET :offset
			)
			SELECT p.*, i.number, c.ref AS client_ref, c.legal_name AS client_name, d.ref AS debtor_ref,
			       d.name AS debtor_name
			FROM page p
			JOIN invoice i ON i.id = p.invoice_id
			JOIN client c ON c.id = p.client_id
			JOIN debtor d ON d.id = p.debtor_id
			ORDER BY p.days_past_due DESC, p.invoice_id
			""".formatted(OPEN);

	private static final String ALL = """
			SELECT p.*, i.number, c.ref AS client_ref, c.legal_name AS client_name, d.ref AS debtor_ref,
			       d.name AS debtor_name
			FROM (%s) p
			JOIN invoice i ON i.id = p.invoice_id
			JOIN client c ON c.id = p.client_id
			JOIN debtor d ON d.id = p.debtor_id
			ORDER BY p.days_past_due DESC, p.invoice_id
			""".formatted(OPEN);

	private static final List<Column> COLUMNS = List.of(new Column("client_ref", Kind.TEXT),
			new Column("client_name", Kind.TEXT), new Column("debtor_ref", Kind.TEXT),
			new Column("debtor_name", Kind.TEXT), new Column("invoice_number", Kind.TEXT),
			new Column("issue_date", Kind.DATE), new Column("due_date", Kind.DATE), new Column("funded_on", Kind.DATE),
			new Column("amount", Kind.MONEY), new Column("outstanding", Kind.MONEY),
			new Column("days_past_due", Kind.COUNT), new Column("bucket", Kind.TEXT));

	private final JdbcClient jdbc;

	/**
	 * The same database, read through a cursor of {@link #FETCH_SIZE} rows (PostgreSQL's
	 * driver fetches by cursor in a transaction with a fetch size).
	 */
	private final JdbcClient cursor;

	OpenItems(@Qualifier(ReportingDatabase.JDBC) JdbcClient jdbc,
			@Qualifier(ReportingDatabase.DATA_SOURCE) DataSource dataSource) {
		this.jdbc = jdbc;
		JdbcTemplate streaming = new JdbcTemplate(dataSource);
		streaming.setFetchSize(FETCH_SIZE);
		this.cursor = JdbcClient.create(streaming);
	}

	/**
	 * @param bucket a bucket of {@link AgingBucket#BUCKETS}, or {@code null} for all
	 * @return whether it names a bucket (or none)
	 */
	static boolean isBucket(String bucket) {
		return bucket == null || Arrays.asList(AgingBucket.BUCKETS).contains(bucket);
	}

	/**
	 * A page of the open items, most days past due first; a page past the last is the
	 * last.
	 * @param scope the scope and date
	 * @param bucket an aging bucket, or {@code null} for every open item
	 * @param pageIndex the page, from 0
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public OpenItemsPage page(PortfolioScope scope, String bucket, int pageIndex) {
		OpenItemsPage page = fetch(scope, bucket, pageIndex);
		if (page.items().isEmpty() && pageIndex > 0) {
			OpenItemsPage first = fetch(scope, bucket, 0);
			return (first.totalPages() > 1) ? fetch(scope, bucket, first.totalPages() - 1) : first;
		}
		return page;
	}

	private OpenItemsPage fetch(PortfolioScope scope, String bucket, int pageIndex) {
		long[] total = { 0 };
		Money[] outstanding = { Money.ZERO };
		List<OpenItem> items = scope.bind(this.jdbc.sql(PAGE))
			.param("bucket", bucket)
			.param("limit", PAGE_SIZE)
			.param("offset", (long) pageIndex * PAGE_SIZE)
			.query((rs, row) -> {
				total[0] = rs.getLong("total");
				outstanding[0] = Money.of(rs.getBigDecimal("total_outstanding"));
				return item(rs);
			})
			.list();
		return new OpenItemsPage(scope, bucket, items, pageIndex, total[0], outstanding[0]);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	@PreAuthorize("hasRole('MANAGER')")
	public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
		scope.bind(this.cursor.sql(ALL)).param("bucket", null).query((ResultSet rs) -> {
			OpenItem item = item(rs);
			row.accept(Arrays.asList(item.clientRef(), item.clientName(), item.debtorRef(), item.debtorName(),
					item.number(), item.issueDate(), item.dueDate(), item.fundedOn(), item.amount(), item.outstanding(),
					item.daysPastDue(), item.bucket()));
		});
	}

	private static OpenItem item(ResultSet rs) throws SQLException {
		return new OpenItem(rs.getLong("invoice_id"), rs.getString("number"), rs.getString("client_ref"),
				rs.getString("client_name"), rs.getString("debtor_ref"), rs.getString("debtor_name"),
				rs.getObject("issue_date", LocalDate.class), rs.getObject("due_date", LocalDate.class),
				rs.getObject("funded_on", LocalDate.class), Money.of(rs.getBigDecimal("amount")),
				Money.of(rs.getBigDecimal("outstanding")), rs.getInt("days_past_due"), rs.getString("bucket"));
	}

	/**
	 * An invoice open at the scope's date.
	 *
	 * @param daysPastDue days after its due date (0 or less: not yet due)
	 * @param bucket its aging bucket by days past due
	 */
	public record OpenItem(long invoiceId, String number, String clientRef, String clientName, String debtorRef,
			String debtorName, LocalDate issueDate, LocalDate dueDate, LocalDate fundedOn, Money amount,
			Money outstanding, int daysPastDue, String bucket) {

		public boolean pastDue() {
			return this.daysPastDue > 0;
		}

	}

	/**
	 * A page of open items and the count and sum of all of them.
	 *
	 * @param bucket the bucket they are narrowed to, or {@code null}
	 * @param number the page, from 0
	 */
	public record OpenItemsPage(PortfolioScope scope, String bucket, List<OpenItem> items, int number, long total,
			Money totalOutstanding) {

		public int totalPages() {
			return (int) ((this.total + PAGE_SIZE - 1) / PAGE_SIZE);
		}

		public boolean hasPrevious() {
			return this.number > 0;
		}

		public boolean hasNext() {
			return this.number + 1 < totalPages();
		}

	}

}
