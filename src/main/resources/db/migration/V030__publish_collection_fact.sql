-- collection_fact: each allocation of a receipt to an invoice, with the invoice's client and the day it was
-- received (and reversed, when the receipt bounced). Published by the invoice feature for the client statement's
-- "collected in the period" (issue 10): the approval feature reads allocations through it, never the table.
-- Read per client and period it walks the client's invoices and their allocations by ix_payment_allocation_invoice.
CREATE VIEW collection_fact AS
SELECT a.id, a.payment_id, a.invoice_id, i.client_id, a.amount, a.received_on, a.reversed_on
FROM payment_allocation a
JOIN invoice i ON i.id = a.invoice_id;

