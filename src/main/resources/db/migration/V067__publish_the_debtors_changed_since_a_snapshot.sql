-- The watchlist of a whole book (the portfolio's, DESIGN section 5) is the workbench's debtor_watchlist for every debtor
-- with something open: at 1,000,000 invoices, 22,367 debtors and 0.6 s of CPU, while a debtor's row changes only when
-- one of its own rows does (its scores, limits, exposure row, receipts, invoices, advances and decisions). The
-- portfolio keeps the list it last computed with the snapshot it was computed in, and computes again only the debtors
-- changed since: the changes V062 records for the queue's kept flags (flag_scope_change), published here.
--
-- The reserved exposure that puts a debtor with nothing funded on the list comes from its invoices' decisions
-- (exposure_on): a decision is recorded as a change of its (client, debtor) too. The engine writes the exposure rows in
-- the same transaction, which were recorded already; this makes the rule not depend on it.
DO $$
DECLARE
    touched CONSTANT TEXT := 'SELECT i.client_id, i.debtor_id FROM {rows} r JOIN invoice i ON i.id = r.invoice_id';
BEGIN
    EXECUTE format('CREATE TRIGGER invoice_decision_flags_inserted AFTER INSERT ON invoice_decision'
                   ' REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION flag_scope_changed(%L)',
                   touched);
    EXECUTE format('CREATE TRIGGER invoice_decision_flags_deleted AFTER DELETE ON invoice_decision'
                   ' REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION flag_scope_changed(%L)',
                   touched);
    EXECUTE format('CREATE TRIGGER invoice_decision_flags_updated AFTER UPDATE ON invoice_decision'
                   ' REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION flag_scope_changed(%L)', touched);
    CREATE TRIGGER invoice_decision_flags_truncated AFTER TRUNCATE ON invoice_decision
        FOR EACH STATEMENT EXECUTE FUNCTION flag_scope_changed();
END
$$;

-- debtors_changed_since(kept): the debtors that something changed since a snapshot, given as KeptByScope writes it
-- (the snapshot's text, '@', the server's start): a change committed after the snapshot was taken, or by a transaction
-- running then, and visible to the caller's. One row with a NULL debtor when the snapshot cannot tell: a change of
-- everything (an import, a rescoring, a truncate), changes already deleted that it may not have seen (its oldest
-- running transaction is below what the compaction deleted), or another server (a restored or promoted one numbers
-- its transactions anew). A client's change alone (its facility, reserve, exposure row) names no debtor.
CREATE FUNCTION debtors_changed_since(p_kept TEXT)
RETURNS TABLE (debtor_id BIGINT)
LANGUAGE sql STABLE
AS $$
    WITH kept AS (
        SELECT CAST(split_part(p_kept, '@', 1) AS pg_snapshot) AS snapshot, split_part(p_kept, '@', 2) AS server
    )
    SELECT CAST(NULL AS BIGINT)
    FROM kept k
    WHERE k.server <> CAST(pg_postmaster_start_time() AS TEXT)
       OR pg_snapshot_xmin(k.snapshot) < (SELECT c.deleted_below FROM flag_scope_compacted c)
       OR EXISTS (SELECT 1 FROM flag_scope_change c WHERE c.client_id IS NULL AND c.debtor_id IS NULL
                    AND NOT pg_visible_in_snapshot(c.xid, k.snapshot))
    UNION
    SELECT c.debtor_id
    FROM flag_scope_change c, kept k
    WHERE c.debtor_id IS NOT NULL AND NOT pg_visible_in_snapshot(c.xid, k.snapshot)
$$;
