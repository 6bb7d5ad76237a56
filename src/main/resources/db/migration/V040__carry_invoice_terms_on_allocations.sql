-- Each payment allocation carries its invoice's client, debtor, due date and funding day (issue 11). The portfolio's
-- days beyond terms, its collections and the watchlist's year of payments per debtor read allocations by the day
-- they were received over the whole book: joined to the invoice for those four columns, the year's 486,723
-- allocations at 1,000,000 invoices took 0.6 s to group by debtor; read from one index, 0.13 s.
-- The columns are derived, never written by the application: a trigger copies them from the invoice when an
-- allocation is written, and another copies them again should the invoice's change.
ALTER TABLE payment_allocation
    ADD COLUMN client_id BIGINT,
    ADD COLUMN debtor_id BIGINT,
    ADD COLUMN due_date  DATE,
    ADD COLUMN funded_on DATE;

UPDATE payment_allocation a
SET client_id = i.client_id, debtor_id = i.debtor_id, due_date = i.due_date, funded_on = i.funded_on
FROM invoice i
WHERE i.id = a.invoice_id;

ALTER TABLE payment_allocation
    ALTER COLUMN client_id SET NOT NULL,
    ALTER COLUMN debtor_id SET NOT NULL,
    ALTER COLUMN due_date SET NOT NULL;

CREATE FUNCTION payment_allocation_take_invoice_terms() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    SELECT i.client_id, i.debtor_id, i.due_date, i.funded_on
    INTO NEW.client_id, NEW.debtor_id, NEW.due_date, NEW.funded_on
    FROM invoice i
    WHERE i.id = NEW.invoice_id;
    RETURN NEW;
END
$$;

CREATE TRIGGER payment_allocation_invoice_terms
    BEFORE INSERT OR UPDATE ON payment_allocation
    FOR EACH ROW EXECUTE FUNCTION payment_allocation_take_invoice_terms();

CREATE FUNCTION invoice_terms_to_allocations() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE payment_allocation a
    SET client_id = NEW.client_id, debtor_id = NEW.debtor_id, due_date = NEW.due_date, funded_on = NEW.funded_on
    WHERE a.invoice_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER invoice_terms_to_allocations
    AFTER UPDATE ON invoice
    FOR EACH ROW
    WHEN ((OLD.client_id, OLD.debtor_id, OLD.due_date, OLD.funded_on)
          IS DISTINCT FROM (NEW.client_id, NEW.debtor_id, NEW.due_date, NEW.funded_on))
    EXECUTE FUNCTION invoice_terms_to_allocations();

-- the allocations received in a window, with all that the portfolio's figures and the watchlist read of them: over
-- the whole book, for one debtor (the workbench's watchlist flag for a queue page's debtors and an invoice's) and for
-- one client (the client statement's collections)
CREATE INDEX ix_payment_allocation_received_on ON payment_allocation (received_on)
    INCLUDE (client_id, debtor_id, due_date, funded_on, amount, reversed_on);
CREATE INDEX ix_payment_allocation_debtor_received_on ON payment_allocation (debtor_id, received_on)
    INCLUDE (due_date, funded_on, amount, reversed_on);
CREATE INDEX ix_payment_allocation_client_received_on ON payment_allocation (client_id, received_on)
    INCLUDE (amount, reversed_on);

-- collection_fact (V030, V035): the same columns in the same order, now without a join
CREATE OR REPLACE VIEW collection_fact AS
SELECT a.id, a.payment_id, a.invoice_id, a.client_id, a.amount, a.received_on, a.reversed_on,
       a.debtor_id, a.due_date, a.funded_on
FROM payment_allocation a;
