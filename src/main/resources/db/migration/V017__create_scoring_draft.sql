-- A draft scoring version: a full model (weights, curves and the other rules) that nobody scores with until an
-- admin publishes it (it then becomes the next row of scoring_weights) or discards it. At most one draft is open:
-- a new calibration replaces it. The draft keeps how it was made and, for a calibration, its fit report. Its
-- revision, from a sequence, names it in the audit trail and lets a publish act only on the draft the admin saw.

CREATE SEQUENCE scoring_draft_revision;

CREATE TABLE scoring_draft (
    id                 SMALLINT     NOT NULL DEFAULT 1,
    revision           INTEGER      NOT NULL,
    payment_behaviour  NUMERIC(5,4) NOT NULL,
    bureau             NUMERIC(5,4) NOT NULL,
    disputes           NUMERIC(5,4) NOT NULL,
    adbt_curve         JSONB        NOT NULL,
    dispute_rate_curve JSONB        NOT NULL,
    bureau_scales      JSONB        NOT NULL,
    rules              JSONB        NOT NULL,
    based_on_version   INTEGER      NOT NULL,
    origin             VARCHAR(32)  NOT NULL,
    report             JSONB        NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    created_by         VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_scoring_draft PRIMARY KEY (id),
    CONSTRAINT ck_scoring_draft_one CHECK (id = 1),
    CONSTRAINT fk_scoring_draft_based_on FOREIGN KEY (based_on_version) REFERENCES scoring_weights (version),
    CONSTRAINT ck_scoring_draft_range CHECK (payment_behaviour BETWEEN 0 AND 1 AND bureau BETWEEN 0 AND 1
        AND disputes BETWEEN 0 AND 1),
    CONSTRAINT ck_scoring_draft_sum CHECK (payment_behaviour + bureau + disputes = 1)
);
