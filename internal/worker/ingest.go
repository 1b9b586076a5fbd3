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
// progress. Killed part-way, the retry re-reads and re-upserts: the same
// rows, no copies, decisions untouched.
func (w *ingestWorker) Work(ctx context.Context, job *river.Job[IngestArgs]) error {
	if w.deps.Ingest == nil {
		return river.JobCancel(errors.New("this node cannot ingest"))
	}
	a := job.Args
	progress := func(done, total int, msg string) {
		_ = w.db.SetJobProgress(ctx, postgres.JobProgress{JobID: job.ID, RequestID: a.RequestID, Kind: a.Kind(), Done: done, Total: total, Message: msg})
	}
	progress(0, 0, "reading the record")
	dir := a.Dir
	if a.Uploads {
		if w.deps.Uploads == nil {
			return river.JobCancel(errors.New("this node cannot read uploads"))
		}
		d, cleanup, err := w.deps.Uploads(ctx, a.RequestID)
		if err != nil {
			return fmt.Errorf("ingest request %d: uploads: %w", a.RequestID, err)
		}
		defer cleanup()
		dir = d
	}
	rec, rep, err := w.deps.Ingest(ctx, dir)
	if err != nil {
		return fmt.Errorf("ingest request %d: %w", a.RequestID, err)
	}
	// The files not read are kept before the documents: a job that dies
	// while saving leaves them shown, never a record that looks whole.
	locs, problems := ingestProblems(rep)
	if err := w.db.SaveIngestProblems(ctx, a.RequestID, locs, problems); err != nil {
		return fmt.Errorf("ingest request %d: save problems: %w", a.RequestID, err)
	}
	if err := w.db.SavePersons(ctx, a.RequestID, rec.Persons); err != nil {
		return err
	}
	total := len(rec.Documents)
	for start := 0; start < total; start += w.deps.BatchSize {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := min(start+w.deps.BatchSize, total)
		if _, err := w.db.SaveDocuments(ctx, a.RequestID, rec.Documents[start:end]); err != nil {
			return fmt.Errorf("ingest request %d: save documents: %w", a.RequestID, err)
		}
		progress(end, total, "saving documents")
		if w.deps.AfterBatch != nil {
			w.deps.AfterBatch(ctx, a.RequestID, end, total)
		}
		if w.deps.Changed != nil {
			w.deps.Changed(a.RequestID)
		}
	}
	// Finish in one transaction: the progress says done, the suggestion
	// step is queued and this job is completed, together or not at all —
	// never documents without the job that suggests on them.
	return w.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := postgres.SetJobProgressTx(ctx, tx, postgres.JobProgress{JobID: job.ID, RequestID: a.RequestID,
			Kind: a.Kind(), Done: total, Total: total, Message: "done"}); err != nil {
			return err
		}
		res, err := river.ClientFromContext[pgx.Tx](ctx).InsertTx(ctx, tx, SuggestArgs{RequestID: a.RequestID}, nil)
		if err != nil {
			return fmt.Errorf("ingest request %d: queue suggestions: %w", a.RequestID, err)
		}
		// Shown as queued on the request page until a worker takes it.
		if err := postgres.SetJobProgressTx(ctx, tx, postgres.JobProgress{JobID: res.Job.ID, RequestID: a.RequestID,
			Kind: SuggestArgs{}.Kind(), Message: "queued"}); err != nil {
			return err
		}
		_, err = river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
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
