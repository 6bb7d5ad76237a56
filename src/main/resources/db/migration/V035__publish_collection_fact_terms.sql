-- collection_fact (V030) with the invoice's debtor, due date and funding day at the end: the portfolio's days beyond
-- terms (issue 11) weighs each allocation received in a window by its days after the due date, over the whole book,
-- and reads them here in one join instead of joining the invoice a second time. Published by the invoice feature;
-- the columns of V030 keep their names and order.
CREATE OR REPLACE VIEW collection_fact AS
SELECT a.id, a.payment_id, a.invoice_id, i.client_id, a.amount, a.received_on, a.reversed_on,
       i.debtor_id, i.due_date, i.funded_on
FROM payment_allocation a
JOIN invoice i ON i.id = a.invoice_id;

-- The one balance's functions are single SELECTs without side effects: parallel safe, so a query over the whole book
-- that calls them (the portfolio's figures) may scan the invoices and the allocations with parallel workers.
ALTER FUNCTION invoice_balance(DATE) PARALLEL SAFE;
ALTER FUNCTION invoice_balance_book(DATE) PARALLEL SAFE;
ALTER FUNCTION open_receivable(DATE) PARALLEL SAFE;
