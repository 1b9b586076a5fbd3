package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/suggest"
)

// Suggestion is a stored suggest.Suggestion with its review state.
type Suggestion struct {
	suggest.Suggestion
	DBID       int64  `json:"db_id"`                 // row id: what decisions refer to
	Version    int    `json:"version"`               // send back when deciding
	DecisionID int64  `json:"decision_id,omitempty"` // current decision; 0 = undecided
	Decision   string `json:"decision,omitempty"`    // its kind
}

// SaveSuggestions upserts a request's suggestions keyed by (request,
// suggestion id): re-running the suggestion step refreshes the wording and
// keeps every decision already made.
func (db *DB) SaveSuggestions(ctx context.Context, requestID int64, ss []suggest.Suggestion) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, s := range ss {
			b.Queue(upsertSuggestionSQL,
				requestID, s.ID, s.DocID, s.Location, s.Path, s.Part, s.Page, s.Start, s.End, s.Scope, s.Text,
				s.PersonKey, s.PersonLabel, s.PersonRole, s.RuleID, s.Category, s.Code, s.Action, s.Confidence, s.Why, alsoOf(s))
		}
		return mapErr(tx.SendBatch(ctx, b).Close(), "suggestion")
	})
}

// SuggestionFilter narrows Suggestions.
type SuggestionFilter struct {
	DocKey    string // "" = every document
	PersonKey string // "" = every person
	Undecided bool
}

const suggestionCols = `s.id, s.sid, s.doc_key, s.location, s.path, s.part, s.page, s.start_off, s.end_off, s.scope, s.text,
	s.person_key, s.person_label, s.person_role, s.rule_id, s.category, s.code, s.action, s.confidence, s.why, s.also,
	s.version, coalesce(s.decision_id, 0), coalesce(d.decision, '')`

func scanSuggestion(r pgx.Row) (Suggestion, error) {
	var s Suggestion
	err := r.Scan(&s.DBID, &s.ID, &s.DocID, &s.Location, &s.Path, &s.Part, &s.Page, &s.Start, &s.End, &s.Scope, &s.Text,
		&s.PersonKey, &s.PersonLabel, &s.PersonRole, &s.RuleID, &s.Category, &s.Code, &s.Action, &s.Confidence, &s.Why, &s.Also,
		&s.Version, &s.DecisionID, &s.Decision)
	return s, err
}

// Suggestions lists a request's suggestions in document order.
func (db *DB) Suggestions(ctx context.Context, requestID int64, f SuggestionFilter) ([]Suggestion, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+suggestionCols+` FROM suggestions s LEFT JOIN decisions d ON d.id = s.decision_id
		WHERE s.request_id = $1 AND ($2 = '' OR s.doc_key = $2) AND ($3 = '' OR s.person_key = $3) AND (NOT $4 OR s.decision_id IS NULL)
		ORDER BY s.doc_key, s.start_off, s.id`, requestID, f.DocKey, f.PersonKey, f.Undecided)
	if err != nil {
		return nil, mapErr(err, "suggestions")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Suggestion, error) { return scanSuggestion(r) })
}

// SuggestionByID returns one stored suggestion by row id.
func (db *DB) SuggestionByID(ctx context.Context, id int64) (Suggestion, error) {
	s, err := scanSuggestion(db.Pool.QueryRow(ctx, `SELECT `+suggestionCols+` FROM suggestions s
		LEFT JOIN decisions d ON d.id = s.decision_id WHERE s.id = $1`, id))
	return s, mapErr(err, "suggestion")
}
