package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// Consultation is a partner agency asked about information it supplied
// (police, health) before disclosure.
type Consultation struct {
	ID         int64       `json:"id"`
	RequestID  int64       `json:"request_id"`
	Agency     string      `json:"agency"`
	Sent       string      `json:"sent"` // what was sent, described
	AskedOn    *time.Time  `json:"asked_on,omitempty"`
	ChaseDates []time.Time `json:"chase_dates"`
	Response   string      `json:"response,omitempty"`
	ResponseOn *time.Time  `json:"response_on,omitempty"`
	Outcome    string      `json:"outcome,omitempty"`
	State      string      `json:"state"` // draft, asked, chased, answered, closed
	Version    int         `json:"version"`
}

const consultationCols = `id, request_id, agency, sent, asked_on, chase_dates, response, response_on, outcome, state, version`

func scanConsultation(r pgx.Row) (Consultation, error) {
	var c Consultation
	err := r.Scan(&c.ID, &c.RequestID, &c.Agency, &c.Sent, &c.AskedOn, &c.ChaseDates, &c.Response, &c.ResponseOn, &c.Outcome, &c.State, &c.Version)
	return c, err
}

// SaveConsultation creates (ID 0) or updates a consultation; an update must
// carry the version it was read at.
func (db *DB) SaveConsultation(ctx context.Context, by int64, c Consultation) (Consultation, error) {
	if c.Agency == "" {
		return c, workflow.Errorf(workflow.ErrInvalid, "a consultation needs the agency")
	}
	if c.State == "" {
		c.State = "draft"
	}
	if c.ChaseDates == nil {
		c.ChaseDates = []time.Time{}
	}
	var out Consultation
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var row pgx.Row
		if c.ID == 0 {
			row = tx.QueryRow(ctx, `INSERT INTO consultations (request_id, agency, sent, asked_on, chase_dates, response, response_on,
				outcome, state, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING `+consultationCols,
				c.RequestID, c.Agency, c.Sent, c.AskedOn, c.ChaseDates, c.Response, c.ResponseOn, c.Outcome, c.State, nullID(by))
		} else {
			row = tx.QueryRow(ctx, `UPDATE consultations SET agency = $3, sent = $4, asked_on = $5, chase_dates = $6, response = $7,
				response_on = $8, outcome = $9, state = $10, version = version + 1, updated_at = now()
				WHERE id = $1 AND version = $2 RETURNING `+consultationCols,
				c.ID, c.Version, c.Agency, c.Sent, c.AskedOn, c.ChaseDates, c.Response, c.ResponseOn, c.Outcome, c.State)
		}
		var err error
		out, err = scanConsultation(row)
		if err == pgx.ErrNoRows {
			return workflow.Errorf(workflow.ErrConflict, "the consultation was changed by someone else; reload and try again")
		}
		if err != nil {
			return mapErr(err, "consultation")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditConsultation, RequestID: out.RequestID,
			Object: "consultation " + itoa(out.ID), Detail: map[string]any{"state": out.State}})
	})
	return out, err
}

// Consultations lists a request's consultations.
func (db *DB) Consultations(ctx context.Context, requestID int64) ([]Consultation, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+consultationCols+` FROM consultations WHERE request_id = $1 ORDER BY id`, requestID)
	if err != nil {
		return nil, mapErr(err, "consultations")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Consultation, error) { return scanConsultation(r) })
}
