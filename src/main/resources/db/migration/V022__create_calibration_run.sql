-- Calibration runs in the background (issue 8): an admin starts it from /admin/scoring and the page follows it.
-- One run at a time across every instance: the partial unique index admits one RUNNING row. A run left RUNNING by
-- a stopped instance is closed as interrupted when the next one starts, once it is older than any run takes.
CREATE TABLE calibration_run (
    id               BIGINT GENERATED ALWAYS AS IDENTITY,
    based_on_version INTEGER      NOT NULL,
    requested_by     VARCHAR(64)  NOT NULL,
    started_at       TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    status           VARCHAR(16)  NOT NULL,
    draft_revision   INTEGER,
    failure_code     VARCHAR(64),
    CONSTRAINT pk_calibration_run PRIMARY KEY (id),
    CONSTRAINT ck_calibration_run_status CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    CONSTRAINT ck_calibration_run_outcome CHECK (
        (status = 'RUNNING' AND finished_at IS NULL AND draft_revision IS NULL AND failure_code IS NULL)
        OR (status = 'DONE' AND finished_at IS NOT NULL AND draft_revision IS NOT NULL AND failure_code IS NULL)
        OR (status = 'FAILED' AND finished_at IS NOT NULL AND draft_revision IS NULL AND failure_code IS NOT NULL))
);
CREATE UNIQUE INDEX uq_calibration_run_one_running ON calibration_run ((status)) WHERE status = 'RUNNING';
CREATE INDEX ix_calibration_run_started ON calibration_run (started_at DESC, id DESC);
