-- Ingestion in batches (issue 16): a record with many files is read by
-- several jobs at once — on every worker node — and the last batch to
-- finish queues the step that de-duplicates across batches and then
-- suggests. pending counts the batch jobs of one planning job not yet
-- completed; each batch decrements it in the transaction that completes
-- it, so a retried batch counts once and exactly one batch sees zero.

CREATE TABLE ingest_fanout (
    plan_job   bigint PRIMARY KEY,   -- the River job that planned the batches
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    pending    integer NOT NULL CHECK (pending >= 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
