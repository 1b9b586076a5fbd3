package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// Approval is legal sign-off of one decision or of one area drawn on a page
// (exactly one of DecisionID and AreaID is set).
type Approval struct {
	ID         int64      `json:"id"`
	RequestID  int64      `json:"request_id"`
	DecisionID int64      `json:"decision_id,omitempty"`
	AreaID     int64      `json:"area_id,omitempty"`
	Kind       string     `json:"kind"`  // workflow.ApprovalThirdPartyDisclosure or ApprovalExemption
	State      string     `json:"state"` // pending, approved, refused
	Approver   int64      `json:"approver,omitempty"`
	DecidedAt  *time.Time `json:"decided_at,omitempty"`
	Reason     string     `json:"reason,omitempty"`
	Version    int        `json:"version"`
}

// currentApprovalSQL joins an approval (a) to its decision (d) or area (p)
// and keeps it only while that is current: superseding or undoing a
// decision, or undoing an area, withdraws its approval.
const currentApprovalSQL = ` LEFT JOIN decisions d ON d.id = a.decision_id LEFT JOIN page_areas p ON p.id = a.area_id
	WHERE ((d.id IS NOT NULL AND d.superseded_by IS NULL AND NOT d.undone) OR (p.id IS NOT NULL AND NOT p.undone))`

// Approvals lists a request's approvals of current decisions and areas;
// pendingOnly narrows to those waiting for legal.
func (db *DB) Approvals(ctx context.Context, requestID int64, pendingOnly bool) ([]Approval, error) {
	rows, err := db.Pool.Query(ctx, `SELECT a.id, a.request_id, coalesce(a.decision_id, 0), coalesce(a.area_id, 0), a.kind, a.state,
		coalesce(a.approver_id, 0), a.decided_at, a.reason, a.version FROM approvals a`+currentApprovalSQL+`
		AND a.request_id = $1 AND (NOT $2 OR a.state = 'pending') ORDER BY a.id`,
		requestID, pendingOnly)
	if err != nil {
		return nil, mapErr(err, "approvals")
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Approval])
}

// DecideApproval records legal's answer. approver must hold the legal role
// (checked here as well as by the web layer: the rule is the law's, not the
// page's) and may not approve their own decision or area. An approval whose
// decision or area is no longer current was withdrawn: a conflict.
func (db *DB) DecideApproval(ctx context.Context, approver workflow.User, approvalID int64, version int, approve bool, reason string) (Approval, error) {
	if !approver.Has(workflow.RoleLegal) {
		return Approval{}, workflow.Errorf(workflow.ErrForbidden, "only legal services may approve")
	}
	if !approve && reason == "" {
		return Approval{}, workflow.Errorf(workflow.ErrInvalid, "a refusal needs a reason")
	}
	state := workflow.ApprovalRefused
	if approve {
		state = workflow.ApprovalApproved
	}
	var a Approval
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var decider int64
		var current bool
		if err := tx.QueryRow(ctx, `SELECT coalesce(d.user_id, p.user_id, 0),
			(d.id IS NOT NULL AND d.superseded_by IS NULL AND NOT d.undone) OR (p.id IS NOT NULL AND NOT p.undone)
			FROM approvals a LEFT JOIN decisions d ON d.id = a.decision_id LEFT JOIN page_areas p ON p.id = a.area_id WHERE a.id = $1`,
			approvalID).Scan(&decider, &current); err != nil {
			return mapErr(err, "approval "+itoa(approvalID))
		}
		if !current {
			return workflow.Errorf(workflow.ErrConflict, "that approval was withdrawn: its decision or area was changed or undone")
		}
		if decider == approver.ID {
			return workflow.Errorf(workflow.ErrForbidden, "a decision needs a second person to approve it")
		}
		err := tx.QueryRow(ctx, `UPDATE approvals SET state = $3, approver_id = $4, decided_at = now(), reason = $5, version = version + 1
			WHERE id = $1 AND version = $2 RETURNING id, request_id, coalesce(decision_id, 0), coalesce(area_id, 0), kind, state,
			coalesce(approver_id, 0), decided_at, reason, version`,
			approvalID, version, state, approver.ID, reason).Scan(&a.ID, &a.RequestID, &a.DecisionID, &a.AreaID, &a.Kind, &a.State,
			&a.Approver, &a.DecidedAt, &a.Reason, &a.Version)
		if err == pgx.ErrNoRows {
			return workflow.Errorf(workflow.ErrConflict, "the approval was changed by someone else; reload and try again")
		}
		if err != nil {
			return mapErr(err, "approval")
		}
		detail := map[string]any{"decision": a.DecisionID, "state": state}
		if a.AreaID != 0 {
			detail = map[string]any{"area": a.AreaID, "state": state}
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: approver.ID, Action: AuditApproval, RequestID: a.RequestID,
			Object: "approval " + itoa(a.ID), Detail: detail})
	})
	return a, err
}

// pendingApprovals counts approvals of current decisions and areas still
// pending.
func pendingApprovals(ctx context.Context, tx pgx.Tx, requestID int64) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT count(*) FROM approvals a`+currentApprovalSQL+`
		AND a.request_id = $1 AND a.state = 'pending'`, requestID).Scan(&n)
	return n, mapErr(err, "approvals")
}
