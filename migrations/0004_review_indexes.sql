-- The review screen's "next document" follows the document list's order
-- (location, path, part in byte order, as NextDocKey compares them). Without
-- an index in that collation every move read and sorted all of a request's
-- documents; with it the next one is a short index range.
CREATE INDEX documents_review_order_idx ON documents
    (request_id, location COLLATE "C", path COLLATE "C", part COLLATE "C");
