package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

const requestCols = `id, reference, requester_kind, requester_name, requester_contact, authority, authority_verified,
	subject, channel, regime, nation, status, coalesce(assignee_id, 0), coalesce(team_id, 0), received_on, version, created_at, updated_at`

func scanRequest(row pgx.Row) (record.Request, error) {
	var r record.Request
	err := row.Scan(&r.ID, &r.Reference, &r.Requester.Kind, &r.Requester.Name, &r.Requester.Contact, &r.Requester.Authority,
		&r.Requester.AuthorityVerified, &r.Subject, &r.Channel, &r.Regime, &r.Nation, &r.Status, &r.Assignee, &r.Team,
		&r.Received, &r.Version, &r.CreatedAt, &r.UpdatedAt)
	return r, err
}

// CreateRequest logs a request: it takes the next reference for the year it
// was received (SAR-YYYY-NNNN), records the "received" clock event that starts
// the time limit, and the first status. Fields ID, Reference, Status, Version
// and the timestamps of in are ignored.
func (db *DB) CreateRequest(ctx context.Context, by int64, in record.Request) (record.Request, error) {
	switch in.Requester.Kind {
	case record.RequesterSubject, record.RequesterParent, record.RequesterSolicitor, record.RequesterAdvocate:
	default:
		return record.Request{}, workflow.Errorf(workflow.ErrInvalid, "requester must be the subject, a parent, a solicitor or an advocate")
	}
	if in.Subject.Name == "" || in.Received.IsZero() {
		return record.Request{}, workflow.Errorf(workflow.ErrInvalid, "a request needs the subject's name and the date it was received")
	}
	if in.Regime == "" {
		in.Regime = "uk_gdpr"
	}
	if in.Nation == "" {
		in.Nation = "england"
	}
	var out record.Request
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		year := day(in.Received).Year()
		var n int
		// The upsert row-locks the year's counter until commit: no two
		// requests share a number, and a rolled-back log frees nothing twice.
		if err := tx.QueryRow(ctx, `INSERT INTO request_counters (year, last) VALUES ($1, 1)
			ON CONFLICT (year) DO UPDATE SET last = request_counters.last + 1 RETURNING last`, year).Scan(&n); err != nil {
			return mapErr(err, "request reference")
		}
		ref := fmt.Sprintf("SAR-%d-%04d", year, n)
		row := tx.QueryRow(ctx, `INSERT INTO requests (reference, requester_kind, requester_name, requester_contact, authority,
			authority_verified, subject, channel, regime, nation, assignee_id, team_id, received_on, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING `+requestCols,
			ref, in.Requester.Kind, in.Requester.Name, in.Requester.Contact, in.Requester.Authority, in.Requester.AuthorityVerified,
			in.Subject, in.Channel, in.Regime, in.Nation, nullID(in.Assignee), nullID(in.Team), day(in.Received), nullID(by))
		var err error
		if out, err = scanRequest(row); err != nil {
			return mapErr(err, "request")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO request_status_history (request_id, to_status, user_id, note) VALUES ($1, $2, $3, 'logged')`,
			out.ID, out.Status, nullID(by)); err != nil {
			return mapErr(err, "request status")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO clock_events (request_id, kind, on_date, user_id) VALUES ($1, 'received', $2, $3)`,
			out.ID, day(in.Received), nullID(by)); err != nil {
			return mapErr(err, "clock event")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditRequestCreate, RequestID: out.ID, Object: "request " + itoa(out.ID),
			Detail: map[string]any{"reference": ref, "requester_kind": in.Requester.Kind}})
	})
	return out, err
}

// Request returns one request.
func (db *DB) Request(ctx context.Context, id int64) (record.Request, error) {
	r, err := scanRequest(db.Pool.QueryRow(ctx, `SELECT `+requestCols+` FROM requests WHERE id = $1`, id))
	return r, mapErr(err, "request "+itoa(id))
}

// RequestFilter narrows Requests.
type RequestFilter struct {
	Teams    []int64 // nil = every team (admins); else requests of these teams
	Status   string  // "" = any
	Released bool    // only requests with a released bundle (support workers)
	Limit    int     // 0 = 500
}

