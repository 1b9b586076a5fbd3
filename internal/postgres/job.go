package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// JobProgress is how far a background job has come, for the request page.
type JobProgress struct {
	JobID     int64     `json:"job_id"`
	RequestID int64     `json:"request_id"`
	Kind      string    `json:"kind"`
	Done      int       `json:"done"`
	Total     int       `json:"total"`
	Message   string    `json:"message,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SetJobProgress records a job's progress (keyed by its queue job id).
func (db *DB) SetJobProgress(ctx context.Context, p JobProgress) error {
	_, err := db.Pool.Exec(ctx, setJobProgressSQL, p.JobID, nullID(p.RequestID), p.Kind, p.Done, p.Total, p.Message)
	return mapErr(err, "job progress")
}

const setJobProgressSQL = `INSERT INTO job_progress (job_id, request_id, kind, done, total, message) VALUES ($1, $2, $3, $4, $5, $6)
	ON CONFLICT (job_id) DO UPDATE SET done = excluded.done, total = excluded.total, message = excluded.message, updated_at = now()`

// JobsProgress lists a request's jobs, newest first.
func (db *DB) JobsProgress(ctx context.Context, requestID int64) ([]JobProgress, error) {
	rows, err := db.Pool.Query(ctx, `SELECT job_id, coalesce(request_id, 0), kind, done, total, message, updated_at
		FROM job_progress WHERE request_id = $1 ORDER BY job_id DESC`, requestID)
	if err != nil {
		return nil, mapErr(err, "job progress")
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[JobProgress])
}

// StartFanoutTx records that the planning job planJob queued n batch jobs
// of a request, in the transaction that queues them.
func StartFanoutTx(ctx context.Context, tx pgx.Tx, planJob, requestID int64, n int) error {
	_, err := tx.Exec(ctx, `INSERT INTO ingest_fanout (plan_job, request_id, pending) VALUES ($1, $2, $3)
		ON CONFLICT (plan_job) DO UPDATE SET pending = excluded.pending`, planJob, requestID, n)
	return mapErr(err, "ingest fan-out")
}

// FinishBatchTx counts one batch of planJob done, in the transaction that
// completes it, and returns how many are left: the row lock makes exactly
// one batch see zero.
func FinishBatchTx(ctx context.Context, tx pgx.Tx, planJob int64) (int, error) {
	var left int
	err := tx.QueryRow(ctx, `UPDATE ingest_fanout SET pending = pending - 1 WHERE plan_job = $1 RETURNING pending`, planJob).Scan(&left)
	return left, mapErr(err, "ingest fan-out")
}
