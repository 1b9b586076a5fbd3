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

// DocProgress is one document's review counts. It is the one count of
// what is left to decide: the dashboard, the request page, the document
// list, the review screen and the bundle check all read docCountsSQL.
type DocProgress struct {
	Key       string
	Pages     int  // at least 1, as Progress counts them
	Duplicate bool // left out of the bundle, so of the request's counts too
	Total     int  // suggestions
	Decided   int
}

// Left is how many of the document's suggestions are not decided.
func (d DocProgress) Left() int { return d.Total - d.Decided }

// docCountsSQL counts, per document of request $1 (of those in $2 when it
// is not null): pages, whether it is a duplicate, suggestions and decided
// suggestions. A suggestion with other detectors' findings merged into it
// (Also) is one row, decided once; an officer's own redactions and manual
// decisions are not suggestions and never "left". Request totals are the
// sums over documents that are not duplicates.
const docCountsSQL = `SELECT d.doc_key, greatest(d.pages, 1) AS pages, d.duplicate_of <> '' AS duplicate,
		count(s.id) AS total, count(s.decision_id) AS decided
	FROM documents d LEFT JOIN suggestions s ON s.request_id = d.request_id AND s.doc_key = d.doc_key
	WHERE d.request_id = $1 AND ($2::text[] IS NULL OR d.doc_key = ANY($2))
	GROUP BY d.doc_key, d.pages, d.duplicate_of`

// ProgressByDoc counts every document of a request (docCountsSQL): a
// cache that holds it can recount one document after a decision instead
// of the whole request.
func (db *DB) ProgressByDoc(ctx context.Context, requestID int64) ([]DocProgress, error) {
	return db.docCounts(ctx, requestID, nil)
}

// DocProgressOf counts one document of a request (docCountsSQL).
func (db *DB) DocProgressOf(ctx context.Context, requestID int64, docKey string) (DocProgress, error) {
	ds, err := db.docCounts(ctx, requestID, []string{docKey})
	if err != nil {
		return DocProgress{}, err
	}
	if len(ds) == 0 {
		return DocProgress{}, workflow.Errorf(workflow.ErrNotFound, "document not found")
	}
	return ds[0], nil
}

func (db *DB) docCounts(ctx context.Context, requestID int64, docKeys []string) ([]DocProgress, error) {
	rows, err := db.Pool.Query(ctx, docCountsSQL, requestID, docKeys)
	if err != nil {
		return nil, mapErr(err, "progress")
	}
	ds, err := pgx.CollectRows(rows, pgx.RowToStructByPos[DocProgress])
	return ds, mapErr(err, "progress")
}
