-- Open invoices found by the day they close. "Open on d" is closed_on IS NULL OR closed_on > d, an OR that no index
-- answers: a debtor's open AR walked every invoice of its history (a large debtor of the 1,000,000-invoice book: 11,634
-- invoices for 1,074 open ones), and the whole book's open AR walked the whole book. Written as
-- COALESCE(closed_on, 'infinity') > d it is one range of these indexes: today, the open invoices and nothing else; on a
-- past day, those and the ones closed since. The same rows as before (InvoiceBalanceIntegrationTests compares
-- open_receivable with the balance of every invoice on several days).
CREATE INDEX ix_invoice_open_until ON invoice (COALESCE(closed_on, 'infinity'::date));
CREATE INDEX ix_invoice_debtor_open_until ON invoice (debtor_id, COALESCE(closed_on, 'infinity'::date))
    WHERE funded_on IS NOT NULL;
CREATE INDEX ix_invoice_client_open_until ON invoice (client_id, COALESCE(closed_on, 'infinity'::date))
    WHERE funded_on IS NOT NULL;

-- The workbench's look-alike flags probe the book once per invoice of the queue (a flag filter: 10,000 probes at
-- 1,000,000 invoices): DOUBLE_PLEDGING the debtor's invoices of the same day and amount, DUPLICATE the pair's within a
-- few days, REDATED the pair's year of terms (read from the index alone).
CREATE INDEX ix_invoice_debtor_issue_amount ON invoice (debtor_id, issue_date, amount);
CREATE INDEX ix_invoice_pair_issue ON invoice (client_id, debtor_id, issue_date) INCLUDE (due_date, amount);

-- The open disputes (OPEN_DISPUTES, the portfolio's disputed receivables): a few of the book's disputes.
CREATE INDEX ix_dispute_open ON dispute (invoice_id) INCLUDE (amount) WHERE resolved_on IS NULL;

-- open_receivable(d) (V010): the same columns and rows, the balance inlined so that the open condition reaches the
-- indexes above.
CREATE OR REPLACE FUNCTION open_receivable(as_of DATE)
RETURNS TABLE (invoice_id BIGINT, client_id BIGINT, debtor_id BIGINT, issue_date DATE, due_date DATE,
               funded_on DATE, amount NUMERIC(19,2), outstanding NUMERIC(19,2), days_past_due INTEGER)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
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
$$;

-- exposure_on(d, zone) (V039): the same, its funded part reading the invoices open on d through the index above.
CREATE OR REPLACE FUNCTION exposure_on(as_of DATE, desk_zone TEXT)
RETURNS TABLE (invoice_id BIGINT, client_id BIGINT, debtor_id BIGINT, funded NUMERIC(19,2), reserved NUMERIC(19,2))
LANGUAGE sql STABLE
AS $$
    SELECT i.id, i.client_id, i.debtor_id,
           CAST(GREATEST(0, a.amount - COALESCE(b.collected, 0)) AS NUMERIC(19,2)), CAST(0 AS NUMERIC(19,2))
    FROM invoice i
    JOIN LATERAL (SELECT f.amount FROM advance f WHERE f.invoice_id = i.id AND f.funded_on <= as_of LIMIT 1) a ON TRUE
    LEFT JOIN invoice_balance(as_of) b ON b.invoice_id = i.id
    WHERE COALESCE(i.closed_on, 'infinity'::date) > as_of
    UNION ALL
    SELECT i.id, i.client_id, i.debtor_id, CAST(0 AS NUMERIC(19,2)), x.advance
    FROM invoice_decision x
    JOIN invoice i ON i.id = x.invoice_id
    WHERE x.to_status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL')
      AND x.decided_at < CAST(as_of + 1 AS timestamp) AT TIME ZONE desk_zone
      AND NOT EXISTS (SELECT 1 FROM invoice_decision y
                      WHERE y.invoice_id = x.invoice_id AND y.id > x.id
                        AND y.decided_at < CAST(as_of + 1 AS timestamp) AT TIME ZONE desk_zone)
      AND NOT EXISTS (SELECT 1 FROM advance f WHERE f.invoice_id = x.invoice_id AND f.funded_on <= as_of)
$$;

-- the planner's estimates of the new expressions
ANALYZE invoice;
ANALYZE dispute;
