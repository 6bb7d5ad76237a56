package com.factordesk.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the funding pages: the clients whose approved invoices await funding, and a
 * funding run with its advances.
 */
@Service
@Transactional(readOnly = true)
public class FundingQueries {

	private final JdbcClient jdbc;

	FundingQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A client with approved invoices awaiting funding: how many, what their advances add
	 * up to, and whether the client gave an account to pay them to.
	 */
	public record AwaitingClient(String ref, String legalName, long invoices, Money advances, boolean hasIban) {
	}

	/**
	 * A funding run: whom it paid, when, how much, and whether the bank confirmed it.
	 */
	public record RunDetail(long id, String clientRef, String clientName, String clientIban, String clientBic,
			LocalDate runOn, Money total, int invoiceCount, String createdBy, Instant createdAt, String paidBy,
			Instant paidAt, List<RunLine> lines) {

		public boolean paid() {
			return this.paidAt != null;
		}

		public Money reserves() {
			return this.lines.stream().map(RunLine::reserve).reduce(Money.ZERO, Money::plus);
		}

		public Money faces() {
			return this.lines.stream().map(RunLine::face).reduce(Money.ZERO, Money::plus);
		}

	}

	/**
	 * One advance of a run: the invoice, its face, the advance paid and the reserve kept,
	 * the advance and fee rates and the pricing bands it was funded at.
	 */
	public record RunLine(long invoiceId, String number, String debtorRef, String debtorName, Money face, Money advance,
			Money reserve, Rate advanceRate, Rate feeRate, Integer bandSetVersion) {
	}

	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public List<AwaitingClient> awaitingFunding() {
		return this.jdbc.sql("""
				SELECT c.ref, c.legal_name, COUNT(*) AS invoices, SUM(i.approved_advance) AS advances,
				       c.iban IS NOT NULL AS has_iban
				FROM invoice i JOIN client c ON c.id = i.client_id
				WHERE i.status = 'APPROVED'
				GROUP BY c.id, c.ref, c.legal_name, c.iban
				ORDER BY advances DESC, c.ref
				""")
			.query((rs, row) -> new AwaitingClient(rs.getString("ref"), rs.getString("legal_name"),
					rs.getLong("invoices"), Money.of(rs.getBigDecimal("advances")), rs.getBoolean("has_iban")))
			.list();
	}

	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<RunDetail> run(long id) {
		List<RunLine> lines = this.jdbc.sql("""
				SELECT i.id, i.number, d.ref, d.name, a.face, a.amount, a.reserve, a.advance_rate, a.fee_rate,
				       a.band_set_version
				FROM advance a JOIN invoice i ON i.id = a.invoice_id JOIN debtor d ON d.id = i.debtor_id
				WHERE a.funding_run_id = :id
				ORDER BY i.number, i.id
				""").param("id", id).query((rs, row) -> {
			java.math.BigDecimal feeRate = rs.getBigDecimal("fee_rate");
			int bands = rs.getInt("band_set_version");
			Integer bandSet = rs.wasNull() ? null : bands;
			return new RunLine(rs.getLong("id"), rs.getString("number"), rs.getString("ref"), rs.getString("name"),
					Money.of(rs.getBigDecimal("face")), Money.of(rs.getBigDecimal("amount")),
					Money.of(rs.getBigDecimal("reserve")), new Rate(rs.getBigDecimal("advance_rate")),
					(feeRate != null) ? new Rate(feeRate) : null, bandSet);
		}).list();
		return this.jdbc.sql("""
				SELECT r.id, c.ref, c.legal_name, c.iban, c.bic, r.run_on, r.total, r.invoice_count, r.created_by,
				       r.created_at, r.paid_by, r.paid_at
				FROM funding_run r JOIN client c ON c.id = r.client_id
				WHERE r.id = :id
				""")
			.param("id", id)
			.query((rs, row) -> new RunDetail(rs.getLong("id"), rs.getString("ref"), rs.getString("legal_name"),
					rs.getString("iban"), rs.getString("bic"), rs.getObject("run_on", LocalDate.class),
					Money.of(rs.getBigDecimal("total")), rs.getInt("invoice_count"), rs.getString("created_by"),
					instant(rs, "created_at"), rs.getString("paid_by"), instant(rs, "paid_at"), lines))
			.optional();
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
