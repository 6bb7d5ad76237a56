-- receipt_balance: every receipt (payment) with what of it is applied to invoices, passed on to a client and still
-- unapplied (nothing for a reversed receipt). Published by the invoice feature for cash application's pages (the
-- receipts list, the unapplied cash page): a view, so that a filter or an ORDER BY ... LIMIT on the payment reaches
-- the payment indexes and sums the allocations of the rows it keeps only.
CREATE VIEW receipt_balance AS
SELECT p.id AS payment_id, p.debtor_id, p.received_on, p.amount, p.reference, p.counterparty, p.iban, p.remittance,
       p.source, p.recorded_by, p.recorded_at, p.reversed_on, p.passed_on,
       CAST(COALESCE(a.applied, 0) AS NUMERIC(19,2)) AS applied,
       CAST(CASE WHEN p.reversed_on IS NULL THEN p.amount - COALESCE(a.applied, 0) - p.passed_on ELSE 0 END
            AS NUMERIC(19,2)) AS unapplied
FROM payment p
LEFT JOIN LATERAL (SELECT SUM(pa.amount) AS applied FROM payment_allocation pa WHERE pa.payment_id = p.id) a ON TRUE;
