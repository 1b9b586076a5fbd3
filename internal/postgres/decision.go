package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Decision is a stored review decision.
type Decision struct {
	ID           int64                 `json:"id"`
	RequestID    int64                 `json:"request_id"`
	SuggestionID int64                 `json:"suggestion_id,omitempty"` // 0 = a manual span
	DocKey       string                `json:"doc_key"`
	Start        int                   `json:"start"`
	End          int                   `json:"end"`
	Kind         workflow.DecisionKind `json:"decision"`
	Code         string                `json:"code,omitempty"`
	Basis        string                `json:"basis,omitempty"`
	Reason       string                `json:"reason,omitempty"`
	By           int64                 `json:"by"`
	At           time.Time             `json:"at"`
	Supersedes   int64                 `json:"supersedes,omitempty"`
	Batch        string                `json:"batch,omitempty"`
	Approval     string                `json:"approval,omitempty"` // pending, approved, refused; "" = none needed
	// AppliesTo is where an own redaction applies, as the officer chose
	// (AppliesDocument, AppliesEvery); "" on a decision about a suggestion.
	// Written by insertDecision; read by OwnDecisions.
	AppliesTo string `json:"applies_to,omitempty" db:"-"`
}

// Decide records a decision on the suggestion with row id suggestionID,
// made by a reviewer who saw it at version. If someone else decided it
// since, nothing is written and the error is workflow.ErrConflict: the
// reviewer reloads and sees the other decision. A decision to disclose
// third-party information or to withhold under an exemption opens a pending
// legal approval.
func (db *DB) Decide(ctx context.Context, by, suggestionID int64, version int, in workflow.DecisionInput) (Decision, error) {
	if err := in.Validate(); err != nil {
		return Decision{}, err
	}
	var d Decision
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		d, err = decideTx(ctx, tx, db.decisionPolicy(), by, suggestionID, version, in, "")
		return err
	})
	return d, err
}

func decideTx(ctx context.Context, tx pgx.Tx, pol review.Policy, by, suggestionID int64, version int, in workflow.DecisionInput, batch string) (Decision, error) {
	d := Decision{SuggestionID: suggestionID, Kind: in.Kind, Basis: in.Basis, Reason: in.Reason, By: by, Batch: batch}
	s, err := scanSuggestion(tx.QueryRow(ctx, `SELECT `+suggestionCols+` FROM suggestions s
		LEFT JOIN decisions d ON d.id = s.decision_id WHERE s.id = $1`, suggestionID))
	if err != nil {
		return d, mapErr(err, "suggestion "+itoa(suggestionID))
	}
	if err := tx.QueryRow(ctx, `SELECT request_id FROM suggestions WHERE id = $1`, suggestionID).Scan(&d.RequestID); err != nil {
		return d, mapErr(err, "suggestion")
	}
	d.DocKey, d.Start, d.End, d.Code = s.DocID, s.Start, s.End, s.Code
	if in.Kind == workflow.DecisionChangeSpan || (in.Kind == workflow.DecisionWithhold && in.End > 0) {
		d.Start, d.End = in.Start, in.End
	}
	if in.Code != "" {
		d.Code = in.Code
	}
	if s.DecisionID != 0 {
		d.Supersedes = s.DecisionID
	}
	// A redaction over text legal approved for disclosure would quietly
	// undo the approval: refuse it and say which approval to reopen.
	if spanRedaction(in.Kind, &s.Suggestion) {
		if err := disclosureConflict(ctx, tx, d.RequestID, d.DocKey, d.Start, d.End, suggestionID); err != nil {
			return d, err
		}
	}
	// The version check is the optimistic lock: of two reviewers who read
	// the same version, the second UPDATE waits for the first's row lock,
	// then finds the version moved on and matches nothing.
	tag, err := tx.Exec(ctx, `UPDATE suggestions SET version = version + 1 WHERE id = $1 AND version = $2`, suggestionID, version)
	if err != nil {
		return d, mapErr(err, "suggestion")
	}
	if tag.RowsAffected() == 0 {
		return d, workflow.Errorf(workflow.ErrConflict, "someone else decided this suggestion first; reload to see their decision")
	}
	if err := insertDecision(ctx, tx, &d, pol.ApprovalNeeded(d.Kind, in.Code, &s.Suggestion)); err != nil {
		return d, err
	}
	if _, err := tx.Exec(ctx, `UPDATE suggestions SET decision_id = $2 WHERE id = $1`, suggestionID, d.ID); err != nil {
		return d, mapErr(err, "suggestion")
	}
	return d, nil
}

