package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// Decided returns a request's suggestions and its current decisions (not
// superseded, not undone) in review's terms, with legal's answer on each:
// what review.Policy.Apply needs to say what the bundle applies.
func (db *DB) Decided(ctx context.Context, requestID int64) ([]suggest.Suggestion, []review.Decision, error) {
	stored, err := db.Suggestions(ctx, requestID, SuggestionFilter{})
	if err != nil {
		return nil, nil, err
	}
	sugs := make([]suggest.Suggestion, len(stored))
	for i := range stored {
		sugs[i] = stored[i].Suggestion
	}
	rows, err := db.Pool.Query(ctx, `SELECT d.id, coalesce(s.sid, ''), d.decision, d.doc_key, d.start_off, d.end_off, d.code, d.reason,
		coalesce(u.email, ''), coalesce(a.state, ''), coalesce(au.email, '')
		FROM decisions d LEFT JOIN suggestions s ON s.id = d.suggestion_id LEFT JOIN users u ON u.id = d.user_id
		LEFT JOIN approvals a ON a.decision_id = d.id LEFT JOIN users au ON au.id = a.approver_id
		WHERE d.request_id = $1 AND d.superseded_by IS NULL AND NOT d.undone ORDER BY d.doc_key, d.start_off, d.id`, requestID)
	if err != nil {
		return nil, nil, mapErr(err, "decisions")
	}
	decs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (review.Decision, error) {
		var d review.Decision
		var id int64
		err := r.Scan(&id, &d.SuggestionID, &d.Kind, &d.DocID, &d.Start, &d.End, &d.Code, &d.Reason, &d.User, &d.Approval, &d.Approver)
		d.ID = itoa(id)
		if d.SuggestionID == "" {
			// A reviewer's own withholding of 0..0 is the whole document;
			// of a span, a section.
			switch {
			case d.Kind == review.Withhold && d.Start == 0 && d.End == 0:
				d.Scope = suggest.ScopeDocument
			case d.Kind == review.Withhold:
				d.Scope = suggest.ScopeSection
			default:
				d.Scope = suggest.ScopeSpan
			}
		}
		return d, err
	})
	if err != nil {
		return nil, nil, mapErr(err, "decisions")
	}
	return sugs, decs, nil
}

// Redactions is what the bundle of a request applies: its stored
// suggestions and decisions given their meaning by review (undecided
// suggestions applied as suggested, disclosures only once approved).
func (db *DB) Redactions(ctx context.Context, requestID int64) (review.Outcome, error) {
	sugs, decs, err := db.Decided(ctx, requestID)
	if err != nil {
		return review.Outcome{}, err
	}
	return db.decisionPolicy().Apply(sugs, decs), nil
}
