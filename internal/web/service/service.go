// Package service wires Disclose's parts into the running workbench: the
// PostgreSQL store, the River worker with its ingest, suggest and bundle
// steps, the bleve search and the web server. `disclose serve`, `disclose
// demo` and the end-to-end tests build it the same way.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/alexedwards/scs/pgxstore"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/search"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/worker"
)

// Config is what the service needs beyond the database.
type Config struct {
	Web     web.Config
	DataDir string // search indexes (and, with no Blobs, the local blob store)
	// Blobs keeps uploaded files and built bundles: nil = a blob.Dir under
	// DataDir (one node); every node of a cluster must share one
	// (postgres.DB.Blobs).
	Blobs       blob.Store
	TempDir     string         // where a node lays out uploads to read them and writes a bundle before storing it ("" = the system's)
	RecordRoots []string       // server-side folders a record may be attached from
	Workers     int            // jobs run at once on this node; 0 = web only
	Rules       *rules.Set     // nil = the built-in packs
	Council     bundle.Council // the bundle's sender (empty fields: bundle.DefaultCouncil)
	Log         *slog.Logger
	// BatchFiles is how many files one ingest job reads (default 8): a
	// record of more is read by one job per batch, on every worker node.
	BatchFiles int
	// Tune, if set, adjusts the worker before it is built: tests shorten
	// heartbeats and batches and stop a node mid-job (Deps.AfterBatch).
	Tune func(*worker.Deps, *worker.Config)
}

// Service is the wired workbench.
type Service struct {
	cfg    Config
	DB     *postgres.DB
	Worker *worker.Worker
	Web    *web.Server
	Jobs   *Jobs
	// x is the one extractor of this node: ingestion reads files with it
	// and bundles render scanned pages and check their text with it (its
	// PDF engine costs seconds to start and is safe to share).
	x *extract.Extractor
	// layouts are word-processor documents laid out as pages for the
	// review screen (pageview.go).
	layouts layoutCache
}

// New wires the service on db.
func New(cfg Config, db *postgres.DB) (*Service, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Rules == nil {
		set, err := rules.Default()
		if err != nil {
			return nil, err
		}
		cfg.Rules = set
	}
	if cfg.BatchFiles <= 0 {
		cfg.BatchFiles = 8
	}
	if cfg.Blobs == nil && cfg.DataDir != "" {
		cfg.Blobs = blob.Dir{Root: filepath.Join(cfg.DataDir, "blobs")}
	}
	db.Files = cfg.Blobs
	log := cfg.Log
	s := &Service{cfg: cfg, DB: db, x: extract.New(extract.Options{})}
	db.Policy = review.PolicyFrom(cfg.Rules)
	var store *pgstore.Store
	deps := worker.Deps{
		Ingest: func(ctx context.Context, dir string, files []string) (*record.Record, *ingest.Report, error) {
			return ingest.Run(ctx, dir, ingest.Options{Extractor: s.x, Files: files})
		},
		Plan:    s.plan,
		Uploads: s.uploadsFolder,
		// The ingest job queues a suggest job as it finishes.
		Suggest: suggestWith(cfg.Rules),
		Changed: func(requestID int64) { store.Changed(requestID) },
		Bundle:  s.bundleStep(cfg.Rules),
		Logger:  log,
	}
	wcfg := worker.Config{Workers: cfg.Workers, TempDir: cfg.TempDir}
	if cfg.Tune != nil {
		cfg.Tune(&deps, &wcfg)
	}
	w, err := worker.New(db, deps, wcfg)
	if err != nil {
		return nil, err
	}
	maxFile := cfg.Web.MaxFileBytes
	if maxFile <= 0 {
		maxFile = 256 << 20 // the extractors' largest file
	}
	j := &Jobs{db: db, worker: w, roots: cfg.RecordRoots, blobs: cfg.Blobs, maxFile: maxFile}
	store = pgstore.New(db, j)
	store.Resuggest = func(ctx context.Context, requestID int64) error { return Suggest(ctx, db, cfg.Rules, requestID) }
	srv, err := web.New(cfg.Web, web.Deps{Store: store,
		Search:   &pgstore.Searcher{DB: db, DataDir: cfg.DataDir, Options: indexOptions},
		Sessions: pgxstore.New(db.Pool), Log: log, Pages: s})
	if err != nil {
		return nil, err
	}
	s.Worker, s.Web, s.Jobs = w, srv, j
	return s, nil
}

// Run serves until ctx ends, working jobs meanwhile when the node has
// workers. ready receives the bound address.
func (s *Service) Run(ctx context.Context, ready func(addr string)) error {
	defer s.x.Close() // after the worker has stopped (deferred below, so run first)
	// Audit rows are chained after they commit; a timer seals any row whose
	// writer died between its commit and its seal.
	go s.DB.SealAuditEvery(ctx, 10*time.Second)
	if s.cfg.Workers > 0 {
		if err := s.Worker.Start(ctx); err != nil {
			return fmt.Errorf("start worker: %w", err)
		}
		defer s.Worker.Stop(context.WithoutCancel(ctx))
		go s.collectBlobsEvery(ctx, time.Hour)
	}
	return s.Web.Run(ctx, ready)
}

// Suggest runs the rule packs over a request's stored record and saves the
// suggestions and the person register at once, as the suggest job does
// (the person register's edits wait for it, so the page shows the
// suggestions following): in one transaction, decisions kept, undecided
// suggestions no longer made removed, one step per request at a time.
func Suggest(ctx context.Context, db *postgres.DB, set *rules.Set, requestID int64) error {
	return db.SyncSuggestions(ctx, requestID, suggestWith(set), nil)
}

// suggestWith is the suggestion step of the server: suggest.Suggest over
// the stored record, as `disclose suggest` runs it over a folder, with the
// kinds officers chose for its people.
func suggestWith(set *rules.Set) func(ctx context.Context, rec *record.Record, opts suggest.Options) (*suggest.Result, error) {
	return func(_ context.Context, rec *record.Record, opts suggest.Options) (*suggest.Result, error) {
		return suggest.Suggest(rec, set, opts)
	}
}

// batchBytes bounds the files of one ingest batch: 8 files of a scanned
// archive are a few minutes of OCR on one node.
const batchBytes = 256 << 20

// plan splits a record into ingest batches: a record folder by walking
// it, the request's uploads from their list in the database (nothing is
// fetched from the blob store to plan).
func (s *Service) plan(ctx context.Context, requestID int64, dir string, uploads bool) ([][]string, *ingest.Report, error) {
	if !uploads {
		return ingest.Plan(dir, s.cfg.BatchFiles, batchBytes)
	}
	files, err := s.DB.UploadFiles(ctx, requestID)
	if err != nil {
		return nil, nil, err
	}
	sized := make([]ingest.SizedFile, len(files))
	for i, f := range files {
		sized[i] = ingest.SizedFile{Path: f.Location + "/" + f.Name, Size: f.Size}
	}
	return ingest.Batches(sized, s.cfg.BatchFiles, batchBytes), &ingest.Report{}, nil
}

// indexOptions: the people facet comes from the subject's names and the
// persons lists.
func indexOptions(dir string, rec *record.Record) search.Options {
	var names []string
	for _, p := range rec.Persons {
		names = append(names, p.Name)
	}
	return search.Options{DataDir: dir, People: search.KnownPeople(rec.Subject, rec.Persons),
		Salt: strings.Join(append(rec.Subject.Names(), names...), "\x00")}
}
