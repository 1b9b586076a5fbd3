package postgres

// Areas officers drew on page images (page_areas, migration 0015): stored
// with their page coordinates and the words under them, audited in the
// transaction that writes them, undone (never deleted) like own redactions,
// and handed to the bundle as record.Area. An area whose code needs legal
// sign-off (review.Policy.AreaApproval) opens a pending approval as it is
// drawn (migration 0016); undoing the area withdraws it.

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Audit actions of areas.
const (
	AuditAreaAdd  = "area.add"
	AuditAreaUndo = "area.undo"
)

// Area is a stored area. Its record.Area's Decider is the email of the
// officer who drew it, as a decision's user is.
type Area struct {
	record.Area
	RequestID  int64
	PageWidth  float32 // the page's size when the area was drawn, in points
	PageHeight float32
	By         int64
	ByName     string
	At         time.Time
	// Approval is legal's answer when the area's code needed one when it
	// was drawn: "" (none asked), pending, approved or refused.
	Approval   string
	ApprovalID int64
}

// Review is the area in review's terms, for review.Policy.ApplyAreas.
func (a Area) Review() review.Area { return review.Area{Area: a.Area, Approval: a.Approval} }

// AreaInput is an area as drawn: the page's size the review screen showed,
// the rectangle on it, and the byte ranges of the words under it.
type AreaInput struct {
	DocKey     string
	Page       int
	Box        record.Box
	PageWidth  float32
	PageHeight float32
	Words      [][2]int
	Code       string
	Reason     string
}

// maxAreaReason bounds the officer's reason (it goes into the schedule).
const maxAreaReason = 2000

// validate checks an area against its page, without the database.
func (in *AreaInput) validate(codes func(string) bool) error {
	b := in.Box
	finite := func(v float32) bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }
	switch {
	case in.DocKey == "":
		return workflow.Errorf(workflow.ErrInvalid, "say which document the area is on")
	case in.Page < 1:
		return workflow.Errorf(workflow.ErrInvalid, "say which page the area is on")
	case !finite(in.PageWidth) || !finite(in.PageHeight) || in.PageWidth <= 0 || in.PageHeight <= 0:
		return workflow.Errorf(workflow.ErrInvalid, "the page's size is missing")
	case !finite(b.X0) || !finite(b.Y0) || !finite(b.X1) || !finite(b.Y1) || b.X1-b.X0 < 1 || b.Y1-b.Y0 < 1:
		return workflow.Errorf(workflow.ErrInvalid, "draw the area at least a point wide and high")
	case b.X0 < 0 || b.Y0 < 0 || b.X1 > in.PageWidth || b.Y1 > in.PageHeight:
		return workflow.Errorf(workflow.ErrInvalid, "the area must lie on the page")
	case !codes(in.Code):
		return workflow.Errorf(workflow.ErrInvalid, "choose a reason code for the area")
	case len(in.Reason) > maxAreaReason:
		return workflow.Errorf(workflow.ErrInvalid, "the reason is too long (at most %d characters)", maxAreaReason)
	}
	for _, w := range in.Words {
		if w[0] < 0 || w[1] <= w[0] {
			return workflow.Errorf(workflow.ErrInvalid, "the words under the area are not ranges of the text")
		}
	}
	in.Reason = strings.TrimSpace(in.Reason)
	return nil
}

