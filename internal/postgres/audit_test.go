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
	v, err := f.db.VerifyAudit(ctx)
	if err != nil || !v.OK || v.Rows < 6 {
		t.Fatalf("VerifyAudit on an untouched log = %+v, %v; want OK with every row", v, err)
	}
	// The application cannot change a row: the trigger refuses even the owner.
	if _, err := f.db.Pool.Exec(ctx, `UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`); err == nil ||
		!strings.Contains(err.Error(), "append-only") {
		t.Fatalf("UPDATE audit_log: err = %v, want append-only refusal", err)
	}
	if _, err := f.db.Pool.Exec(ctx, `DELETE FROM audit_log`); err == nil {
		t.Fatal("DELETE FROM audit_log succeeded")
	}

	var target int64
	f.db.Pool.QueryRow(ctx, `SELECT id FROM audit_log WHERE action = $1 ORDER BY id LIMIT 1 OFFSET 1`, postgres.AuditDocumentView).Scan(&target)
	// A superuser tampers by hand, bypassing the triggers.
	tamper := func(sql string) {
		t.Helper()
		conn, err := f.db.Pool.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Release()
		if _, err := conn.Exec(ctx, `SET session_replication_role = replica`); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Exec(ctx, sql, target); err != nil {
			t.Fatal(err)
		}
		conn.Exec(ctx, `RESET session_replication_role`)
	}
	tamper(`UPDATE audit_log SET detail = '{"page": 99}' WHERE id = $1`)
	v, err = f.db.VerifyAudit(ctx)
	if err != nil || v.OK || v.BadID != target || !strings.Contains(v.Problem, "altered") {
		t.Errorf("VerifyAudit after altering row %d = %+v, %v; want it named as altered", target, v, err)
	}
	tamper(`DELETE FROM audit_log WHERE id = $1`)
	v, err = f.db.VerifyAudit(ctx)
	if err != nil || v.OK || v.BadID <= target || !strings.Contains(v.Problem, "removed") {
		t.Errorf("VerifyAudit after removing row %d = %+v, %v; want the next row named", target, v, err)
	}
}
