-- What may have changed a queued invoice's flags and quote, so that a queue page computes them again only for the
-- invoices whose inputs changed (KeptByScope, a kept read model): every flag of DESIGN section 4 is a function of
-- the day, the credit policy, and rows of the invoice's client or of its debtor (their invoices, receipts, credit
-- notes, disputes, bureau scores, risk scores, exposure, limits, facility, reserve, notices and related parties);
-- a quote, of the day, those rows and the pricing bands and parameters in force. A statement that writes one of those tables adds a row per (client, debtor) it touched, with its
-- transaction id; a client-wide or debtor-wide change leaves the other column empty, and a change too wide to list
-- (a truncate, more than 1,000 pairs or 10,000 rows in one statement: an import, a rescoring) is one row with neither, which touches
-- every invoice.
--
-- Kept flags carry the PostgreSQL snapshot they were computed in. They are right while no change of their client,
-- of their debtor, or of everything, is invisible in that snapshot and visible to the reader: a change committed
-- after it, or by a transaction that was running then, whatever the commit order (the test of the trends' month
-- ends, V038). Appended without a lock: two writers never wait for each other here.
CREATE TABLE flag_scope_change (
    client_id BIGINT,
    debtor_id BIGINT,
    xid XID8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE INDEX ix_flag_scope_change_client ON flag_scope_change (client_id) INCLUDE (xid) WHERE client_id IS NOT NULL;
CREATE INDEX ix_flag_scope_change_debtor ON flag_scope_change (debtor_id) INCLUDE (xid) WHERE debtor_id IS NOT NULL;
CREATE INDEX ix_flag_scope_change_all ON flag_scope_change (xid) WHERE client_id IS NULL AND debtor_id IS NULL;

-- The oldest transaction running at a moment, recorded by each compaction: the changes below the horizon of a
-- moment before the kept values were computed (more than their keeping time and a minute ago) are visible in
-- their snapshots, and are deleted.
CREATE TABLE flag_scope_horizon (
    taken_at TIMESTAMP WITH TIME ZONE NOT NULL,
    oldest_running XID8 NOT NULL
);

-- Changes are deleted only below the oldest transaction of a horizon (once a minute, KeptByScope.compact): kept
-- values whose snapshot's oldest running transaction is older than that may have missed a deleted change, and are
-- computed afresh. So no clock decides what is deleted: a kept value either sees every change it may have missed,
-- or is not reused.
CREATE TABLE flag_scope_compacted (
    deleted_below XID8 NOT NULL
);
INSERT INTO flag_scope_compacted (deleted_below) VALUES ('0');

-- TG_ARGV[0] lists the (client_id, debtor_id) a statement touched, {rows} standing for its transition table(s); a
-- row with neither touches every invoice.
CREATE FUNCTION flag_scope_changed()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
DECLARE
    touched TEXT;
    wide BOOLEAN;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO flag_scope_change (client_id, debtor_id) VALUES (NULL, NULL);
        RETURN NULL;
    END IF;
    touched := CASE TG_OP
        WHEN 'INSERT' THEN replace(TG_ARGV[0], '{rows}', 'new_rows')
        WHEN 'DELETE' THEN replace(TG_ARGV[0], '{rows}', 'old_rows')
        ELSE replace(TG_ARGV[0], '{rows}', 'new_rows') || ' UNION ALL ' || replace(TG_ARGV[0], '{rows}', 'old_rows')
    END;
    -- a statement of more rows than a queue's pairs is an import or a rescoring: it touches everything, without
    -- listing a million pairs first
    EXECUTE format('SELECT COUNT(*) > 10000 FROM (%s) AS t', touched) INTO wide;
    IF wide THEN
        INSERT INTO flag_scope_change (client_id, debtor_id) VALUES (NULL, NULL);
        RETURN NULL;
    END IF;
    EXECUTE format($q$
        WITH touched AS MATERIALIZED (
            SELECT DISTINCT t.client_id, t.debtor_id FROM (%s) AS t(client_id, debtor_id)
        ), wide AS (
            SELECT COUNT(*) > 1000 AS everything FROM touched
        )
        INSERT INTO flag_scope_change (client_id, debtor_id)
        SELECT t.client_id, t.debtor_id FROM touched t, wide w WHERE NOT w.everything
        UNION ALL
        SELECT NULL, NULL FROM wide w WHERE w.everything$q$, touched);
    RETURN NULL;
END
$$;

DO $$
DECLARE
    source RECORD;
BEGIN
    FOR source IN
        SELECT * FROM (VALUES
            ('invoice', 'SELECT client_id, debtor_id FROM {rows}'),
            ('advance', 'SELECT i.client_id, i.debtor_id FROM {rows} r JOIN invoice i ON i.id = r.invoice_id'),
            ('payment_allocation', 'SELECT client_id, debtor_id FROM {rows}'),
            ('credit_note', 'SELECT i.client_id, i.debtor_id FROM {rows} r JOIN invoice i ON i.id = r.invoice_id'),
            ('dispute', 'SELECT i.client_id, i.debtor_id FROM {rows} r JOIN invoice i ON i.id = r.invoice_id'),
            ('bureau_score', 'SELECT CAST(NULL AS BIGINT), debtor_id FROM {rows}'),
            ('risk_score', 'SELECT CAST(NULL AS BIGINT), debtor_id FROM {rows}'),
            ('debtor', 'SELECT CAST(NULL AS BIGINT), id FROM {rows}'),
            ('debtor_exposure', 'SELECT CAST(NULL AS BIGINT), debtor_id FROM {rows}'),
            -- a client's name is in the double-pledging flag of the other clients' invoices to its debtors
            ('client', 'SELECT CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) FROM {rows}'),
            ('facility', 'SELECT client_id, CAST(NULL AS BIGINT) FROM {rows}'),
            ('facility_exposure', 'SELECT client_id, CAST(NULL AS BIGINT) FROM {rows}'),
            ('reserve_entry', 'SELECT client_id, CAST(NULL AS BIGINT) FROM {rows}'),
            ('related_party', 'SELECT client_id, debtor_id FROM {rows}'),
            ('notice_of_assignment', 'SELECT client_id, debtor_id FROM {rows}'),
            -- the quotes' bands and parameters (QueueQuotes) touch every invoice
            ('pricing_band_set', 'SELECT CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) FROM {rows}'),
            ('pricing_band', 'SELECT CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) FROM {rows}'),
            ('pricing_parameter_set', 'SELECT CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) FROM {rows}')
        ) AS s(name, touched)
    LOOP
        EXECUTE format('CREATE TRIGGER %1$s_flags_inserted AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION flag_scope_changed(%2$L)', source.name, source.touched);
        EXECUTE format('CREATE TRIGGER %1$s_flags_deleted AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION flag_scope_changed(%2$L)', source.name, source.touched);
        EXECUTE format('CREATE TRIGGER %1$s_flags_updated AFTER UPDATE ON %1$I'
                       ' REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION flag_scope_changed(%2$L)', source.name, source.touched);
        EXECUTE format('CREATE TRIGGER %1$s_flags_truncated AFTER TRUNCATE ON %1$I'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION flag_scope_changed()', source.name);
    END LOOP;
END
$$;
