package worker

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/riverqueue/river"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
)

// BundleArgs asks for a queued bundle (postgres.CreateBundle) to be built.
type BundleArgs struct {
	BundleID int64 `json:"bundle_id"`
}

// Kind names the job.
func (BundleArgs) Kind() string { return "bundle" }

type bundleWorker struct {
	river.WorkerDefaults[BundleArgs]
	db   *postgres.DB
	deps Deps
}

func (w *bundleWorker) Work(ctx context.Context, job *river.Job[BundleArgs]) error {
	if w.deps.Bundle == nil {
		return river.JobCancel(errors.New("this node cannot build bundles"))
	}
	b, err := w.db.Bundle(ctx, job.Args.BundleID)
	if err != nil {
		return err
	}
	if b.State == "ready" || b.State == "released" {
		return nil // a retry after the file was saved
	}
	progress := func(done int, msg string) {
		_ = w.db.SetJobProgress(ctx, postgres.JobProgress{JobID: job.ID, RequestID: b.RequestID, Kind: "bundle", Done: done, Total: 3, Message: msg})
	}
	_ = w.db.SetBundleState(ctx, b.ID, "building", "")
	progress(0, "loading the record")
	rec, err := w.db.Record(ctx, b.RequestID)
	if err != nil {
		return err
	}
	if len(b.DocKeys) > 0 {
		rec.Documents = slices.DeleteFunc(rec.Documents, func(d record.Document) bool { return !slices.Contains(b.DocKeys, d.ID) })
	}
	outcome, err := w.db.Redactions(ctx, b.RequestID)
	if err != nil {
		return err
	}
	reds := outcome.Redactions
	progress(1, "rendering")
	out, err := w.deps.Bundle(ctx, b.RequestID, rec, reds)
	if err != nil {
		// The bundle package's errors name the document and problem, never text.
		_ = w.db.SetBundleState(ctx, b.ID, "failed", err.Error())
		return fmt.Errorf("bundle %d: %w", b.ID, err)
	}
	progress(2, "saving")
	if err := w.db.SaveBundleFile(ctx, b.ID, out.File, out.SHA256, out.Schedule, out.Certificate); err != nil {
		return err
	}
	progress(3, "done")
	return nil
}
