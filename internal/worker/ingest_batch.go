package worker

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
)

// A record of many files is read by several jobs: the ingest job plans
// the batches (Deps.Plan) and queues one IngestBatchArgs job each, which
// any worker node takes; the last batch to complete queues
// IngestFinishArgs, which marks copies across the batches and queues the
// suggestion step. Each batch is idempotent as the whole read is
// (documents upserted by request, path and part), and counts itself done
// in the transaction that completes it (ingest_fanout), so a batch killed
// and retried counts once.

// IngestBatchArgs asks for some files of a record to be read.
type IngestBatchArgs struct {
	RequestID int64    `json:"request_id"`
	Dir       string   `json:"dir,omitempty"`
	Uploads   bool     `json:"uploads,omitempty"`
	Files     []string `json:"files"`
	Plan      int64    `json:"plan"` // the planning ingest job
}

// Kind names the job.
func (IngestBatchArgs) Kind() string { return "ingest_batch" }

// IngestFinishArgs asks for a record read in batches to be finished.
type IngestFinishArgs struct {
	RequestID int64 `json:"request_id"`
}

// Kind names the job.
func (IngestFinishArgs) Kind() string { return "ingest_finish" }

// fanOut queues the batch jobs of a record and completes the planning job
// in one transaction, after keeping the folder's own problems (entries not
// readable while listing it) and dropping those of files no longer there.
func (w *ingestWorker) fanOut(ctx context.Context, job *river.Job[IngestArgs], batches [][]string, walked *ingest.Report) error {
	a := job.Args
	locs, problems := ingestProblems(walked)
	var keep []string
	for _, f := range walked.Files {
		keep = append(keep, f.Path)
	}
	for _, b := range batches {
		for _, rel := range b {
			keep = append(keep, rel)
			if loc, _, ok := strings.Cut(rel, "/"); ok && !slices.Contains(locs, loc) {
				locs = append(locs, loc)
			}
		}
	}
	if err := w.db.PruneProblems(ctx, a.RequestID, locs, keep); err != nil {
		return err
	}
	var walkPaths []string
	for _, f := range walked.Files {
		walkPaths = append(walkPaths, f.Path)
	}
	if err := w.db.SaveFileProblems(ctx, a.RequestID, walkPaths, problems); err != nil {
		return err
	}
	return w.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := postgres.SetJobProgressTx(ctx, tx, postgres.JobProgress{JobID: job.ID, RequestID: a.RequestID, Kind: a.Kind(),
			Done: len(batches), Total: len(batches), Message: "done"}); err != nil {
			return err
		}
		for _, b := range batches {
			if err := queueTx(ctx, tx, a.RequestID, IngestBatchArgs{RequestID: a.RequestID, Dir: a.Dir, Uploads: a.Uploads, Files: b, Plan: job.ID}); err != nil {
				return fmt.Errorf("ingest request %d: queue batch: %w", a.RequestID, err)
			}
		}
		if err := postgres.StartFanoutTx(ctx, tx, job.ID, a.RequestID, len(batches)); err != nil {
			return err
		}
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
}

type ingestBatchWorker struct {
	river.WorkerDefaults[IngestBatchArgs]
	db   *postgres.DB
	deps Deps
}

// Work reads the batch's files and saves their problems, people and
// documents; the last batch of the plan queues the finishing step.
func (w *ingestBatchWorker) Work(ctx context.Context, job *river.Job[IngestBatchArgs]) error {
	a := job.Args
	progress := func(done, total int, msg string) {
		_ = w.db.SetJobProgress(ctx, postgres.JobProgress{JobID: job.ID, RequestID: a.RequestID, Kind: a.Kind(), Done: done, Total: total, Message: msg})
	}
	progress(0, len(a.Files), "reading files")
	dir, cleanup, err := recordFolder(ctx, w.deps, a.RequestID, a.Dir, a.Uploads, a.Files)
	if err != nil {
		return err
	}
	defer cleanup()
	rec, rep, err := w.deps.Ingest(ctx, dir, a.Files)
	if err != nil {
		return fmt.Errorf("ingest request %d: %w", a.RequestID, err)
	}
	_, problems := ingestProblems(rep)
	if err := w.db.SaveFileProblems(ctx, a.RequestID, a.Files, problems); err != nil {
		return fmt.Errorf("ingest request %d: save problems: %w", a.RequestID, err)
	}
	if err := saveRecord(ctx, w.db, w.deps, a.RequestID, rec, func(done, total int) { progress(done, total, "saving documents") }); err != nil {
		return err
	}
	return w.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := postgres.SetJobProgressTx(ctx, tx, postgres.JobProgress{JobID: job.ID, RequestID: a.RequestID, Kind: a.Kind(),
			Done: len(rec.Documents), Total: len(rec.Documents), Message: "done"}); err != nil {
			return err
		}
		left, err := postgres.FinishBatchTx(ctx, tx, a.Plan)
		if err != nil {
			return err
		}
		if left == 0 {
			if err := queueTx(ctx, tx, a.RequestID, IngestFinishArgs{RequestID: a.RequestID}); err != nil {
				return fmt.Errorf("ingest request %d: queue finish: %w", a.RequestID, err)
			}
		}
		_, err = river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
}

type ingestFinishWorker struct {
	river.WorkerDefaults[IngestFinishArgs]
	db   *postgres.DB
	deps Deps
}

// Work marks copies across the whole stored record, as one read of the
// folder would have (ingest.Dedup over documents in path order), then
// queues the suggestion step.
func (w *ingestFinishWorker) Work(ctx context.Context, job *river.Job[IngestFinishArgs]) error {
	a := job.Args
	rec, err := w.db.Record(ctx, a.RequestID)
	if err != nil {
		return err
	}
	docs := rec.Documents
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	before := make(map[string]string, len(docs))
	for _, d := range docs {
		before[d.ID] = d.DuplicateOf
	}
	ingest.Dedup(docs)
	changed := map[string]string{}
	for _, d := range docs {
		if d.DuplicateOf != before[d.ID] {
			changed[d.ID] = d.DuplicateOf
		}
	}
	if err := w.db.SetDuplicates(ctx, a.RequestID, changed); err != nil {
		return err
	}
	if w.deps.Changed != nil && len(changed) > 0 {
		w.deps.Changed(a.RequestID)
	}
	return finishIngest(ctx, w.db, job.ID, a.RequestID, a.Kind(), len(docs), job)
}