// AddArea stores an area an officer drew, audited in the same transaction.
// The document must be one of the request's, and the words' ranges inside
// its text. An area under a code whose withholding needs legal sign-off
// opens a pending approval in the same transaction, as a decision does.
func (db *DB) AddArea(ctx context.Context, by, requestID int64, in AreaInput) (Area, error) {
	pol := db.decisionPolicy()
	known := func(code string) bool {
		if len(pol.Codes) == 0 {
			return code != ""
		}
		_, ok := pol.Codes[code]
		return ok
	}
	if err := in.validate(known); err != nil {
		return Area{}, err
	}
	a := Area{Area: record.Area{DocID: in.DocKey, Page: in.Page, Box: in.Box, Words: in.Words, Code: in.Code, Reason: in.Reason},
		RequestID: requestID, PageWidth: in.PageWidth, PageHeight: in.PageHeight, By: by}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var size int
		err := tx.QueryRow(ctx, `SELECT octet_length(text) FROM documents WHERE request_id = $1 AND doc_key = $2`, requestID, in.DocKey).Scan(&size)
		if err == pgx.ErrNoRows {
			return workflow.Errorf(workflow.ErrNotFound, "document not found")
		}
		if err != nil {
			return mapErr(err, "document")
		}
		flat := make([]int32, 0, 2*len(in.Words))
		for _, w := range in.Words {
			if w[1] > size {
				return workflow.Errorf(workflow.ErrInvalid, "the words under the area are not ranges of the text")
			}
			flat = append(flat, int32(w[0]), int32(w[1]))
		}
		err = tx.QueryRow(ctx, `INSERT INTO page_areas (request_id, doc_key, page, x0, y0, x1, y1, page_width, page_height, words,
			code, reason, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id, at`,
			requestID, in.DocKey, in.Page, in.Box.X0, in.Box.Y0, in.Box.X1, in.Box.Y1, in.PageWidth, in.PageHeight, flat,
			in.Code, in.Reason, nullID(by)).Scan(&a.ID, &a.At)
		if err != nil {
			return mapErr(err, "area")
		}
		approval := pol.AreaApproval(in.Code)
		if approval != "" {
			if err := tx.QueryRow(ctx, `INSERT INTO approvals (request_id, area_id, kind) VALUES ($1, $2, $3) RETURNING id`,
				requestID, a.ID, approval).Scan(&a.ApprovalID); err != nil {
				return mapErr(err, "approval")
			}
			a.Approval = workflow.ApprovalPending
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditAreaAdd, RequestID: requestID, Object: "area " + itoa(a.ID),
			Detail: map[string]any{"document": in.DocKey, "page": in.Page, "box": []float32{in.Box.X0, in.Box.Y0, in.Box.X1, in.Box.Y1},
				"page_size": []float32{in.PageWidth, in.PageHeight}, "words": len(in.Words), "code": in.Code, "approval": approval}})
	})
	return a, err
}

// Areas returns the current areas of one document of a request, or of
// every document when docKey is "", by document, page and position, each
// with its approval's state.
func (db *DB) Areas(ctx context.Context, requestID int64, docKey string) ([]Area, error) {
	rows, err := db.Pool.Query(ctx, `SELECT a.id, a.doc_key, a.page, a.x0, a.y0, a.x1, a.y1, a.page_width, a.page_height, a.words,
		a.code, a.reason, coalesce(a.user_id, 0), coalesce(u.email, ''), coalesce(u.name, ''), a.at, coalesce(ap.state, ''), coalesce(ap.id, 0)
		FROM page_areas a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN approvals ap ON ap.area_id = a.id
		WHERE a.request_id = $1 AND ($2 = '' OR a.doc_key = $2) AND NOT a.undone
		ORDER BY a.doc_key COLLATE "C", a.page, a.y0, a.x0, a.id`, requestID, docKey)
	if err != nil {
		return nil, mapErr(err, "areas")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Area, error) {
		a := Area{RequestID: requestID}
		var flat []int32
		err := r.Scan(&a.ID, &a.DocID, &a.Page, &a.Box.X0, &a.Box.Y0, &a.Box.X1, &a.Box.Y1, &a.PageWidth, &a.PageHeight, &flat,
			&a.Code, &a.Reason, &a.By, &a.Decider, &a.ByName, &a.At, &a.Approval, &a.ApprovalID)
		for i := 0; i+1 < len(flat); i += 2 {
			a.Words = append(a.Words, [2]int{int(flat[i]), int(flat[i+1])})
		}
		return a, err
	})
}

// UndoArea undoes a current area of a request, audited. An area of another
// request is not found; one undone already is a conflict. Its approval, if
// it has one, is withdrawn with it: legal's queue and the bundle's blockers
// read approvals of current areas only, and the audit row says which
// approval went and in what state.
func (db *DB) UndoArea(ctx context.Context, by, requestID, areaID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var undone bool
		var docKey, approval string
		var approvalID int64
		err := tx.QueryRow(ctx, `SELECT p.undone, p.doc_key, coalesce(ap.state, ''), coalesce(ap.id, 0)
			FROM page_areas p LEFT JOIN approvals ap ON ap.area_id = p.id
			WHERE p.id = $1 AND p.request_id = $2 FOR UPDATE OF p`, areaID, requestID).Scan(&undone, &docKey, &approval, &approvalID)
		if err == pgx.ErrNoRows {
			return workflow.Errorf(workflow.ErrNotFound, "no such area in this request")
		}
		if err != nil {
			return mapErr(err, "area")
		}
		if undone {
			return workflow.Errorf(workflow.ErrConflict, "that area has already been undone")
		}
		if _, err := tx.Exec(ctx, `UPDATE page_areas SET undone = true, undone_by = $2, undone_at = now() WHERE id = $1`, areaID, nullID(by)); err != nil {
			return mapErr(err, "area")
		}
		detail := map[string]any{"document": docKey}
		if approvalID != 0 {
			detail["approval"], detail["approval_state"] = approvalID, approval
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditAreaUndo, RequestID: requestID, Object: "area " + itoa(areaID),
			Detail: detail})
	})
}
