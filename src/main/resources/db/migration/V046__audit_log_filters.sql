-- The audit log page (issue 12) lists the trail newest first, filtered by who and by the kind of thing changed:
-- each filter reads its own entries in order instead of the whole trail.
CREATE INDEX ix_audit_entry_actor_occurred_at ON audit_entry (actor, occurred_at DESC, id DESC);
CREATE INDEX ix_audit_entry_subject_type_occurred_at ON audit_entry (subject_type, occurred_at DESC, id DESC);
