package com.factordesk.approval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The flags of invoices waiting for a decision (DESIGN section 4), for a whole page of
 * invoices in one SQL statement, never one per row. {@link #flagged(String)} is the same
 * statement over a set of invoices named by a condition, for the SQL of the queue's
 * filter.
 */
@Service
@Transactional(readOnly = true)
public class InvoiceFlags {

	/**
	 * One row per (invoice, flag) of the invoices that {@code %s} selects (a condition on
	 * {@code i}), with the figures of the flag's sentence.
	 */
	private static final String FLAGS = """
			WITH target AS (
			    SELECT i.id, i.client_id, i.debtor_id, i.amount, i.issue_date, i.due_date,
			           CAST(i.submitted_at AT TIME ZONE :zone AS date) AS submitted_on
			    FROM invoice i WHERE %s
			), debtor_aging AS (
			    -- per debtor of the page, through its invoices' index: a page never scans the book
			    SELECT td.debtor_id, a.open_amount, a.aged_amount
			    FROM (SELECT DISTINCT debtor_id FROM target) td
			    JOIN LATERAL (SELECT SUM(o.outstanding) AS open_amount,
			                         COALESCE(SUM(o.outstanding) FILTER (WHERE o.days_past_due > 90), 0) AS aged_amount
			                  FROM open_receivable(CAST(:today AS date)) o
			                  WHERE o.debtor_id = td.debtor_id) a ON TRUE
			), debtor_disputes AS (
			    SELECT di.debtor_id, COUNT(*) AS disputes, SUM(d.amount) AS disputed
			    FROM dispute_fact d JOIN invoice di ON di.id = d.invoice_id
			    WHERE d.resolved_on IS NULL AND di.debtor_id IN (SELECT debtor_id FROM target)
			    GROUP BY di.debtor_id
			), debtor_bureau AS (
			    SELECT td.debtor_id,
			           (SELECT MAX(b.as_of) FROM bureau_reading b WHERE b.debtor_id = td.debtor_id) AS newest
			    FROM (SELECT DISTINCT debtor_id FROM target) td
			)
			SELECT t.id AS invoice_id, 'DUPLICATE' AS code, o.number AS text_value, NULL AS other_text,
			       o.days AS count_value, CAST(NULL AS BIGINT) AS other_count, t.amount AS amount_value, CAST(NULL AS NUMERIC) AS other_amount,
			       CAST(NULL AS DATE) AS date_value
			FROM target t
			JOIN LATERAL (SELECT o.number, ABS(o.issue_date - t.issue_date) AS days FROM invoice o
			              WHERE o.client_id = t.client_id AND o.debtor_id = t.debtor_id AND o.amount = t.amount
			                AND o.id <> t.id AND o.issue_date BETWEEN t.issue_date - :duplicateDays
			                                                      AND t.issue_date + :duplicateDays
			              ORDER BY ABS(o.issue_date - t.issue_date), o.id LIMIT 1) o ON TRUE
			UNION ALL
			SELECT t.id, 'DOUBLE_PLEDGING', o.number, o.legal_name, NULL, NULL, t.amount, NULL, t.issue_date
			FROM target t
			JOIN LATERAL (SELECT o.number, c.legal_name FROM invoice o JOIN client c ON c.id = o.client_id
			              WHERE o.debtor_id = t.debtor_id AND o.amount = t.amount AND o.issue_date = t.issue_date
			                AND o.client_id <> t.client_id
			              ORDER BY o.id LIMIT 1) o ON TRUE
			UNION ALL
			SELECT t.id, 'STALE', NULL, NULL, t.submitted_on - t.issue_date, NULL, NULL, NULL, t.submitted_on
			FROM target t WHERE t.submitted_on - t.issue_date > :staleDays
			UNION ALL
			SELECT t.id, 'REDATED', CAST(r.invoices AS TEXT), NULL, t.due_date - t.issue_date, r.terms, NULL, NULL, NULL
			FROM target t
			JOIN LATERAL (SELECT COUNT(*) AS invoices, MIN(o.due_date - o.issue_date) AS terms,
			                     MAX(o.due_date - o.issue_date) AS longest
			              FROM invoice o
			              WHERE o.client_id = t.client_id AND o.debtor_id = t.debtor_id AND o.id <> t.id
			                AND o.issue_date BETWEEN t.issue_date - 365 AND t.issue_date) r
			  ON r.invoices >= :usualTermsInvoices AND r.terms = r.longest
			 AND r.terms <> t.due_date - t.issue_date
			UNION ALL
			SELECT t.id, 'CREDIT_NOTE', n.latest_number, NULL, n.notes, NULL, n.total, NULL, n.latest_on
			FROM target t
			JOIN LATERAL (SELECT COUNT(*) AS notes, SUM(n.amount) AS total, MAX(n.issued_on) AS latest_on,
			                     (ARRAY_AGG(f.number ORDER BY n.issued_on DESC, n.credit_note_id DESC))[1]
			                         AS latest_number
			              FROM credit_note_fact n JOIN invoice f ON f.id = n.invoice_id
			              WHERE f.client_id = t.client_id AND f.debtor_id = t.debtor_id AND f.id <> t.id
			                AND f.funded_on <= n.issued_on AND n.issued_on > CAST(:today AS date) - :creditNoteDays
			                AND n.issued_on <= CAST(:today AS date)) n ON n.notes > 0
			UNION ALL
			SELECT t.id, 'OPEN_DISPUTES', NULL, NULL, d.disputes, NULL, d.disputed, NULL, NULL
			FROM target t JOIN debtor_disputes d ON d.debtor_id = t.debtor_id
			UNION ALL
			SELECT t.id, 'STALE_BUREAU', NULL, NULL, CAST(:today AS date) - b.newest, NULL, NULL, NULL, b.newest
			FROM target t LEFT JOIN debtor_bureau b ON b.debtor_id = t.debtor_id
			WHERE b.newest IS NULL OR CAST(:today AS date) - b.newest > :bureauDays
			UNION ALL
			SELECT t.id, 'CROSS_AGED', NULL, NULL, NULL, NULL, a.aged_amount, a.open_amount, NULL
			FROM target t JOIN debtor_aging a ON a.debtor_id = t.debtor_id
			WHERE a.open_amount > 0 AND a.aged_amount > :crossAgingShare * a.open_amount
			UNION ALL
			SELECT t.id, 'RELATED_PARTY', c.registration_number, NULL, NULL, NULL, NULL, NULL, NULL
			FROM target t JOIN client c ON c.id = t.client_id JOIN debtor d ON d.id = t.debtor_id
			WHERE REGEXP_REPLACE(UPPER(c.registration_number), '[^A-Z0-9]', '', 'g')
			    = REGEXP_REPLACE(UPPER(d.registration_number), '[^A-Z0-9]', '', 'g')
			""";

	/**
	 * How many earlier invoices of a client to a debtor, all on the same terms, make
	 * those terms the pair's usual ones: an invoice on other terms may have been
	 * re-dated.
	 */
	static final int USUAL_TERMS_INVOICES = 3;

	private final JdbcClient jdbc;

	private final PolicyProperties policy;

	private final Clock clock;

	InvoiceFlags(JdbcClient jdbc, PolicyProperties policy, Clock clock) {
		this.jdbc = jdbc;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * The flags of each of these invoices, in the order of {@link FlagCode}; an invoice
	 * without a flag maps to an empty list. One SQL statement, whatever the number of
	 * invoices.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Map<Long, List<Flag>> of(Collection<Long> invoiceIds) {
		Map<Long, List<Flag>> flags = new LinkedHashMap<>();
		invoiceIds.forEach((id) -> flags.put(id, new ArrayList<>()));
		if (invoiceIds.isEmpty()) {
			return flags;
		}
		List<Row> rows = parameters(this.jdbc.sql(flagged("i.id IN (:ids)") + " ORDER BY 1"))
			.param("ids", List.copyOf(invoiceIds))
			.query(InvoiceFlags::row)
			.list();
		rows.stream()
			.sorted((a, b) -> a.code().compareTo(b.code()))
			.forEach((row) -> flags.get(row.invoiceId()).add(row.toFlag(this.policy)));
		return flags;
	}

	/**
	 * The flags of one invoice.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public List<Flag> of(long invoiceId) {
		return of(List.of(invoiceId)).get(invoiceId);
	}

	/**
	 * The statement of the flags of the invoices that {@code condition} selects (a
	 * condition on the invoice {@code i}), its columns {@code invoice_id} and
	 * {@code code} among others; bind its parameters with {@link #parameters}.
	 */
	static String flagged(String condition) {
		return FLAGS.formatted(condition);
	}

	JdbcClient.StatementSpec parameters(JdbcClient.StatementSpec statement) {
		return statement.param("zone", this.clock.getZone().getId())
			.param("today", LocalDate.now(this.clock))
			.param("duplicateDays", this.policy.duplicateWindowDays())
			.param("usualTermsInvoices", USUAL_TERMS_INVOICES)
			.param("staleDays", this.policy.staleDays())
			.param("creditNoteDays", this.policy.creditNoteDays())
			.param("bureauDays", this.policy.bureauStaleDays())
			.param("crossAgingShare", this.policy.crossAgingShare());
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		return new Row(rs.getLong("invoice_id"), FlagCode.valueOf(rs.getString("code")), rs.getString("text_value"),
				rs.getString("other_text"), rs.getObject("count_value", Long.class),
				rs.getObject("other_count", Long.class), rs.getBigDecimal("amount_value"),
				rs.getBigDecimal("other_amount"), rs.getObject("date_value", LocalDate.class));
	}

	/**
	 * One row of the statement: the figures, named by what each flag puts in them.
	 */
	private record Row(long invoiceId, FlagCode code, String text, String otherText, Long count, Long otherCount,
			BigDecimal amount, BigDecimal otherAmount, LocalDate date) {

		Flag toFlag(PolicyProperties policy) {
			return switch (this.code) {
				case DUPLICATE -> flag("flag.sentence.DUPLICATE", this.text, this.amount, this.count);
				case DOUBLE_PLEDGING ->
					flag("flag.sentence.DOUBLE_PLEDGING", this.text, this.otherText, this.amount, this.date.toString());
				case STALE -> flag("flag.sentence.STALE", this.count, this.date.toString(), policy.staleDays());
				case REDATED -> flag("flag.sentence.REDATED", this.count, this.text, this.otherCount);
				case CREDIT_NOTE -> flag("flag.sentence.CREDIT_NOTE", this.count, this.amount, this.text,
						this.date.toString(), policy.creditNoteDays());
				case OPEN_DISPUTES -> flag("flag.sentence.OPEN_DISPUTES", this.count, this.amount);
				case STALE_BUREAU -> (this.date != null)
						? flag("flag.sentence.STALE_BUREAU", this.date.toString(), this.count, policy.bureauStaleDays())
						: flag("flag.sentence.NO_BUREAU");
				case CROSS_AGED -> flag("flag.sentence.CROSS_AGED", percent(this.amount, this.otherAmount), this.amount,
						this.otherAmount, percent(policy.crossAgingShare()));
				case RELATED_PARTY -> flag("flag.sentence.RELATED_PARTY", this.text);
			};
		}

		private Flag flag(String key, Object... arguments) {
			return new Flag(this.code, key, List.of(arguments));
		}

		private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
			return part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_EVEN);
		}

		private static BigDecimal percent(BigDecimal share) {
			return share.multiply(BigDecimal.valueOf(100)).stripTrailingZeros();
		}

	}

}
