package postgres

import (
	"context"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Progress is how far review of a request has come. The web layer sets it
// against the days left from the deadline package.
type Progress struct {
	Documents        int `json:"documents"`
	Pages            int `json:"pages"`
	PagesDone        int `json:"pages_done"` // pages of documents with every suggestion decided
	Suggestions      int `json:"suggestions"`
	Decided          int `json:"decided"`
	PendingApprovals int `json:"pending_approvals"`
}

// Remaining is the number of suggestions not yet decided.
func (p Progress) Remaining() int { return p.Suggestions - p.Decided }

// Progress counts a request's review progress (duplicates excluded: they
// are not disclosed).
func (db *DB) Progress(ctx context.Context, requestID int64) (Progress, error) {
	var p Progress
	err := db.Pool.QueryRow(ctx, `WITH doc AS (
			SELECT d.doc_key, greatest(d.pages, 1) AS pages,
				count(s.id) AS total, count(s.decision_id) AS decided
			FROM documents d LEFT JOIN suggestions s ON s.request_id = d.request_id AND s.doc_key = d.doc_key
			WHERE d.request_id = $1 AND d.duplicate_of = '' GROUP BY d.doc_key, d.pages)
		SELECT count(*), coalesce(sum(pages), 0), coalesce(sum(pages) FILTER (WHERE decided = total), 0),
			coalesce(sum(total), 0), coalesce(sum(decided), 0),
			(SELECT count(*) FROM approvals a JOIN decisions x ON x.id = a.decision_id
			 WHERE a.request_id = $1 AND a.state = 'pending' AND x.superseded_by IS NULL AND NOT x.undone)
		FROM doc`, requestID).Scan(&p.Documents, &p.Pages, &p.PagesDone, &p.Suggestions, &p.Decided, &p.PendingApprovals)
	return p, mapErr(err, "progress")
}

// Redactions turns a request's current decisions into the redactions a
// bundle applies. A disclosure of third-party information counts only once
// legal has approved it: until then its span stays redacted (DPA 2018 Sch. 2
// para 16). Text is the suggestion's text when the span is the suggested
// one; the bundle step fills it from the document for changed and manual spans.
func (db *DB) Redactions(ctx context.Context, requestID int64) ([]record.Redaction, error) {
	rows, err := db.Pool.Query(ctx, `SELECT d.doc_key, d.start_off, d.end_off, d.decision, d.code, coalesce(a.state, ''),
		coalesce(s.person_label, ''), coalesce(s.rule_id, ''), coalesce(s.category, ''),
		CASE WHEN s.start_off = d.start_off AND s.end_off = d.end_off THEN s.text ELSE '' END, coalesce(u.email, '')
		FROM decisions d LEFT JOIN approvals a ON a.decision_id = d.id LEFT JOIN suggestions s ON s.id = d.suggestion_id
		LEFT JOIN users u ON u.id = d.user_id
		WHERE d.request_id = $1 AND d.superseded_by IS NULL AND NOT d.undone ORDER BY d.doc_key, d.start_off`, requestID)
	if err != nil {
		return nil, mapErr(err, "redactions")
	}
	defer rows.Close()
	var out []record.Redaction
	for rows.Next() {
		var r record.Redaction
		var kind, approval string
		var text *string
		if err := rows.Scan(&r.DocID, &r.Start, &r.End, &kind, &r.Code, &approval, &r.Label, &r.RuleID, &r.Category, &text, &r.Decider); err != nil {
			return nil, mapErr(err, "redactions")
		}
		if text != nil {
			r.Text = *text
		}
		k := workflow.DecisionKind(kind)
		if k == workflow.DecisionDisclose && approval == workflow.ApprovalApproved || k == workflow.DecisionReject {
			continue
		}
		r.Withhold = k == workflow.DecisionWithhold
		out = append(out, r)
	}
	return out, mapErr(rows.Err(), "redactions")
}
