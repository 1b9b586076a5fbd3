package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/pgcluster"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/synth"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

const demoUsage = `usage: disclose demo [--record DIR] [--data DIR] [--addr :8080]

Runs the workbench with nothing set up: without DATABASE_URL it starts a
private PostgreSQL cluster under the data directory, migrates it, creates an
administrator with a one-time password (printed once), logs the record as a
request and ingests it, and serves http://localhost:8080. Without --record
the record is a synthetic care record the project generates itself (an
invented family, about 60 pages of case notes, letters, e-mails, minutes and
scans), written to the data directory on first run.

`

// demoAdmin is the demo administrator's sign-in.
const demoAdmin = "admin@disclose.local"

// runDemo is `disclose demo`.
func runDemo(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	var cfg serveConfig
	fs := newFlagSet("demo", demoUsage, stderr)
	cfg.register(fs, false)
	recordDir := fs.String("record", "", "record folder to load as a request (default: a generated synthetic record)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if cfg.DataDir == "data" && os.Getenv("DISCLOSE_DATA") == "" {
		cfg.DataDir = filepath.Join("data", "demo")
	}
	if err := cfg.validate(false); err != nil {
		fmt.Fprintf(stderr, "disclose demo: %v\n", err)
		return 2
	}
	start := time.Now()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	db, stop, err := demoDB(ctx, &cfg, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "disclose demo: %v\n", err)
		return 1
	}
	defer stop()
	if *recordDir == "" {
		dir, err := demoRecord(cfg.DataDir, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "disclose demo: synthetic record: %v\n", err)
			return 1
		}
		*recordDir = dir
	}
	rec, err := filepath.Abs(*recordDir)
	if err != nil {
		fmt.Fprintf(stderr, "disclose demo: %v\n", err)
		return 2
	}
	cfg.RecordRoots = append(cfg.RecordRoots, filepath.Dir(rec))
	svc, err := newService(cfg, db, log)
	if err != nil {
		fmt.Fprintf(stderr, "disclose demo: %v\n", err)
		return 1
	}
	admin, pw, err := demoUser(ctx, db)
	if err != nil {
		fmt.Fprintf(stderr, "disclose demo: %v\n", err)
		return 1
	}
	if err := demoRequest(ctx, db, svc.Jobs, admin, rec); err != nil {
		fmt.Fprintf(stderr, "disclose demo: load record: %v\n", err)
		return 1
	}
	err = svc.Run(ctx, func(addr string) {
		url := "http://localhost" + addr[strings.LastIndex(addr, ":"):]
		fmt.Fprintf(stdout, "\nDisclose demo is serving on %s (ready in %.1fs)\n", url, time.Since(start).Seconds())
		fmt.Fprintf(stdout, "Sign in as %s with the one-time password: %s\n", demoAdmin, pw)
		fmt.Fprintf(stdout, "(The password is shown only now; run the demo again for a new one.) The record is being ingested in the background.\n")
	})
	if err != nil {
		fmt.Fprintf(stderr, "disclose demo: %v\n", err)
		return 1
	}
	return 0
}

// demoDB connects to DATABASE_URL, or starts a private cluster under the
// data directory, and migrates. The audit key is the configured one, or
// the demo's own in the data directory (made on first run, mode 0600). stop closes the pool and the cluster.
func demoDB(ctx context.Context, cfg *serveConfig, stdout io.Writer) (*postgres.DB, func(), error) {
	stopCluster := func() {}
	url := cfg.DatabaseURL
	if url == "" {
		c, err := pgcluster.StartWith(ctx, filepath.Join(cfg.DataDir, "postgres"), pgcluster.Options{Fast: true})
		if err != nil {
			return nil, nil, err
		}
		stopCluster = func() { c.Stop() }
		if c.Orphan != 0 {
			fmt.Fprintf(stdout, "stopped PostgreSQL (pid %d) left running in %s by an earlier run that did not shut down\n", c.Orphan, c.Dir())
		}
		if err := c.CreateDatabase(ctx, "disclose"); err != nil {
			stopCluster()
			return nil, nil, err
		}
		url = c.ConnString("disclose")
		fmt.Fprintf(stdout, "private PostgreSQL cluster in %s\n", c.Dir())
	}
	key, err := loadAuditKey(cfg.AuditKeyFile)
	if err == nil && key == nil {
		key, err = demoAuditKey(cfg.DataDir)
	}
	if err != nil {
		stopCluster()
		return nil, nil, err
	}
	db, err := postgres.Open(ctx, url)
	if err != nil {
		stopCluster()
		return nil, nil, err
	}
	db.AuditKey = key
	if _, err := postgres.Migrate(ctx, db.Pool); err != nil {
		db.Close()
		stopCluster()
		return nil, nil, err
	}
	return db, func() { db.Close(); stopCluster() }, nil
}

// demoUser creates the demo administrator (who also works requests, so
// one sign-in shows everything but legal approval), or gives them a new
// one-time password when they exist from an earlier run.
func demoUser(ctx context.Context, db *postgres.DB) (workflow.User, string, error) {
	u, pw, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: demoAdmin, Name: "Demo administrator",
		Roles: []workflow.Role{workflow.RoleAdmin, workflow.RoleIGOfficer, workflow.RoleManager}, Team: "Information governance"})
	if errors.Is(err, workflow.ErrExists) {
		if pw, err = db.ResetPassword(ctx, 0, demoAdmin); err != nil {
			return u, "", err
		}
		users, err := db.Users(ctx)
		if err != nil {
			return u, "", err
		}
		for _, x := range users {
			if strings.EqualFold(x.Email, demoAdmin) {
				return x, pw, nil
			}
		}
		return u, "", errors.New("demo administrator not found after reset")
	}
	return u, pw, err
}

// demoRequest logs the record as a request and queues its ingestion,
// unless an earlier run already did.
func demoRequest(ctx context.Context, db *postgres.DB, j *service.Jobs, admin workflow.User, dir string) error {
	existing, err := db.Requests(ctx, postgres.RequestFilter{Teams: []int64{admin.TeamID}})
	if err != nil || len(existing) > 0 {
		return err
	}
	b, err := os.ReadFile(filepath.Join(dir, ingest.SubjectFile))
	if err != nil {
		return err
	}
	var subj record.Subject
	if err := json.Unmarshal(b, &subj); err != nil {
		return fmt.Errorf("%s: %w", ingest.SubjectFile, err)
	}
	r, err := db.CreateRequest(ctx, admin.ID, record.Request{Subject: subj,
		Requester: record.Requester{Kind: record.RequesterSubject, Name: subj.Name}, Channel: "email",
		Regime: "uk-gdpr", Nation: "england-and-wales", Received: time.Now().AddDate(0, 0, -3).UTC().Truncate(24 * time.Hour),
		Team: admin.TeamID, Assignee: admin.ID})
	if err != nil {
		return err
	}
	return j.Ingest(ctx, admin, r.ID, "", dir)
}

// demoRecord writes the project's own synthetic record under the data
// directory the first time (records/synthetic/record) and returns its folder:
// the demo needs nothing outside the repository.
func demoRecord(dataDir string, stdout io.Writer) (string, error) {
	dir := filepath.Join(dataDir, "records", "synthetic", "record")
	if _, err := os.Stat(filepath.Join(dir, "subject.json")); err == nil {
		return dir, nil
	}
	st, err := synth.Write(dir, 60, 1)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(stdout, "Wrote a synthetic care record (%d files, invented people) to %s\n", st.Files, dir)
	return dir, nil
}
