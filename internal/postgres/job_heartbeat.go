package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// BeatJob records that attempt of job is alive. It returns false when the
// job is no longer running under that attempt (a rescuer re-queued it
// after missed beats): the caller should stop working on it.
func (db *DB) BeatJob(ctx context.Context, jobID int64, attempt int) (bool, error) {
	var one int
	err := db.Pool.QueryRow(ctx, `INSERT INTO job_heartbeat (job_id, attempt)
		SELECT id, attempt FROM river_job WHERE id = $1 AND attempt = $2 AND state = 'running'
		ON CONFLICT (job_id) DO UPDATE SET attempt = excluded.attempt, beat_at = now()
		RETURNING 1`, jobID, attempt).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, mapErr(err, "job heartbeat")
}

// EndJobBeat forgets a job's heartbeat once its attempt has finished.
func (db *DB) EndJobBeat(ctx context.Context, jobID int64) error {
	_, err := db.Pool.Exec(ctx, `DELETE FROM job_heartbeat WHERE job_id = $1`, jobID)
	return mapErr(err, "job heartbeat")
}

// RescueStaleJobs re-queues every running job whose heartbeat is older
// than staleAfter — its node died — and returns their ids. The attempt is
// recorded as an error on the job, as River's own rescuer does, and a job
// out of attempts is discarded. Any node may run it at once with others:
// a job re-queued by one is no longer running for the next.
func (db *DB) RescueStaleJobs(ctx context.Context, staleAfter time.Duration) ([]int64, error) {
	rows, err := db.Pool.Query(ctx, `WITH stale AS (
			DELETE FROM job_heartbeat WHERE beat_at < now() - $1::float8 * interval '1 second' RETURNING job_id, attempt
		)
		UPDATE river_job j SET
			state = CASE WHEN j.attempt >= j.max_attempts THEN 'discarded'::river_job_state ELSE 'available'::river_job_state END,
			finalized_at = CASE WHEN j.attempt >= j.max_attempts THEN now() END,
			scheduled_at = now(),
			errors = array_append(j.errors, jsonb_build_object('at', now(), 'attempt', j.attempt,
				'error', 'rescued: its node stopped sending heartbeats', 'trace', ''))
		FROM stale s WHERE j.id = s.job_id AND j.attempt = s.attempt AND j.state = 'running'
		RETURNING j.id`, staleAfter.Seconds())
	if err != nil {
		return nil, mapErr(err, "rescue jobs")
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}
