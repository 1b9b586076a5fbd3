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

// Audit actions. Detail maps hold ids, counts and reasons — never document text.
const (
	AuditLogin          = "login"
	AuditLoginFailed    = "login.failed"
	AuditLogout         = "logout"
	AuditUserAdd        = "user.add"
	AuditUserReset      = "user.reset"
	AuditRequestCreate  = "request.create"
	AuditRequestStatus  = "request.status"
	AuditRequestAssign  = "request.assign"
	AuditClockEvent     = "request.clock"
	AuditLocationAdd    = "location.add"
	AuditDocumentView   = "document.view"
	AuditSearch         = "search"
	AuditDecision       = "decision"
	AuditDecisionUndo   = "decision.undo"
	AuditApproval       = "approval"
	AuditConsultation   = "consultation"
	AuditBundleCreate   = "bundle.create"
	AuditBundleRelease  = "bundle.release"
	AuditBundleDownload = "bundle.download"
	AuditExport         = "export"
)

// AuditEntry is one row of the audit log. ID, At, PrevHash and Hash are set
// by the database when the row is appended.
type AuditEntry struct {
	ID        int64          `json:"id"`
	At        time.Time      `json:"at"`
	UserID    int64          `json:"user_id,omitempty"`
	Action    string         `json:"action"`
	RequestID int64          `json:"request_id,omitempty"`
	Object    string         `json:"object,omitempty"` // "document 12", "suggestion 40"...
	Detail    map[string]any `json:"detail,omitempty"`
	PrevHash  string         `json:"prev_hash"`
	Hash      string         `json:"hash"`
}

// appendAudit adds e to the log inside tx; the trigger chains it.
func appendAudit(ctx context.Context, tx pgx.Tx, e AuditEntry) error {
	detail := e.Detail
	if detail == nil {
		detail = map[string]any{}
	}
	_, err := tx.Exec(ctx, `INSERT INTO audit_log (user_id, action, request_id, object, detail)
		VALUES ($1, $2, $3, $4, $5)`, nullID(e.UserID), e.Action, nullID(e.RequestID), e.Object, detail)
	if err != nil {
		return fmt.Errorf("postgres: audit %s: %w", e.Action, err)
	}
	return nil
}

// Audit appends an entry on its own: for reads the web layer serves
// (document views, searches, downloads, logins).
func (db *DB) Audit(ctx context.Context, e AuditEntry) error {
	return db.inTx(ctx, func(tx pgx.Tx) error { return appendAudit(ctx, tx, e) })
}

// AuditLog returns the newest entries, for one request when requestID is
// not 0, newest first.
func (db *DB) AuditLog(ctx context.Context, requestID int64, limit int) ([]AuditEntry, error) {
	rows, err := db.Pool.Query(ctx, `SELECT id, at, coalesce(user_id, 0), action, coalesce(request_id, 0), object, detail, prev_hash, hash
		FROM audit_log WHERE ($1 = 0 OR request_id = $1) ORDER BY id DESC LIMIT $2`, requestID, limit)
	if err != nil {
		return nil, mapErr(err, "audit log")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (AuditEntry, error) {
		var e AuditEntry
		err := r.Scan(&e.ID, &e.At, &e.UserID, &e.Action, &e.RequestID, &e.Object, &e.Detail, &e.PrevHash, &e.Hash)
		return e, err
	})
}

// AuditVerification is the result of walking the chain.
type AuditVerification struct {
	Rows    int    `json:"rows"`
	OK      bool   `json:"ok"`
	BadID   int64  `json:"bad_id,omitempty"` // first row whose hash or link is wrong
	Problem string `json:"problem,omitempty"`
}

// VerifyAudit recomputes every row's hash in id order, independently of the
// database's trigger, and checks each row links to the one before it. An
// altered row fails its own hash; a removed row breaks the next row's link.
// (Removing the newest rows leaves a shorter valid chain: ship the latest
// hash off the machine to detect that.)
func (db *DB) VerifyAudit(ctx context.Context) (AuditVerification, error) {
	var v AuditVerification
	rows, err := db.Pool.Query(ctx, `SELECT id, at, user_id, action, request_id, object, detail::text, prev_hash, hash
		FROM audit_log ORDER BY id`)
	if err != nil {
		return v, mapErr(err, "audit log")
	}
	defer rows.Close()
	prev := ""
	for rows.Next() {
		var (
			id                 int64
			at                 time.Time
			user, req          *int64
			action, object     string
			detail, ph, stored string
		)
		if err := rows.Scan(&id, &at, &user, &action, &req, &object, &detail, &ph, &stored); err != nil {
			return v, mapErr(err, "audit log")
		}
		v.Rows++
		if ph != prev {
			v.BadID, v.Problem = id, fmt.Sprintf("row %d does not follow the row before it: a row was removed or altered", id)
			return v, nil
		}
		if got := auditHash(ph, id, at, user, action, req, object, detail); got != stored {
			v.BadID, v.Problem = id, fmt.Sprintf("row %d was altered: its hash does not match its content", id)
			return v, nil
		}
		prev = stored
	}
	if err := rows.Err(); err != nil {
		return v, mapErr(err, "audit log")
	}
	v.OK = true
	return v, nil
}

// auditHash is the canonical row hash, the same as the audit_chain trigger's.
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
