-- The invoice lifecycle of DESIGN section 1: an approval may wait for a second approval or for headroom (HELD)
-- before it awaits funding (APPROVED); a dispute is a flag beside the status (an open row in dispute), no longer a
-- status of its own. The approved advance and its first approver are kept on the invoice, and a reversed (bounced)
-- payment keeps its allocations, marked with the day they were reversed.

UPDATE invoice i
SET status = CASE WHEN EXISTS (SELECT 1 FROM payment_allocation a WHERE a.invoice_id = i.id)
                  THEN 'PARTIALLY_PAID' ELSE 'FUNDED' END
WHERE i.status = 'DISPUTED';

UPDATE invoice_transition SET to_status = from_status WHERE to_status = 'DISPUTED';
UPDATE invoice_transition t SET from_status = i.status
FROM invoice i
WHERE t.invoice_id = i.id AND t.from_status = 'DISPUTED';

ALTER TABLE invoice DROP CONSTRAINT ck_invoice_status;
ALTER TABLE invoice ADD CONSTRAINT ck_invoice_status CHECK (status IN ('SUBMITTED', 'VERIFIED',
    'AWAITING_SECOND_APPROVAL', 'HELD', 'APPROVED', 'FUNDED', 'PARTIALLY_PAID', 'PAID', 'CHARGED_BACK',
    'WRITTEN_OFF', 'REJECTED'));
ALTER TABLE invoice_transition ALTER COLUMN from_status TYPE VARCHAR(32);
ALTER TABLE invoice_transition ALTER COLUMN to_status TYPE VARCHAR(32);
ALTER TABLE invoice ALTER COLUMN status TYPE VARCHAR(32);

ALTER TABLE invoice ADD COLUMN approved_advance NUMERIC(19,2);
ALTER TABLE invoice ADD COLUMN approved_by VARCHAR(64);
ALTER TABLE invoice ADD CONSTRAINT ck_invoice_approved_advance
    CHECK (approved_advance IS NULL OR (approved_advance > 0 AND approved_advance <= amount));

ALTER TABLE payment ADD COLUMN reversed_on DATE;
ALTER TABLE payment_allocation ADD COLUMN reversed_on DATE;
ALTER TABLE payment_allocation ADD CONSTRAINT ck_payment_allocation_reversed_after_received
    CHECK (reversed_on IS NULL OR reversed_on >= received_on);

-- The one balance (DESIGN section 5), published by the invoice feature for every other feature's SQL.
-- invoice_balance(d): every funded invoice issued and funded on or before d, with what was collected (payments
-- received by d and not reversed by d) and credited (credit notes issued by d) on it, and what is left. It keeps
-- invoices closed by a chargeback or a write-off: the debtor still did not pay them (risk counts them).
-- Both are single-SELECT SQL functions, STABLE, so the planner inlines them into the calling query: a filter on
-- debtor_id or client_id reaches the invoice indexes, and a whole book is one scan.
CREATE FUNCTION invoice_balance(as_of DATE)
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
    LEFT JOIN LATERAL (SELECT SUM(a.amount) AS collected, MAX(a.received_on) AS last_collected_on
                       FROM payment_allocation a
                       WHERE a.invoice_id = i.id AND a.received_on <= as_of
                         AND (a.reversed_on IS NULL OR a.reversed_on > as_of)) p ON TRUE
    LEFT JOIN LATERAL (SELECT SUM(n.amount) AS credited FROM credit_note n
                       WHERE n.invoice_id = i.id AND n.issued_on <= as_of) c ON TRUE
    WHERE i.funded_on <= as_of AND i.issue_date <= as_of
$$;

-- open_receivable(d): the open AR at the end of day d: funded invoices not closed by d with something outstanding,
-- and their days past due at d.
CREATE FUNCTION open_receivable(as_of DATE)
RETURNS TABLE (invoice_id BIGINT, client_id BIGINT, debtor_id BIGINT, issue_date DATE, due_date DATE,
               funded_on DATE, amount NUMERIC(19,2), outstanding NUMERIC(19,2), days_past_due INTEGER)
LANGUAGE sql STABLE
AS $$
    SELECT b.invoice_id, b.client_id, b.debtor_id, b.issue_date, b.due_date, b.funded_on, b.amount, b.outstanding,
           as_of - b.due_date
    FROM invoice_balance(as_of) b
    WHERE (b.closed_on IS NULL OR b.closed_on > as_of) AND b.outstanding > 0
$$;
