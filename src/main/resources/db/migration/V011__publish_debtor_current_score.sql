-- What the risk feature publishes of a debtor's current score for other features' SQL (pricing, approval,
-- portfolio), so that none of them reads the snapshot's internal JSON. A test in the risk feature writes a snapshot
-- and reads each column back: renaming a field of the stored inputs fails that test instead of silently pricing
-- at 0 days beyond terms.
CREATE VIEW debtor_current_score AS
SELECT d.id AS debtor_id,
       r.id AS snapshot_id,
       r.score,
       r.grade,
       r.as_of,
       r.scored_at,
       r.model_version,
       CAST(r.inputs -> 'payments' ->> 'paidCount' AS INTEGER) AS paid_invoices,
       CAST(r.inputs -> 'payments' ->> 'adbtDays' AS NUMERIC) AS adbt_days
FROM debtor d
JOIN risk_score r ON r.id = d.current_risk_score_id;
