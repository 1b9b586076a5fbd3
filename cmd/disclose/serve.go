package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
)

const serveUsage = `usage: disclose serve [flags]

Runs the web workbench and background workers against DATABASE_URL. The
schema must be current: run 'disclose migrate' first. The audit log's seal
key must be given (DISCLOSE_AUDIT_KEY_FILE; make one with 'disclose audit
keygen'): it is kept outside the database.

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
	key, err := loadAuditKey(cfg.AuditKeyFile)
	if err == nil && key == nil {
		err = errors.New(noAuditKeyHelp)
	}
	if err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v\n", err)
		return 2
	}
	db, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v\n", err)
		return 1
	}
	defer db.Close()
	db.AuditKey = key
	if err := postgres.CheckSchema(ctx, db.Pool); err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v (run 'disclose migrate')\n", err)
		return 1
	}
	cfg.HSTS = true
	svc, err := newService(cfg, db, log)
	if err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v\n", err)
		return 1
	}
	err = svc.Run(ctx, func(addr string) { fmt.Fprintf(stdout, "serving on %s\n", addr) })
	if err != nil {
		fmt.Fprintf(stderr, "disclose serve: %v\n", err)
		return 1
	}
	return 0
}

// newService wires the workbench from the configuration.
func newService(cfg serveConfig, db *postgres.DB, log *slog.Logger) (*service.Service, error) {
	set, err := loadRules(cfg.RulesDir)
	if err != nil {
		return nil, err
	}
	var blobs blob.Store // nil: the data directory's
	if cfg.Blobs == "postgres" {
		blobs = db.Blobs()
	}
	return service.New(service.Config{
		Web: web.Config{Addr: cfg.Addr, SecureCookies: cfg.SecureCookies, HSTS: cfg.HSTS, TrustedProxies: cfg.TrustedProxies,
			MaxUploadBytes: int64(cfg.MaxUploadMB) << 20},
		DataDir: cfg.DataDir, Blobs: blobs, RecordRoots: cfg.RecordRoots, Workers: cfg.Workers, Rules: set, Log: log,
		Council: councilFromConfig(os.Getenv("DISCLOSE_COUNCIL_NAME"), os.Getenv("DISCLOSE_COUNCIL_ADDRESS")),
	}, db)
}
