// Package worker runs Disclose's background jobs — ingestion, suggestion,
// OCR and bundle building — on River, a job queue kept in PostgreSQL: any
// number of workers on any number of machines share it, a job is inserted in the same
// transaction as the change that asks for it, and a job whose worker dies is
// retried: a running job beats every 20 s and one silent for 90 s is
// re-queued by any worker node (heartbeat.go). Jobs are written to be safe to retry: documents are upserted by
// (request, path, part), so a retried ingestion never duplicates a document
// and never touches review decisions.
//
// The domain steps are injected as functions (Deps), so this package wires
// storage to work without importing the extractors.
package worker

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// Deps are the steps the jobs run. Any may be nil when this node does not
// run that kind of job.
type Deps struct {
	// Ingest reads a record folder (ingest.Run), or only the given files of
	// it (a batch; nil = all), with its report of the files that were not
	// read: the job keeps those as the request's ingest problems.
	Ingest func(ctx context.Context, dir string, files []string) (*record.Record, *ingest.Report, error)
	// Plan, if set, splits a record's files — the folder dir's, or the
	// request's uploads — into batches (ingest.Plan, ingest.Batches), with
	// the folder's own report lines: a record of more than one batch is
	// read by one job per batch, on every worker node, so OCR of a large
	// record shares all their cores. Nil: one job reads the whole record.
	Plan func(ctx context.Context, requestID int64, dir string, uploads bool) ([][]string, *ingest.Report, error)
	// Uploads lays a request's uploaded files out as a record folder on
	// this node (from the blob store every node shares) for Ingest to read,
	// and returns the folder and what removes it.
	// files, when not nil, limits it to those record-relative paths (a batch).
	Uploads func(ctx context.Context, requestID int64, files []string) (dir string, cleanup func(), err error)
	// OCR re-reads one document's source file with OCR.
	OCR func(ctx context.Context, doc record.Document, path string) (record.Document, error)
	// Bundle renders the chosen documents with the decided redactions into
	// the file out (not yet encrypted; bundle.WriteFile, which creates it
	// only once the leak check has passed) and returns its schedule and
	// its leak-check certificate. out is in a temporary folder of the
	// job's own: the job streams the file into the store and removes the
	// folder, whether or not the step or the saving succeeds, so no
	// bundle is ever held whole in memory. The password is never stored:
	// the web layer encrypts the stored file at download time with a fresh
	// password it shows once (the database already holds the unredacted
	// originals, so the stored redacted file adds no exposure).
	// docKeys are the release's chosen documents (empty: all). The step
	// gathers the record, decisions and problems itself (release.Prepare).
	Bundle func(ctx context.Context, requestID int64, docKeys []string, out string) (BundleOutput, error)
	// Suggest runs the rule packs over a stored record with the kinds
	// officers chose for its people (suggest.Suggest); the job stores the
	// suggestions and the person register together.
	Suggest func(ctx context.Context, rec *record.Record, opts suggest.Options) (*suggest.Result, error)
	// BatchSize is how many documents one transaction saves (default 50).
	BatchSize int
	// AfterBatch, if set, is called after each saved batch (tests use it to
	// stop a worker mid-job).
	AfterBatch func(ctx context.Context, requestID int64, done, total int)
	// Changed, if set, is told when a job changed a request's documents or
	// suggestions (the web store drops its cached progress).
	Changed func(requestID int64)
	Logger  *slog.Logger
}

// BundleOutput is what Deps.Bundle makes beside its file.
type BundleOutput struct {
	Schedule    any
	Certificate any
}

// Config sizes the worker.
type Config struct {
	// Workers is how many jobs run at once on this node; 0 makes an
	// insert-only client (a web node that enqueues but does not work).
	Workers int
	// JobTimeout bounds one job (default 30 minutes: a large record with OCR).
	JobTimeout time.Duration
	// RetryDelay overrides the delay before a failed job is retried
	// (default River's backoff).
	RetryDelay time.Duration
	// BeatEvery is how often a running job records that it is alive
	// (default 20 s); StaleAfter, how long a job may be silent before any
	// node re-queues it (default 90 s); RescueEvery, how often a worker
	// node looks for such jobs (default 15 s).
	BeatEvery, StaleAfter, RescueEvery time.Duration
	// TempDir is where a bundle job writes its bundle before storing it
	// ("" = the system's temporary folder).
	TempDir string
}

