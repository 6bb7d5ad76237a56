-- invoice_balance_book(d): invoice_balance(d) (V010) for the whole book at once: the same rows and columns, with the
-- payments and credit notes aggregated per invoice in one pass each and joined, instead of looked up invoice by
-- invoice. For a query that reads every invoice (every debtor's scoring inputs: 2.6 s instead of 4.1 s at 1,000,000
-- invoices); with a filter on a debtor or a client, invoice_balance stays the one to use (it reaches the indexes).
-- Published by the invoice feature, like invoice_balance; InvoiceBalanceBookIntegrationTests keeps the two equal.
CREATE FUNCTION invoice_balance_book(as_of DATE)
RETURNS TABLE (invoice_id BIGINT, client_id BIGINT, debtor_id BIGINT, issue_date DATE, due_date DATE,
               funded_on DATE, closed_on DATE, amount NUMERIC(19,2), collected NUMERIC(19,2),
               last_collected_on DATE, credited NUMERIC(19,2), outstanding NUMERIC(19,2))
LANGUAGE sql STABLE
AS $$
    SELECT i.id, i.client_id, i.debtor_id, i.issue_date, i.due_date, i.funded_on, i.closed_on, i.amount,
           CAST(COALESCE(p.collected, 0) AS NUMERIC(19,2)), p.last_collected_on,
           CAST(COALESCE(c.credited, 0) AS NUMERIC(19,2)),
           i.amount - COALESCE(p.collected, 0) - COALESCE(c.credited, 0)
    FROM invoice i
    LEFT JOIN (SELECT a.invoice_id, SUM(a.amount) AS collected, MAX(a.received_on) AS last_collected_on
               FROM payment_allocation a
               WHERE a.received_on <= as_of AND (a.reversed_on IS NULL OR a.reversed_on > as_of)
               GROUP BY a.invoice_id) p ON p.invoice_id = i.id
    LEFT JOIN (SELECT n.invoice_id, SUM(n.amount) AS credited
               FROM credit_note n
               WHERE n.issued_on <= as_of
               GROUP BY n.invoice_id) c ON c.invoice_id = i.id
    WHERE i.funded_on <= as_of AND i.issue_date <= as_of
$$;
