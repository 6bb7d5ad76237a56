-- When the debtor's current score was taken, kept on the debtor row itself: a run that points debtors at its
-- snapshots compares against it, so that under concurrent runs (an event re-score during the nightly one) the
-- newer snapshot stays current. A comparison through risk_score would read an older snapshot of that table.
ALTER TABLE debtor ADD COLUMN current_scored_at TIMESTAMPTZ;

UPDATE debtor d SET current_scored_at = r.scored_at
FROM risk_score r
WHERE r.id = d.current_risk_score_id;
