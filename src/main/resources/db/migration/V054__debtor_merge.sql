-- Two debtor records of one legal entity are merged into one (issue 12): the record merged away keeps its ref and
-- history (its scores, limits' decisions, collection notes stay with it, as they were), names the record it was merged
-- into and when, and every ref lookup of an import or a page follows it to that record. Its invoices, payments,
-- bureau readings, contacts, promises, notices of assignment and exposure move to the record kept.
ALTER TABLE debtor ADD COLUMN merged_into_id BIGINT;
ALTER TABLE debtor ADD COLUMN merged_at TIMESTAMPTZ;
ALTER TABLE debtor ADD CONSTRAINT fk_debtor_merged_into FOREIGN KEY (merged_into_id) REFERENCES debtor (id);
ALTER TABLE debtor ADD CONSTRAINT ck_debtor_merged CHECK ((merged_into_id IS NULL) = (merged_at IS NULL)
    AND merged_into_id IS DISTINCT FROM id);
CREATE INDEX ix_debtor_merged_into ON debtor (merged_into_id) WHERE merged_into_id IS NOT NULL;
