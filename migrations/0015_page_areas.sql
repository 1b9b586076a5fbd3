-- Areas an officer drew on a page image to redact what is under it (issue
-- 15): a photo, a signature, words no rule found. The rectangle is in PDF
-- points from the page's top-left corner, on the page as the review screen
-- showed it (the document's page sizes; a Word file's pages as LibreOffice
-- lays them out), the same coordinates as the stored word and character
-- boxes. words keeps the byte ranges of the document text under the area
-- when it was drawn (start, end, start, end, ...), so a layout that does
-- not place the words on pages still removes them. An area is undone, never
-- deleted; the audit log records both.
CREATE TABLE page_areas (
    id          bigserial PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    doc_key     text NOT NULL,
    page        integer NOT NULL CHECK (page >= 1),
    x0          real NOT NULL,
    y0          real NOT NULL,
    x1          real NOT NULL,
    y1          real NOT NULL,
    page_width  real NOT NULL CHECK (page_width > 0),
    page_height real NOT NULL CHECK (page_height > 0),
    words       integer[] NOT NULL DEFAULT '{}' CHECK (cardinality(words) % 2 = 0),
    code        text NOT NULL,
    reason      text NOT NULL DEFAULT '',
    user_id     bigint REFERENCES users (id),
    at          timestamptz NOT NULL DEFAULT now(),
    undone      boolean NOT NULL DEFAULT false,
    undone_by   bigint REFERENCES users (id),
    undone_at   timestamptz,
    CHECK (0 <= x0 AND x0 < x1 AND x1 <= page_width AND 0 <= y0 AND y0 < y1 AND y1 <= page_height)
);
CREATE INDEX page_areas_doc_idx ON page_areas (request_id, doc_key) WHERE NOT undone;
