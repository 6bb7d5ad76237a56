-- A debtor contact erased on request (GDPR, issue 13): the row stays, so that the verifications that reached the
-- contact keep their reference and the debtor its history, but the name, e-mail address and phone number are gone.
-- Who erased it and when is kept; the audit trail records the erasure by reference only.
ALTER TABLE debtor_contact
    ADD COLUMN erased_at TIMESTAMPTZ,
    ADD COLUMN erased_by VARCHAR(64),
    ALTER COLUMN name DROP NOT NULL,
    DROP CONSTRAINT ck_debtor_contact_name,
    DROP CONSTRAINT ck_debtor_contact_reachable,
    ADD CONSTRAINT ck_debtor_contact_name CHECK (erased_at IS NOT NULL OR (name IS NOT NULL AND btrim(name) <> '')),
    ADD CONSTRAINT ck_debtor_contact_reachable CHECK (erased_at IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL),
    ADD CONSTRAINT ck_debtor_contact_erased CHECK (erased_at IS NULL
        OR (name IS NULL AND email IS NULL AND phone IS NULL AND erased_by IS NOT NULL));

-- a contact's export lists the verifications that reached it
CREATE INDEX ix_invoice_decision_contact ON invoice_decision (contact_id) WHERE contact_id IS NOT NULL;
