// Package postgres stores Disclose's requests, documents, review decisions,
// approvals, bundles, users and audit log in PostgreSQL through pgx. SQL is
// written by hand beside each method, one file per table or aggregate.
// Exported methods own their transaction; every write the web layer calls
// appends an audit row in the same transaction, so an action and its audit
// entry commit together or not at all.
//
// Errors come back as workflow kinds (workflow.ErrNotFound, ErrExists,
// ErrConflict, ErrInvalid) mapped in one place, mapErr.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// DB is the database handle the web layer and workers share.
type DB struct {
	Pool *pgxpool.Pool
	// Policy gives decisions their meaning (which need legal sign-off);
	// the zero value takes the embedded rule packs' codes.
	Policy review.Policy
	// AuditKey seals the audit chain (HMAC-SHA256, audit_key.go); it is
	// kept outside the database. Nil: audit rows are appended and wait for
	// a process with the key to seal them.
	AuditKey []byte
	// Files, when set, keeps built bundles (blob.Store: a node's directory
	// or the blobs tables, DISCLOSE_BLOBS) instead of the bundles row's
	// bytea; a row written before keeps its file and is read from there.
	Files blob.Store

	sealer     auditSealer // chains audit rows after commit (audit_seal.go)
	policyOnce sync.Once
	policy     review.Policy
}

// decisionPolicy is Policy, or the embedded packs' when none was set.
func (db *DB) decisionPolicy() review.Policy {
	db.policyOnce.Do(func() {
		db.policy = db.Policy
		if db.policy.Codes == nil {
			if set, err := rules.Default(); err == nil {
				db.policy = review.PolicyFrom(set)
			}
		}
	})
	return db.policy
}

// Open connects a pool to url (a postgres:// URL or key=value string).
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse database URL: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	return &DB{Pool: pool}, nil
}

// New wraps an existing pool.
func New(pool *pgxpool.Pool) *DB { return &DB{Pool: pool} }

// Close closes the pool.
func (db *DB) Close() { db.Pool.Close() }

// inTx runs fn in a READ COMMITTED transaction, committing if fn returns
// nil and rolling back otherwise. After a commit the audit sealer runs in
// the background, to chain any audit row fn appended.
func (db *DB) inTx(ctx context.Context, fn func(tx pgx.Tx) error) (err error) {
	tx, err := db.Pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return fmt.Errorf("postgres: begin: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(ctx); err != nil {
		return mapErr(err, "commit")
	}
	db.sealSoon()
	return nil
}

// mapErr turns pgx and PostgreSQL errors into workflow error kinds; what
// names the object for the message ("request 12").
func mapErr(err error, what string) error {
	if err == nil {
		return nil
	}
	var de *workflow.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return workflow.Errorf(workflow.ErrNotFound, "%s not found", what)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			return workflow.Errorf(workflow.ErrExists, "%s already exists", what)
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return workflow.Errorf(workflow.ErrConflict, "%s was changed by someone else; reload and try again", what)
		case "23503": // foreign_key_violation
			return workflow.Errorf(workflow.ErrInvalid, "%s refers to something that does not exist", what)
		case "23514", "23502", "22P02", "22007", "22008": // check, not null, bad text representation, bad dates
			return workflow.Errorf(workflow.ErrInvalid, "%s is not valid (%s)", what, pe.ConstraintName)
		case "22021", "22P05": // bytes not UTF-8 or a NUL; the server's message quotes them
			return workflow.Errorf(workflow.ErrInvalid, "%s holds text that is not valid UTF-8", what)
		}
	}
	return fmt.Errorf("postgres: %s: %w", what, err)
}

// day truncates t to its calendar day in UTC, the form date columns hold.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// nullDate turns a zero time into SQL NULL.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return day(t)
}

// nullID turns 0 into SQL NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
