-- The invoices decided (approved, sent for a second approval, rejected or funded) since a
-- moment: what a pricing simulation re-prices beside the queue. Published by the invoice
-- feature for the features above it (DESIGN section 6).
CREATE INDEX ix_invoice_transition_to_status_at ON invoice_transition (to_status, changed_at) INCLUDE (invoice_id);
CREATE INDEX ix_invoice_funded_on ON invoice (funded_on) INCLUDE (id) WHERE funded_on IS NOT NULL;

CREATE FUNCTION invoice_decided_since(since TIMESTAMPTZ)
RETURNS TABLE (invoice_id BIGINT)
LANGUAGE sql STABLE
AS $$
    SELECT t.invoice_id FROM invoice_transition t
    WHERE t.to_status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL', 'REJECTED', 'FUNDED') AND t.changed_at >= since
    UNION
    SELECT i.id FROM invoice i WHERE i.funded_on >= CAST(since AS DATE)
$$;
