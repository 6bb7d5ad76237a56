package com.factordesk.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.PaymentRepository;
import com.factordesk.invoice.PaymentSource;
import com.factordesk.shared.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the receipts pages show: the receipts newest first with their filters, the
 * unapplied cash, and one receipt with its allocations. Reads the invoice feature's
 * published {@code receipt_balance} view and the receipt itself.
 */
@Component
@Transactional(readOnly = true)
public class ReceiptQueries {

	/** Receipts on a page of the list. */
	public static final int PAGE_SIZE = 50;

	/** The most receipts the unapplied cash page lists (its total counts them all). */
	public static final int UNAPPLIED_MAX = 500;

	private static final String COLUMNS = """
			SELECT r.payment_id, r.received_on, r.amount, r.applied, r.passed_on, r.unapplied, r.reference,
			       r.counterparty, r.iban, r.remittance, r.source, r.reversed_on, d.ref AS debtor_ref,
			       d.name AS debtor_name
			FROM receipt_balance r
			LEFT JOIN debtor d ON d.id = r.debtor_id
			""";

	private final JdbcClient jdbc;

	private final PaymentRepository payments;

	private final Clock clock;

	ReceiptQueries(JdbcClient jdbc, PaymentRepository payments, Clock clock) {
		this.jdbc = jdbc;
		this.payments = payments;
		this.clock = clock;
	}

	/**
	 * A page of receipts, newest first (page 0 the first).
	 */
	public ReceiptPage page(ReceiptFilter filter, int page) {
		StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE TRUE");
		Map<String, Object> params = new HashMap<>();
		if (filter.unappliedOnly()) {
			sql.append(" AND r.unapplied > 0");
		}
		if (filter.source() != null) {
			sql.append(" AND r.source = :source");
			params.put("source", filter.source().name());
		}
		if (filter.from() != null) {
			sql.append(" AND r.received_on >= :from");
			params.put("from", filter.from());
		}
		if (filter.to() != null) {
			sql.append(" AND r.received_on <= :to");
			params.put("to", filter.to());
		}
		sql.append(" ORDER BY r.received_on DESC, r.payment_id DESC LIMIT :limit OFFSET :offset");
		params.put("limit", PAGE_SIZE + 1);
		params.put("offset", (long) page * PAGE_SIZE);
		LocalDate today = LocalDate.now(this.clock);
		List<ReceiptRow> rows = this.jdbc.sql(sql.toString()).params(params).query((rs, n) -> row(rs, today)).list();
		boolean hasNext = rows.size() > PAGE_SIZE;
		return new ReceiptPage(hasNext ? rows.subList(0, PAGE_SIZE) : rows, page, hasNext);
	}

	/**
	 * The receipts with cash left to apply or pass on, oldest first, and their total.
	 */
	public UnappliedCash unapplied() {
		LocalDate today = LocalDate.now(this.clock);
		List<ReceiptRow> rows = this.jdbc
			.sql(COLUMNS + " WHERE r.unapplied > 0 ORDER BY r.received_on, r.payment_id LIMIT " + (UNAPPLIED_MAX + 1))
			.query((rs, n) -> row(rs, today))
			.list();
		Totals totals = this.jdbc
			.sql("SELECT COUNT(*) AS receipts, COALESCE(SUM(r.unapplied), 0) AS total FROM receipt_balance r "
					+ "WHERE r.unapplied > 0")
			.query((rs, n) -> new Totals(rs.getLong("receipts"), Money.of(rs.getBigDecimal("total"))))
			.single();
		return new UnappliedCash(totals.total(), totals.receipts(),
				(rows.size() > UNAPPLIED_MAX) ? rows.subList(0, UNAPPLIED_MAX) : rows, today);
	}

	/**
	 * One receipt with its allocations.
	 */
	public Optional<ReceiptDetail> detail(long paymentId) {
		LocalDate today = LocalDate.now(this.clock);
		Optional<ReceiptRow> header = this.jdbc.sql(COLUMNS + " WHERE r.payment_id = :id")
			.param("id", paymentId)
			.query((rs, n) -> row(rs, today))
			.optional();
		return header.flatMap((row) -> this.payments.findById(paymentId).map((payment) -> {
			List<AllocationRow> allocations = payment.getAllocations()
				.stream()
				.map((allocation) -> new AllocationRow(allocation.getInvoice().getId(),
						allocation.getInvoice().getNumber(), allocation.getInvoice().getClient().getRef(),
						allocation.getAmount(), allocation.getReceivedOn(), allocation.getReversedOn(),
						allocation.getInvoice().getStatus()))
				.toList();
			return new ReceiptDetail(row, payment.getRecordedBy(), payment.getRecordedAt(), payment.getReversedBy(),
					payment.getReversalReason(), allocations);
		}));
	}

	private static ReceiptRow row(ResultSet rs, LocalDate today) throws SQLException {
		LocalDate receivedOn = rs.getObject("received_on", LocalDate.class);
		return new ReceiptRow(rs.getLong("payment_id"), receivedOn, Money.of(rs.getBigDecimal("amount")),
				Money.of(rs.getBigDecimal("applied")), Money.of(rs.getBigDecimal("passed_on")),
				Money.of(rs.getBigDecimal("unapplied")), rs.getString("reference"), rs.getString("counterparty"),
				rs.getString("iban"), rs.getString("remittance"), PaymentSource.valueOf(rs.getString("source")),
				rs.getString("debtor_ref"), rs.getString("debtor_name"), rs.getObject("reversed_on", LocalDate.class),
				ChronoUnit.DAYS.between(receivedOn, today));
	}

	private record Totals(long receipts, Money total) {
	}

	/**
	 * Which receipts the list shows.
	 *
	 * @param source only those from this source, or {@code null} for all
	 * @param from received on or after, or {@code null}
	 * @param to received on or before, or {@code null}
	 */
	public record ReceiptFilter(boolean unappliedOnly, PaymentSource source, LocalDate from, LocalDate to) {

		public static final ReceiptFilter ALL = new ReceiptFilter(false, null, null, null);

	}

	/**
	 * A receipt as the lists show it.
	 *
	 * @param ageDays days since it was received
	 */
	public record ReceiptRow(long id, LocalDate receivedOn, Money amount, Money applied, Money passedOn,
			Money unapplied, String reference, String counterparty, String iban, String remittance,
			PaymentSource source, String debtorRef, String debtorName, LocalDate reversedOn, long ageDays) {

		public boolean identified() {
			return this.debtorRef != null;
		}

		public boolean reversed() {
			return this.reversedOn != null;
		}

	}

	/**
	 * A page of the receipts list.
	 */
	public record ReceiptPage(List<ReceiptRow> rows, int page, boolean hasNext) {

	}

	/**
	 * The unapplied cash: its total over every receipt with some, and the oldest
	 * receipts.
	 */
	public record UnappliedCash(Money total, long receipts, List<ReceiptRow> rows, LocalDate today) {

	}

	/**
	 * One receipt, who recorded it, and what it paid.
	 */
	public record ReceiptDetail(ReceiptRow receipt, String recordedBy, Instant recordedAt, String reversedBy,
			String reversalReason, List<AllocationRow> allocations) {

	}

	/**
	 * Part of a receipt applied to an invoice.
	 */
	public record AllocationRow(long invoiceId, String number, String clientRef, Money amount, LocalDate receivedOn,
			LocalDate reversedOn, InvoiceStatus invoiceStatus) {

	}

}
