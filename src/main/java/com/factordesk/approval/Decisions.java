package com.factordesk.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.audit.AuditTrail;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.pricing.Quote;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads the decisions on invoices (table {@code invoice_decision},
 * append-only: a trigger refuses changes). A decision is written in the transaction of
 * the transition it records.
 */
@Component
class Decisions {

	private static final String COLUMNS = """
			id, invoice_id, kind, decided_by, decided_at, from_status, to_status, advance, reason_code, note,
			override_reason, contact_id, score, grade, score_snapshot_id, band_set_version, parameters_version,
			advance_rate, fee_rate, quoted_advance, expected_fee, quote, limits
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final AuditTrail audit;

	private final ApprovalMetrics metrics;

	Decisions(JdbcClient jdbc, JsonMapper json, Clock clock, AuditTrail audit, ApprovalMetrics metrics) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.audit = audit;
		this.metrics = metrics;
	}

	/**
	 * Records a decision; when {@code quote} is given, the score, versions, rates and
	 * lines it used are frozen with it.
	 * @return the decision's id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	long record(long invoiceId, DecisionKind kind, String actor, InvoiceStatus from, InvoiceStatus to, Entry entry) {
		InvoiceQuote frozen = entry.quote();
		Quote quote = (frozen != null) ? frozen.quote() : null;
		long id = this.jdbc
			.sql("""
					INSERT INTO invoice_decision (invoice_id, kind, decided_by, decided_at, from_status, to_status, advance,
					    reason_code, note, override_reason, contact_id, score, grade, score_snapshot_id, band_set_version,
					    parameters_version, advance_rate, fee_rate, quoted_advance, expected_fee, quote, limits, terms_version)
					VALUES (:invoiceId, :kind, :actor, :at, :from, :to, :advance, :reasonCode, :note, :overrideReason,
					    :contactId, :score, :grade, :snapshotId, :bandSetVersion, :parametersVersion, :advanceRate,
					    :feeRate, :quotedAdvance, :expectedFee, CAST(:quote AS jsonb), CAST(:limits AS jsonb),
					    CASE WHEN CAST(:quote AS jsonb) IS NOT NULL THEN (SELECT f.terms_version FROM invoice i
					        JOIN facility_terms f ON f.client_id = i.client_id WHERE i.id = :invoiceId) END)
					RETURNING id
					""")
			.param("invoiceId", invoiceId)
			.param("kind", kind.name())
			.param("actor", actor)
			.param("at", Timestamp.from(this.clock.instant()))
			.param("from", from.name())
			.param("to", to.name())
			.param("advance", (entry.advance() != null) ? entry.advance().amount() : null)
			.param("reasonCode", entry.reasonCode())
			.param("note", blankToNull(entry.note()))
			.param("overrideReason", blankToNull(entry.overrideReason()))
			.param("contactId", entry.contactId())
			.param("score", (frozen != null) ? frozen.score() : null)
			.param("grade", (frozen != null) ? frozen.grade().name() : null)
			.param("snapshotId", (frozen != null) ? frozen.snapshotId() : null)
			.param("bandSetVersion", (quote != null) ? quote.bandSetVersion() : null)
			.param("parametersVersion", (quote != null) ? quote.parametersVersion() : null)
			.param("advanceRate", (quote != null) ? quote.advanceRate().fraction() : null)
			.param("feeRate", (quote != null) ? quote.feeRate().fraction() : null)
			.param("quotedAdvance", (quote != null) ? quote.advance().amount() : null)
			.param("expectedFee", (quote != null) ? quote.expectedFee().amount() : null)
			.param("quote", (quote != null) ? this.json.writeValueAsString(quote) : null)
			.param("limits", entry.limits().isEmpty() ? null : this.json.writeValueAsString(limitsJson(entry.limits())))
			.query(Long.class)
			.single();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("status", to.name());
		after.put("decision", id);
		if (entry.advance() != null) {
			after.put("advance", entry.advance().amount());
		}
		if (entry.reasonCode() != null) {
			after.put("reason", entry.reasonCode());
		}
		if (blankToNull(entry.overrideReason()) != null) {
			after.put("override", true);
		}
		this.audit.record("invoice." + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), "invoice",
				String.valueOf(invoiceId), Map.of("status", from.name()), after);
		this.metrics.decided(kind);
		return id;
	}

	/**
	 * Every decision on an invoice, oldest first.
	 */
	List<DecisionRecord> of(long invoiceId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM invoice_decision WHERE invoice_id = :id ORDER BY id")
			.param("id", invoiceId)
			.query((rs, row) -> read(rs))
			.list();
	}

	/**
	 * The latest decision on an invoice, if any.
	 */
	Optional<DecisionRecord> latest(long invoiceId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM invoice_decision WHERE invoice_id = :id ORDER BY id DESC LIMIT 1")
			.param("id", invoiceId)
			.query((rs, row) -> read(rs))
			.optional();
	}

	/**
	 * The approval in force on an invoice, with the quote it froze: the latest approval
	 * (or approval held at once) since the invoice last returned to the queue; empty when
	 * none.
	 */
	Optional<DecisionRecord> frozenApproval(long invoiceId) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM invoice_decision d
				WHERE d.invoice_id = :id AND d.quote IS NOT NULL
				  AND NOT EXISTS (SELECT 1 FROM invoice_decision later WHERE later.invoice_id = d.invoice_id
				                  AND later.id > d.id AND later.kind IN ('WITHDRAW', 'LAPSE', 'REJECT', 'REOPEN'))
				ORDER BY d.id DESC LIMIT 1
				""").param("id", invoiceId).query((rs, row) -> read(rs)).optional();
	}

	/**
	 * The approval in force among an invoice's decisions (oldest first): the latest one
	 * with a frozen quote that no withdrawal, lapse, rejection or reopening followed.
	 */
	static Optional<DecisionRecord> frozenApproval(List<DecisionRecord> decisions) {
		for (int i = decisions.size() - 1; i >= 0; i--) {
			DecisionRecord decision = decisions.get(i);
			if (decision.kind() == DecisionKind.WITHDRAW || decision.kind() == DecisionKind.LAPSE
					|| decision.kind() == DecisionKind.REJECT || decision.kind() == DecisionKind.REOPEN) {
				return Optional.empty();
			}
			if (decision.hasQuote()) {
				return Optional.of(decision);
			}
		}
		return Optional.empty();
	}

	private static List<Map<String, Object>> limitsJson(List<LimitUse> limits) {
		return limits.stream()
			.map((use) -> Map.<String, Object>of("kind", use.kind().name(), "limit", use.limit().amount(), "before",
					use.before().amount(), "after", use.after().amount(), "over", use.over()))
			.toList();
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private static DecisionRecord read(ResultSet rs) throws SQLException {
		return new DecisionRecord(rs.getLong("id"), rs.getLong("invoice_id"),
				DecisionKind.valueOf(rs.getString("kind")), rs.getString("decided_by"),
				rs.getTimestamp("decided_at").toInstant(), InvoiceStatus.valueOf(rs.getString("from_status")),
				InvoiceStatus.valueOf(rs.getString("to_status")), money(rs, "advance"), rs.getString("reason_code"),
				rs.getString("note"), rs.getString("override_reason"), (Long) rs.getObject("contact_id", Long.class),
				rs.getBigDecimal("score"), rs.getString("grade"), rs.getObject("score_snapshot_id", Long.class),
				rs.getObject("band_set_version", Integer.class), rs.getObject("parameters_version", Integer.class),
				(rs.getBigDecimal("advance_rate") != null) ? new Rate(rs.getBigDecimal("advance_rate")) : null,
				(rs.getBigDecimal("fee_rate") != null) ? new Rate(rs.getBigDecimal("fee_rate")) : null,
				money(rs, "quoted_advance"), money(rs, "expected_fee"), rs.getString("quote"), rs.getString("limits"));
	}

	private static Money money(ResultSet rs, String column) throws SQLException {
		java.math.BigDecimal amount = rs.getBigDecimal(column);
		return (amount != null) ? Money.of(amount) : null;
	}

	/**
	 * What a decision records beside who, when and the statuses.
	 *
	 * @param advance the advance decided, or {@code null}
	 * @param reasonCode a rejection reason or verification outcome, or {@code null}
	 * @param note the decider's note, or {@code null}
	 * @param overrideReason a manager's reason to override a limit, or {@code null}
	 * @param contactId the debtor contact reached, or {@code null}
	 * @param quote the quote to freeze with it, or {@code null}
	 * @param limits the limits checked, possibly none
	 */
	record Entry(Money advance, String reasonCode, String note, String overrideReason, Long contactId,
			InvoiceQuote quote, List<LimitUse> limits) {

		Entry {
			limits = List.copyOf(limits);
		}

		static Entry note(String note) {
			return new Entry(null, null, note, null, null, null, List.of());
		}

		static Entry advance(Money advance, String note) {
			return new Entry(advance, null, note, null, null, null, List.of());
		}

	}

}
