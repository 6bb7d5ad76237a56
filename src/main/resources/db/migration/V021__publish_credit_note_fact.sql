-- The credit notes, published by the invoice feature for the SQL of the features above it (DESIGN section 6): the
-- workbench flags a credit note against an invoice already funded of the same client and debtor (DESIGN section 4).
CREATE VIEW credit_note_fact AS
SELECT id AS credit_note_id, invoice_id, dispute_id, issued_on, amount
FROM credit_note;
