-- debtor_watchlist(as_of, debtors): the debtors of the list that are on the watchlist on day as_of (DESIGN section
-- 5, issue 9), with why. Published by the approval feature for the workbench's WATCHLIST flag and the debtor page.
-- A debtor is on it when
--   its grade fell a grade or more in 30 days: the current score's grade (debtor_current_score) is worse (A best,
--   E worst) than the grade of the snapshot in force 30 days before as_of (debtor_score_on);
--   its exposure is within 10 % of a limit: funded + reserved (debtor_exposure) is at least 90 % of its credit
--   limit or of its insurer limit in force on as_of (a limit above zero; the smaller of the two is reported, the
--   one exposure is nearer to);
--   it paid later over the last 90 days than over the year: the amount-weighted days after the due date (early =
--   0) of the allocations received in (as_of - 90, as_of] exceed those of (as_of - 365, as_of] (collection_fact;
--   an allocation of a receipt reversed by as_of does not count).
-- Taking the debtors as an array lets a queue page evaluate it for its own debtors only: each debtor's figures are
-- subqueries on that debtor (its snapshots, its exposure row, its invoices' allocations by index).
CREATE FUNCTION debtor_watchlist(p_as_of DATE, p_debtor_ids BIGINT[])
RETURNS TABLE (debtor_id BIGINT, grade_fell BOOLEAN, grade_then VARCHAR(1), grade_now VARCHAR(1),
               near_limit BOOLEAN, exposure NUMERIC(19,2), limit_amount NUMERIC(19,2), limit_kind VARCHAR(8),
               paying_later BOOLEAN, dbt_90 NUMERIC, dbt_365 NUMERIC)
LANGUAGE sql STABLE
AS $$
    SELECT w.debtor_id, w.grade_fell, w.grade_then, w.grade_now, w.near_limit, w.exposure, w.limit_amount,
           w.limit_kind, w.paying_later, w.dbt_90, w.dbt_365
    FROM (
        SELECT d.id AS debtor_id,
               COALESCE(c.grade > t.grade, FALSE) AS grade_fell, t.grade AS grade_then, c.grade AS grade_now,
               COALESCE(l.limit_amount > 0 AND x.exposure >= 0.9 * l.limit_amount, FALSE) AS near_limit,
               x.exposure, l.limit_amount, l.limit_kind,
               COALESCE(p.dbt_90 > p.dbt_365, FALSE) AS paying_later, p.dbt_90, p.dbt_365
        FROM (SELECT DISTINCT u.id FROM unnest(p_debtor_ids) AS u(id)) ids
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
        LEFT JOIN LATERAL (
            SELECT SUM(f.amount * GREATEST(f.received_on - i.due_date, 0)) FILTER (WHERE f.received_on > p_as_of - 90)
                       / NULLIF(SUM(f.amount) FILTER (WHERE f.received_on > p_as_of - 90), 0) AS dbt_90,
                   SUM(f.amount * GREATEST(f.received_on - i.due_date, 0)) / NULLIF(SUM(f.amount), 0) AS dbt_365
            FROM invoice i JOIN collection_fact f ON f.invoice_id = i.id
            WHERE i.debtor_id = d.id
              AND f.received_on > p_as_of - 365 AND f.received_on <= p_as_of
              AND (f.reversed_on IS NULL OR f.reversed_on > p_as_of)) p ON TRUE
    ) w
    WHERE w.grade_fell OR w.near_limit OR w.paying_later
$$;
