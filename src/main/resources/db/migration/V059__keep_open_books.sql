-- Each (client, debtor)'s open funded book kept as invoices change, so that a client's book today is read from a row
-- per debtor instead of summed from its open invoices. A queue page read each of its clients' books twice from
-- open_receivable (the quotes' concentration and the concentration flag: 742 open invoices of a large client of the
-- demo book), about 6 of the 18 ms PostgreSQL spent on a page (README "Page latency").
--
-- Lock-free for writers, as the reserve balances (V056): a statement that changes invoices adds a change row per
-- (client, debtor) whose book it moved, in the same transaction, and never updates a shared row, so two
-- transactions on one client's invoices never wait for each other and cannot deadlock (the exposure engine's locks
-- keep their one order). A compaction (OpenBooks.compact, scheduled, once across instances) moves the committed
-- changes into pair_book in one statement. A reader adds a pair's kept book to its changes not yet compacted, in one
-- snapshot: before or after a compaction's commit the sum is the same.
CREATE TABLE pair_book (
    client_id BIGINT NOT NULL,
    debtor_id BIGINT NOT NULL,
    outstanding NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (client_id, debtor_id)
);

CREATE TABLE pair_book_change (
    client_id BIGINT NOT NULL,
    debtor_id BIGINT NOT NULL,
    amount NUMERIC(19,2) NOT NULL
);

CREATE INDEX ix_pair_book_change_pair ON pair_book_change (client_id, debtor_id) INCLUDE (amount);

-- What an invoice adds to its pair's open book: its balance from its kept totals (V057) while it is funded and not
-- closed. TG_ARGV[0] lists the (client_id, debtor_id, amount) rows of a statement over its transition tables.
CREATE FUNCTION invoice_keep_open_book()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format($q$
        INSERT INTO pair_book_change (client_id, debtor_id, amount)
        SELECT c.client_id, c.debtor_id, SUM(c.amount)
        FROM (%s) AS c(client_id, debtor_id, amount)
        GROUP BY c.client_id, c.debtor_id HAVING SUM(c.amount) <> 0$q$, TG_ARGV[0]);
    RETURN NULL;
END
$$;

CREATE TRIGGER invoice_open_book_inserted AFTER INSERT ON invoice
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_open_book(
    'SELECT client_id, debtor_id, amount - collected_total - credited_total FROM new_rows
     WHERE funded_on IS NOT NULL AND closed_on IS NULL AND amount - collected_total - credited_total > 0');
CREATE TRIGGER invoice_open_book_deleted AFTER DELETE ON invoice
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_open_book(
    'SELECT client_id, debtor_id, -(amount - collected_total - credited_total) FROM old_rows
     WHERE funded_on IS NOT NULL AND closed_on IS NULL AND amount - collected_total - credited_total > 0');
CREATE TRIGGER invoice_open_book_updated AFTER UPDATE ON invoice
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_open_book(
    'SELECT client_id, debtor_id, amount - collected_total - credited_total FROM new_rows
     WHERE funded_on IS NOT NULL AND closed_on IS NULL AND amount - collected_total - credited_total > 0
     UNION ALL
     SELECT client_id, debtor_id, -(amount - collected_total - credited_total) FROM old_rows
     WHERE funded_on IS NOT NULL AND closed_on IS NULL AND amount - collected_total - credited_total > 0');

-- A TRUNCATE fires no row changes: it would leave the kept books behind, so it is refused.
CREATE FUNCTION open_book_refuse_truncate()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION '% keeps the open books: TRUNCATE is not allowed, DELETE its rows', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER invoice_no_truncate BEFORE TRUNCATE ON invoice
    FOR EACH STATEMENT EXECUTE FUNCTION open_book_refuse_truncate();

-- The book so far, with nothing written beside it.
LOCK TABLE invoice, payment_allocation, credit_note IN SHARE MODE;
INSERT INTO pair_book (client_id, debtor_id, outstanding)
SELECT client_id, debtor_id, SUM(amount - collected_total - credited_total)
FROM invoice
WHERE funded_on IS NOT NULL AND closed_on IS NULL AND amount - collected_total - credited_total > 0
GROUP BY client_id, debtor_id;

-- What each debtor owes each client on funded invoices open on as_of (open_receivable(as_of) summed per pair): the
-- same rows, without the pairs that owe nothing. When nothing is dated after as_of (no receipt, reversal or credit
-- note, no invoice funded, closed or, funded, issued after it: index probes that find no row today) the kept books are the books on as_of (the first
-- branch); otherwise open_receivable is summed (the second). The condition has no column of a row, so the plan checks
-- it once and runs one branch only; the function stays one SQL query, inlined into its callers, whose filters (a
-- client, a pair) reach the books' keys in either branch.
CREATE FUNCTION open_book(as_of DATE)
RETURNS TABLE (client_id BIGINT, debtor_id BIGINT, outstanding NUMERIC(19,2))
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT k.client_id, k.debtor_id, SUM(k.amount)
    FROM (SELECT b.client_id, b.debtor_id, b.outstanding AS amount FROM pair_book b
          UNION ALL
          SELECT c.client_id, c.debtor_id, c.amount FROM pair_book_change c) k
    WHERE NOT (EXISTS (SELECT 1 FROM payment_allocation a WHERE a.received_on > as_of)
               OR EXISTS (SELECT 1 FROM payment_allocation a WHERE a.reversed_on > as_of)
               OR EXISTS (SELECT 1 FROM credit_note n WHERE n.issued_on > as_of)
               OR EXISTS (SELECT 1 FROM invoice i WHERE i.funded_on > as_of)
               OR EXISTS (SELECT 1 FROM invoice i WHERE COALESCE(i.closed_on, 'infinity'::date) > as_of
                                                     AND COALESCE(i.closed_on, 'infinity'::date) < 'infinity'::date)
               OR EXISTS (SELECT 1 FROM invoice i WHERE i.issue_date > as_of AND i.funded_on IS NOT NULL))
    GROUP BY k.client_id, k.debtor_id
    HAVING SUM(k.amount) <> 0
    UNION ALL
    SELECT o.client_id, o.debtor_id, SUM(o.outstanding)
    FROM open_receivable(as_of) o
    WHERE EXISTS (SELECT 1 FROM payment_allocation a WHERE a.received_on > as_of)
       OR EXISTS (SELECT 1 FROM payment_allocation a WHERE a.reversed_on > as_of)
       OR EXISTS (SELECT 1 FROM credit_note n WHERE n.issued_on > as_of)
       OR EXISTS (SELECT 1 FROM invoice i WHERE i.funded_on > as_of)
       OR EXISTS (SELECT 1 FROM invoice i WHERE COALESCE(i.closed_on, 'infinity'::date) > as_of
                                                     AND COALESCE(i.closed_on, 'infinity'::date) < 'infinity'::date)
       OR EXISTS (SELECT 1 FROM invoice i WHERE i.issue_date > as_of AND i.funded_on IS NOT NULL)
    GROUP BY o.client_id, o.debtor_id
$$;

ANALYZE pair_book;
