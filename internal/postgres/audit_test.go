package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/postgres"
)

func TestAuditChain(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for i := range 3 {
		if err := f.db.Audit(ctx, postgres.AuditEntry{UserID: f.ig.ID, Action: postgres.AuditDocumentView, RequestID: f.req.ID,
			Object: "document d1", Detail: map[string]any{"page": i + 1}}); err != nil {
			t.Fatal(err)
		}
	}
	v, err := f.db.VerifyAudit(ctx, postgres.AuditHead{})
	if err != nil || !v.OK || v.Rows < 6 {
		t.Fatalf("VerifyAudit on an untouched log = %+v, %v; want OK with every row", v, err)
	}
	log, err := f.db.AuditLog(ctx, f.req.ID, 10)
	if err != nil || len(log) == 0 || log[0].Hash == "" {
		t.Fatalf("AuditLog after VerifyAudit = %+v, %v; want sealed rows with hashes", log, err)
	}
	// The application cannot change a row or a seal: the triggers refuse even the owner.
	for _, sql := range []string{`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`,
		`UPDATE audit_seal SET hash = 'x' WHERE seq = 1`} {
		if _, err := f.db.Pool.Exec(ctx, sql); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("%s: err = %v, want append-only refusal", sql, err)
		}
	}
	for _, sql := range []string{`DELETE FROM audit_log`, `DELETE FROM audit_seal`} {
		if _, err := f.db.Pool.Exec(ctx, sql); err == nil {
			t.Fatalf("%s succeeded", sql)
		}
	}

	var target int64
	f.db.Pool.QueryRow(ctx, `SELECT id FROM audit_log WHERE action = $1 ORDER BY id LIMIT 1 OFFSET 1`, postgres.AuditDocumentView).Scan(&target)
	tamper(t, f.db, `UPDATE audit_log SET detail = '{"page": 99}' WHERE id = $1`, target)
	v, err = f.db.VerifyAudit(ctx, postgres.AuditHead{})
	if err != nil || v.OK || v.BadID != target || !strings.Contains(v.Problem, "altered") {
		t.Errorf("VerifyAudit after altering row %d = %+v, %v; want it named as altered", target, v, err)
	}
	tamper(t, f.db, `DELETE FROM audit_log WHERE id = $1`, target)
	v, err = f.db.VerifyAudit(ctx, postgres.AuditHead{})
	if err != nil || v.OK || v.BadID != target || !strings.Contains(v.Problem, "removed") {
		t.Errorf("VerifyAudit after removing row %d = %+v, %v; want it named as removed", target, v, err)
	}
	// Removing its seal as well breaks the next seal's link.
	tamper(t, f.db, `DELETE FROM audit_seal WHERE audit_id = $1`, target)
	v, err = f.db.VerifyAudit(ctx, postgres.AuditHead{})
	if err != nil || v.OK || v.BadID <= target || !strings.Contains(v.Problem, "removed") {
		t.Errorf("VerifyAudit after removing row %d and its seal = %+v, %v; want the next row named", target, v, err)
	}
}

// TestAuditSealRemoved: a row whose seal alone is removed is named, and
// is not quietly sealed again.
func TestAuditSealRemoved(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	if _, err := f.db.SealAudit(ctx); err != nil {
		t.Fatal(err)
	}
	var target int64
	f.db.Pool.QueryRow(ctx, `SELECT audit_id FROM audit_seal ORDER BY seq DESC LIMIT 1`).Scan(&target)
	// Later rows make the removed seal a middle one.
	for range 2 {
		if err := f.db.Audit(ctx, postgres.AuditEntry{UserID: f.ig.ID, Action: postgres.AuditSearch, RequestID: f.req.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if v, err := f.db.VerifyAudit(ctx, postgres.AuditHead{}); err != nil || !v.OK {
		t.Fatalf("VerifyAudit = %+v, %v; want OK", v, err)
	}
	tamper(t, f.db, `DELETE FROM audit_seal WHERE audit_id = $1`, target)
	v, err := f.db.VerifyAudit(ctx, postgres.AuditHead{})
	if err != nil || v.OK || !strings.Contains(v.Problem, "removed") {
		t.Errorf("VerifyAudit after removing the seal of row %d = %+v, %v; want a removal found", target, v, err)
	}
}

// tamper runs sql with its arguments as a superuser would by hand,
// bypassing the triggers.
func tamper(t *testing.T, db *postgres.DB, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SET session_replication_role = replica`); err != nil {
		t.Fatal(err)
	}
	defer conn.Exec(ctx, `RESET session_replication_role`)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatal(err)
	}
}