// Worker is a River client with Disclose's job kinds registered.
type Worker struct {
	client *river.Client[pgx.Tx]
	db     *postgres.DB
	cfg    Config
	log    *slog.Logger
	stop   context.CancelFunc // ends the rescuer
}

// New builds a worker on db's pool.
func New(db *postgres.DB, deps Deps, cfg Config) (*Worker, error) {
	if deps.BatchSize <= 0 {
		deps.BatchSize = 50
	}
	if deps.Logger == nil {
		deps.Logger = slog.Default()
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = 30 * time.Minute
	}
	cfg.BeatEvery = cmp.Or(cfg.BeatEvery, defaultBeatEvery)
	cfg.StaleAfter = cmp.Or(cfg.StaleAfter, defaultStaleAfter)
	cfg.RescueEvery = cmp.Or(cfg.RescueEvery, defaultRescueEvery)
	if cfg.StaleAfter < 3*cfg.BeatEvery {
		return nil, fmt.Errorf("worker: StaleAfter %s must be at least three beats (%s)", cfg.StaleAfter, 3*cfg.BeatEvery)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &ingestWorker{db: db, deps: deps})
	river.AddWorker(workers, &ingestBatchWorker{db: db, deps: deps})
	river.AddWorker(workers, &ingestFinishWorker{db: db, deps: deps})
	river.AddWorker(workers, &ocrWorker{db: db, deps: deps})
	river.AddWorker(workers, &bundleWorker{db: db, deps: deps, tempDir: cfg.TempDir})
	river.AddWorker(workers, &suggestWorker{db: db, deps: deps})
	rc := &river.Config{
		Workers:    workers,
		JobTimeout: cfg.JobTimeout,
		// A worker killed outright leaves its job "running": its missed
		// heartbeats get it re-queued within about two minutes (heartbeat.go);
		// River's own rescue, once it has outlived its timeout, is the
		// backstop for a job that never beat.
		RescueStuckJobsAfter: cfg.JobTimeout + time.Minute,
		Logger:               deps.Logger,
		Middleware:           []rivertype.Middleware{&heartbeat{db: db, every: cfg.BeatEvery, log: deps.Logger}},
	}
	if cfg.Workers > 0 {
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}}
	}
	if cfg.RetryDelay > 0 {
		rc.RetryPolicy = fixedRetry(cfg.RetryDelay)
	}
	client, err := river.NewClient(riverpgxv5.New(db.Pool), rc)
	if err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	return &Worker{client: client, db: db, cfg: cfg, log: deps.Logger, stop: func() {}}, nil
}

// Start begins working jobs, and on a node that works them rescuing jobs
// of dead nodes, until ctx ends or Stop is called.
func (w *Worker) Start(ctx context.Context) error {
	if err := w.client.Start(ctx); err != nil {
		return err
	}
	if w.cfg.Workers > 0 {
		rctx, cancel := context.WithCancel(ctx)
		w.stop = cancel
		go w.rescue(rctx, w.cfg, w.log)
	}
	return nil
}

// Stop waits for running jobs to finish, then stops.
func (w *Worker) Stop(ctx context.Context) error {
	w.stop()
	return w.client.Stop(ctx)
}

// StopAndCancel cancels running jobs (they are retried later) and stops.
func (w *Worker) StopAndCancel(ctx context.Context) error {
	w.stop()
	return w.client.StopAndCancel(ctx)
}

// Job returns a job's queue row (state, attempt, errors).
func (w *Worker) Job(ctx context.Context, id int64) (*rivertype.JobRow, error) {
	return w.client.JobGet(ctx, id)
}

// Enqueue inserts a job; with tx it commits with the caller's change.
func (w *Worker) Enqueue(ctx context.Context, tx pgx.Tx, args river.JobArgs) (int64, error) {
	var res *rivertype.JobInsertResult
	var err error
	if tx != nil {
		res, err = w.client.InsertTx(ctx, tx, args, nil)
	} else {
		res, err = w.client.Insert(ctx, args, nil)
	}
	if err != nil {
		return 0, fmt.Errorf("worker: enqueue %s: %w", args.Kind(), err)
	}
	return res.Job.ID, nil
}

type fixedRetry time.Duration

func (d fixedRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(time.Duration(d)) }
