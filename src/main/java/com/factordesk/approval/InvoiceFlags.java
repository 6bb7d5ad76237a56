package com.factordesk.approval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.factordesk.shared.KeptPlans;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
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
			), page_clients AS MATERIALIZED (
			    -- each client and debtor of the page once: a probe per client, not per invoice of the page
			    SELECT DISTINCT client_id FROM target
			), page_debtors AS MATERIALIZED (
			    SELECT DISTINCT debtor_id FROM target
			), debtor_aging AS (
			    -- per debtor of the page, through its invoices' index: a page never scans the book; the one
			    -- cross-aging rule (debtor_cross_aging), which the portfolio's cross-aged debtors apply too. LIMIT
			    -- (a debtor has one row) keeps the lateral a probe per debtor: flattened, it was planned as the
			    -- whole book's aging hashed against the page (0.37 s of a queue page at 1,000,000 invoices)
			    SELECT td.debtor_id, a.open_amount, a.aged_amount, a.cross_aged
			    FROM page_debtors td
			    JOIN LATERAL (SELECT c.open_amount, c.aged_amount, c.cross_aged
			                  FROM debtor_cross_aging(CAST(:today AS date), CAST(:crossAgingShare AS numeric)) c
			                  WHERE c.debtor_id = td.debtor_id
			                  LIMIT 1) a ON TRUE
			), open_dispute AS MATERIALIZED (
			    -- the book's open disputes (1,736 of 27,013 at 1,000,000 invoices) with their debtors, their
			    -- invoices read by key: a large debtor of the page has a thousand invoices, most without a dispute
			    SELECT di.debtor_id, d.amount
			    FROM dispute_fact d JOIN invoice di ON di.id = d.invoice_id
			    WHERE d.resolved_on IS NULL
			), debtor_disputes AS (
			    SELECT d.debtor_id, COUNT(*) AS disputes, SUM(d.amount) AS disputed
			    FROM open_dispute d
			    WHERE d.debtor_id IN (SELECT debtor_id FROM target)
			    GROUP BY d.debtor_id
			), debtor_bureau AS (
			    SELECT td.debtor_id,
			           (SELECT MAX(b.as_of) FROM bureau_reading b WHERE b.debtor_id = td.debtor_id) AS newest
			    FROM page_debtors td
			), limit_target AS (
			    -- the invoices not yet funded, with the advance their approval adds: the approved advance when
			    -- approved (as the exposure engine counts it), else face x the facility's default advance rate
			    -- (the most a quote advances); an approval that already reserves exposure is taken out of the
			    -- figures it is added to, so that it is not counted twice
			    SELECT t.id, t.client_id, t.debtor_id, t.amount,
			           CASE WHEN i.status IN ('HELD', 'AWAITING_SECOND_APPROVAL', 'APPROVED') THEN i.approved_advance
			                ELSE round_cents_half_even(t.amount * f.default_advance_rate) END AS advance,
			           CASE WHEN i.status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED') THEN i.approved_advance ELSE 0 END
			               AS reserved,
			           CASE WHEN i.status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED') THEN t.amount ELSE 0 END AS insured,
			           f.facility_limit, f.concentration_limit
			    FROM target t JOIN invoice i ON i.id = t.id JOIN facility_terms f ON f.client_id = t.client_id
			    WHERE i.status IN ('SUBMITTED', 'VERIFIED', 'HELD', 'AWAITING_SECOND_APPROVAL', 'APPROVED')
			), debtor_insured AS (
			    -- an insured debtor's open face: what is open on its funded invoices and the face of its approvals
			    SELECT td.debtor_id, d.insurer_limit, d.insurer_limit_expires_on,
			           COALESCE(a.open_amount, 0) + p.approved_face AS insured_face
			    FROM (SELECT DISTINCT debtor_id FROM limit_target) td
			    JOIN debtor d ON d.id = td.debtor_id
			    LEFT JOIN debtor_aging a ON a.debtor_id = td.debtor_id
			    JOIN LATERAL (SELECT COALESCE(SUM(p.amount), 0) AS approved_face FROM invoice p
			                  WHERE p.debtor_id = td.debtor_id
			                    AND p.status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED')) p ON TRUE
			    WHERE d.insurer_limit IS NOT NULL AND d.insurer_limit_expires_on >= CAST(:today AS date)
			), client_book AS MATERIALIZED (
			    -- the client's funded, open book and what each debtor of the page owes in it, as the quote's
			    -- concentration reads them (the invoices of the page are unfunded, never in it): the kept books
			    -- of its debtors (open_book, V059); materialized, so that each client's book is read once, not
			    -- once per invoice of the whole queue (the flag filter: 10,000 invoices of 1,100 clients)
			    SELECT tc.client_id, b.book
			    FROM (SELECT DISTINCT client_id FROM limit_target) tc
			    JOIN LATERAL (SELECT COALESCE(SUM(o.outstanding), 0) AS book FROM open_book(CAST(:today AS date)) o
			                  WHERE o.client_id = tc.client_id) b ON TRUE
			), client_reserve AS MATERIALIZED (
			    -- the reserve position of each client of the page, the published function probed per client
			    -- (its GROUP BYs then read one client's ledger entries and advances through their indexes)
			    SELECT tc.client_id, r.available
			    FROM page_clients tc
			    JOIN LATERAL (SELECT p.available FROM client_reserve_position() p
			                  WHERE p.client_id = tc.client_id) r ON TRUE
			), debtor_watch AS (
			    -- the watchlist of the page's debtors only: the published function takes them as an array
			    SELECT w.* FROM debtor_watchlist(CAST(:today AS date), ARRAY(SELECT debtor_id FROM page_debtors),
			                                  CAST(:laterDays AS numeric)) w
			), pair_owed AS MATERIALIZED (
			    SELECT tp.client_id, tp.debtor_id, b.owed
			    FROM (SELECT DISTINCT client_id, debtor_id FROM limit_target) tp
			    JOIN LATERAL (SELECT COALESCE(SUM(o.outstanding), 0) AS owed FROM open_book(CAST(:today AS date)) o
			                  WHERE o.client_id = tp.client_id AND o.debtor_id = tp.debtor_id) b ON TRUE
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
			WHERE a.cross_aged
			UNION ALL
			-- a shared registration number (its sentence), or else the pair marked related (who, when, why)
			SELECT t.id, 'RELATED_PARTY', CASE WHEN x.shared THEN c.registration_number ELSE r.marked_by END,
			       CASE WHEN x.shared THEN NULL ELSE r.reason END, NULL, NULL, NULL, NULL,
			       CASE WHEN x.shared THEN NULL ELSE CAST(r.marked_at AT TIME ZONE :zone AS date) END
			FROM target t JOIN client c ON c.id = t.client_id JOIN debtor d ON d.id = t.debtor_id
			LEFT JOIN related_party r ON r.client_id = t.client_id AND r.debtor_id = t.debtor_id
			CROSS JOIN LATERAL (SELECT COALESCE(REGEXP_REPLACE(UPPER(c.registration_number), '[^A-Z0-9]', '', 'g')
			                        = REGEXP_REPLACE(UPPER(d.registration_number), '[^A-Z0-9]', '', 'g'), FALSE)
			                        AS shared) x
			WHERE x.shared OR r.id IS NOT NULL
			UNION ALL
			SELECT l.id, 'OVER_CREDIT_LIMIT', CAST(d.credit_limit AS TEXT), NULL, NULL, NULL,
			       COALESCE(e.funded + e.reserved, 0) - l.reserved, l.advance, NULL
			FROM limit_target l JOIN debtor d ON d.id = l.debtor_id
			LEFT JOIN debtor_exposure e ON e.debtor_id = l.debtor_id
			WHERE COALESCE(e.funded + e.reserved, 0) - l.reserved + l.advance > d.credit_limit
			UNION ALL
			SELECT l.id, 'OVER_INSURER_LIMIT', CAST(n.insurer_limit AS TEXT), NULL, NULL, NULL, n.insured_face - l.insured,
			       l.amount, n.insurer_limit_expires_on
			FROM limit_target l JOIN debtor_insured n ON n.debtor_id = l.debtor_id
			WHERE n.insured_face - l.insured + l.amount > n.insurer_limit
			UNION ALL
			SELECT l.id, 'OVER_FACILITY', CAST(l.facility_limit AS TEXT), NULL, NULL, NULL,
			       COALESCE(e.funded + e.reserved, 0) - l.reserved, l.advance, NULL
			FROM limit_target l LEFT JOIN facility_exposure e ON e.client_id = l.client_id
			WHERE COALESCE(e.funded + e.reserved, 0) - l.reserved + l.advance > l.facility_limit
			UNION ALL
			SELECT l.id, 'OVER_CONCENTRATION', CAST(l.concentration_limit AS TEXT), NULL, NULL, NULL, p.owed + l.amount,
			       b.book + l.amount, NULL
			FROM limit_target l JOIN client_book b ON b.client_id = l.client_id
			JOIN pair_owed p ON p.client_id = l.client_id AND p.debtor_id = l.debtor_id
			WHERE p.owed + l.amount > round_cents_half_even((b.book + l.amount) * l.concentration_limit)
			UNION ALL
			SELECT t.id, 'NO_NOTICE', NULL, NULL, NULL, NULL, NULL, NULL, NULL
			FROM target t JOIN facility_terms f ON f.client_id = t.client_id
			WHERE f.notification
			  AND NOT EXISTS (SELECT 1 FROM notice_of_assignment n
			                  WHERE n.client_id = t.client_id AND n.debtor_id = t.debtor_id)
			UNION ALL
			SELECT t.id, 'RESERVE_SHORTFALL', c.ref, NULL, NULL, NULL, -r.available, NULL, NULL
			FROM target t JOIN client_reserve r ON r.client_id = t.client_id JOIN client c ON c.id = t.client_id
			WHERE r.available < 0
			UNION ALL
			SELECT t.id, 'WATCHLIST', CASE WHEN w.grade_fell THEN w.grade_then || w.grade_now END,
			       CASE WHEN w.near_limit THEN w.limit_kind END,
			       CASE WHEN w.paying_later THEN CAST(ROUND(w.dbt_90 * 10) AS BIGINT) END,
			       CASE WHEN w.paying_later THEN CAST(ROUND(w.dbt_365 * 10) AS BIGINT) END,
			       CASE WHEN w.near_limit THEN w.exposure END, CASE WHEN w.near_limit THEN w.limit_amount END, NULL
			FROM target t JOIN debtor_watch w ON w.debtor_id = t.debtor_id
			""";

	/**
	 * A row per invoice (code {@code SCOPE}) with its client and debtor and the snapshot
	 * the statement reads, for {@link KeptByScope}; no snapshot when the transaction
	 * wrote (it may be rolled back).
	 */
	private static final String SCOPE = """
			UNION ALL
			SELECT t.id, 'SCOPE', %s,
			       NULL, t.client_id, t.debtor_id, NULL, NULL, NULL
			FROM target t
			""".formatted(KeptByScope.SNAPSHOT);

	/**
	 * How many earlier invoices of a client to a debtor, all on the same terms, make
	 * those terms the pair's usual ones: an invoice on other terms may have been
	 * re-dated.
	 */
	static final int USUAL_TERMS_INVOICES = 3;

	/** A named parameter of the statement ({@code :today}). */
	private static final Pattern PARAMETER = Pattern.compile("(?<!:):([A-Za-z]+)");

	private final JdbcClient jdbc;

	private final CreditPolicy policy;

	private final Clock clock;

	private final KeptPlans plans;

	private final KeptByScope kept;

	/** The statement of the last page, with its values: the same all day. */
	private volatile Written written;

	InvoiceFlags(JdbcClient jdbc, CreditPolicy policy, Clock clock, KeptPlans plans, KeptByScope kept) {
		this.jdbc = jdbc;
		this.kept = kept;
		this.policy = policy;
		this.clock = clock;
		this.plans = plans;
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
		PolicyProperties policy = this.policy.current();
		LocalDate today = LocalDate.now(this.clock);
		// the kept flags whose client and debtor nothing wrote to since (KeptByScope,
		// V062)
		KeptByScope.Version version = new KeptByScope.Version(today, policy);
		Map<Long, List<Flag>> kept = this.kept.stillRight(KeptByScope.Kind.FLAGS, invoiceIds, version);
		kept.forEach((id, those) -> flags.get(id).addAll(those));
		List<Long> afresh = invoiceIds.stream().filter((id) -> !kept.containsKey(id)).distinct().toList();
		if (afresh.isEmpty()) {
			return flags;
		}
		long computedAt = System.nanoTime();
		// planned once per connection and kept: planning took as long as running it
		// (README "Benchmarks", page latency)
		List<Row> rows = this.plans
			.run(() -> this.jdbc.sql(statement(policy, today)).param("ids", afresh).query(InvoiceFlags::row).list());
		Map<Long, List<Flag>> computed = new HashMap<>();
		afresh.forEach((id) -> computed.put(id, new ArrayList<>()));
		rows.stream()
			.filter((row) -> row.code() != null)
			.sorted((a, b) -> a.code().compareTo(b.code()))
			.forEach((row) -> computed.get(row.invoiceId()).add(row.toFlag(policy)));
		computed.forEach((id, those) -> flags.get(id).addAll(those));
		// the snapshot the flags were computed in, when the transaction wrote nothing
		rows.stream()
			.filter((row) -> row.code() == null && row.text() != null)
			.forEach((scope) -> this.kept.keep(KeptByScope.Kind.FLAGS, scope.invoiceId(),
					new KeptByScope.Kept(version, scope.text(), scope.count(), scope.otherCount(), computedAt,
							List.copyOf(computed.get(scope.invoiceId())))));
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
	 * The watchlist sentence of one debtor (the debtor page's line under its score), the
	 * same as the flag of its queued invoices, or empty when it is not on the watchlist.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<Flag> watchlist(long debtorId) {
		PolicyProperties policy = this.policy.current();
		return this.jdbc
			.sql("""
					SELECT 0 AS invoice_id, 'WATCHLIST' AS code,
					       CASE WHEN w.grade_fell THEN w.grade_then || w.grade_now END AS text_value,
					       CASE WHEN w.near_limit THEN w.limit_kind END AS other_text,
					       CASE WHEN w.paying_later THEN CAST(ROUND(w.dbt_90 * 10) AS BIGINT) END AS count_value,
					       CASE WHEN w.paying_later THEN CAST(ROUND(w.dbt_365 * 10) AS BIGINT) END AS other_count,
					       CASE WHEN w.near_limit THEN w.exposure END AS amount_value,
					       CASE WHEN w.near_limit THEN w.limit_amount END AS other_amount, CAST(NULL AS DATE) AS date_value
					FROM debtor_watchlist(CAST(:today AS date), ARRAY[CAST(:debtor AS BIGINT)], CAST(:laterDays AS numeric)) w
					""")
			.param("today", LocalDate.now(this.clock))
			.param("debtor", debtorId)
			.param("laterDays", policy.watchlistLaterDays())
			.query(InvoiceFlags::row)
			.optional()
			.map((row) -> row.toFlag(policy));
	}

	/**
	 * The statement of the flags of the invoices that {@code condition} selects (a
	 * condition on the invoice {@code i}), its columns {@code invoice_id} and
	 * {@code code} among others; bind its parameters with {@link #parameters}.
	 */
	static String flagged(String condition) {
		return FLAGS.formatted(condition);
	}

	/**
	 * The statement of {@link #of(Collection)} with today, the time zone and the credit
	 * policy written into it as constants, so that only the invoices' ids are parameters.
	 * Planned with the ids alone, the generic plan PostgreSQL keeps for the connection
	 * ({@link KeptPlans}) reads each client's funded book through the index of its open
	 * invoices; with today a parameter it also read every invoice issued up to then. The
	 * values are the clock's, the zone's id and the policy's numbers: never user text.
	 */
	private String statement(PolicyProperties policy, LocalDate today) {
		Written last = this.written;
		if (last == null || !last.today().equals(today) || !last.policy().equals(policy)) {
			last = new Written(today, policy,
					withValues(flagged("i.id IN (:ids)") + SCOPE, policy, today) + " ORDER BY 1");
			this.written = last;
		}
		return last.statement();
	}

	private record Written(LocalDate today, PolicyProperties policy, String statement) {
	}

	private String withValues(String statement, PolicyProperties policy, LocalDate today) {
		Map<String, String> values = Map.of("zone", "'" + this.clock.getZone().getId().replace("'", "''") + "'",
				"today", "DATE '" + today + "'", "duplicateDays", Integer.toString(policy.duplicateWindowDays()),
				"usualTermsInvoices", Integer.toString(USUAL_TERMS_INVOICES), "staleDays",
				Integer.toString(policy.staleDays()), "creditNoteDays", Integer.toString(policy.creditNoteDays()),
				"bureauDays", Integer.toString(policy.bureauStaleDays()), "crossAgingShare",
				policy.crossAgingShare().toPlainString(), "laterDays", Integer.toString(policy.watchlistLaterDays()));
		Matcher parameter = PARAMETER.matcher(statement);
		StringBuilder written = new StringBuilder();
		while (parameter.find()) {
			String value = values.get(parameter.group(1));
			parameter.appendReplacement(written, Matcher.quoteReplacement((value != null) ? value : parameter.group()));
		}
		return parameter.appendTail(written).toString();
	}

	JdbcClient.StatementSpec parameters(JdbcClient.StatementSpec statement) {
		return parameters(statement, this.policy.current());
	}

	private JdbcClient.StatementSpec parameters(JdbcClient.StatementSpec statement, PolicyProperties policy) {
		return statement.param("zone", this.clock.getZone().getId())
			.param("today", LocalDate.now(this.clock))
			.param("duplicateDays", policy.duplicateWindowDays())
			.param("usualTermsInvoices", USUAL_TERMS_INVOICES)
			.param("staleDays", policy.staleDays())
			.param("creditNoteDays", policy.creditNoteDays())
			.param("bureauDays", policy.bureauStaleDays())
			.param("crossAgingShare", policy.crossAgingShare())
			.param("laterDays", policy.watchlistLaterDays());
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		String code = rs.getString("code");
		return new Row(rs.getLong("invoice_id"), code.equals("SCOPE") ? null : FlagCode.valueOf(code),
				rs.getString("text_value"), rs.getString("other_text"), rs.getObject("count_value", Long.class),
				rs.getObject("other_count", Long.class), rs.getBigDecimal("amount_value"),
				rs.getBigDecimal("other_amount"), rs.getObject("date_value", LocalDate.class));
	}

	/**
	 * One row of the statement: the figures, named by what each flag puts in them; a
	 * {@link #SCOPE} row has no code.
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
				case RELATED_PARTY -> (this.date != null)
						? flag("flag.sentence.RELATED_PARTY.marked", this.text, this.date.toString(), this.otherText)
						: flag("flag.sentence.RELATED_PARTY", this.text);
				case OVER_CREDIT_LIMIT, OVER_FACILITY -> overLimit(new BigDecimal(this.text));
				case OVER_INSURER_LIMIT -> {
					BigDecimal limit = new BigDecimal(this.text);
					BigDecimal after = this.amount.add(this.otherAmount);
					yield flag("flag.sentence.OVER_INSURER_LIMIT", this.amount, this.otherAmount, after, limit,
							this.date.toString(), after.subtract(limit));
				}
				case OVER_CONCENTRATION -> flag("flag.sentence.OVER_CONCENTRATION", this.amount, this.otherAmount,
						concentrationShare(this.amount, this.otherAmount), percent(new BigDecimal(this.text)));
				case NO_NOTICE -> flag("flag.sentence.NO_NOTICE");
				case RESERVE_SHORTFALL -> flag("flag.sentence.RESERVE_SHORTFALL", this.text, this.amount);
				case WATCHLIST -> watchlist();
			};
		}

		/**
		 * One sentence with the reasons that hold, each a part of its own in the reader's
		 * language, joined by the parts' own separators: the grades (text, then and now),
		 * the limit (other text its kind, amount the exposure, other amount the limit)
		 * and the days beyond terms (in tenths of a day: count over 90 days, other count
		 * over the year).
		 */
		private Flag watchlist() {
			List<Object> parts = new ArrayList<>();
			if (this.text != null) {
				parts.add(part("grade", parts, this.text.substring(0, 1), this.text.substring(1)));
			}
			if (this.otherText != null) {
				parts
					.add(part("limit", parts, this.amount, this.otherText.equals("INSURER") ? 1 : 0, this.otherAmount));
			}
			if (this.count != null) {
				parts.add(part("late", parts, tenths(this.count), tenths(this.otherCount)));
			}
			while (parts.size() < 3) {
				parts.add("");
			}
			return flag("flag.sentence.WATCHLIST", parts.toArray());
		}

		private static MessageSourceResolvable part(String reason, List<Object> before, Object... arguments) {
			String key = "flag.watchlist." + reason + (before.isEmpty() ? "" : ".next");
			return new DefaultMessageSourceResolvable(new String[] { key }, arguments);
		}

		private static BigDecimal tenths(long tenths) {
			return BigDecimal.valueOf(tenths, 1);
		}

		/**
		 * Exposure (without this invoice), this invoice's advance, the sum, the limit and
		 * by how much the sum exceeds it.
		 */
		private Flag overLimit(BigDecimal limit) {
			BigDecimal after = this.amount.add(this.otherAmount);
			return flag("flag.sentence." + this.code.name(), this.amount, this.otherAmount, after, limit,
					after.subtract(limit));
		}

		/**
		 * The debtor's share of the client's book in percent, as the quote's
		 * concentration line shows it (one decimal, half up: {@code PricingPolicy}).
		 */
		private static BigDecimal concentrationShare(BigDecimal owed, BigDecimal book) {
			return owed.movePointRight(2).divide(book, 1, RoundingMode.HALF_UP);
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
