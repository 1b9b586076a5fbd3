-- Disclose schema, version 1. Times are timestamptz; calendar days are date.

CREATE TABLE teams (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id             bigserial PRIMARY KEY,
    email          text NOT NULL,
    name           text NOT NULL,
    password_hash  text NOT NULL,            -- argon2id, PHC string format
    roles          text[] NOT NULL DEFAULT '{}'
                   CHECK (roles <@ ARRAY['ig_officer','legal','manager','support_worker','admin']),
    team_id        bigint REFERENCES teams (id),
    failed_logins  integer NOT NULL DEFAULT 0,
    locked_until   timestamptz,
    must_change_password boolean NOT NULL DEFAULT true,
    disabled       boolean NOT NULL DEFAULT false,
    last_login_at  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- The table github.com/alexedwards/scs/pgxstore expects.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- One counter row per year: the reference SAR-YYYY-NNNN is taken with an
-- upsert that row-locks the year, so concurrent logs never share a number.
CREATE TABLE request_counters (
    year integer PRIMARY KEY,
    last integer NOT NULL
);

CREATE TABLE requests (
    id               bigserial PRIMARY KEY,
    reference        text NOT NULL UNIQUE,
    requester_kind   text NOT NULL CHECK (requester_kind IN ('subject','parent','solicitor','advocate')),
    requester_name   text NOT NULL DEFAULT '',
    requester_contact text NOT NULL DEFAULT '',
    authority        text NOT NULL DEFAULT '',     -- evidence a representative may act
    authority_verified boolean NOT NULL DEFAULT false,
    subject          jsonb NOT NULL,               -- record.Subject: name, aliases, dob, identifiers
    channel          text NOT NULL DEFAULT '',
    regime           text NOT NULL DEFAULT 'uk_gdpr',
    nation           text NOT NULL DEFAULT 'england',
    status           text NOT NULL DEFAULT 'logged' CHECK (status IN
                     ('logged','awaiting_id','in_progress','in_review','awaiting_approval','ready','disclosed','closed','withdrawn','refused')),
    assignee_id      bigint REFERENCES users (id),
    team_id          bigint REFERENCES teams (id),
    received_on      date NOT NULL,
    created_by       bigint REFERENCES users (id),
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (requester_kind = 'subject' OR authority <> '' OR status IN ('logged','awaiting_id','withdrawn','refused','closed'))
);
CREATE INDEX requests_team_idx ON requests (team_id, status);

CREATE TABLE request_status_history (
    id          bigserial PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    from_status text NOT NULL DEFAULT '',
    to_status   text NOT NULL,
    user_id     bigint REFERENCES users (id),
    at          timestamptz NOT NULL DEFAULT now(),
    note        text NOT NULL DEFAULT ''
);
CREATE INDEX request_status_history_request_idx ON request_status_history (request_id, id);

CREATE TABLE clock_events (
    id          bigserial PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('received','id_asked','id_received','fee_asked','fee_received',
                'clarification_asked','clarification_answered','extension','closed')),
    on_date     date NOT NULL,
    reason      text NOT NULL DEFAULT '',
    notice_date date,
    note        text NOT NULL DEFAULT '',
    user_id     bigint REFERENCES users (id),
    at          timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'extension' OR (reason <> '' AND notice_date IS NOT NULL))
);
CREATE INDEX clock_events_request_idx ON clock_events (request_id, on_date, id);

CREATE TABLE locations (
    id         bigserial PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    name       text NOT NULL,
    source     text NOT NULL CHECK (source IN ('folder','upload')),
    path       text NOT NULL DEFAULT '',  -- server-side folder or upload directory
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (request_id, name)
);

CREATE TABLE documents (
    id           bigserial PRIMARY KEY,
    request_id   bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    doc_key      text NOT NULL,          -- record.Document.ID
    location     text NOT NULL,
    path         text NOT NULL,
    part         text NOT NULL DEFAULT '',
    parent       text NOT NULL DEFAULT '',
    format       text NOT NULL,
    type         text NOT NULL DEFAULT '',
    title        text NOT NULL DEFAULT '',
    author       text NOT NULL DEFAULT '',
    doc_date     timestamptz,
    pages        integer NOT NULL DEFAULT 0,
    hash         text NOT NULL DEFAULT '',
    text_hash    text NOT NULL DEFAULT '',
    duplicate_of text NOT NULL DEFAULT '',
    restricted   boolean NOT NULL DEFAULT false,
    ocr_pages    integer NOT NULL DEFAULT 0,
    needs_ocr    boolean NOT NULL DEFAULT false,
    text         text NOT NULL DEFAULT '',
    blocks       jsonb NOT NULL DEFAULT '[]',
    words        jsonb NOT NULL DEFAULT '[]',
    page_info    jsonb NOT NULL DEFAULT '[]',
    email        jsonb,
    glyphs       bytea,                  -- gzip of packed record.Glyph
    meta         jsonb NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    -- A retried ingestion upserts on this key instead of adding a copy.
    UNIQUE (request_id, path, part),
    UNIQUE (request_id, doc_key)
);

-- The register of people in a request's record.
CREATE TABLE persons (
    id           bigserial PRIMARY KEY,
    request_id   bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    name         text NOT NULL,
    role         text NOT NULL DEFAULT '',
    relationship text NOT NULL DEFAULT '',
    data         jsonb NOT NULL,         -- record.Person
    UNIQUE (request_id, name)
);

