package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

const benchServeUsage = `  serve [--reviewers 50] [--duration 60s] [--pages 2000] [--think 0s]
      start the workbench on loopback (a private PostgreSQL cluster unless
      DATABASE_URL is set) with a generated request, sign in that many
      reviewers and have each open documents and post decisions for the
      duration; prints p50/p95/p99 latency per kind of request and fails on
      any error.
`

// benchServe is `disclose bench serve`: the load check of issue 5.
func benchServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("bench serve", benchServeUsage, stderr)
	reviewers := fs.Int("reviewers", 50, "concurrent reviewers")
	duration := fs.Duration("duration", 60*time.Second, "how long they work")
	pages := fs.Int("pages", 2000, "pages in the generated request")
	think := fs.Duration("think", 0, "pause after each decision (0: back to back, a stress test)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *reviewers < 1 || *pages < 5*(*reviewers) {
		fmt.Fprintln(stderr, "disclose bench serve: need at least one reviewer and five pages per reviewer")
		return 2
	}
	dir, err := os.MkdirTemp("", "disclose-bench-serve-")
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench serve: %v\n", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The private cluster runs as the postgres user when we are root.
	if err := os.Chmod(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "disclose bench serve: %v\n", err)
		return 1
	}
	cfg := serveConfig{DatabaseURL: os.Getenv("DATABASE_URL"), DataDir: filepath.Join(dir, "data")}
	db, stop, err := demoDB(ctx, &cfg, io.Discard)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench serve: %v\n", err)
		return 1
	}
	defer stop()
	res, err := runLoad(ctx, db, cfg.DataDir, *reviewers, *pages, *duration, *think)
	if err != nil {
		fmt.Fprintf(stderr, "disclose bench serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%d reviewers for %s, think time %s, on a %d-page request (loopback, PostgreSQL %s)\n", res.Reviewers, res.Duration, *think, *pages,
		map[bool]string{true: "from DATABASE_URL", false: "private cluster"}[os.Getenv("DATABASE_URL") != ""])
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "request\tcount\tper s\tp50 ms\tp95 ms\tp99 ms\t")
	for _, op := range []string{"read", "decide"} {
		o := res.Ops[op]
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.1f\t%.1f\t%.1f\t\n", op, o.Count(), float64(o.Count())/res.Duration.Seconds(),
			ms(o.Quantile(0.5)), ms(o.Quantile(0.95)), ms(o.Quantile(0.99)))
	}
	tw.Flush()
	fmt.Fprintf(stdout, "errors: %d, conflicts (409, expected when two decide at once): %d\n", res.Errors, res.Conflicts)
	if res.Errors > 0 {
		fmt.Fprintf(stderr, "disclose bench serve: %d errors; first: %s\n", res.Errors, res.FirstErr)
		return 1
	}
	// Every view and decision was audited: the chain must hold them all.
	start := time.Now()
	v, err := db.VerifyAudit(ctx, postgres.AuditHead{})
	if err != nil || !v.OK {
		fmt.Fprintf(stderr, "disclose bench serve: audit chain after the run: %+v, %v\n", v, err)
		return 1
	}
	fmt.Fprintf(stdout, "audit chain: %d rows, sealed and verified in %.0f ms after the run\n", v.Rows, ms(time.Since(start)))
	return 0
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// runLoad seeds a request, starts the workbench on loopback and runs the
// reviewers against it.
func runLoad(ctx context.Context, db *postgres.DB, dataDir string, reviewers, pages int, d, think time.Duration) (*service.LoadResult, error) {
	owner, _, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "owner@bench.test", Name: "Bench owner",
		Roles: []workflow.Role{workflow.RoleIGOfficer}, Team: "bench"})
	if err != nil {
		return nil, err
	}
	var rs []service.Reviewer
	for i := 0; i < reviewers; i++ {
		email := fmt.Sprintf("reviewer%02d@bench.test", i)
		_, pw, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: email, Name: fmt.Sprintf("Reviewer %d", i),
			Roles: []workflow.Role{workflow.RoleIGOfficer}, Team: "bench"})
		if err != nil {
			return nil, err
		}
		rs = append(rs, service.Reviewer{Email: email, Password: pw})
	}
	reqID, docs, err := service.SeedRequest(ctx, db, owner, pages)
	if err != nil {
		return nil, err
	}
	svc, err := service.New(service.Config{Web: web.Config{Addr: "127.0.0.1:0", LoginPerMinute: reviewers * 4},
		DataDir: dataDir, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
	if err != nil {
		return nil, err
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- svc.Run(sctx, func(addr string) { ready <- addr }) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		return nil, err
	}
	res, err := service.Load(ctx, "http://"+addr, reqID, docs, rs, d, think)
	cancel()
	<-done
	return res, err
}
