-- An administrator's password reset gives a user a one-time password that only lets them
-- choose their own: until they do, the account holds no role.
ALTER TABLE app_user ADD COLUMN password_must_change BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE app_user ADD COLUMN password_changed_at TIMESTAMPTZ;
