-- The facility a client gets when an import names it first (DESIGN section 7), as versions admins publish: its
-- starting limit, default advance rate, recourse days (NULL: non-recourse), notification, concentration limit and
-- fee terms. The newest version is the template; with none published the configuration's
-- (factordesk.clients.new-facility.*) is.
CREATE TABLE facility_template (
    version               INTEGER       NOT NULL,
    facility_limit        NUMERIC(19,2) NOT NULL,
    default_advance_rate  NUMERIC(9,6)  NOT NULL,
    recourse_days         INTEGER,
    notification          BOOLEAN       NOT NULL,
    concentration_limit   NUMERIC(9,6)  NOT NULL,
    fee_structure         VARCHAR(10)   NOT NULL,
    fee_period_days       INTEGER       NOT NULL,
    day_count             VARCHAR(7)    NOT NULL,
    client_fee_discount   NUMERIC(9,6)  NOT NULL,
    created_at            TIMESTAMPTZ   NOT NULL,
    created_by            VARCHAR(64)   NOT NULL,
    reason                VARCHAR(500),
    CONSTRAINT pk_facility_template PRIMARY KEY (version),
    CONSTRAINT ck_facility_template_version CHECK (version > 0),
    CONSTRAINT ck_facility_template_limit CHECK (facility_limit > 0),
    CONSTRAINT ck_facility_template_rates CHECK (default_advance_rate > 0 AND default_advance_rate <= 1
        AND concentration_limit > 0 AND concentration_limit <= 1 AND client_fee_discount >= 0 AND client_fee_discount < 1),
    CONSTRAINT ck_facility_template_recourse CHECK (recourse_days IS NULL OR recourse_days > 0),
    CONSTRAINT ck_facility_template_fees CHECK (fee_structure IN ('TIERED', 'FLAT', 'DAILY') AND fee_period_days > 0
        AND day_count IN ('ACT_360', 'ACT_365'))
);
