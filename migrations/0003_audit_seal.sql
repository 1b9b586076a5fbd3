-- The audit log is chained after commit instead of under a lock.
--
-- 0002 chained each row in a BEFORE INSERT trigger under an advisory lock
-- held until commit, so every audited view and decision of every reviewer
-- queued on one lock for the length of its transaction and its commit's WAL
-- flush: about a hundred audited actions a second, whatever the hardware.
--
-- Now an appender only inserts its row (id from the sequence, no hash, no
-- lock). A sealer (internal/postgres/audit_seal.go), one at a time under an
-- advisory lock, appends each committed row to audit_seal in the order it
-- seals them, with prev_hash and hash computed exactly as 0002's trigger did
-- (sha256 of the previous hash and the row). Both tables are append-only.
-- The chain runs in seal order, not id order: a row whose transaction took
-- its id early and committed late is simply sealed later, so no gap in the
-- ids ever has to be waited for or guessed about. The argument for why no
-- committed row is missed is beside sealAudit.

-- Old binaries still running must not insert while the chain is copied.
LOCK TABLE audit_log IN EXCLUSIVE MODE;

DROP TRIGGER audit_log_chain ON audit_log;
DROP FUNCTION audit_chain();

ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq');
-- prev_hash and hash stay for the rows 0002 chained (audit_seal holds copies);
-- new rows leave them empty.
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL;
-- The appending transaction's id: the sealer looks for unsealed rows only
-- among transactions that were not finished at the previous seal. Added
-- without a default first so existing rows are not rewritten.
ALTER TABLE audit_log ADD COLUMN xid xid8;
ALTER TABLE audit_log ALTER COLUMN xid SET DEFAULT pg_current_xact_id();
CREATE INDEX audit_log_xid_idx ON audit_log (xid);

CREATE TABLE audit_seal (
    seq       bigint PRIMARY KEY,                           -- position in the chain, 1, 2, 3...
    audit_id  bigint NOT NULL UNIQUE REFERENCES audit_log (id),
    prev_hash text NOT NULL,                                -- the previous seq's hash; '' for seq 1
    hash      text NOT NULL,                                -- sha256(prev_hash, the audit row)
    -- Every audit row not sealed when this row was written belongs to a
    -- transaction whose xid is at least this (the sealer's snapshot xmin).
    horizon   xid8 NOT NULL
);

-- The rows 0002 chained, in their order, with their hashes: the formula is
-- the same, so the chain simply goes on.
INSERT INTO audit_seal (seq, audit_id, prev_hash, hash, horizon)
SELECT row_number() OVER (ORDER BY id), id, prev_hash, hash, pg_snapshot_xmin(pg_current_snapshot())
FROM audit_log ORDER BY id;

CREATE TRIGGER audit_seal_no_update BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- audit_seal_run seals up to max_rows committed, unsealed audit rows and
-- returns how many it sealed. The application's sealer calls it after
-- commits and `disclose audit verify` before walking the chain; VerifyAudit
-- recomputes every hash in Go, independently of this function.
--
-- Why no committed row is ever missed: each statement below takes a new
-- snapshot (READ COMMITTED). The advisory lock admits one sealer at a time,
-- and is taken before the last seal row is read, so each run continues the
-- chain its predecessor committed. A row is sealed unless it is invisible to
-- the candidate query's snapshot S, that is, unless its transaction had not
-- committed when S was taken; then its xid is at least S's xmin (the oldest
-- transaction still running), which is at least the xmin read just before
-- S and stored as this run's horizon. So every row still unsealed after a
-- run has xid >= that run's horizon, and the next run need only look at
-- xid >= horizon (an index range, not the whole log). When max_rows cut the
-- run short the horizon is not advanced. An id taken by a transaction that
-- commits late is sealed by a later run, further down the chain: the chain
-- is in seal order, so a gap in the ids is never waited on.
CREATE FUNCTION audit_seal_run(max_rows integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    last_seq  bigint;
    last_hash text;
    since     xid8;
    horizon   xid8;
    n         integer := 0;
    r         record;
    h         text;
BEGIN
    PERFORM pg_advisory_xact_lock(7355608, 2);
    SELECT s.seq, s.hash, s.horizon INTO last_seq, last_hash, since FROM audit_seal s ORDER BY s.seq DESC LIMIT 1;
    last_seq := coalesce(last_seq, 0);
    last_hash := coalesce(last_hash, '');
    since := coalesce(since, '0'::xid8);
    horizon := pg_snapshot_xmin(pg_current_snapshot());
    FOR r IN
        SELECT a.id, a.at, a.user_id, a.action, a.request_id, a.object, a.detail::text AS detail
        FROM audit_log a
        WHERE a.xid >= since AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id)
        ORDER BY a.id LIMIT max_rows
    LOOP
        h := encode(sha256(convert_to(
            last_hash || E'\n' || r.id || E'\n' ||
            to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\n' ||
            coalesce(r.user_id::text, '') || E'\n' || r.action || E'\n' ||
            coalesce(r.request_id::text, '') || E'\n' || r.object || E'\n' || r.detail,
            'UTF8')), 'hex');
        n := n + 1;
        INSERT INTO audit_seal (seq, audit_id, prev_hash, hash, horizon)
        VALUES (last_seq + n, r.id, last_hash, h, CASE WHEN n < max_rows THEN horizon ELSE since END);
        last_hash := h;
    END LOOP;
    RETURN n;
END $$;
