-- The audit log: append-only and hash-chained. Each row's hash is
-- sha256(prev_hash || canonical row); removing or altering a row breaks the
-- chain, which `disclose audit verify` walks. Rows hold who, what and which
-- object — never document text.

CREATE TABLE audit_log (
    id         bigint PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    user_id    bigint,                 -- no foreign key: the log outlives users
    action     text NOT NULL,
    request_id bigint,
    object     text NOT NULL DEFAULT '',
    detail     jsonb NOT NULL DEFAULT '{}',
    prev_hash  text NOT NULL,
    hash       text NOT NULL
);
CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
CREATE INDEX audit_log_request_idx ON audit_log (request_id, id);

-- audit_chain fills id, prev_hash and hash. The advisory lock serialises
-- appenders until commit, and the id is taken under it, so ids grow in commit
-- order and each row chains to the one committed before it. (Writers must use
-- READ COMMITTED, PostgreSQL's default, so the last row read is the latest.)
CREATE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_hash text;
BEGIN
    PERFORM pg_advisory_xact_lock(7355608, 1);
    NEW.id := nextval('audit_log_id_seq');
    NEW.at := date_trunc('microseconds', coalesce(NEW.at, now()));
    SELECT hash INTO last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
    NEW.prev_hash := coalesce(last_hash, '');
    NEW.hash := encode(sha256(convert_to(
        NEW.prev_hash || E'\n' || NEW.id || E'\n' ||
        to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\n' ||
        coalesce(NEW.user_id::text, '') || E'\n' || NEW.action || E'\n' ||
        coalesce(NEW.request_id::text, '') || E'\n' || NEW.object || E'\n' || NEW.detail::text,
        'UTF8')), 'hex');
    RETURN NEW;
END $$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_chain();

-- Belt and braces beside the missing grants: even the owner cannot change
-- or remove a row without first disabling this trigger.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- The application role. Grants on every table are (re)applied by Migrate
-- after each run; audit_log gets INSERT and SELECT only.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'disclose_app') THEN
        CREATE ROLE disclose_app NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- another database of the same cluster created it meanwhile
END $$;
