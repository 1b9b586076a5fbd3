package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/alexedwards/scs/pgxstore"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/worker"
	"github.com/disclose-sar/disclose/internal/workflow"
)

const serveUsage = `usage: disclose serve [flags]

Runs the web workbench and background workers against DATABASE_URL. The
schema must be current: run 'disclose migrate' first.

`

// runServe is `disclose serve`.
func runServe(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	var cfg serveConfig
	fs := newFlagSet("serve", serveUsage, stderr)
	cfg.register(fs, true)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := cfg.validate(true); err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v\n", err)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	db, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v\n", err)
		return 1
	}
	defer db.Close()
	if err := postgres.CheckSchema(ctx, db.Pool); err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v (run 'disclose migrate')\n", err)
		return 1
	}
	a, err := newApp(cfg, db, log)
	if err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v\n", err)
		return 1
	}
	err = a.run(ctx, func(addr string) { fmt.Fprintf(stdout, "serving on %s\n", addr) })
	if err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v\n", err)
		return 1
	}
	return 0
}

// app is the wired service: web server, job queue, store.
type app struct {
	cfg    serveConfig
	db     *postgres.DB
	worker *worker.Worker
	web    *web.Server
	jobs   *jobs
	log    *slog.Logger
}

// newApp wires the store, the worker's steps, search and the web server.
func newApp(cfg serveConfig, db *postgres.DB, log *slog.Logger) (*app, error) {
	set, err := loadRules(cfg.RulesDir)
	if err != nil {
		return nil, err
	}
	deps := worker.Deps{
		Ingest: func(ctx context.Context, dir string) (*record.Record, error) {
			rec, _, err := ingest.Run(ctx, dir, ingest.Options{})
			return rec, err
		},
		// Suggestions are made once the last batch of documents is saved.
		AfterBatch: func(ctx context.Context, requestID int64, done, total int) {
			if done == total {
				if err := suggestRequest(ctx, db, set, requestID); err != nil {
					log.ErrorContext(ctx, "suggest after ingest", "request", requestID, "err", err)
				}
			}
		},
		Bundle: bundleStep(db),
		Logger: log,
	}
	w, err := worker.New(db, deps, worker.Config{Workers: cfg.Workers})
	if err != nil {
		return nil, err
	}
	j := &jobs{db: db, worker: w, roots: cfg.RecordRoots}
	srv, err := web.New(web.Config{Addr: cfg.Addr, SecureCookies: cfg.SecureCookies, TrustedProxies: cfg.TrustedProxies},
		web.Deps{Store: pgstore.New(db, j), Search: &pgstore.Searcher{DB: db, DataDir: cfg.DataDir, Options: indexOptions},
			Sessions: pgxstore.New(db.Pool), Encrypt: pgstore.EncryptPDF, Log: log})
	if err != nil {
		return nil, err
	}
	return &app{cfg: cfg, db: db, worker: w, web: srv, jobs: j, log: log}, nil
}

// run serves until ctx ends, working jobs meanwhile when this node has workers.
func (a *app) run(ctx context.Context, ready func(addr string)) error {
	if a.cfg.Workers > 0 {
		if err := a.worker.Start(ctx); err != nil {
			return fmt.Errorf("start worker: %w", err)
		}
		defer a.worker.Stop(context.WithoutCancel(ctx))
	}
	return a.web.Run(ctx, ready)
}

// suggestRequest runs the rule packs over a request's stored record and
// saves the suggestions (decisions already made are kept by the store).
func suggestRequest(ctx context.Context, db *postgres.DB, set *rules.Set, requestID int64) error {
	rec, err := db.Record(ctx, requestID)
	if err != nil {
		return err
	}
	res, err := suggest.Suggest(rec, set, suggest.Options{})
	if err != nil {
		return err
	}
	return db.SaveSuggestions(ctx, requestID, res.Suggestions)
}

// jobs queues background work for the web layer (pgstore.Jobs).
type jobs struct {
	db     *postgres.DB
	worker *worker.Worker
	roots  []string
}

// Ingest queues ingestion of a record folder under an allowed root.
func (j *jobs) Ingest(ctx context.Context, requestID int64, _, path string) error {
	dir, err := allowedRecord(path, j.roots)
	if err != nil {
		return workflow.Errorf(workflow.ErrInvalid, "%s", err.Error())
	}
	_, err = j.worker.Enqueue(ctx, nil, worker.IngestArgs{RequestID: requestID, Dir: dir})
	return err
}

// Bundle creates the next release of a request and queues its build.
func (j *jobs) Bundle(ctx context.Context, u workflow.User, requestID int64) (int64, error) {
	b, err := j.db.CreateBundle(ctx, u.ID, requestID, nil)
	if err != nil {
		return 0, err
	}
	if _, err := j.worker.Enqueue(ctx, nil, worker.BundleArgs{BundleID: b.ID}); err != nil {
		return 0, err
	}
	return b.ID, nil
}

var errNoBundler = errors.New("this build cannot render bundles")
