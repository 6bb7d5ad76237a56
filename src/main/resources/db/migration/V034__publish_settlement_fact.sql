-- settlement_fact: how each funded invoice was settled (paid, short paid, charged back, written off), on which day,
-- with what it credited, the client's shortfall and the factor's credit loss; reversed_on when a bounced payment
-- reopened the invoice. Published by the approval feature for the portfolio's dilution (issue 11): a write-off of a
-- disputed amount dilutes the book (DESIGN section 5), a credit-loss write-off does not, so the portfolio needs the
-- write-off's day and amount beside the invoice's disputes.
CREATE VIEW settlement_fact AS
SELECT id AS settlement_id, invoice_id, client_id, kind, settled_on, credited, shortfall, credit_loss, reversed_on
FROM settlement;

-- the write-offs of a period without reading every settlement
CREATE INDEX ix_settlement_written_off ON settlement (settled_on) INCLUDE (invoice_id, credit_loss)
    WHERE kind = 'WRITTEN_OFF';
