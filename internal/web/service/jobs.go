package service

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/worker"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Jobs queues background work for the web layer (pgstore.Jobs).
type Jobs struct {
	db      *postgres.DB
	worker  *worker.Worker
	roots   []string
	blobs   blob.Store // uploaded files; nil = no uploads
	maxFile int64      // bytes an uploaded file may have
	mu      sync.Mutex
}

// Ingest records a record folder under an allowed root as a location of
// the request and queues its ingestion in the same transaction. The name
// defaults to the folder's own.
func (j *Jobs) Ingest(ctx context.Context, u workflow.User, requestID int64, name, path string) error {
	dir, err := AllowedRecord(path, j.roots)
	if err != nil {
		return workflow.Errorf(workflow.ErrInvalid, "%s", err.Error())
	}
	if name = strings.TrimSpace(name); name == "" {
		name = filepath.Base(dir)
	}
	_, err = j.db.AddLocation(ctx, u.ID, postgres.Location{RequestID: requestID, Name: name, Source: postgres.LocationFolder, Path: dir},
		func(tx pgx.Tx) error {
			_, err := j.worker.Enqueue(ctx, tx, worker.IngestArgs{RequestID: requestID, Dir: dir})
			return err
		})
	return err
}

// Bundle creates the next release of a request and queues its build.
func (j *Jobs) Bundle(ctx context.Context, u workflow.User, requestID int64) (int64, error) {
	b, err := j.db.CreateBundle(ctx, u.ID, requestID, nil)
	if err != nil {
		return 0, err
	}
	if _, err := j.worker.Enqueue(ctx, nil, worker.BundleArgs{BundleID: b.ID}); err != nil {
		return 0, err
	}
	return b.ID, nil
}

// AllowedRecord resolves a record folder and checks it lies under one of
// the roots (after symlinks), so a web user cannot make the server read any
// folder it can see.
func AllowedRecord(path string, roots []string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", errors.New("record folder not found")
	}
	for _, r := range roots {
		rr, err := filepath.EvalSymlinks(r)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(rr, real); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
			return real, nil
		}
	}
	return "", errors.New("that folder is not under a configured record root (DISCLOSE_RECORD_ROOTS)")
}

// uploadsDir is where files uploaded before the blob store were kept: one
// folder per request, one per location inside it. Bundles still read
// scanned pages of those from there.
func (s *Service) uploadsDir() string {
	if s.cfg.DataDir == "" {
		return ""
	}
	return filepath.Join(s.cfg.DataDir, "uploads")
}
