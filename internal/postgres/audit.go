package postgres

import (
	"context"
	"fmt"
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
	AuditUserPassword   = "user.password" // the user chose a new password
	AuditUserDisable    = "user.disable"
	AuditUserEnable     = "user.enable"
	AuditUserAccess     = "user.access" // roles or team changed
	AuditRequestCreate  = "request.create"
	AuditRequestStatus  = "request.status"
	AuditRequestAssign  = "request.assign"
	AuditClockEvent     = "request.clock"
	AuditLocationAdd    = "location.add"
	AuditDocumentView   = "document.view"
	AuditSuggestionList = "suggestion.list" // the suggestion list of a request or document
	AuditPersonList     = "person.list"     // a request's person register
	AuditApprovalList   = "approval.list"   // a legal user's approvals queue
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

// AuditEntry is one row of the audit log. ID and At are set by the
// database when the row is appended; PrevHash and Hash when the sealer has
// chained it (empty until then, normally for a few milliseconds).
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

const insertAuditSQL = `INSERT INTO audit_log (user_id, action, request_id, object, detail) VALUES ($1, $2, $3, $4, $5)`

func auditArgs(e AuditEntry) []any {
	detail := e.Detail
	if detail == nil {
		detail = map[string]any{}
	}
	return []any{nullID(e.UserID), e.Action, nullID(e.RequestID), e.Object, detail}
}

// appendAudit adds e to the log inside tx, so the action and its entry
// commit together. The insert takes no lock: the row is chained after
// commit by the sealer (audit_seal.go), which inTx starts.
func appendAudit(ctx context.Context, tx pgx.Tx, e AuditEntry) error {
	if _, err := tx.Exec(ctx, insertAuditSQL, auditArgs(e)...); err != nil {
		return fmt.Errorf("postgres: audit %s: %w", e.Action, err)
	}
	return nil
}

// Audit appends an entry on its own: for reads the web layer serves
// (document views, searches, downloads, logins). One statement, committed
// by itself: a single round trip on the path of every page view.
func (db *DB) Audit(ctx context.Context, e AuditEntry) error {
	if _, err := db.Pool.Exec(ctx, insertAuditSQL, auditArgs(e)...); err != nil {
		return fmt.Errorf("postgres: audit %s: %w", e.Action, err)
	}
	db.sealSoon()
	return nil
}

// AuditLog returns the newest entries, for one request when requestID is
// not 0, newest first.
func (db *DB) AuditLog(ctx context.Context, requestID int64, limit int) ([]AuditEntry, error) {
	rows, err := db.Pool.Query(ctx, `SELECT a.id, a.at, coalesce(a.user_id, 0), a.action, coalesce(a.request_id, 0), a.object, a.detail,
		coalesce(s.prev_hash, ''), coalesce(s.hash, '')
		FROM audit_log a LEFT JOIN audit_seal s ON s.audit_id = a.id
		WHERE ($1 = 0 OR a.request_id = $1) ORDER BY a.id DESC LIMIT $2`, requestID, limit)
	if err != nil {
		return nil, mapErr(err, "audit log")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (AuditEntry, error) {
		var e AuditEntry
		err := r.Scan(&e.ID, &e.At, &e.UserID, &e.Action, &e.RequestID, &e.Object, &e.Detail, &e.PrevHash, &e.Hash)
		return e, err
	})
}
