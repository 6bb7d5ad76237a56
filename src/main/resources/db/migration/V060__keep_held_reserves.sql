-- Each client's held reserve (the reserve of its open funded invoices) kept as advances are paid out and invoices
-- are funded, paid, reopened or moved, so that client_reserve_position() no longer sums the advances of a client's
-- open invoices (742 probes of the advances for a large client of the demo book; 2.6 of the 13 ms of a queue page's
-- flags went to the reserve-shortfall flag's sums, README "Page latency").
--
-- Kept as the reserve balances are (V056): a statement adds a change row per client it moved, never updating a
-- shared row (no lock, no deadlock), and ReserveBalances.compact moves the committed changes into
-- client_reserve_held with the balances'. A reader adds a client's kept figure to its changes not yet compacted.
CREATE TABLE client_reserve_held (
    client_id BIGINT PRIMARY KEY,
    held NUMERIC(19,2) NOT NULL
);

CREATE TABLE client_reserve_held_change (
    client_id BIGINT NOT NULL,
    amount NUMERIC(19,2) NOT NULL
);

CREATE INDEX ix_client_reserve_held_change_client ON client_reserve_held_change (client_id) INCLUDE (amount);

-- TG_ARGV[0]: the (client_id, amount) rows a statement moved, over its transition tables.
CREATE FUNCTION reserve_keep_held()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format($q$
        INSERT INTO client_reserve_held_change (client_id, amount)
        SELECT c.client_id, SUM(c.amount) FROM (%s) AS c(client_id, amount)
        GROUP BY c.client_id HAVING SUM(c.amount) <> 0$q$, TG_ARGV[0]);
    RETURN NULL;
END
$$;

-- An advance paid out, corrected or removed, for an invoice that is funded and open now. An invoice is inserted
-- before its advance (the advance's foreign key) and its advance deleted before it, so an invoice's own insert and
-- delete never move the held reserve.
CREATE TRIGGER advance_held_inserted AFTER INSERT ON advance
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reserve_keep_held(
    'SELECT i.client_id, a.reserve FROM new_rows a JOIN invoice i ON i.id = a.invoice_id
     WHERE i.status IN (''FUNDED'', ''PARTIALLY_PAID'')');
CREATE TRIGGER advance_held_deleted AFTER DELETE ON advance
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reserve_keep_held(
    'SELECT i.client_id, -a.reserve FROM old_rows a JOIN invoice i ON i.id = a.invoice_id
     WHERE i.status IN (''FUNDED'', ''PARTIALLY_PAID'')');
CREATE TRIGGER advance_held_updated AFTER UPDATE ON advance
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reserve_keep_held(
    'SELECT i.client_id, a.reserve FROM new_rows a JOIN invoice i ON i.id = a.invoice_id
     WHERE i.status IN (''FUNDED'', ''PARTIALLY_PAID'')
     UNION ALL
     SELECT i.client_id, -a.reserve FROM old_rows a JOIN invoice i ON i.id = a.invoice_id
     WHERE i.status IN (''FUNDED'', ''PARTIALLY_PAID'')');
-- An invoice with an advance funded, paid, reopened or moved to another client: its reserve leaves the old figure
-- and joins the new one.
CREATE TRIGGER invoice_held_updated AFTER UPDATE ON invoice
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reserve_keep_held(
    'SELECT n.client_id, a.reserve FROM new_rows n JOIN advance a ON a.invoice_id = n.id
     WHERE n.status IN (''FUNDED'', ''PARTIALLY_PAID'')
     UNION ALL
     SELECT o.client_id, -a.reserve FROM old_rows o JOIN advance a ON a.invoice_id = o.id
     WHERE o.status IN (''FUNDED'', ''PARTIALLY_PAID'')');

-- A TRUNCATE fires no row changes: it would leave the kept figures behind, so it is refused.
CREATE FUNCTION reserve_held_refuse_truncate()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION '% keeps the held reserves: TRUNCATE is not allowed, DELETE its rows', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER advance_no_truncate BEFORE TRUNCATE ON advance
    FOR EACH STATEMENT EXECUTE FUNCTION reserve_held_refuse_truncate();

-- The reserves held so far, with nothing written beside them.
LOCK TABLE invoice, advance IN SHARE MODE;
INSERT INTO client_reserve_held (client_id, held)
SELECT i.client_id, SUM(a.reserve)
FROM invoice i JOIN advance a ON a.invoice_id = i.id
WHERE i.status IN ('FUNDED', 'PARTIALLY_PAID')
GROUP BY i.client_id;

-- client_reserve_position() of V056, the held reserve read from the kept figure and its changes not yet compacted
-- instead of the advances' sum; the same columns and rows (every client, 0 held without open funded invoices).
CREATE OR REPLACE FUNCTION client_reserve_position()
RETURNS TABLE (client_id BIGINT, balance NUMERIC(19,2), held NUMERIC(19,2), available NUMERIC(19,2))
LANGUAGE sql STABLE
AS $$
    SELECT c.id, l.balance, h.held, l.balance - h.held
    FROM client c
    CROSS JOIN LATERAL (SELECT COALESCE((SELECT b.balance FROM client_reserve_balance b WHERE b.client_id = c.id), 0)
                             + COALESCE((SELECT SUM(d.amount) FROM client_reserve_balance_change d
                                         WHERE d.client_id = c.id), 0) AS balance) l
    CROSS JOIN LATERAL (SELECT COALESCE((SELECT k.held FROM client_reserve_held k WHERE k.client_id = c.id), 0)
                             + COALESCE((SELECT SUM(d.amount) FROM client_reserve_held_change d
                                         WHERE d.client_id = c.id), 0) AS held) h
$$;
