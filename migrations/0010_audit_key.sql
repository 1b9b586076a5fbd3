-- Keyed audit seals (issue 14).
--
-- Until now each seal was sha256(previous seal, row): anyone able to write
-- to the database as a superuser could alter a row and recompute that seal
-- and every later one, and nothing showed it. From here on each seal is
-- HMAC-SHA256 under a key the database never sees (DISCLOSE_AUDIT_KEY_FILE
-- or DISCLOSE_AUDIT_KEY, read by the application), computed by the
-- application's sealer (internal/postgres/audit_seal.go), so a forged seal
-- needs the key as well as the database.
--
-- The chain goes on from where it was. Seals before first_seq (this
-- migration's boundary) keep their unkeyed hashes and are verified as
-- before; every seal from first_seq on must be keyed. `disclose audit
-- verify` reports both parts.

-- Old binaries still running must not seal while the boundary is fixed.
LOCK TABLE audit_seal IN EXCLUSIVE MODE;

-- The database can no longer seal by itself: an old binary that calls it
-- fails (and warns) rather than continuing the chain without the key.
DROP FUNCTION audit_seal_run(integer);

-- One row: where the keyed chain begins, and which key seals it (an id
-- derived from the key, not the key), set by the first keyed seal so a
-- node given another key refuses to seal instead of breaking the chain.
CREATE TABLE audit_epoch (
    one       boolean PRIMARY KEY DEFAULT true CHECK (one),
    first_seq bigint NOT NULL,
    key_id    text
);
INSERT INTO audit_epoch (first_seq) SELECT coalesce(max(seq), 0) + 1 FROM audit_seal;

-- The newest seal, written by the sealer in the same transaction as the
-- seals, with a MAC under the key over (seq, hash): removing the newest
-- rows and seals leaves a head that points past the end of the chain, and
-- pointing it back needs the key.
CREATE TABLE audit_head (
    one  boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq  bigint NOT NULL,
    hash text NOT NULL,
    mac  text NOT NULL
);

CREATE TRIGGER audit_epoch_no_delete BEFORE DELETE ON audit_epoch
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_epoch_no_truncate BEFORE TRUNCATE ON audit_epoch
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- The boundary never moves, and the key id is set once.
CREATE FUNCTION audit_epoch_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.first_seq <> OLD.first_seq OR (OLD.key_id IS NOT NULL AND NEW.key_id IS DISTINCT FROM OLD.key_id) THEN
        RAISE EXCEPTION 'audit_epoch is fixed';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_epoch_no_change BEFORE UPDATE ON audit_epoch
    FOR EACH ROW EXECUTE FUNCTION audit_epoch_fixed();
