-- Separation of duties (DESIGN.md section 4) and a login throttle that gives an outsider no power over an account.

-- 1. No account holds ADMIN together with UNDERWRITER or MANAGER. The application refuses it (UserAccounts); this
--    is the backstop for any other path. Accounts that hold such a pair today keep ADMIN and lose the desk roles
--    (the least privilege; an administrator creates a separate account for desk work), recorded in the audit trail,
--    and their open sessions end.
CREATE TEMPORARY TABLE v014_split_account ON COMMIT DROP AS
SELECT u.id, u.username,
       (SELECT jsonb_agg(r.role ORDER BY CASE r.role WHEN 'UNDERWRITER' THEN 0 WHEN 'MANAGER' THEN 1 ELSE 2 END)
        FROM app_user_role r WHERE r.user_id = u.id) AS roles_before
FROM app_user u
WHERE EXISTS (SELECT 1 FROM app_user_role a WHERE a.user_id = u.id AND a.role = 'ADMIN')
  AND EXISTS (SELECT 1 FROM app_user_role d WHERE d.user_id = u.id AND d.role IN ('UNDERWRITER', 'MANAGER'));

DELETE FROM app_user_role r USING v014_split_account s
WHERE r.user_id = s.id AND r.role IN ('UNDERWRITER', 'MANAGER');

INSERT INTO audit_entry (occurred_at, actor, action, subject_type, subject_ref, before_ref, after_ref)
SELECT now(), 'migration V014', 'user.roles-changed', 'user', s.id::text, jsonb_build_object('roles', s.roles_before),
       jsonb_build_object('roles', jsonb_build_array('ADMIN'))
FROM v014_split_account s;

DELETE FROM spring_session ss USING v014_split_account s WHERE ss.principal_name = s.username;

CREATE FUNCTION app_user_role_separate_duties() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM app_user_role a WHERE a.user_id = NEW.user_id AND a.role = 'ADMIN')
       AND EXISTS (SELECT 1 FROM app_user_role d WHERE d.user_id = NEW.user_id AND d.role IN ('UNDERWRITER', 'MANAGER'))
    THEN
        RAISE EXCEPTION 'user % would hold ADMIN together with UNDERWRITER or MANAGER', NEW.user_id
            USING ERRCODE = 'check_violation',
                  HINT = 'Separation of duties: an administrator has no desk role; use a separate account.';
    END IF;
    RETURN NULL;
END;
$$;

-- checked at commit, so that the order in which one change deletes and inserts role rows does not matter
CREATE CONSTRAINT TRIGGER tr_app_user_role_separate_duties
    AFTER INSERT OR UPDATE ON app_user_role
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION app_user_role_separate_duties();

-- 2. The login throttle counts failed logins per (user name, client address), so that whoever guesses passwords
--    from one address is slowed down there and nowhere else: the account's owner still logs in from their own
--    address. Rows are upserted atomically, so that several instances count together, and rows whose last failure
--    is older than the throttle's memory are deleted as new failures arrive. The user name is the one typed
--    (lower-cased), whether or not such an account exists, so that the throttle tells nothing about accounts.
CREATE TABLE login_throttle (
    username         VARCHAR(64)  NOT NULL,
    client_address   VARCHAR(64)  NOT NULL,
    failures         INTEGER      NOT NULL,
    last_failure_at  TIMESTAMPTZ  NOT NULL,
    blocked_until    TIMESTAMPTZ,
    CONSTRAINT pk_login_throttle PRIMARY KEY (username, client_address),
    CONSTRAINT ck_login_throttle_failures_positive CHECK (failures > 0)
);
CREATE INDEX ix_login_throttle_last_failure_at ON login_throttle (last_failure_at);

-- the per-account lock-out that it replaces: anyone could keep an account locked with a few wrong passwords
ALTER TABLE app_user DROP COLUMN failed_login_count;
ALTER TABLE app_user DROP COLUMN locked_until;
