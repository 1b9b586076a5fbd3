-- Shared blobs (issue 16): uploaded originals and built bundles kept in
-- PostgreSQL so every node of a cluster reads the same files
-- (DISCLOSE_BLOBS=postgres; internal/postgres/blob.go). A blob is keyed by
-- the hex SHA-256 of its content and stored as 1 MiB bytea chunks, written
-- and read one chunk at a time so no node holds a whole file in memory.
-- Chunks rather than large objects: they are ordinary rows — deleted with
-- their blob, dumped by pg_dump without --large-objects, under the same
-- grants as every other table — and need no transaction to read.

CREATE TABLE blobs (
    id         bigserial PRIMARY KEY,
    sha256     text UNIQUE,           -- NULL only while its writer's transaction is open
    size       bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE blob_chunks (
    blob_id bigint NOT NULL REFERENCES blobs (id) ON DELETE CASCADE,
    seq     integer NOT NULL,
    data    bytea NOT NULL,
    PRIMARY KEY (blob_id, seq)
);
-- PDFs and images are compressed already: do not try again.
ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- The files uploaded to a request's locations, by name, each a blob (in
-- whichever store the node is configured with). The ingest job lays them
-- out in a node-local folder (location/name) to read them.
CREATE TABLE upload_files (
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    location   text NOT NULL,
    name       text NOT NULL,
    sha256     text NOT NULL,
    size       bigint NOT NULL,
    created_by bigint REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, location, name)
);
