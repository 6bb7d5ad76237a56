-- Snapshots are found by the time they were taken: the newest full run's portfolio mean for an event
-- re-score, and the run whose snapshots become the debtors' current scores.
CREATE INDEX ix_risk_score_scored_at ON risk_score (scored_at DESC, id DESC);

-- User names are unique whatever their case: every login looks them up ignoring case.
CREATE UNIQUE INDEX uq_app_user_username_lower ON app_user (LOWER(username));