CREATE TABLE suggestions (
    id            bigserial PRIMARY KEY,
    request_id    bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    sid           text NOT NULL,          -- suggest.Suggestion.ID
    doc_key       text NOT NULL,
    location      text NOT NULL DEFAULT '',
    path          text NOT NULL DEFAULT '',
    part          text NOT NULL DEFAULT '',
    page          integer NOT NULL DEFAULT 0,
    start_off     integer NOT NULL,
    end_off       integer NOT NULL,
    scope         text NOT NULL,
    text          text NOT NULL DEFAULT '',
    person_key    text NOT NULL DEFAULT '',
    person_label  text NOT NULL DEFAULT '',
    person_role   text NOT NULL DEFAULT '',
    rule_id       text NOT NULL DEFAULT '',
    category      text NOT NULL DEFAULT '',
    code          text NOT NULL DEFAULT '',
    action        text NOT NULL DEFAULT '',
    confidence    double precision NOT NULL DEFAULT 0,
    why           text NOT NULL DEFAULT '',
    decision_id   bigint,                 -- the current decision; NULL = undecided
    version       integer NOT NULL DEFAULT 1,  -- optimistic concurrency for deciding
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (request_id, sid)
);
CREATE INDEX suggestions_doc_idx ON suggestions (request_id, doc_key);
CREATE INDEX suggestions_person_idx ON suggestions (request_id, person_key) WHERE person_key <> '';

CREATE TABLE decisions (
    id             bigserial PRIMARY KEY,
    request_id     bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    suggestion_id  bigint REFERENCES suggestions (id) ON DELETE CASCADE,  -- NULL: a manual span
    doc_key        text NOT NULL,
    start_off      integer NOT NULL DEFAULT 0,
    end_off        integer NOT NULL DEFAULT 0,
    decision       text NOT NULL CHECK (decision IN ('accept','reject','change-span','withhold','disclose','redact')),
    code           text NOT NULL DEFAULT '',
    basis          text NOT NULL DEFAULT '',
    reason         text NOT NULL DEFAULT '',
    user_id        bigint REFERENCES users (id),
    at             timestamptz NOT NULL DEFAULT now(),
    supersedes     bigint REFERENCES decisions (id),
    superseded_by  bigint REFERENCES decisions (id),
    undone         boolean NOT NULL DEFAULT false,
    batch          text NOT NULL DEFAULT '',  -- "same decision for every occurrence": one id for the batch
    version        integer NOT NULL DEFAULT 1
);
ALTER TABLE suggestions ADD FOREIGN KEY (decision_id) REFERENCES decisions (id);
CREATE INDEX decisions_request_idx ON decisions (request_id, doc_key) WHERE superseded_by IS NULL AND NOT undone;

CREATE TABLE approvals (
    id           bigserial PRIMARY KEY,
    request_id   bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    decision_id  bigint NOT NULL UNIQUE REFERENCES decisions (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('third_party_disclosure','exemption_withholding')),
    state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','approved','refused')),
    approver_id  bigint REFERENCES users (id),
    decided_at   timestamptz,
    reason       text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1
);
CREATE INDEX approvals_pending_idx ON approvals (request_id) WHERE state = 'pending';

CREATE TABLE consultations (
    id           bigserial PRIMARY KEY,
    request_id   bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    agency       text NOT NULL,
    sent         text NOT NULL DEFAULT '',   -- what was sent, described (never document text)
    asked_on     date,
    chase_dates  date[] NOT NULL DEFAULT '{}',
    response     text NOT NULL DEFAULT '',
    response_on  date,
    outcome      text NOT NULL DEFAULT '',
    state        text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','asked','chased','answered','closed')),
    created_by   bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1
);

-- A bundle is one release of a request: staged release discloses part of
-- the record early (release 1) and the rest later (release 2...). The
-- password is never stored: it is shown once when the bundle is made.
CREATE TABLE bundles (
    id           bigserial PRIMARY KEY,
    request_id   bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    release      integer NOT NULL,
    doc_keys     text[] NOT NULL DEFAULT '{}',   -- chosen documents; empty = all not yet released
    state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','building','ready','failed','released')),
    file         bytea,
    file_path    text NOT NULL DEFAULT '',
    size         bigint NOT NULL DEFAULT 0,
    sha256       text NOT NULL DEFAULT '',
    schedule     jsonb,
    certificate  jsonb,
    error        text NOT NULL DEFAULT '',
    created_by   bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    ready_at     timestamptz,
    released_at  timestamptz,
    UNIQUE (request_id, release)
);

CREATE TABLE downloads (
    id         bigserial PRIMARY KEY,
    bundle_id  bigint NOT NULL REFERENCES bundles (id) ON DELETE CASCADE,
    user_id    bigint REFERENCES users (id),
    at         timestamptz NOT NULL DEFAULT now()
);

-- Progress of background jobs (ingest, OCR, bundle), keyed by river job id.
CREATE TABLE job_progress (
    job_id     bigint PRIMARY KEY,
    request_id bigint REFERENCES requests (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    done       integer NOT NULL DEFAULT 0,
    total      integer NOT NULL DEFAULT 0,
    message    text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_progress_request_idx ON job_progress (request_id);
