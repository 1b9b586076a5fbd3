package postgres

// A reviewer's own redactions: spans no rule suggested. The officer says
// where one applies — this document, or every exact occurrence of its text
// in the request — and the same document, span and kind is stored once.

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// Where an own redaction applies (Decision.AppliesTo).
const (
	AppliesDocument = "document" // this document only
	AppliesEvery    = "every"    // every exact occurrence in the request
)

// Manual is what storing an own redaction did.
type Manual struct {
	// Decisions are the current decisions of every occurrence, in document
	// and text order: stored by this call, or stored before (Existing).
	Decisions []Decision
	// Existing[i] reports that Decisions[i] was already stored: nothing
	// new was written for it.
	Existing  []bool
	Added     int // decisions stored by this call
	Documents int // distinct documents of Decisions
	AppliesTo string
}

func (m *Manual) add(d Decision, existing bool) {
	if len(m.Decisions) == 0 || m.Decisions[len(m.Decisions)-1].DocKey != d.DocKey {
		m.Documents++
	}
	m.Decisions = append(m.Decisions, d)
	m.Existing = append(m.Existing, existing)
	if !existing {
		m.Added++
	}
}

// manualKind refuses decisions that are not an own redaction or withholding.
func manualKind(in workflow.DecisionInput) error {
	if in.Kind != workflow.DecisionRedact && in.Kind != workflow.DecisionWithhold {
		return workflow.Errorf(workflow.ErrInvalid, "a manual decision is a redaction or a withholding")
	}
	return in.Validate()
}

// AddManualRedaction records a reviewer's own redaction or withholding of
// one span of one document that no rule suggested (Start = End = 0 with
// withhold: the whole document). The same document, span and kind already
// stored and current is returned as it is, not stored twice: the document
// row is locked while looking, so two requests at once store one.
func (db *DB) AddManualRedaction(ctx context.Context, by, requestID int64, docKey string, in workflow.DecisionInput) (Manual, error) {
	m := Manual{AppliesTo: AppliesDocument}
	if err := manualKind(in); err != nil {
		return m, err
	}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockDocument(ctx, tx, requestID, docKey); err != nil {
			return err
		}
		return addOwnTx(ctx, tx, db, &m, by, requestID, docKey, in, "")
	})
	return m, err
}

// RedactOccurrences records a reviewer's own redaction of every exact
// occurrence of text: in one document when docKey is set (the officer chose
// "this document"), else in every document of the request that is not a
// duplicate ("every occurrence"). What it stores is one batch, undone
// together (Undo); occurrences already redacted the same way are counted,
// not stored again. An occurrence over text legal approved for disclosure
// refuses the whole batch, naming the approval.
func (db *DB) RedactOccurrences(ctx context.Context, by, requestID int64, docKey, text string, in workflow.DecisionInput) (Manual, error) {
	m := Manual{AppliesTo: AppliesEvery}
	if docKey != "" {
		m.AppliesTo = AppliesDocument
	}
	if strings.TrimSpace(text) == "" {
		return m, workflow.Errorf(workflow.ErrInvalid, "say which text to redact")
	}
	in.Start, in.End = 0, len(text)
	if err := manualKind(in); err != nil {
		return m, err
	}
	if in.Kind != workflow.DecisionRedact {
		return m, workflow.Errorf(workflow.ErrInvalid, "only a redaction applies to occurrences of a text")
	}
	batch := newBatchID()
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if docKey != "" {
			if _, err := lockDocument(ctx, tx, requestID, docKey); err != nil {
				return err
			}
		}
		// Lock in key order, as every caller does, so two batches over the
		// same documents wait for each other instead of deadlocking.
		rows, err := tx.Query(ctx, `SELECT doc_key, text FROM documents WHERE request_id = $1
			AND (doc_key = $2 OR $2 = '' AND duplicate_of = '') AND strpos(text, $3) > 0
			ORDER BY doc_key COLLATE "C" FOR UPDATE`, requestID, docKey, text)
		if err != nil {
			return mapErr(err, "documents")
		}
		type docText struct{ Key, Text string }
		docs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[docText])
		if err != nil {
			return mapErr(err, "documents")
		}
		for _, d := range docs {
			for from := 0; ; {
				i := strings.Index(d.Text[from:], text)
				if i < 0 {
					break
				}
				at := in
				at.Start, at.End = from+i, from+i+len(text)
				if err := addOwnTx(ctx, tx, db, &m, by, requestID, d.Key, at, batch); err != nil {
					return err
				}
				from = at.End
			}
		}
		if len(m.Decisions) == 0 {
			if docKey != "" {
				return workflow.Errorf(workflow.ErrInvalid, "that text is not in this document")
			}
			return workflow.Errorf(workflow.ErrInvalid, "that text is not in any document of this request")
		}
		return nil
	})
	return m, err
}

// lockDocument locks a document's row for the rest of the transaction: own
// redactions of one document are looked up and stored one at a time.
func lockDocument(ctx context.Context, tx pgx.Tx, requestID int64, docKey string) (string, error) {
	var key string
	err := tx.QueryRow(ctx, `SELECT doc_key FROM documents WHERE request_id = $1 AND doc_key = $2 FOR UPDATE`, requestID, docKey).Scan(&key)
	if err == pgx.ErrNoRows {
		return "", workflow.Errorf(workflow.ErrNotFound, "document not found")
	}
	return key, mapErr(err, "document")
}

