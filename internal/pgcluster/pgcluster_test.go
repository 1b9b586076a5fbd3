package pgcluster

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestStartCreateStop(t *testing.T) {
	needServer(t)
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "pgc")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	t.Cleanup(func() { os.RemoveAll(dir) })

	c, err := StartWith(ctx, dir, Options{Fast: true})
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			c.Stop()
		}
	})
	if err := c.CreateDatabase(ctx, "app"); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateDatabase(ctx, "app"); err != nil {
		t.Fatalf("CreateDatabase twice: %v", err)
	}
	conn, err := pgx.Connect(ctx, c.ConnString("app"))
	if err != nil {
		t.Fatal(err)
	}
	var db, fsync string
	if err := conn.QueryRow(ctx, `SELECT current_database(), current_setting('fsync')`).Scan(&db, &fsync); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	if db != "app" || fsync != "off" {
		t.Errorf("database, fsync = %q, %q; want app, off", db, fsync)
	}
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	stopped = true
	// A second start on the same directory reuses the cluster and its data.
	c2, err := Start(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Stop()
	conn, err = pgx.Connect(ctx, c2.ConnString("app"))
	if err != nil {
		t.Fatalf("reconnect after restart: %v", err)
	}
	conn.QueryRow(ctx, `SELECT current_setting('fsync')`).Scan(&fsync)
	conn.Close(ctx)
	if fsync != "on" {
		t.Errorf("durable restart: fsync = %q, want on", fsync)
	}
}
