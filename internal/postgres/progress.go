package postgres

import (
	"context"
)

// Progress is how far review of a request has come. The web layer sets it
// against the days left from the deadline package.
type Progress struct {
	Documents        int `json:"documents"`
	Pages            int `json:"pages"`
	PagesDone        int `json:"pages_done"` // pages of documents with every suggestion decided
	Suggestions      int `json:"suggestions"`
	Decided          int `json:"decided"`
	PendingApprovals int `json:"pending_approvals"` // of decisions and of areas drawn on pages
}

// Remaining is the number of suggestions not yet decided.
func (p Progress) Remaining() int { return p.Suggestions - p.Decided }

// Progress counts a request's review progress: the sums of docCountsSQL
// over the documents that are not duplicates (they are not disclosed).
func (db *DB) Progress(ctx context.Context, requestID int64) (Progress, error) {
	var p Progress
	err := db.Pool.QueryRow(ctx, `WITH doc AS (`+docCountsSQL+`)
		SELECT count(*), coalesce(sum(pages), 0), coalesce(sum(pages) FILTER (WHERE decided = total), 0),
			coalesce(sum(total), 0), coalesce(sum(decided), 0),
			(SELECT count(*) FROM approvals a`+currentApprovalSQL+` AND a.request_id = $1 AND a.state = 'pending')
		FROM doc WHERE NOT duplicate`, requestID, nil).Scan(&p.Documents, &p.Pages, &p.PagesDone, &p.Suggestions, &p.Decided, &p.PendingApprovals)
	return p, mapErr(err, "progress")
}