// addOwnTx stores one own decision unless the same one is current already,
// refusing a redaction over an approved disclosure. The document's row is
// locked by the caller.
func addOwnTx(ctx context.Context, tx pgx.Tx, db *DB, m *Manual, by, requestID int64, docKey string, in workflow.DecisionInput, batch string) error {
	var d Decision
	var at time.Time
	err := tx.QueryRow(ctx, `SELECT d.id, coalesce(d.user_id, 0), d.at, d.code, d.reason, d.batch, d.applies_to, coalesce(a.state, '')
		FROM decisions d LEFT JOIN approvals a ON a.decision_id = d.id
		WHERE d.request_id = $1 AND d.doc_key = $2 AND d.start_off = $3 AND d.end_off = $4 AND d.decision = $5
		AND d.suggestion_id IS NULL AND d.superseded_by IS NULL AND NOT d.undone`,
		requestID, docKey, in.Start, in.End, string(in.Kind)).Scan(&d.ID, &d.By, &at, &d.Code, &d.Reason, &d.Batch, &d.AppliesTo, &d.Approval)
	switch {
	case err == nil:
		d.RequestID, d.DocKey, d.Start, d.End, d.Kind, d.At = requestID, docKey, in.Start, in.End, in.Kind, at
		m.add(d, true)
		return nil
	case err != pgx.ErrNoRows:
		return mapErr(err, "decision")
	}
	if spanRedaction(in.Kind, nil) {
		if err := disclosureConflict(ctx, tx, requestID, docKey, in.Start, in.End, 0); err != nil {
			return err
		}
	}
	d = Decision{RequestID: requestID, DocKey: docKey, Start: in.Start, End: in.End, Kind: in.Kind, Code: in.Code,
		Reason: in.Reason, By: by, Batch: batch, AppliesTo: m.AppliesTo}
	if err := insertDecision(ctx, tx, &d, db.decisionPolicy().ApprovalNeeded(in.Kind, in.Code, nil)); err != nil {
		return err
	}
	m.add(d, false)
	return nil
}

// OwnDecision is a current own redaction or withholding with its batch's
// reach: how many current decisions and documents it shares a batch with
// (1 and 1 when it stands alone).
type OwnDecision struct {
	Decision
	Occurrences int
	Documents   int
}

// OwnDecisions returns one document's current own redactions and
// withholdings in text order, for the review screen.
func (db *DB) OwnDecisions(ctx context.Context, requestID int64, docKey string) ([]OwnDecision, error) {
	rows, err := db.Pool.Query(ctx, `SELECT d.id, d.doc_key, d.start_off, d.end_off, d.decision, d.code, d.reason,
		coalesce(d.user_id, 0), d.at, d.batch, d.applies_to, coalesce(a.state, ''),
		CASE WHEN d.batch = '' THEN 1 ELSE (SELECT count(*) FROM decisions b WHERE b.request_id = d.request_id
			AND b.batch = d.batch AND b.superseded_by IS NULL AND NOT b.undone) END,
		CASE WHEN d.batch = '' THEN 1 ELSE (SELECT count(DISTINCT b.doc_key) FROM decisions b WHERE b.request_id = d.request_id
			AND b.batch = d.batch AND b.superseded_by IS NULL AND NOT b.undone) END
		FROM decisions d LEFT JOIN approvals a ON a.decision_id = d.id
		WHERE d.request_id = $1 AND d.doc_key = $2 AND d.suggestion_id IS NULL AND d.superseded_by IS NULL AND NOT d.undone
		ORDER BY d.start_off, d.id`, requestID, docKey)
	if err != nil {
		return nil, mapErr(err, "decisions")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (OwnDecision, error) {
		o := OwnDecision{Decision: Decision{RequestID: requestID}}
		err := r.Scan(&o.ID, &o.DocKey, &o.Start, &o.End, &o.Kind, &o.Code, &o.Reason, &o.By, &o.At, &o.Batch, &o.AppliesTo,
			&o.Approval, &o.Occurrences, &o.Documents)
		return o, err
	})
}

// OwnDecision returns one current own decision of a request by id; a
// decision of another request, on a suggestion, or no longer current is
// not found.
func (db *DB) OwnDecision(ctx context.Context, requestID, decisionID int64) (Decision, error) {
	d := Decision{ID: decisionID, RequestID: requestID}
	err := db.Pool.QueryRow(ctx, `SELECT doc_key, start_off, end_off, decision, batch, applies_to FROM decisions
		WHERE id = $1 AND request_id = $2 AND suggestion_id IS NULL AND superseded_by IS NULL AND NOT undone`,
		decisionID, requestID).Scan(&d.DocKey, &d.Start, &d.End, &d.Kind, &d.Batch, &d.AppliesTo)
	if err == pgx.ErrNoRows {
		return d, workflow.Errorf(workflow.ErrNotFound, "no such redaction of yours in this request")
	}
	return d, mapErr(err, "decision")
}
