-- Accounts (issue 14): team names are one name whatever their case, and
-- sign-in failures are throttled per account and client address rather
-- than by locking the account for everyone.

-- Teams spelt alike but for case become one: the lowest id keeps its name
-- and every user and request of the others moves to it.
WITH keep AS (
    SELECT id, min(id) OVER (PARTITION BY lower(name)) AS keeper FROM teams
)
UPDATE users u SET team_id = k.keeper FROM keep k WHERE u.team_id = k.id AND k.id <> k.keeper;
WITH keep AS (
    SELECT id, min(id) OVER (PARTITION BY lower(name)) AS keeper FROM teams
)
UPDATE requests r SET team_id = k.keeper FROM keep k WHERE r.team_id = k.id AND k.id <> k.keeper;
DELETE FROM teams t USING teams k WHERE lower(t.name) = lower(k.name) AND t.id > k.id;
CREATE UNIQUE INDEX teams_name_lower_key ON teams (lower(name));

-- Failed sign-ins by (account name as typed, client address). The email is
-- kept only as a SHA-256 of its lower-case form: unknown names are throttled
-- exactly like real ones, so the answer never tells whether an account
-- exists, and nobody elsewhere is locked out by a stranger's guesses.
CREATE TABLE login_throttle (
    email_hash    bytea NOT NULL,
    ip            text NOT NULL,
    failures      integer NOT NULL DEFAULT 0,
    blocked_until timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (email_hash, ip)
);
CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at);

-- Per-account lock-out is replaced by login_throttle: clear any lock.
UPDATE users SET locked_until = NULL, failed_logins = 0;
