-- The person register a suggestion step built (suggest.Result.Register),
-- replaced in the transaction that stores its suggestions: the People page
-- shows the same people, roles, kinds and labels as `disclose suggest` and
-- as the suggestions carry. generation counts the request's suggestion
-- steps, so a role change made on an older page is refused.
CREATE TABLE register_persons (
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    key        text NOT NULL,            -- suggest.Person.Key: "subject", "p1", "p2"...
    position   int NOT NULL,             -- register order: the subject, then by key
    generation bigint NOT NULL,
    name       text NOT NULL,
    role       text NOT NULL,            -- suggest.Role*
    kind       text NOT NULL,            -- suggest.Kind.ID
    label      text NOT NULL,
    data       jsonb NOT NULL,           -- suggest.Person
    PRIMARY KEY (request_id, key)
);

-- Kinds officers chose on the People page, by the register person's name
-- (keys follow the order people first appear and may move when documents
-- are added; the name does not). Every suggestion step is given them
-- (suggest.Options.Kinds); each change is in the audit log.
CREATE TABLE person_kinds (
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    name       text NOT NULL,
    kind       text NOT NULL,
    set_by     bigint REFERENCES users (id),
    set_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, name)
);
