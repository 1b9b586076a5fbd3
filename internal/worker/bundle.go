package worker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/riverqueue/river"

	"github.com/disclose-sar/disclose/internal/postgres"
)

// BundleArgs asks for a queued bundle (postgres.CreateBundle) to be built.
type BundleArgs struct {
	BundleID int64 `json:"bundle_id"`
}

// Kind names the job.
func (BundleArgs) Kind() string { return "bundle" }

type bundleWorker struct {
	river.WorkerDefaults[BundleArgs]
	db      *postgres.DB
	deps    Deps
	tempDir string
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
	progress(0, "checking the request is ready")
	// Checked again when the job runs: a location attached, a file failed
	// or a decision reopened since the bundle was queued stops it here.
	if blockers, err := w.db.BundleBlockers(ctx, b.RequestID, nilIfEmpty(b.DocKeys)); err != nil {
		return err
	} else if len(blockers) > 0 {
		msg := "not built: " + strings.Join(blockers, "; ")
		_ = w.db.SetBundleState(ctx, b.ID, "failed", msg)
		return river.JobCancel(errors.New(msg))
	}
	progress(1, "rendering")
	// The bundle goes to a file, then from the file into the store: the
	// job holds a chunk of it at a time, whatever the record's size.
	dir, err := os.MkdirTemp(w.tempDir, "disclose-bundle-")
	if err != nil {
		return fmt.Errorf("bundle %d: %w", b.ID, err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "bundle.pdf")
	out, err := w.deps.Bundle(ctx, b.RequestID, b.DocKeys, path)
	if err != nil {
		// The bundle package's errors name the document and problem, never text.
		_ = w.db.SetBundleState(ctx, b.ID, "failed", err.Error())
		return river.JobCancel(fmt.Errorf("bundle %d: %w", b.ID, err))
	}
	progress(2, "saving")
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("bundle %d: %w", b.ID, err)
	}
	defer f.Close()
	if err := w.db.SaveBundleFile(ctx, b.ID, f, out.Schedule, out.Certificate); err != nil {
		return err
	}
	progress(3, "done")
	return nil
}

func nilIfEmpty(keys []string) []string {
	if len(keys) == 0 {
		return nil
	}
	return keys
}
