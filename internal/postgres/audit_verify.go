package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// AuditVerification is the result of walking the chain.
type AuditVerification struct {
	Rows    int    `json:"rows"`
	OK      bool   `json:"ok"`
	BadID   int64  `json:"bad_id,omitempty"` // audit row id of the first problem
	Problem string `json:"problem,omitempty"`
}

// VerifyAudit seals whatever is committed and not yet chained, then walks
// the chain in seal order and recomputes every hash in Go, independently of
// the database's audit_seal_run. An altered row fails its own hash; a row
// removed from the log leaves its seal pointing at nothing; a seal removed
// from the chain breaks the next seal's link; a row left out of the chain
// although an earlier seal must have seen it is named too. (Removing the
// newest rows and seals leaves a shorter valid chain: ship the latest hash
// off the machine to detect that. A row is only protected once sealed, a
// few milliseconds after its commit.)
func (db *DB) VerifyAudit(ctx context.Context) (AuditVerification, error) {
	var v AuditVerification
	if _, err := db.SealAudit(ctx); err != nil {
		return v, err
	}
	err := pgx.BeginTxFunc(ctx, db.Pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var err error
		v, err = walkAudit(ctx, tx)
		if err != nil || !v.OK {
			return err
		}
		// A row older than the newest seal's horizon was visible to that
		// seal's run (audit_seal_run's argument), so it must be chained.
		var orphan *int64
		err = tx.QueryRow(ctx, `SELECT min(a.id) FROM audit_log a
			WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id)
			AND (a.xid IS NULL OR a.xid < (SELECT horizon FROM audit_seal ORDER BY seq DESC LIMIT 1))`).Scan(&orphan)
		if err != nil {
			return mapErr(err, "audit log")
		}
		if orphan != nil {
			v.OK, v.BadID = false, *orphan
			v.Problem = fmt.Sprintf("row %d is missing from the chain: its seal was removed", *orphan)
		}
		return nil
	})
	return v, err
}

// walkAudit checks every seal in order against its row and its predecessor.
func walkAudit(ctx context.Context, tx pgx.Tx) (AuditVerification, error) {
	var v AuditVerification
	rows, err := tx.Query(ctx, `SELECT s.seq, s.audit_id, s.prev_hash, s.hash, a.id, a.at, a.user_id, a.action, a.request_id,
		a.object, a.detail::text
		FROM audit_seal s LEFT JOIN audit_log a ON a.id = s.audit_id ORDER BY s.seq`)
	if err != nil {
		return v, mapErr(err, "audit log")
	}
	defer rows.Close()
	prev, want := "", int64(1)
	for rows.Next() {
		var (
			seq, auditID   int64
			ph, stored     string
			id, user, req  *int64
			at             *time.Time
			action, object *string
			detail         *string
		)
		if err := rows.Scan(&seq, &auditID, &ph, &stored, &id, &at, &user, &action, &req, &object, &detail); err != nil {
			return v, mapErr(err, "audit log")
		}
		v.Rows++
		switch {
		case seq != want || ph != prev:
			v.BadID, v.Problem = auditID, fmt.Sprintf("row %d does not follow the row before it in the chain: a row was removed or altered", auditID)
		case id == nil:
			v.BadID, v.Problem = auditID, fmt.Sprintf("row %d was removed from the log", auditID)
		case auditHash(ph, *id, *at, user, *action, req, *object, *detail) != stored:
			v.BadID, v.Problem = auditID, fmt.Sprintf("row %d was altered: its hash does not match its content", auditID)
		}
		if v.Problem != "" {
			return v, nil
		}
		prev, want = stored, seq+1
	}
	if err := rows.Err(); err != nil {
		return v, mapErr(err, "audit log")
	}
	v.OK = true
	return v, nil
}

// auditHash is the canonical row hash, the same as audit_seal_run's (and
// 0002's trigger's, so the rows it chained verify alike).
func auditHash(prev string, id int64, at time.Time, user *int64, action string, req *int64, object, detail string) string {
	opt := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	s := strings.Join([]string{prev, strconv.FormatInt(id, 10), at.UTC().Format("2006-01-02T15:04:05.000000Z"),
		opt(user), action, opt(req), object, detail}, "\n")
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
