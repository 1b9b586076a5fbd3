package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// StartWorkTx moves a request that is only logged to in progress when its
// record has been read (the ingest job's last step), and says so in the
// status history: the status moves with the work. A request already further
// on, waiting for ID or closed is left as it is. The change is the
// request's officer's (its assignee, else who logged it): they started the
// reading.
func StartWorkTx(ctx context.Context, tx pgx.Tx, requestID int64, documents int) error {
	var from string
	var by *int64
	err := tx.QueryRow(ctx, `UPDATE requests r SET status = 'in_progress', version = r.version + 1, updated_at = now()
		FROM (SELECT id, status FROM requests WHERE id = $1 FOR UPDATE) old
		WHERE r.id = old.id AND old.status = 'logged'
		RETURNING old.status, coalesce(r.assignee_id, r.created_by)`, requestID).Scan(&from, &by)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return mapErr(err, "request "+itoa(requestID))
	}
	note := fmt.Sprintf("The record was read: %d documents. Suggestions are being made.", documents)
	if _, err := tx.Exec(ctx, `INSERT INTO request_status_history (request_id, from_status, to_status, user_id, note)
		VALUES ($1, $2, 'in_progress', $3, $4)`, requestID, from, by, note); err != nil {
		return mapErr(err, "request status")
	}
	var uid int64
	if by != nil {
		uid = *by
	}
	return appendAudit(ctx, tx, AuditEntry{UserID: uid, Action: AuditRequestStatus, RequestID: requestID, Object: "request " + itoa(requestID),
		Detail: map[string]any{"from": from, "to": "in_progress", "documents": documents}})
}
