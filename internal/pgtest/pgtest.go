// Package pgtest gives tests a real, migrated PostgreSQL database: one
// private cluster per test package (internal/pgcluster), one migrated
// template database, and a fresh copy of it per test (CREATE DATABASE ...
// TEMPLATE, a few milliseconds).
//
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	func TestX(t *testing.T) {
//		pool := pgtest.NewPool(t) // or url := pgtest.NewDB(t)
//		...
//	}
//
// Environment:
//   - DISCLOSE_TEST_DATABASE_URL or DATABASE_URL: use that server (its
//     user must be able to create databases and roles) instead of a private cluster.
//   - DISCLOSE_TESTDB=required: a missing server fails the tests; unset, tests
//     that need a database are skipped when no server binaries are found.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/disclose-sar/disclose/internal/pgcluster"
	"github.com/disclose-sar/disclose/internal/postgres"
)

var (
	mu       sync.Mutex // serialises CREATE DATABASE from the template
	adminURL string     // maintenance database ("postgres") on the server
	template string     // migrated template database name
	skipWhy  string     // set when no server is available and it is not required
	counter  atomic.Int64
)

// Main starts the server, builds the migrated template, runs the tests,
// drops what it made and stops the server. It calls os.Exit.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx := context.Background()
	required := os.Getenv("DISCLOSE_TESTDB") == "required"
	stop, err := start(ctx)
	if err != nil {
		if required {
			fmt.Fprintf(os.Stderr, "pgtest: DISCLOSE_TESTDB=required and no database: %v\n", err)
			return 1
		}
		skipWhy = err.Error()
		return m.Run()
	}
	code := m.Run()
	stop()
	return code
}

// start finds or starts a server and builds the template; it returns the
// function that undoes both.
func start(ctx context.Context) (func(), error) {
	ext := os.Getenv("DISCLOSE_TEST_DATABASE_URL")
	if ext == "" {
		ext = os.Getenv("DATABASE_URL")
	}
	var cleanup []func()
	undo := func() {
		for i := len(cleanup) - 1; i >= 0; i-- {
			cleanup[i]()
		}
	}
	if ext != "" {
		adminURL = ext
	} else {
		if _, err := pgcluster.FindBinDir(""); err != nil {
			return nil, err
		}
		dir, err := os.MkdirTemp("", "disclose-pg-")
		if err != nil {
			return nil, err
		}
		cleanup = append(cleanup, func() { os.RemoveAll(dir) })
		// MkdirTemp makes the directory 0700; the server runs as postgres when we are root.
		if err := os.Chmod(dir, 0o755); err != nil {
			undo()
			return nil, err
		}
		c, err := pgcluster.StartWith(ctx, dir, pgcluster.Options{Fast: true})
		if err != nil {
			undo()
			return nil, err
		}
		cleanup = append(cleanup, func() { c.Stop() })
		adminURL = c.ConnString("postgres")
	}
	template = fmt.Sprintf("disclose_tmpl_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6)
	if err := exec(ctx, "CREATE DATABASE "+pgx.Identifier{template}.Sanitize()); err != nil {
		undo()
		return nil, err
	}
	cleanup = append(cleanup, func() { dropDB(template) })
	pool, err := pgxpool.New(ctx, withDB(adminURL, template))
	if err != nil {
		undo()
		return nil, err
	}
	_, err = postgres.Migrate(ctx, pool)
	pool.Close()
	if err != nil {
		undo()
		return nil, err
	}
	return undo, nil
}

// NewDB returns the URL of a fresh, migrated database dropped when t ends.
// It skips t when no server is available and DISCLOSE_TESTDB is not "required".
func NewDB(t testing.TB) string {
	t.Helper()
	if skipWhy != "" {
		t.Skipf("no PostgreSQL: %s", skipWhy)
	}
	if template == "" {
		t.Fatal("pgtest: call pgtest.Main(m) from TestMain")
	}
	name := fmt.Sprintf("%s_t%d", template, counter.Add(1))
	mu.Lock()
	err := exec(context.Background(), fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY",
		pgx.Identifier{name}.Sanitize(), pgx.Identifier{template}.Sanitize()))
	mu.Unlock()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() { dropDB(name) })
	return withDB(adminURL, name)
}

// NewPool is NewDB with a pool on it, closed when t ends.
func NewPool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), NewDB(t))
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// AuditKey is the audit seal key tests give postgres.DB (a fixed value:
// test databases are thrown away).
func AuditKey() []byte {
	key := make([]byte, postgres.AuditKeySize)
	for i := range key {
		key[i] = byte(i + 1)
	}
	return key
}

func exec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", strings.SplitN(sql, " TEMPLATE", 2)[0], err)
	}
	return nil
}

func dropDB(name string) {
	_ = exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
}

// withDB replaces the database of a URL or key=value connection string.
func withDB(conn, db string) string {
	if u, err := url.Parse(conn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + db
		return u.String()
	}
	return conn + " dbname=" + db
}
