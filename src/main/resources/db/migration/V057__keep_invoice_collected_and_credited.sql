-- Each invoice keeps what has been collected on it (its allocations not reversed) and credited (its credit notes), so
-- that its balance today is read from its own row. open_receivable(d) summed two lateral lookups per open invoice (the
-- allocations received by d and not reversed by then, the credit notes issued by d): a client's book on the workbench
-- (742 open invoices of a large client of the demo book, read by the concentration flag and again by the quote), the
-- portfolio's open AR (76,256 open invoices at 1,000,000), each probed twice. Nothing is dated after today, so the
-- kept totals are the balance on any day after the last receipt, reversal and credit note; before that, on a past
-- day, open_receivable sums as before. Same columns and rows (InvoiceBalanceIntegrationTests compares it with the
-- balance of every invoice on several days, KeptInvoiceTotalsIntegrationTests the kept totals with their rows).
ALTER TABLE invoice
    ADD COLUMN collected_total NUMERIC(19,2) NOT NULL DEFAULT 0,
    ADD COLUMN credited_total NUMERIC(19,2) NOT NULL DEFAULT 0;

-- A statement's changes, summed per invoice (TG_ARGV[0]: (invoice_id, amount) rows over the transition tables),
-- added to the kept column TG_ARGV[1]. The invoices are locked in id order first, so that two statements that touch
-- the same invoices (a payments import and a receipt applied on the page) wait for each other instead of
-- deadlocking; a share lock of a foreign key check does not conflict with it.
CREATE FUNCTION invoice_keep_total()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
DECLARE
    ids BIGINT[];
    amounts NUMERIC(19,2)[];
BEGIN
    EXECUTE format($q$
        SELECT array_agg(s.invoice_id ORDER BY s.invoice_id), array_agg(s.amount ORDER BY s.invoice_id)
        FROM (SELECT d.invoice_id, SUM(d.amount) AS amount FROM (%s) AS d(invoice_id, amount)
              GROUP BY d.invoice_id HAVING SUM(d.amount) <> 0) s$q$, TG_ARGV[0])
        INTO ids, amounts;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM invoice i WHERE i.id = ANY (ids) ORDER BY i.id FOR NO KEY UPDATE;
    EXECUTE format($q$
        UPDATE invoice i SET %1$I = i.%1$I + t.amount
        FROM unnest($1, $2) AS t(invoice_id, amount) WHERE i.id = t.invoice_id$q$, TG_ARGV[1])
        USING ids, amounts;
    RETURN NULL;
END
$$;

CREATE TRIGGER invoice_collected_inserted AFTER INSERT ON payment_allocation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_total(
    'SELECT invoice_id, amount FROM new_rows WHERE reversed_on IS NULL', 'collected_total');
CREATE TRIGGER invoice_collected_deleted AFTER DELETE ON payment_allocation
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_total(
    'SELECT invoice_id, -amount FROM old_rows WHERE reversed_on IS NULL', 'collected_total');
