-- The credit policy's settings that the workbench's flags, four-eyes, lapses and the underwriters' authority read
-- (DESIGN sections 4 and 5), edited by admins as published versions: each version holds every setting, who
-- published it, when and why, and takes effect when published. With no version published the settings of the
-- configuration (factordesk.policy.*) are in force.
CREATE TABLE credit_policy_version (
    version                INTEGER       NOT NULL,
    published_at           TIMESTAMPTZ   NOT NULL,
    published_by           VARCHAR(64)   NOT NULL,
    reason                 VARCHAR(500),
    stale_days             INTEGER       NOT NULL,
    duplicate_window_days  INTEGER       NOT NULL,
    cross_aging_share      NUMERIC(9,6)  NOT NULL,
    bureau_stale_days      INTEGER       NOT NULL,
    credit_note_days       INTEGER       NOT NULL,
    four_eyes_threshold    NUMERIC(19,2) NOT NULL,
    lapse_days             INTEGER       NOT NULL,
    underwriter_authority  NUMERIC(19,2) NOT NULL,
    watchlist_later_days   INTEGER       NOT NULL,
    CONSTRAINT pk_credit_policy_version PRIMARY KEY (version),
    CONSTRAINT ck_credit_policy_version_positive CHECK (version > 0),
    CONSTRAINT ck_credit_policy_days CHECK (stale_days BETWEEN 1 AND 3650 AND duplicate_window_days BETWEEN 0 AND 365
        AND bureau_stale_days BETWEEN 1 AND 3650 AND credit_note_days BETWEEN 1 AND 3650 AND lapse_days BETWEEN 1 AND 365
        AND watchlist_later_days BETWEEN 0 AND 365),
    CONSTRAINT ck_credit_policy_share CHECK (cross_aging_share > 0 AND cross_aging_share <= 1),
    CONSTRAINT ck_credit_policy_amounts CHECK (four_eyes_threshold >= 0 AND underwriter_authority >= 0)
);
