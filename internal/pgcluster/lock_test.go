package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/testproc"
)

// ownerEnv names the directory a child process of TestOrphanTakenOver
// starts a cluster in before it is killed.
const ownerEnv = "DISCLOSE_TEST_CLUSTER_OWNER"

func TestMain(m *testing.M) {
	if dir := os.Getenv(ownerEnv); dir != "" {
		os.Exit(runOwner(dir))
	}
	os.Exit(m.Run())
}

// runOwner starts the cluster in dir, leaves a table in it, says so and
// waits to be killed.
func runOwner(dir string) int {
	ctx := context.Background()
	c, err := StartWith(ctx, dir, Options{Fast: true})
	if err == nil {
		err = c.CreateDatabase(ctx, "app")
	}
	if err == nil {
		var conn *pgx.Conn
		if conn, err = pgx.Connect(ctx, c.ConnString("app")); err == nil {
			_, err = conn.Exec(ctx, `CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)`)
			conn.Close(ctx)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("started")
	select {}
}

func needServer(t *testing.T) {
	t.Helper()
	if _, err := FindBinDir(""); errors.Is(err, ErrNoServer) {
		if os.Getenv("DISCLOSE_TESTDB") == "required" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

// TestOrphanTakenOver: the process that started a cluster is killed with
// SIGKILL and its server runs on; the next start on the directory stops
// that orphan and starts the cluster again, data intact, and while it runs
// a second start on the same directory is refused instead of stopping it.
func TestOrphanTakenOver(t *testing.T) {
	needServer(t)
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "pgo")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	t.Cleanup(func() { os.RemoveAll(dir) })

	child := testproc.Start(t, ownerEnv+"="+dir, "started", 2*time.Minute)
	testproc.Kill(t, child)
	c0 := &Cluster{dir: dir}
	orphan := postmasterPID(c0.dataDir())
	conn, err := pgx.Connect(ctx, c0.ConnString("app"))
	if err != nil || orphan == 0 {
		t.Fatalf("after killing its owner the server should run on: pid %d, connect: %v", orphan, err)
	}
	conn.Close(ctx)

	c, err := StartWith(ctx, dir, Options{Fast: true})
	if err != nil {
		t.Fatalf("StartWith over an orphaned server: %v", err)
	}
	defer c.Stop()
	if c.Orphan != orphan {
		t.Errorf("Orphan = %d, want the killed owner's server %d", c.Orphan, orphan)
	}
	if now := postmasterPID(c.dataDir()); now == orphan || now == 0 {
		t.Errorf("server pid after the take-over = %d, want a new server (the orphan was %d)", now, orphan)
	}
	conn, err = pgx.Connect(ctx, c.ConnString("app"))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	err = conn.QueryRow(ctx, `SELECT n FROM kept`).Scan(&n)
	conn.Close(ctx)
	if err != nil || n != 7 {
		t.Errorf("data after the take-over: %d, %v; want the owner's row 7", n, err)
	}

	if c2, err := StartWith(ctx, dir, Options{Fast: true}); err == nil || !strings.Contains(err.Error(), "in use") {
		if err == nil {
			c2.Stop()
		}
		t.Errorf("StartWith on a cluster another owner runs = %v; want refused as in use", err)
	}
	// The refused start left the running cluster alone.
	if conn, err := pgx.Connect(ctx, c.ConnString("app")); err != nil {
		t.Errorf("the cluster after a refused second start: %v", err)
	} else {
		conn.Close(ctx)
	}
}
