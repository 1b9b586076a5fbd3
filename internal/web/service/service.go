// Package service wires Disclose's parts into the running workbench: the
// PostgreSQL store, the River worker with its ingest, suggest and bundle
// steps, the bleve search and the web server. `disclose serve`, `disclose
// demo` and the end-to-end tests build it the same way.
package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/alexedwards/scs/pgxstore"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/search"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/worker"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Config is what the service needs beyond the database.
type Config struct {
	Web         web.Config
	DataDir     string     // search indexes
	RecordRoots []string   // server-side folders a record may be attached from
	Workers     int        // jobs run at once on this node; 0 = web only
	Rules       *rules.Set // nil = the built-in packs
	Log         *slog.Logger
}

// Service is the wired workbench.
type Service struct {
	cfg    Config
	DB     *postgres.DB
	Worker *worker.Worker
	Web    *web.Server
	Jobs   *Jobs
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
	log := cfg.Log
	var store *pgstore.Store
	deps := worker.Deps{
		Ingest: func(ctx context.Context, dir string) (*record.Record, error) {
			rec, _, err := ingest.Run(ctx, dir, ingest.Options{})
			return rec, err
		},
		// Suggestions are made once the last batch of documents is saved.
		AfterBatch: func(ctx context.Context, requestID int64, done, total int) {
			if done == total {
				if err := Suggest(ctx, db, cfg.Rules, requestID); err != nil {
					log.ErrorContext(ctx, "suggest after ingest", "request", requestID, "err", err)
				}
			}
			store.Changed(requestID)
		},
		Bundle: bundleStep(cfg.Rules),
		Logger: log,
	}
	w, err := worker.New(db, deps, worker.Config{Workers: cfg.Workers})
	if err != nil {
		return nil, err
	}
	j := &Jobs{db: db, worker: w, roots: cfg.RecordRoots}
	store = pgstore.New(db, j)
	store.Resuggest = func(ctx context.Context, requestID int64) error { return Suggest(ctx, db, cfg.Rules, requestID) }
	srv, err := web.New(cfg.Web, web.Deps{Store: store,
		Search:   &pgstore.Searcher{DB: db, DataDir: cfg.DataDir, Options: indexOptions},
		Sessions: pgxstore.New(db.Pool), Encrypt: pgstore.EncryptPDF, Log: log})
	if err != nil {
		return nil, err
	}
	return &Service{cfg: cfg, DB: db, Worker: w, Web: srv, Jobs: j}, nil
}

// Run serves until ctx ends, working jobs meanwhile when the node has
// workers. ready receives the bound address.
func (s *Service) Run(ctx context.Context, ready func(addr string)) error {
	if s.cfg.Workers > 0 {
		if err := s.Worker.Start(ctx); err != nil {
			return fmt.Errorf("start worker: %w", err)
		}
		defer s.Worker.Stop(context.WithoutCancel(ctx))
	}
	return s.Web.Run(ctx, ready)
}

// Suggest runs the rule packs over a request's stored record and saves the
// suggestions (decisions already made are kept by the store).
func Suggest(ctx context.Context, db *postgres.DB, set *rules.Set, requestID int64) error {
	rec, err := db.Record(ctx, requestID)
	if err != nil {
		return err
	}
	res, err := suggest.Suggest(rec, set, suggest.Options{})
	if err != nil {
		return err
	}
	if err := db.SaveSuggestions(ctx, requestID, res.Suggestions); err != nil {
		return err
	}
	ids := make([]string, len(res.Suggestions))
	for i, sg := range res.Suggestions {
		ids[i] = sg.ID
	}
	_, err = db.DeleteStaleSuggestions(ctx, requestID, ids)
	return err
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

// Jobs queues background work for the web layer (pgstore.Jobs).
type Jobs struct {
	db     *postgres.DB
	worker *worker.Worker
	roots  []string
}

// Ingest queues ingestion of a record folder under an allowed root.
func (j *Jobs) Ingest(ctx context.Context, requestID int64, _, path string) error {
	dir, err := AllowedRecord(path, j.roots)
	if err != nil {
		return workflow.Errorf(workflow.ErrInvalid, "%s", err.Error())
	}
	_, err = j.worker.Enqueue(ctx, nil, worker.IngestArgs{RequestID: requestID, Dir: dir})
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
