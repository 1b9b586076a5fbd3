package worker_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/rivertype"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/testproc"
	"github.com/disclose-sar/disclose/internal/worker"
)

// doomedWorkerEnv carries the database URL to the child process that
// TestJobRescuedAfterKill kills.
const doomedWorkerEnv = "DISCLOSE_TEST_DOOMED_WORKER"

const rescueDocs = 10

// doomedWorker works the queued ingest job in a process of its own, says
// so on stdout after saving its first batch, and hangs there until killed.
func doomedWorker(url string) int {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	deps := worker.Deps{
		BatchSize: 3,
		Logger:    slog.New(slog.DiscardHandler),
		Ingest: func(context.Context, string, []string) (*record.Record, *ingest.Report, error) {
			return fakeRecord(rescueDocs), fakeReport(), nil
		},
		AfterBatch: func(context.Context, int64, int, int) {
			fmt.Println("first batch saved")
			select {} // hang: the parent kills this process here
		},
	}
	w, err := worker.New(postgres.New(pool), deps, worker.Config{Workers: 1, BeatEvery: 200 * time.Millisecond})
	if err == nil {
		err = w.Start(ctx)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	select {}
}

// TestJobRescuedAfterKill: a worker process is killed (SIGKILL) in the
// middle of an ingest job; its heartbeats stop, another node re-queues the
// job once they are stale and runs it to completion exactly once, with
// every document once.
func TestJobRescuedAfterKill(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDB(t)
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	db := postgres.New(pool)
	req, err := db.CreateRequest(ctx, 0, record.Request{Requester: record.Requester{Kind: record.RequesterSubject},
		Subject: record.Subject{Name: "Kim Example"}, Received: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var runs atomic.Int32
	deps := worker.Deps{
		BatchSize: 3,
		Logger:    slog.New(slog.DiscardHandler),
		Ingest: func(context.Context, string, []string) (*record.Record, *ingest.Report, error) {
			runs.Add(1)
			return fakeRecord(rescueDocs), fakeReport(), nil
		},
	}
	enqueuer, err := worker.New(db, deps, worker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	jobID, err := enqueuer.Enqueue(ctx, nil, worker.IngestArgs{RequestID: req.ID, Dir: "/records/kim"})
	if err != nil {
		t.Fatal(err)
	}

	child := testproc.Start(t, doomedWorkerEnv+"="+url, "first batch saved", time.Minute)
	var beats int
	pool.QueryRow(ctx, `SELECT count(*) FROM job_heartbeat WHERE job_id = $1`, jobID).Scan(&beats)
	if beats != 1 {
		t.Fatalf("heartbeat rows for the running job = %d, want 1", beats)
	}
	testproc.Kill(t, child) // SIGKILL: nothing more is written
	killed := time.Now()
	if job, err := enqueuer.Job(ctx, jobID); err != nil || job.State != rivertype.JobStateRunning {
		t.Fatalf("job after its worker was killed = %+v, %v; want still running", job, err)
	}

	rescuer, err := worker.New(db, deps, worker.Config{Workers: 1, BeatEvery: 200 * time.Millisecond,
		StaleAfter: 2 * time.Second, RescueEvery: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := rescuer.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer rescuer.Stop(context.Background())
	var job *rivertype.JobRow
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if job, err = rescuer.Job(ctx, jobID); err != nil {
			t.Fatal(err)
		}
		if job.State == rivertype.JobStateCompleted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job still %s a minute after its worker was killed (attempt %d, errors %v)", job.State, job.Attempt, job.Errors)
		}
	}
	t.Logf("rescued and completed %.1fs after the kill (stale after 2s)", time.Since(killed).Seconds())
	if r := runs.Load(); r != 1 {
		t.Errorf("the rescuing node ran the job %d times, want once", r)
	}
	if job.Attempt != 2 || len(job.Errors) != 1 || !strings.Contains(job.Errors[0].Error, "heartbeats") {
		t.Errorf("completed job: attempt %d, errors %+v; want attempt 2 after one rescue", job.Attempt, job.Errors)
	}
	if got, _ := db.CountDocuments(ctx, req.ID); got != rescueDocs {
		t.Errorf("documents after the rescued job = %d, want %d (no duplicates)", got, rescueDocs)
	}
	pool.QueryRow(ctx, `SELECT count(*) FROM job_heartbeat`).Scan(&beats)
	if beats != 0 {
		t.Errorf("heartbeat rows after the job completed = %d, want 0", beats)
	}
}
