-- Files of a request's record that ingestion could not read (failed) or
-- does not read (unsupported), per location, with the reason. UK GDPR
-- Art. 15: nothing of the record may silently drop out of the copy, so
-- each must be shown to the officer and acknowledged, with a reason,
-- before a bundle goes out. An ingest run replaces its locations' rows;
-- an acknowledgement survives while the same file fails the same way.
CREATE TABLE ingest_problems (
    id              bigserial PRIMARY KEY,
    request_id      bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    location        text NOT NULL,            -- the record's top-level folder; '' for a loose file
    path            text NOT NULL,            -- record-relative; invalid bytes of a name escaped as \xNN
    kind            text NOT NULL CHECK (kind IN ('failed','unsupported')),
    reason          text NOT NULL,
    acknowledged_by bigint REFERENCES users (id),
    ack_reason      text NOT NULL DEFAULT '',
    ack_at          timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (request_id, location, path),
    CHECK ((ack_at IS NULL) = (ack_reason = ''))
);
