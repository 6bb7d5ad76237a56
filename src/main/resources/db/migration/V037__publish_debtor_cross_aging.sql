-- debtor_cross_aging(d, share): the cross-aging rule of DESIGN section 5, published by the approval feature so that the
-- workbench's CROSS_AGED flag and the portfolio's cross-aged debtors apply the one rule: a debtor (across all its
-- clients) whose open amount more than 90 days past due at the end of day d is above the policy's share
-- (factordesk.policy.cross-aging-share, 0.10 by default) of its open amount is cross-aged, and none of its invoices is
-- eligible. One row per debtor with open AR at d (open_receivable, the one balance). A single SELECT: a condition on
-- debtor_id reaches the invoices' debtor index through the GROUP BY, so a queue page never scans the book.
CREATE FUNCTION debtor_cross_aging(as_of DATE, aged_share NUMERIC)
RETURNS TABLE (debtor_id BIGINT, open_amount NUMERIC(19,2), aged_amount NUMERIC(19,2), cross_aged BOOLEAN)
LANGUAGE sql STABLE
AS $$
    SELECT a.debtor_id, a.open_amount, a.aged_amount, a.open_amount > 0 AND a.aged_amount > aged_share * a.open_amount
    FROM (SELECT o.debtor_id, CAST(SUM(o.outstanding) AS NUMERIC(19,2)) AS open_amount,
                 CAST(COALESCE(SUM(o.outstanding) FILTER (WHERE o.days_past_due > 90), 0) AS NUMERIC(19,2))
                     AS aged_amount
          FROM open_receivable(as_of) o
          GROUP BY o.debtor_id) a
$$;
