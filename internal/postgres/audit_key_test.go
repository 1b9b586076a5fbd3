package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
)

// resealUnkeyedSQL is what someone with superuser rights and no key can
// do: change a row, then recompute its seal and every later one as the
// unkeyed chain did (sha256 of the previous seal and the row), and point
// the head at the new end.
const resealUnkeyedSQL = `DO $$
DECLARE
    r record;
    prev text;
    h text;
BEGIN
    UPDATE audit_log SET detail = '{"page": 99}' WHERE id = %d;
    SELECT hash INTO prev FROM audit_seal WHERE seq = (SELECT seq - 1 FROM audit_seal WHERE audit_id = %d);
    prev := coalesce(prev, '');
    FOR r IN SELECT s.seq, a.id, a.at, a.user_id, a.action, a.request_id, a.object, a.detail::text AS detail
        FROM audit_seal s JOIN audit_log a ON a.id = s.audit_id
        WHERE s.seq >= (SELECT seq FROM audit_seal WHERE audit_id = %d) ORDER BY s.seq
    LOOP
        h := encode(sha256(convert_to(prev || E'\n' || r.id || E'\n' ||
            to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\n' ||
            coalesce(r.user_id::text, '') || E'\n' || r.action || E'\n' ||
            coalesce(r.request_id::text, '') || E'\n' || r.object || E'\n' || r.detail, 'UTF8')), 'hex');
        UPDATE audit_seal SET prev_hash = prev, hash = h WHERE seq = r.seq;
        UPDATE audit_head SET seq = r.seq, hash = h;
        prev := h;
    END LOOP;
END $$`