CREATE TRIGGER invoice_collected_updated AFTER UPDATE ON payment_allocation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_total(
    'SELECT invoice_id, amount FROM new_rows WHERE reversed_on IS NULL
     UNION ALL SELECT invoice_id, -amount FROM old_rows WHERE reversed_on IS NULL', 'collected_total');
CREATE TRIGGER invoice_credited_inserted AFTER INSERT ON credit_note
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_total(
    'SELECT invoice_id, amount FROM new_rows', 'credited_total');
CREATE TRIGGER invoice_credited_deleted AFTER DELETE ON credit_note
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_total(
    'SELECT invoice_id, -amount FROM old_rows', 'credited_total');
CREATE TRIGGER invoice_credited_updated AFTER UPDATE ON credit_note
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION invoice_keep_total(
    'SELECT invoice_id, amount FROM new_rows UNION ALL SELECT invoice_id, -amount FROM old_rows', 'credited_total');

-- A TRUNCATE fires no row changes: it would leave the kept totals behind, so it is refused.
CREATE FUNCTION invoice_totals_refuse_truncate()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION '% keeps invoice totals: TRUNCATE is not allowed, DELETE its rows', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER payment_allocation_no_truncate BEFORE TRUNCATE ON payment_allocation
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_totals_refuse_truncate();
CREATE TRIGGER credit_note_no_truncate BEFORE TRUNCATE ON credit_note
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_totals_refuse_truncate();

-- The book so far, with nothing written beside it.
LOCK TABLE payment_allocation, credit_note IN SHARE MODE;
UPDATE invoice i
SET collected_total = COALESCE(t.collected, 0), credited_total = COALESCE(t.credited, 0)
FROM (SELECT COALESCE(a.invoice_id, n.invoice_id) AS invoice_id, a.collected, n.credited
      FROM (SELECT invoice_id, SUM(amount) AS collected FROM payment_allocation WHERE reversed_on IS NULL
            GROUP BY invoice_id) a
      FULL JOIN (SELECT invoice_id, SUM(amount) AS credited FROM credit_note GROUP BY invoice_id) n
        ON n.invoice_id = a.invoice_id) t
WHERE i.id = t.invoice_id;

-- Whether anything moved a balance after a day: a receipt, a reversal or a credit note dated after it. Today,
-- nothing (three probes that find no row).
CREATE INDEX ix_payment_allocation_reversed_on ON payment_allocation (reversed_on) WHERE reversed_on IS NOT NULL;
CREATE INDEX ix_credit_note_issued_on ON credit_note (issued_on);

-- open_receivable(d) (V041): the same columns and rows. When nothing is dated after d, each invoice's balance is its
-- kept totals (the first branch); otherwise they are summed by d as before (the second). The condition has no
-- column of the invoice, so the plan checks it once and runs one branch only; the function stays one SQL query,
-- inlined into its callers, whose filters (a client, a debtor) reach the invoice indexes in either branch.
CREATE OR REPLACE FUNCTION open_receivable(as_of DATE)
RETURNS TABLE (invoice_id BIGINT, client_id BIGINT, debtor_id BIGINT, issue_date DATE, due_date DATE,
               funded_on DATE, amount NUMERIC(19,2), outstanding NUMERIC(19,2), days_past_due INTEGER)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT i.id, i.client_id, i.debtor_id, i.issue_date, i.due_date, i.funded_on, i.amount,
           i.amount - i.collected_total - i.credited_total, as_of - i.due_date
    FROM invoice i
    WHERE i.funded_on <= as_of AND i.issue_date <= as_of AND COALESCE(i.closed_on, 'infinity'::date) > as_of
      AND i.amount - i.collected_total - i.credited_total > 0
      AND NOT (EXISTS (SELECT 1 FROM payment_allocation a WHERE a.received_on > as_of)
               OR EXISTS (SELECT 1 FROM payment_allocation a WHERE a.reversed_on > as_of)
               OR EXISTS (SELECT 1 FROM credit_note n WHERE n.issued_on > as_of))
    UNION ALL
    SELECT i.id, i.client_id, i.debtor_id, i.issue_date, i.due_date, i.funded_on, i.amount,
           i.amount - COALESCE(p.collected, 0) - COALESCE(c.credited, 0), as_of - i.due_date
    FROM invoice i
    LEFT JOIN LATERAL (SELECT SUM(a.amount) AS collected
                       FROM payment_allocation a
                       WHERE a.invoice_id = i.id AND a.received_on <= as_of
                         AND (a.reversed_on IS NULL OR a.reversed_on > as_of)) p ON TRUE
    LEFT JOIN LATERAL (SELECT SUM(n.amount) AS credited FROM credit_note n
                       WHERE n.invoice_id = i.id AND n.issued_on <= as_of) c ON TRUE
    WHERE i.funded_on <= as_of AND i.issue_date <= as_of AND COALESCE(i.closed_on, 'infinity'::date) > as_of
      AND i.amount - COALESCE(p.collected, 0) - COALESCE(c.credited, 0) > 0
      AND (EXISTS (SELECT 1 FROM payment_allocation a WHERE a.received_on > as_of)
           OR EXISTS (SELECT 1 FROM payment_allocation a WHERE a.reversed_on > as_of)
           OR EXISTS (SELECT 1 FROM credit_note n WHERE n.issued_on > as_of))
$$;

ANALYZE invoice;
