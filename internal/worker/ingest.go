package worker

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
)

// IngestArgs asks for a record folder, or the files uploaded to a
// request, to be read into the request.
type IngestArgs struct {
	RequestID int64  `json:"request_id"`
	Dir       string `json:"dir,omitempty"` // server-side folder, already checked against the allow-list
	// Uploads: read the request's uploaded files (Deps.Uploads lays them
	// out on this node) instead of Dir.
	Uploads bool `json:"uploads,omitempty"`
}

// Kind names the job.
func (IngestArgs) Kind() string { return "ingest" }

type ingestWorker struct {
	river.WorkerDefaults[IngestArgs]
	db   *postgres.DB
	deps Deps
}

// Work reads the folder and upserts its documents in batches, recording
// progress; a record of more than one batch of files (Deps.Plan) is
// handed to one job per batch instead (fanOut). Killed part-way, the
// retry re-reads and re-upserts: the same rows, no copies, decisions
// untouched.
func (w *ingestWorker) Work(ctx context.Context, job *river.Job[IngestArgs]) error {
	if w.deps.Ingest == nil {
		return river.JobCancel(errors.New("this node cannot ingest"))
	}
	a := job.Args
	progress := func(done, total int, msg string) {
		_ = w.db.SetJobProgress(ctx, postgres.JobProgress{JobID: job.ID, RequestID: a.RequestID, Kind: a.Kind(), Done: done, Total: total, Message: msg})
	}
	progress(0, 0, "reading the record")
	if w.deps.Plan != nil {
		batches, walked, err := w.deps.Plan(ctx, a.RequestID, a.Dir, a.Uploads)
		if err != nil {
			return fmt.Errorf("ingest request %d: %w", a.RequestID, err)
		}
		if len(batches) > 1 {
			return w.fanOut(ctx, job, batches, walked)
		}
	}
	dir, cleanup, err := recordFolder(ctx, w.deps, a.RequestID, a.Dir, a.Uploads, nil)
	if err != nil {
		return err
	}
	defer cleanup()
	rec, rep, err := w.deps.Ingest(ctx, dir, nil)
	if err != nil {
		return fmt.Errorf("ingest request %d: %w", a.RequestID, err)
	}
	// The files not read are kept before the documents: a job that dies
	// while saving leaves them shown, never a record that looks whole.
	locs, problems := ingestProblems(rep)
	if err := w.db.SaveIngestProblems(ctx, a.RequestID, locs, problems); err != nil {
		return fmt.Errorf("ingest request %d: save problems: %w", a.RequestID, err)
	}
	if err := saveRecord(ctx, w.db, w.deps, a.RequestID, rec, func(done, total int) { progress(done, total, "saving documents") }); err != nil {
		return err
	}
	return finishIngest(ctx, w.db, job.ID, a.RequestID, a.Kind(), len(rec.Documents), job)
}

// recordFolder is the record folder a job reads: the server-side folder,
// or the request's uploads (only files, when not nil) laid out on this node.
func recordFolder(ctx context.Context, deps Deps, requestID int64, dir string, uploads bool, files []string) (string, func(), error) {
	if !uploads {
		return dir, func() {}, nil
	}
	if deps.Uploads == nil {
		return "", nil, river.JobCancel(errors.New("this node cannot read uploads"))
	}
	d, cleanup, err := deps.Uploads(ctx, requestID, files)
	if err != nil {
		return "", nil, fmt.Errorf("ingest request %d: uploads: %w", requestID, err)
	}
	return d, cleanup, nil
}

// saveRecord saves a record's people and documents, BatchSize documents a
// transaction.
func saveRecord(ctx context.Context, db *postgres.DB, deps Deps, requestID int64, rec *record.Record, progress func(done, total int)) error {
	if err := db.SavePersons(ctx, requestID, rec.Persons); err != nil {
		return err
	}
	total := len(rec.Documents)
	for start := 0; start < total; start += deps.BatchSize {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := min(start+deps.BatchSize, total)
		if _, err := db.SaveDocuments(ctx, requestID, rec.Documents[start:end]); err != nil {
			return fmt.Errorf("ingest request %d: save documents: %w", requestID, err)
		}
		progress(end, total)
		if deps.AfterBatch != nil {
			deps.AfterBatch(ctx, requestID, end, total)
		}
		if deps.Changed != nil {
			deps.Changed(requestID)
		}
	}
	return nil
}

// finishIngest ends the reading of a record in one transaction: the
// progress says done, the suggestion step is queued and the job is
// completed, together or not at all — never documents without the job
// that suggests on them.
func finishIngest[T river.JobArgs](ctx context.Context, db *postgres.DB, jobID, requestID int64, kind string, total int, job *river.Job[T]) error {
	return db.InTx(ctx, func(tx pgx.Tx) error {
		if err := postgres.SetJobProgressTx(ctx, tx, postgres.JobProgress{JobID: jobID, RequestID: requestID,
			Kind: kind, Done: total, Total: total, Message: "done"}); err != nil {
			return err
		}
		if err := queueTx(ctx, tx, requestID, SuggestArgs{RequestID: requestID}); err != nil {
			return fmt.Errorf("ingest request %d: queue suggestions: %w", requestID, err)
		}
		if err := postgres.StartWorkTx(ctx, tx, requestID, total); err != nil {
			return fmt.Errorf("ingest request %d: status: %w", requestID, err)
		}
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
}

// queueTx queues a job of a request, shown as queued on the request page
// until a worker takes it.
func queueTx(ctx context.Context, tx pgx.Tx, requestID int64, args river.JobArgs) error {
	res, err := river.ClientFromContext[pgx.Tx](ctx).InsertTx(ctx, tx, args, nil)
	if err != nil {
		return err
	}
	return postgres.SetJobProgressTx(ctx, tx, postgres.JobProgress{JobID: res.Job.ID, RequestID: requestID,
		Kind: args.Kind(), Message: "queued"})
}

// ingestProblems turns the report's unread files into the request's
// ingest problems, with every location the run read (a location whose
// files now all read loses its old problems). A file read only in part
// is a failed file too: what was lost of it is part of the record.
func ingestProblems(rep *ingest.Report) ([]string, []postgres.IngestProblem) {
	if rep == nil {
		return nil, nil
	}
	var locs []string
	var out []postgres.IngestProblem
	for _, f := range rep.Files {
		loc, _, found := strings.Cut(f.Path, "/")
		if !found {
			loc = "" // a loose file at the top belongs to no location
		}
		if !slices.Contains(locs, loc) {
			locs = append(locs, loc)
		}
		p := postgres.IngestProblem{Location: loc, Path: f.Path, Reason: f.Problem}
		switch f.Status {
		case ingest.StatusFailed:
			p.Kind = postgres.ProblemFailed
		case ingest.StatusUnsupported:
			p.Kind = postgres.ProblemUnsupported
		case ingest.StatusPartial:
			p.Kind, p.Reason = postgres.ProblemFailed, "partly read: "+f.Problem
		default:
			continue
		}
		out = append(out, p)
	}
	return locs, out
}