// Requests lists requests, newest first.
func (db *DB) Requests(ctx context.Context, f RequestFilter) ([]record.Request, error) {
	if f.Limit <= 0 {
		f.Limit = 500
	}
	rows, err := db.Pool.Query(ctx, `SELECT `+requestCols+` FROM requests r
		WHERE ($1::bigint[] IS NULL OR team_id = ANY($1)) AND ($2 = '' OR status = $2)
		AND (NOT $3 OR EXISTS (SELECT 1 FROM bundles b WHERE b.request_id = r.id AND b.state = 'released'))
		ORDER BY id DESC LIMIT $4`, f.Teams, f.Status, f.Released, f.Limit)
	if err != nil {
		return nil, mapErr(err, "requests")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (record.Request, error) { return scanRequest(r) })
}

// SetStatus moves a request to a new status if the lifecycle allows it and
// nobody changed the request since the caller read version; it records who,
// when and why in the status history.
func (db *DB) SetStatus(ctx context.Context, by, id int64, version int, to workflow.Status, note string) (record.Request, error) {
	var out record.Request
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var from string
		var cur int
		if err := tx.QueryRow(ctx, `SELECT status, version FROM requests WHERE id = $1 FOR UPDATE`, id).Scan(&from, &cur); err != nil {
			return mapErr(err, "request "+itoa(id))
		}
		if cur != version {
			return workflow.Errorf(workflow.ErrConflict, "the request was changed by someone else; reload and try again")
		}
		if err := workflow.CheckTransition(workflow.Status(from), to); err != nil {
			return err
		}
		if to == workflow.StatusReady || to == workflow.StatusDisclosed {
			if n, err := pendingApprovals(ctx, tx, id); err != nil {
				return err
			} else if n > 0 {
				return workflow.Errorf(workflow.ErrInvalid, "%d decisions or areas drawn on pages still wait for legal approval", n)
			}
		}
		var err error
		out, err = scanRequest(tx.QueryRow(ctx, `UPDATE requests SET status = $2, version = version + 1, updated_at = now()
			WHERE id = $1 RETURNING `+requestCols, id, string(to)))
		if err != nil {
			return mapErr(err, "request "+itoa(id))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO request_status_history (request_id, from_status, to_status, user_id, note)
			VALUES ($1, $2, $3, $4, $5)`, id, from, string(to), nullID(by), note); err != nil {
			return mapErr(err, "request status")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditRequestStatus, RequestID: id, Object: "request " + itoa(id),
			Detail: map[string]any{"from": from, "to": to}})
	})
	return out, err
}

// Assign sets a request's assignee and team.
func (db *DB) Assign(ctx context.Context, by, id int64, version int, assignee, team int64) (record.Request, error) {
	var out record.Request
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		out, err = scanRequest(tx.QueryRow(ctx, `UPDATE requests SET assignee_id = $3, team_id = $4, version = version + 1, updated_at = now()
			WHERE id = $1 AND version = $2 RETURNING `+requestCols, id, version, nullID(assignee), nullID(team)))
		if err == pgx.ErrNoRows {
			return workflow.Errorf(workflow.ErrConflict, "the request was changed by someone else, or does not exist; reload and try again")
		}
		if err != nil {
			return mapErr(err, "request "+itoa(id))
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditRequestAssign, RequestID: id, Object: "request " + itoa(id),
			Detail: map[string]any{"assignee": assignee, "team": team}})
	})
	return out, err
}

// StatusChange is one row of a request's status history.
type StatusChange struct {
	From string    `json:"from"`
	To   string    `json:"to"`
	By   int64     `json:"by"`
	At   time.Time `json:"at"`
	Note string    `json:"note,omitempty"`
}

// StatusHistory returns a request's status changes, oldest first.
func (db *DB) StatusHistory(ctx context.Context, id int64) ([]StatusChange, error) {
	rows, err := db.Pool.Query(ctx, `SELECT from_status, to_status, coalesce(user_id, 0), at, note
		FROM request_status_history WHERE request_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, mapErr(err, "status history")
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[StatusChange])
}