// spanRedaction reports whether deciding kind on s removes a span (rather
// than disclosing it or withholding a section or document).
func spanRedaction(kind workflow.DecisionKind, s *suggest.Suggestion) bool {
	switch kind {
	case workflow.DecisionChangeSpan, workflow.DecisionRedact:
		return true
	case workflow.DecisionAccept:
		return s == nil || (s.Scope == suggest.ScopeSpan && s.Action != suggest.ActionWithhold)
	}
	return false
}

// disclosureConflict refuses a redaction of [start, end) in a document when
// it overlaps a span legal approved for disclosure (other than the
// suggestion being decided itself), naming the approval.
func disclosureConflict(ctx context.Context, tx pgx.Tx, requestID int64, docKey string, start, end int, suggestionID int64) error {
	var decisionID int64
	var approver string
	var at *time.Time
	err := tx.QueryRow(ctx, `SELECT d.id, coalesce(u.name, ''), a.decided_at FROM decisions d
		JOIN approvals a ON a.decision_id = d.id LEFT JOIN users u ON u.id = a.approver_id
		WHERE d.request_id = $1 AND d.doc_key = $2 AND d.decision = 'disclose' AND a.state = 'approved'
		AND d.superseded_by IS NULL AND NOT d.undone AND d.start_off < $4 AND $3 < d.end_off
		AND coalesce(d.suggestion_id, 0) <> $5 ORDER BY d.id LIMIT 1`, requestID, docKey, start, end, suggestionID).Scan(&decisionID, &approver, &at)
	if err == pgx.ErrNoRows {
		return nil
	}
	if err != nil {
		return mapErr(err, "decision")
	}
	when := ""
	if at != nil {
		when = " on " + at.Format("2 January 2006")
	}
	if approver != "" {
		approver = " by " + approver
	}
	return workflow.Errorf(workflow.ErrConflict, "this overlaps text legal approved for disclosure (decision %d, approved%s%s); "+
		"the approved disclosure stands — undo decision %d to reopen it if it should be redacted after all", decisionID, approver, when, decisionID)
}

// insertDecision writes d (its supersedes link, the approval it needs, if
// any, and its audit row).
func insertDecision(ctx context.Context, tx pgx.Tx, d *Decision, approval string) error {
	err := tx.QueryRow(ctx, `INSERT INTO decisions (request_id, suggestion_id, doc_key, start_off, end_off, decision, code, basis,
		reason, user_id, supersedes, batch, applies_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id, at`,
		d.RequestID, nullID(d.SuggestionID), d.DocKey, d.Start, d.End, string(d.Kind), d.Code, d.Basis, d.Reason, nullID(d.By),
		nullID(d.Supersedes), d.Batch, d.AppliesTo).Scan(&d.ID, &d.At)
	if err != nil {
		return mapErr(err, "decision")
	}
	if d.Supersedes != 0 {
		if _, err := tx.Exec(ctx, `UPDATE decisions SET superseded_by = $2 WHERE id = $1`, d.Supersedes, d.ID); err != nil {
			return mapErr(err, "decision")
		}
	}
	if approval != "" {
		if _, err := tx.Exec(ctx, `INSERT INTO approvals (request_id, decision_id, kind) VALUES ($1, $2, $3)`, d.RequestID, d.ID, approval); err != nil {
			return mapErr(err, "approval")
		}
		d.Approval = workflow.ApprovalPending
	}
	return appendAudit(ctx, tx, AuditEntry{UserID: d.By, Action: AuditDecision, RequestID: d.RequestID, Object: "decision " + itoa(d.ID),
		Detail: map[string]any{"suggestion": d.SuggestionID, "document": d.DocKey, "decision": d.Kind, "start": d.Start, "end": d.End,
			"code": d.Code, "supersedes": d.Supersedes, "batch": d.Batch, "applies_to": d.AppliesTo, "approval": approval}})
}

