-- The watchlist's "paying later" with a materiality margin. As V033 wrote DESIGN section 5 (days beyond terms over the
-- last 90 days above the year's), any increase put a debtor on the list: 500 of the demo book's 1,500 debtors, 268
-- of the 808 with something open on 2026-11-25 for "paying later" alone, most by a day or two, and a list that
-- names a third of the book tells an underwriter nothing. A debtor now pays later when its days beyond terms over
-- the last 90 days exceed the year's by more than p_later_days (the policy's factordesk.policy.watchlist-later-days,
-- 5 by default; 0 is V033's rule). Otherwise the same function as V039: rule, columns, plans.
DROP FUNCTION debtor_watchlist(DATE, BIGINT[]);

CREATE FUNCTION debtor_watchlist(p_as_of DATE, p_debtor_ids BIGINT[], p_later_days NUMERIC)
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
               COALESCE(p.dbt_90 > p.dbt_365 + p_later_days, FALSE) AS paying_later, p.dbt_90, p.dbt_365
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
