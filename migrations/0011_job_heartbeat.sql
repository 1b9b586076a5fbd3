-- Job heartbeats (issue 14). A node killed outright leaves its job
-- "running" in River's queue until River's own rescuer gives up on it, at
-- the job timeout plus a minute (31 minutes). While a job runs its worker
-- beats here every 20 seconds; any worker node re-queues a running job
-- whose beat is older than 90 seconds (internal/postgres/job_heartbeat.go).
-- No foreign key to river_job: River owns that table and deletes old jobs.

CREATE TABLE job_heartbeat (
    job_id  bigint PRIMARY KEY,
    attempt integer NOT NULL,     -- the River attempt beating: a rescued attempt stops
    beat_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_heartbeat_beat_idx ON job_heartbeat (beat_at);
