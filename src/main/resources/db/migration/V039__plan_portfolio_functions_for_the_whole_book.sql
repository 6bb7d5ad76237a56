-- The portfolio's exposure and watchlist (issue 11) ask for the score in force on a past day and for the watchlist of
-- every debtor of the book at once (22,486 debtors at 1,000,000 invoices), the workbench's queue for the debtors of a
-- page: set-sized questions that the per-debtor plans of V028 and V033 answered one debtor at a time (9.5 s for the
-- book's watchlist, 1.6 s for its grades 30 days back). Each function keeps its definition, columns and rows.

-- debtor_score_on(debtor, d) takes the newest snapshot as of d: one index entry instead of every snapshot of the
-- debtor sorted (ix_risk_score_debtor_scored_at orders by the scoring time, not by the day scored as of).
CREATE INDEX ix_risk_score_debtor_as_of ON risk_score (debtor_id, as_of DESC, scored_at DESC, id DESC);

-- debtor_watchlist(as_of, debtors): the same rule, columns and rows as V033 (its comment says why a debtor is on
-- the list). The days beyond terms are now one grouped pass over the year's allocations of the listed debtors
-- instead of a lateral per debtor. PL/pgSQL with custom plans: the query is planned with the array's own size, so a
-- queue page's few debtors are read through the debtor index and a whole book's through one hash join, whose year of
-- allocations (486,723 at 1,000,000 invoices) is grouped in memory (work_mem) instead of in batches on disk.
CREATE OR REPLACE FUNCTION debtor_watchlist(p_as_of DATE, p_debtor_ids BIGINT[])
RETURNS TABLE (debtor_id BIGINT, grade_fell BOOLEAN, grade_then VARCHAR(1), grade_now VARCHAR(1),
               near_limit BOOLEAN, exposure NUMERIC(19,2), limit_amount NUMERIC(19,2), limit_kind VARCHAR(8),
               paying_later BOOLEAN, dbt_90 NUMERIC, dbt_365 NUMERIC)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_custom_plan
SET work_mem = '64MB'
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH ids AS MATERIALIZED (
        SELECT DISTINCT u.id FROM unnest(p_debtor_ids) AS u(id)
    ),
    paid AS (
        SELECT f.debtor_id,
               SUM(f.amount * GREATEST(f.received_on - f.due_date, 0)) FILTER (WHERE f.received_on > p_as_of - 90)
                   / NULLIF(SUM(f.amount) FILTER (WHERE f.received_on > p_as_of - 90), 0) AS dbt_90,
               SUM(f.amount * GREATEST(f.received_on - f.due_date, 0)) / NULLIF(SUM(f.amount), 0) AS dbt_365
        FROM collection_fact f
        WHERE f.debtor_id IN (SELECT ids.id FROM ids)
          AND f.received_on > p_as_of - 365 AND f.received_on <= p_as_of
          AND (f.reversed_on IS NULL OR f.reversed_on > p_as_of)
        GROUP BY f.debtor_id
    )
    SELECT w.debtor_id, w.grade_fell, w.grade_then, w.grade_now, w.near_limit, w.exposure, w.limit_amount,
           w.limit_kind, w.paying_later, w.dbt_90, w.dbt_365
    FROM (
        SELECT d.id AS debtor_id,
               COALESCE(c.grade > t.grade, FALSE) AS grade_fell, t.grade AS grade_then, c.grade AS grade_now,
               COALESCE(l.limit_amount > 0 AND x.exposure >= 0.9 * l.limit_amount, FALSE) AS near_limit,
               x.exposure, l.limit_amount, CAST(l.limit_kind AS VARCHAR(8)),
               COALESCE(p.dbt_90 > p.dbt_365, FALSE) AS paying_later, p.dbt_90, p.dbt_365
        FROM ids
        JOIN debtor d ON d.id = ids.id
        LEFT JOIN debtor_current_score c ON c.debtor_id = d.id
        LEFT JOIN LATERAL debtor_score_on(d.id, p_as_of - 30) t ON TRUE
        LEFT JOIN debtor_exposure e ON e.debtor_id = d.id
        CROSS JOIN LATERAL (SELECT COALESCE(e.funded + e.reserved, 0) AS exposure) x
        LEFT JOIN LATERAL (SELECT k.limit_amount, k.limit_kind
                           FROM (VALUES (d.credit_limit, 'CREDIT', 1),
                                        (CASE WHEN d.insurer_limit_expires_on >= p_as_of THEN d.insurer_limit END,
                                         'INSURER', 2)) AS k(limit_amount, limit_kind, rank)
                           WHERE k.limit_amount > 0
                           ORDER BY k.limit_amount, k.rank
                           LIMIT 1) l ON TRUE
        LEFT JOIN paid p ON p.debtor_id = d.id
    ) w
    WHERE w.grade_fell OR w.near_limit OR w.paying_later;
END
$$;

-- exposure_on(d, zone) (V036): the funded part starts from the invoices open on d and takes each one's advance by its
-- invoice (one index entry) instead of hashing every advance of the book's history against them.
CREATE OR REPLACE FUNCTION exposure_on(as_of DATE, desk_zone TEXT)
RETURNS TABLE (invoice_id BIGINT, client_id BIGINT, debtor_id BIGINT, funded NUMERIC(19,2), reserved NUMERIC(19,2))
LANGUAGE sql STABLE
AS $$
    SELECT i.id, i.client_id, i.debtor_id,
           CAST(GREATEST(0, a.amount - COALESCE(b.collected, 0)) AS NUMERIC(19,2)), CAST(0 AS NUMERIC(19,2))
    FROM invoice i
    JOIN LATERAL (SELECT f.amount FROM advance f WHERE f.invoice_id = i.id AND f.funded_on <= as_of LIMIT 1) a ON TRUE
    LEFT JOIN invoice_balance(as_of) b ON b.invoice_id = i.id
    WHERE i.closed_on IS NULL OR i.closed_on > as_of
    UNION ALL
    SELECT i.id, i.client_id, i.debtor_id, CAST(0 AS NUMERIC(19,2)), x.advance
    FROM invoice_decision x
    JOIN invoice i ON i.id = x.invoice_id
    WHERE x.to_status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL')
      AND x.decided_at < CAST(as_of + 1 AS timestamp) AT TIME ZONE desk_zone
      AND NOT EXISTS (SELECT 1 FROM invoice_decision y
                      WHERE y.invoice_id = x.invoice_id AND y.id > x.id
                        AND y.decided_at < CAST(as_of + 1 AS timestamp) AT TIME ZONE desk_zone)
      AND NOT EXISTS (SELECT 1 FROM advance f WHERE f.invoice_id = x.invoice_id AND f.funded_on <= as_of)
$$;
