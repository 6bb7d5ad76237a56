-- Each client's reserve ledger balance kept as entries are booked, so that client_reserve_position() no longer sums a
-- client's whole ledger (1,759 entries a client in the demo book; 3 of the 11 ms of the flags of a queue page went
-- to the reserve-shortfall flag's sums, README "Page latency").
--
-- Lock-free for writers: an insert into reserve_entry (append-only, V027) adds one row per client to
-- client_reserve_balance_change, in the same transaction, and never updates a shared row, so two transactions
-- booking entries for one client never wait for each other and cannot deadlock. A compaction
-- (ReserveBalances.compact, scheduled, once across instances) moves the committed changes into
-- client_reserve_balance in one statement: the changes it deletes are those its snapshot sees, and the balances it
-- adds them to are written by no one else. A reader adds a client's balance to its changes not yet compacted, in one
-- snapshot: before or after a compaction's commit the sum is the same.
CREATE TABLE client_reserve_balance (
    client_id BIGINT PRIMARY KEY REFERENCES client (id),
    balance NUMERIC(19,2) NOT NULL
);

CREATE TABLE client_reserve_balance_change (
    client_id BIGINT NOT NULL,
    amount NUMERIC(19,2) NOT NULL
);

CREATE INDEX ix_client_reserve_balance_change_client ON client_reserve_balance_change (client_id) INCLUDE (amount);

CREATE FUNCTION reserve_entry_add_to_balance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO client_reserve_balance_change (client_id, amount)
    SELECT b.client_id, SUM(b.amount) FROM booked b GROUP BY b.client_id;
    RETURN NULL;
END;
$$;

-- no entry is booked while the balances are taken from the ledger and the trigger is put in place
LOCK TABLE reserve_entry IN SHARE MODE;

CREATE TRIGGER tr_reserve_entry_add_to_balance
    AFTER INSERT ON reserve_entry
    REFERENCING NEW TABLE AS booked
    FOR EACH STATEMENT EXECUTE FUNCTION reserve_entry_add_to_balance();

INSERT INTO client_reserve_balance (client_id, balance)
SELECT e.client_id, SUM(e.amount) FROM reserve_entry e GROUP BY e.client_id;

-- client_reserve_position() of V032, the balance read from the kept balance and its changes not yet compacted instead
-- of the ledger's sum; the same columns and rows (every client, 0 without entries).
CREATE OR REPLACE FUNCTION client_reserve_position()
RETURNS TABLE (client_id BIGINT, balance NUMERIC(19,2), held NUMERIC(19,2), available NUMERIC(19,2))
LANGUAGE sql STABLE
AS $$
    SELECT c.id, l.balance, h.held, l.balance - h.held
    FROM client c
    CROSS JOIN LATERAL (SELECT COALESCE((SELECT b.balance FROM client_reserve_balance b WHERE b.client_id = c.id), 0)
                             + COALESCE((SELECT SUM(d.amount) FROM client_reserve_balance_change d
                                         WHERE d.client_id = c.id), 0) AS balance) l
    CROSS JOIN LATERAL (SELECT COALESCE(SUM(a.reserve), 0) AS held
                        FROM invoice i JOIN advance a ON a.invoice_id = i.id
                        WHERE i.client_id = c.id AND i.status IN ('FUNDED', 'PARTIALLY_PAID')) h
$$;
