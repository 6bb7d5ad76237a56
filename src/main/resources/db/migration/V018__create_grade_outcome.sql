-- per grade of a scoring version, its observed 30+ days late share on the judge window
-- (DESIGN.md section 2b): matured invoices issued in the 6 full months before the month
-- it was computed in, graded by their debtor's score at the end of the month before issue
CREATE TABLE grade_outcome (
    model_version  INTEGER      NOT NULL,
    grade          VARCHAR(1)   NOT NULL,
    judge_from     DATE         NOT NULL,
    judge_to       DATE         NOT NULL,
    computed_on    DATE         NOT NULL,
    computed_at    TIMESTAMPTZ  NOT NULL,
    invoices       BIGINT       NOT NULL,
    late30         BIGINT       NOT NULL,
    CONSTRAINT pk_grade_outcome PRIMARY KEY (model_version, grade),
    CONSTRAINT fk_grade_outcome_model FOREIGN KEY (model_version) REFERENCES scoring_weights (version),
    CONSTRAINT ck_grade_outcome_grade CHECK (grade IN ('A', 'B', 'C', 'D', 'E')),
    CONSTRAINT ck_grade_outcome_counts CHECK (invoices >= 0 AND late30 BETWEEN 0 AND invoices),
    CONSTRAINT ck_grade_outcome_window CHECK (judge_from <= judge_to)
);
