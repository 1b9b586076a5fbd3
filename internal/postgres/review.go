package postgres

// Reads for the review screen, which every reviewer loads on every move:
// one document's suggestions with their decisions in one query, and a
// document without the word and character boxes the screen never shows.

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// ReviewSuggestion is a stored suggestion with its current decision.
type ReviewSuggestion struct {
	Suggestion
	// Current is the decision Suggestion.DecisionID names, when it is
	// still current (not superseded or undone); nil otherwise.
	Current *Decision
}

// DocSuggestions returns one document's suggestions in text order, each
// with its current decision and that decision's approval state: what
// Suggestions and DocDecisions give together, in one round trip.
func (db *DB) DocSuggestions(ctx context.Context, requestID int64, docKey string) ([]ReviewSuggestion, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+suggestionCols+`,
		d.id IS NOT NULL AND d.request_id = s.request_id AND d.doc_key = s.doc_key AND d.superseded_by IS NULL AND NOT d.undone,
		coalesce(d.request_id, 0), coalesce(d.suggestion_id, 0), coalesce(d.doc_key, ''), coalesce(d.start_off, 0), coalesce(d.end_off, 0),
		coalesce(d.code, ''), coalesce(d.basis, ''), coalesce(d.reason, ''), coalesce(d.user_id, 0), d.at,
		coalesce(d.supersedes, 0), coalesce(d.batch, ''), coalesce(a.state, '')
		FROM suggestions s LEFT JOIN decisions d ON d.id = s.decision_id LEFT JOIN approvals a ON a.decision_id = d.id
		WHERE s.request_id = $1 AND s.doc_key = $2
		ORDER BY s.start_off, s.id`, requestID, docKey)
	if err != nil {
		return nil, mapErr(err, "suggestions")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (ReviewSuggestion, error) {
		var (
			s       ReviewSuggestion
			d       Decision
			current bool
			at      *time.Time
		)
		err := r.Scan(&s.DBID, &s.ID, &s.DocID, &s.Location, &s.Path, &s.Part, &s.Page, &s.Start, &s.End, &s.Scope, &s.Text,
			&s.PersonKey, &s.PersonLabel, &s.PersonRole, &s.RuleID, &s.Category, &s.Code, &s.Action, &s.Confidence, &s.Why, &s.Also,
			&s.Version, &s.DecisionID, &s.Decision,
			&current, &d.RequestID, &d.SuggestionID, &d.DocKey, &d.Start, &d.End, &d.Code, &d.Basis, &d.Reason, &d.By, &at,
			&d.Supersedes, &d.Batch, &d.Approval)
		if err == nil && current {
			d.ID, d.Kind = s.DecisionID, workflow.DecisionKind(s.Decision)
			if at != nil {
				d.At = *at
			}
			s.Current = &d
		}
		return s, err
	})
}

// DocumentText returns one document's metadata and text, without the
// blocks, word boxes, character boxes, page and email details Document
// also decodes: the review screen shows only the text, and a scanned or
// PDF document's boxes are many times its text. Callers that show it audit
// the view (AuditDocumentView).
func (db *DB) DocumentText(ctx context.Context, requestID int64, key string) (record.Document, error) {
	var (
		d      record.Document
		date   *time.Time
		format string
	)
	err := db.Pool.QueryRow(ctx, `SELECT doc_key, location, path, part, parent, format, type, title, author, doc_date, pages,
		hash, text_hash, duplicate_of, restricted, ocr_pages, needs_ocr, text
		FROM documents WHERE request_id = $1 AND doc_key = $2`, requestID, key).Scan(&d.ID, &d.Location, &d.Path, &d.Part,
		&d.Parent, &format, &d.Type, &d.Title, &d.Author, &date, &d.Pages, &d.Hash, &d.TextHash, &d.DuplicateOf, &d.Restricted,
		&d.OCRPages, &d.NeedsOCR, &d.Text)
	if err != nil {
		return d, mapErr(err, "document")
	}
	d.Format = record.Format(format)
	if date != nil {
		d.Date = *date
	}
	return d, nil
}

// DocProgress is one document's share of a request's review progress.
type DocProgress struct {
	Key     string
	Pages   int // at least 1, as Progress counts them
	Total   int // suggestions
	Decided int
}

// ProgressByDoc is Progress per document (duplicates excluded, as there):
// a cache that holds it can recount one document after a decision instead
// of the whole request.
func (db *DB) ProgressByDoc(ctx context.Context, requestID int64) ([]DocProgress, error) {
	rows, err := db.Pool.Query(ctx, `SELECT d.doc_key, greatest(d.pages, 1), count(s.id), count(s.decision_id)
		FROM documents d LEFT JOIN suggestions s ON s.request_id = d.request_id AND s.doc_key = d.doc_key
		WHERE d.request_id = $1 AND d.duplicate_of = '' GROUP BY d.doc_key, d.pages`, requestID)
	if err != nil {
		return nil, mapErr(err, "progress")
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[DocProgress])
}

// DocCount counts one document's suggestions and decided ones.
func (db *DB) DocCount(ctx context.Context, requestID int64, docKey string) (DocCount, error) {
	var c DocCount
	err := db.Pool.QueryRow(ctx, `SELECT count(*), count(decision_id) FROM suggestions WHERE request_id = $1 AND doc_key = $2`,
		requestID, docKey).Scan(&c.Suggestions, &c.Decided)
	return c, mapErr(err, "document counts")
}
