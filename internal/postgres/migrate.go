package postgres

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/disclose-sar/disclose/migrations"
)

// migrateLock is the advisory lock key held while migrating, so two nodes
// starting at once apply each migration exactly once.
const migrateLock = 7355608

// Migration is one numbered SQL file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in order.
func Migrations() ([]Migration, error) {
	names, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, n := range names {
		num, _, ok := strings.Cut(n, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("postgres: migration %s: name must be NNNN_name.sql", n)
		}
		body, err := fs.ReadFile(migrations.FS, n)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: n, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := range out {
		if out[i].Version != i+1 {
			return nil, fmt.Errorf("postgres: migrations must be numbered 1, 2, 3...: %s", out[i].Name)
		}
	}
	return out, nil
}

// Migrate brings the database up to date: River's queue tables (through
// River's own migrator), then Disclose's numbered migrations, each in its own
// transaction and recorded in schema_version, then the application role's
// grants. It holds an advisory lock throughout, so concurrent callers wait
// and then find nothing to do. It returns the versions it applied.
func Migrate(ctx context.Context, pool *pgxpool.Pool) ([]int, error) {
	all, err := Migrations()
	if err != nil {
		return nil, err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrateLock); err != nil {
		return nil, fmt.Errorf("postgres: migrate lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLock)

	rm, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return nil, fmt.Errorf("postgres: river migrator: %w", err)
	}
	if _, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("postgres: river migrate: %w", err)
	}

	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version integer PRIMARY KEY,
		name text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return nil, fmt.Errorf("postgres: schema_version: %w", err)
	}
	current, err := schemaVersion(ctx, conn.Conn())
	if err != nil {
		return nil, err
	}
	var applied []int
	for _, m := range all {
		if m.Version <= current {
			continue
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_version (version, name) VALUES ($1, $2)`, m.Version, m.Name)
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("postgres: migration %s: %w", m.Name, err)
		}
		applied = append(applied, m.Version)
	}
	if _, err := conn.Exec(ctx, grantsSQL); err != nil {
		return applied, fmt.Errorf("postgres: grants: %w", err)
	}
	return applied, nil
}

// grantsSQL gives the application role what it needs on every table,
// including River's, and takes back any change to the audit log and its chain.
const grantsSQL = `
GRANT USAGE ON SCHEMA public TO disclose_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO disclose_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO disclose_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM disclose_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_seal FROM disclose_app;
REVOKE DELETE, TRUNCATE ON audit_epoch, audit_head FROM disclose_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_version FROM disclose_app;`

func schemaVersion(ctx context.Context, conn *pgx.Conn) (int, error) {
	var v int
	err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("postgres: read schema version: %w", err)
	}
	return v, nil
}

// CheckSchema returns an error unless the database has every migration this
// binary knows (and no newer ones) and River's tables are current: `serve`
// refuses to start on an old schema rather than fail mid-request.
func CheckSchema(ctx context.Context, pool *pgxpool.Pool) error {
	all, err := Migrations()
	if err != nil {
		return err
	}
	want := all[len(all)-1].Version
	var got int
	err = pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&got)
	if err != nil {
		return fmt.Errorf("postgres: database has no schema; run `disclose migrate`: %w", err)
	}
	if got < want {
		return fmt.Errorf("postgres: database schema is version %d, this binary needs %d; run `disclose migrate`", got, want)
	}
	if got > want {
		return fmt.Errorf("postgres: database schema is version %d, newer than this binary's %d; upgrade the binary", got, want)
	}
	rm, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("postgres: river migrator: %w", err)
	}
	res, err := rm.Validate(ctx, nil)
	if err != nil {
		return fmt.Errorf("postgres: check queue tables: %w", err)
	}
	if !res.OK {
		return fmt.Errorf("postgres: queue tables are out of date (%s); run `disclose migrate`", strings.Join(res.Messages, "; "))
	}
	return nil
}
