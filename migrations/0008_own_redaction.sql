-- A reviewer's own redaction says where the officer chose it to apply:
-- 'document' (this document only) or 'every' (every exact occurrence of its
-- text in the request, stored as one batch). '' on decisions about suggestions.
ALTER TABLE decisions ADD COLUMN applies_to text NOT NULL DEFAULT ''
    CHECK (applies_to IN ('', 'document', 'every'));

-- An own redaction is stored once: the same document, span and kind saved
-- twice before this rule kept both. Keep the first, mark the others undone.
UPDATE decisions d SET undone = true
WHERE d.suggestion_id IS NULL AND d.superseded_by IS NULL AND NOT d.undone
  AND EXISTS (SELECT 1 FROM decisions e
              WHERE e.suggestion_id IS NULL AND e.superseded_by IS NULL AND NOT e.undone
                AND e.request_id = d.request_id AND e.doc_key = d.doc_key AND e.start_off = d.start_off
                AND e.end_off = d.end_off AND e.decision = d.decision AND e.id < d.id);

CREATE UNIQUE INDEX decisions_own_once_idx ON decisions (request_id, doc_key, start_off, end_off, decision)
    WHERE suggestion_id IS NULL AND superseded_by IS NULL AND NOT undone;
