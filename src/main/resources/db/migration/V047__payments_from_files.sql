-- Issue 12: a row of a payments file (DESIGN section 7) becomes a receipt of its own kind, known by its
-- fingerprint (the row's natural key and its occurrence in the file) so that the same file twice changes nothing.
ALTER TABLE payment DROP CONSTRAINT ck_payment_source;
ALTER TABLE payment ADD CONSTRAINT ck_payment_source
    CHECK (source IN ('HISTORY', 'MANUAL', 'CAMT053', 'CSV', 'API', 'IMPORT'));
