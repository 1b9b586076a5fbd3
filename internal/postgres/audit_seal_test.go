package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
)

// TestAuditConcurrentWriters: many writers at once, one transaction that
// takes its id first and commits last, and one that rolls back (a gap in
// the ids): every committed row ends up chained once and the chain verifies.
func TestAuditConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	late, err := f.db.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer late.Rollback(ctx)
	if _, err := late.Exec(ctx, `INSERT INTO audit_log (action, object) VALUES ('late', 'first id, last commit')`); err != nil {
		t.Fatal(err)
	}
	gap, err := f.db.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gap.Exec(ctx, `INSERT INTO audit_log (action) VALUES ('rolled back')`); err != nil {
		t.Fatal(err)
	}
	const writers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				e := postgres.AuditEntry{UserID: f.ig.ID, Action: postgres.AuditDocumentView, RequestID: f.req.ID,
					Object: fmt.Sprintf("document w%d-%d", w, i)}
				if err := f.db.Audit(ctx, e); err != nil {
					errs <- err
				}
				if i%5 == 0 { // sealing runs beside the writers too
					if _, err := f.db.SealAudit(ctx); err != nil {
						errs <- err
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := gap.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	// Sealed before the late row commits: it is not in the chain yet.
	if v, err := f.db.VerifyAudit(ctx, postgres.AuditHead{}); err != nil || !v.OK {
		t.Fatalf("VerifyAudit with a transaction open = %+v, %v; want OK", v, err)
	}
	if err := late.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	v, err := f.db.VerifyAudit(ctx, postgres.AuditHead{})
	var rows int
	f.db.Pool.QueryRow(ctx, `SELECT count(*) FROM audit_log`).Scan(&rows)
	if err != nil || !v.OK || v.Rows != rows {
		t.Fatalf("VerifyAudit after every commit = %+v, %v; want OK with all %d rows", v, err, rows)
	}
	var lateSeq, maxSeq, lateID, minID int64
	f.db.Pool.QueryRow(ctx, `SELECT s.seq, a.id FROM audit_seal s JOIN audit_log a ON a.id = s.audit_id WHERE a.action = 'late'`).Scan(&lateSeq, &lateID)
	f.db.Pool.QueryRow(ctx, `SELECT max(seq) FROM audit_seal`).Scan(&maxSeq)
	f.db.Pool.QueryRow(ctx, `SELECT min(id) FROM audit_log WHERE action = $1`, postgres.AuditDocumentView).Scan(&minID)
	if lateID >= minID || lateSeq != maxSeq {
		t.Errorf("late row: id %d (writers' first %d), seq %d of %d; want an early id chained last", lateID, minID, lateSeq, maxSeq)
	}
}

// TestAuditUpgrade: a database at schema 2, whose rows 0002's trigger
// chained, migrates to the sealed chain and goes on verifying, old rows and
// new.
func TestAuditUpgrade(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.NewPool(t)
	if _, err := pool.Exec(ctx, `DROP SCHEMA public CASCADE; CREATE SCHEMA public;
		CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		t.Fatal(err)
	}
	all, err := postgres.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all[:2] {
		if err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_version (version, name) VALUES ($1, $2)`, m.Version, m.Name)
			return err
		}); err != nil {
			t.Fatalf("migration %s: %v", m.Name, err)
		}
	}
	for i := range 4 {
		if _, err := pool.Exec(ctx, `INSERT INTO audit_log (user_id, action, object, detail) VALUES (7, 'document.view', $1, '{"n": 1}')`,
			fmt.Sprintf("document old-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := postgres.Migrate(ctx, pool); err != nil {
		t.Fatal(err)
	}
	db := postgres.New(pool)
	db.AuditKey = pgtest.AuditKey()
	if err := db.Audit(ctx, postgres.AuditEntry{UserID: 7, Action: postgres.AuditSearch, Object: "after upgrade"}); err != nil {
		t.Fatal(err)
	}
	v, err := db.VerifyAudit(ctx, postgres.AuditHead{})
	if err != nil || !v.OK || v.Rows != 5 || v.Unkeyed != 4 || v.Head.Seq != 5 {
		t.Fatalf("VerifyAudit after upgrading = %+v, %v; want OK with 5 rows, the 4 sealed before keys unkeyed", v, err)
	}
	var first int64
	pool.QueryRow(ctx, `SELECT min(id) FROM audit_log`).Scan(&first)
	tamper(t, db, `UPDATE audit_log SET object = 'x' WHERE id = $1`, first)
	if v, err := db.VerifyAudit(ctx, postgres.AuditHead{}); err != nil || v.OK || v.BadID != first {
		t.Errorf("VerifyAudit after altering pre-upgrade row %d = %+v, %v; want it named", first, v, err)
	}
}
