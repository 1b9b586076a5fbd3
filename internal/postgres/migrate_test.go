package postgres_test

import (
	"context"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
)

// TestMigrateFromEmpty applies every migration to an empty database, twice
// at once (two nodes starting together), then checks the schema.
func TestMigrateFromEmpty(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.NewPool(t)
	// Empty it: the test database comes migrated from the template.
	if _, err := pool.Exec(ctx, `DROP SCHEMA public CASCADE; CREATE SCHEMA public`); err != nil {
		t.Fatal(err)
	}
	if err := postgres.CheckSchema(ctx, pool); err == nil {
		t.Fatal("CheckSchema on an empty database = nil, want an error")
	}
	all, err := postgres.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	applied := make([][]int, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() { applied[i], errs[i] = postgres.Migrate(ctx, pool) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("Migrate: %v", err)
		}
	}
	if n := len(applied[0]) + len(applied[1]); n != len(all) {
		t.Errorf("two concurrent Migrate calls applied %d migrations in all, want %d", n, len(all))
	}
	if err := postgres.CheckSchema(ctx, pool); err != nil {
		t.Errorf("CheckSchema after Migrate: %v", err)
	}
	mustNotChange(t, ctx, pool)
}

func mustNotChange(t *testing.T, ctx context.Context, pool *pgxpool.Pool) {
	t.Helper()
	var priv bool
	if err := pool.QueryRow(ctx, `SELECT has_table_privilege('disclose_app', 'audit_log', 'UPDATE')
		OR has_table_privilege('disclose_app', 'audit_log', 'DELETE')`).Scan(&priv); err != nil {
		t.Fatal(err)
	}
	if priv {
		t.Error("disclose_app may UPDATE or DELETE audit_log")
	}
	var ins bool
	pool.QueryRow(ctx, `SELECT has_table_privilege('disclose_app', 'audit_log', 'INSERT')
		AND has_table_privilege('disclose_app', 'documents', 'UPDATE')
		AND has_table_privilege('disclose_app', 'river_job', 'INSERT')`).Scan(&ins)
	if !ins {
		t.Error("disclose_app lacks INSERT on audit_log or write access to documents/river_job")
	}
}