func mustAudit(t *testing.T, f *fixture, n int) {
	t.Helper()
	for i := range n {
		if err := f.db.Audit(context.Background(), postgres.AuditEntry{UserID: f.ig.ID, Action: postgres.AuditDocumentView,
			RequestID: f.req.ID, Object: fmt.Sprintf("document d%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
}

func mustVerify(t *testing.T, db *postgres.DB, want postgres.AuditHead) postgres.AuditVerification {
	t.Helper()
	v, err := db.VerifyAudit(context.Background(), want)
	if err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	return v
}

// TestAuditKeyedRewrite: a row changed and every later seal recomputed
// without the key is found, at that row.
func TestAuditKeyedRewrite(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	mustAudit(t, f, 4)
	if v := mustVerify(t, f.db, postgres.AuditHead{}); !v.OK || v.Unkeyed != 0 {
		t.Fatalf("VerifyAudit on a fresh keyed log = %+v; want OK with no unkeyed rows", v)
	}
	var target int64
	f.db.Pool.QueryRow(ctx, `SELECT id FROM audit_log WHERE action = $1 ORDER BY id LIMIT 1 OFFSET 1`, postgres.AuditDocumentView).Scan(&target)
	tamper(t, f.db, fmt.Sprintf(resealUnkeyedSQL, target, target, target))
	v := mustVerify(t, f.db, postgres.AuditHead{})
	if v.OK || v.BadID != target || !strings.Contains(v.Problem, "altered") {
		t.Errorf("VerifyAudit after rewriting row %d and resealing without the key = %+v; want row %d named as altered", target, v, target)
	}
}

// TestAuditNewestRemoved: removing the newest row and its seal is found by
// the sealed head; putting back an older head copied earlier is found by
// the head recorded elsewhere.
func TestAuditNewestRemoved(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	mustAudit(t, f, 2)
	before := mustVerify(t, f.db, postgres.AuditHead{})
	var oldMAC string
	f.db.Pool.QueryRow(ctx, `SELECT mac FROM audit_head`).Scan(&oldMAC)
	mustAudit(t, f, 1)
	recorded := mustVerify(t, f.db, postgres.AuditHead{})
	if !before.OK || !recorded.OK || recorded.Head.Seq != before.Head.Seq+1 {
		t.Fatalf("VerifyAudit heads = %+v then %+v; want OK, one seal apart", before, recorded)
	}
	if v := mustVerify(t, f.db, recorded.Head); !v.OK {
		t.Fatalf("VerifyAudit(recorded head %s) on an untouched log = %+v; want OK", recorded.Head, v)
	}

	var newest int64
	f.db.Pool.QueryRow(ctx, `SELECT audit_id FROM audit_seal ORDER BY seq DESC LIMIT 1`).Scan(&newest)
	tamper(t, f.db, `DELETE FROM audit_seal WHERE audit_id = $1`, newest)
	tamper(t, f.db, `DELETE FROM audit_log WHERE id = $1`, newest)
	v := mustVerify(t, f.db, postgres.AuditHead{})
	if v.OK || !strings.Contains(v.Problem, "newest rows were removed") {
		t.Errorf("VerifyAudit after removing the newest row = %+v; want the removal found by the sealed head", v)
	}
	// The sealer stops rather than write over the evidence.
	if _, err := f.db.SealAudit(ctx); err == nil {
		t.Errorf("SealAudit after the newest seal was removed: no error")
	}

	// Someone who copied an older head row puts it back: only the head
	// recorded off the machine shows it.
	tamper(t, f.db, `UPDATE audit_head SET seq = $1, hash = $2, mac = $3`, before.Head.Seq, before.Head.Hash, oldMAC)
	if v := mustVerify(t, f.db, postgres.AuditHead{}); !v.OK {
		t.Fatalf("VerifyAudit with a replayed head and no recorded head = %+v; want OK (undetectable without it)", v)
	}
	v = mustVerify(t, f.db, recorded.Head)
	if v.OK || !strings.Contains(v.Problem, "newest rows were removed") {
		t.Errorf("VerifyAudit(recorded head %s) after removing the newest row = %+v; want the removal found", recorded.Head, v)
	}
	// A head that does not match what the chain says at that seal.
	forged := before.Head
	forged.Hash = strings.Repeat("0", 64)
	if v := mustVerify(t, f.db, forged); v.OK || !strings.Contains(v.Problem, "rewritten") {
		t.Errorf("VerifyAudit(head %s not in the chain) = %+v; want a rewrite found", forged, v)
	}
}

// TestAuditKeys: without a key nothing is sealed (rows wait); another key
// neither seals nor verifies the log.
func TestAuditKeys(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	mustAudit(t, f, 1)
	if v := mustVerify(t, f.db, postgres.AuditHead{}); !v.OK {
		t.Fatalf("VerifyAudit = %+v; want OK", v)
	}
	keyless := postgres.New(f.db.Pool)
	if _, err := keyless.SealAudit(ctx); !errors.Is(err, postgres.ErrNoAuditKey) {
		t.Errorf("SealAudit without a key = %v; want ErrNoAuditKey", err)
	}
	other := postgres.New(f.db.Pool)
	other.AuditKey = append([]byte(nil), pgtest.AuditKey()...)
	other.AuditKey[0] ^= 1
	if err := keyless.Audit(ctx, postgres.AuditEntry{Action: postgres.AuditSearch}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.SealAudit(ctx); err == nil || !strings.Contains(err.Error(), "not the key") {
		t.Errorf("SealAudit with another key = %v; want a refusal", err)
	}
	if v, err := other.VerifyAudit(ctx, postgres.AuditHead{}); err == nil {
		t.Errorf("VerifyAudit with another key = %+v; want an error", v)
	}
	// The row appended without a key is sealed by the next process with it.
	if v := mustVerify(t, f.db, postgres.AuditHead{}); !v.OK {
		t.Errorf("VerifyAudit after a keyless append = %+v; want OK", v)
	}
}

func TestParseAuditHead(t *testing.T) {
	h := postgres.AuditHead{Seq: 12, Hash: strings.Repeat("ab", 32)}
	if got, err := postgres.ParseAuditHead(h.String()); err != nil || got != h {
		t.Errorf("ParseAuditHead(%q) = %v, %v; want %v", h.String(), got, err, h)
	}
	for _, bad := range []string{"", "12", "x:" + h.Hash, "12:abc", "0:" + h.Hash, "12:" + strings.Repeat("zz", 32)} {
		if _, err := postgres.ParseAuditHead(bad); err == nil {
			t.Errorf("ParseAuditHead(%q): no error", bad)
		}
	}
}