// DecidePerson applies one decision to every suggestion about one person in
// a request (the register key), as one action in one transaction: either
// every occurrence is decided or none. It returns the decisions made;
// Undo of any of them undoes the whole batch.
func (db *DB) DecidePerson(ctx context.Context, by, requestID int64, personKey string, in workflow.DecisionInput) ([]Decision, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if in.Kind == workflow.DecisionChangeSpan {
		return nil, workflow.Errorf(workflow.ErrInvalid, "a changed span applies to one occurrence, not every one")
	}
	batch := newBatchID()
	var out []Decision
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, version FROM suggestions WHERE request_id = $1 AND person_key = $2
			ORDER BY id FOR UPDATE`, requestID, personKey)
		if err != nil {
			return mapErr(err, "suggestions")
		}
		type sv struct{ ID, Version int64 }
		list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[sv])
		if err != nil {
			return mapErr(err, "suggestions")
		}
		if len(list) == 0 {
			return workflow.Errorf(workflow.ErrNotFound, "no suggestions about that person")
		}
		for _, s := range list {
			d, err := decideTx(ctx, tx, db.decisionPolicy(), by, s.ID, int(s.Version), in, batch)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// Undo reverses a current decision: the one it superseded (or none) becomes
// current again. A decision of a batch (DecidePerson, RedactOccurrences)
// undoes the whole batch.
// Undoing a decision that is no longer current is a conflict.
func (db *DB) Undo(ctx context.Context, by, decisionID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var batch string
		var requestID int64
		if err := tx.QueryRow(ctx, `SELECT batch, request_id FROM decisions WHERE id = $1`, decisionID).Scan(&batch, &requestID); err != nil {
			return mapErr(err, "decision "+itoa(decisionID))
		}
		rows, err := tx.Query(ctx, `SELECT id, coalesce(suggestion_id, 0), coalesce(supersedes, 0) FROM decisions
			WHERE (id = $1 OR ($2 <> '' AND batch = $2)) AND superseded_by IS NULL AND NOT undone ORDER BY id FOR UPDATE`, decisionID, batch)
		if err != nil {
			return mapErr(err, "decision")
		}
		type row struct{ ID, Suggestion, Supersedes int64 }
		list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[row])
		if err != nil {
			return mapErr(err, "decision")
		}
		found := false
		for _, r := range list {
			found = found || r.ID == decisionID
		}
		if !found {
			return workflow.Errorf(workflow.ErrConflict, "that decision has already been changed or undone")
		}
		for _, r := range list {
			if _, err := tx.Exec(ctx, `UPDATE decisions SET undone = true WHERE id = $1`, r.ID); err != nil {
				return mapErr(err, "decision")
			}
			if r.Supersedes != 0 {
				if _, err := tx.Exec(ctx, `UPDATE decisions SET superseded_by = NULL WHERE id = $1`, r.Supersedes); err != nil {
					return mapErr(err, "decision")
				}
			}
			if r.Suggestion != 0 {
				if _, err := tx.Exec(ctx, `UPDATE suggestions SET decision_id = $2, version = version + 1 WHERE id = $1`,
					r.Suggestion, nullID(r.Supersedes)); err != nil {
					return mapErr(err, "suggestion")
				}
			}
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditDecisionUndo, RequestID: requestID,
			Object: "decision " + itoa(decisionID), Detail: map[string]any{"count": len(list), "batch": batch}})
	})
}

// Decisions returns a request's current decisions (not superseded, not
// undone), with their approval state.
func (db *DB) Decisions(ctx context.Context, requestID int64) ([]Decision, error) {
	rows, err := db.Pool.Query(ctx, `SELECT d.id, d.request_id, coalesce(d.suggestion_id, 0), d.doc_key, d.start_off, d.end_off,
		d.decision, d.code, d.basis, d.reason, coalesce(d.user_id, 0), d.at, coalesce(d.supersedes, 0), d.batch, coalesce(a.state, '')
		FROM decisions d LEFT JOIN approvals a ON a.decision_id = d.id
		WHERE d.request_id = $1 AND d.superseded_by IS NULL AND NOT d.undone ORDER BY d.doc_key, d.start_off, d.id`, requestID)
	if err != nil {
		return nil, mapErr(err, "decisions")
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Decision])
}

func newBatchID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
