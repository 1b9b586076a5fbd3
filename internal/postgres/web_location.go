package postgres

// The locations a request's record was gathered from: a server-side record
// folder, or files uploaded through the workbench. The bundle job reads a
// scanned page's source file again from here to burn its redactions into
// the pixels.

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// Location sources.
const (
	LocationFolder = "folder" // a record folder on the server (allow-listed)
	LocationUpload = "upload" // files uploaded to the data directory
)

// Location is one place a request's record was gathered from. Path is the
// server-side folder: the record folder for LocationFolder (the folder
// that holds subject.json), the upload folder of the location for
// LocationUpload.
type Location struct {
	ID        int64     `json:"id"`
	RequestID int64     `json:"request_id"`
	Name      string    `json:"name"`
	Source    string    `json:"source"`
	Path      string    `json:"-"` // a server path: never shown to the browser
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

const locationCols = `id, request_id, name, source, path, coalesce(created_by, 0), created_at`

// AddLocation records a location of a request, or finds the same one
// (same name, source and path) when it is added again — more files
// uploaded, a folder ingested anew. A different location under a name
// already taken is ErrExists. then, if not nil, runs in the same
// transaction (the ingestion job is queued with it, so a location is never
// recorded without its job nor a job queued for a location that was not).
func (db *DB) AddLocation(ctx context.Context, by int64, l Location, then func(tx pgx.Tx) error) (Location, error) {
	if l.Name == "" || l.Path == "" || (l.Source != LocationFolder && l.Source != LocationUpload) {
		return Location{}, workflow.Errorf(workflow.ErrInvalid, "a location needs a name, a source and a folder")
	}
	var out Location
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO locations (request_id, name, source, path, created_by) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (request_id, name) DO NOTHING RETURNING `+locationCols,
			l.RequestID, l.Name, l.Source, l.Path, nullID(by)).Scan(&out.ID, &out.RequestID, &out.Name, &out.Source, &out.Path, &out.CreatedBy, &out.CreatedAt)
		if errors.Is(err, pgx.ErrNoRows) {
			err = tx.QueryRow(ctx, `SELECT `+locationCols+` FROM locations WHERE request_id = $1 AND name = $2`, l.RequestID, l.Name).
				Scan(&out.ID, &out.RequestID, &out.Name, &out.Source, &out.Path, &out.CreatedBy, &out.CreatedAt)
			if err != nil {
				return mapErr(err, "location")
			}
			if out.Source != l.Source || out.Path != l.Path {
				return workflow.Errorf(workflow.ErrExists, "this request already has a location named %q", l.Name)
			}
		} else if err != nil {
			return mapErr(err, "location")
		}
		if err := appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditLocationAdd, RequestID: l.RequestID,
			Object: "location " + itoa(out.ID), Detail: map[string]any{"source": l.Source}}); err != nil {
			return err
		}
		if then != nil {
			return then(tx)
		}
		return nil
	})
	return out, err
}

// RequestLocations lists a request's locations in the order they were added.
func (db *DB) RequestLocations(ctx context.Context, requestID int64) ([]Location, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+locationCols+` FROM locations WHERE request_id = $1 ORDER BY id`, requestID)
	if err != nil {
		return nil, mapErr(err, "locations")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Location, error) {
		var l Location
		err := r.Scan(&l.ID, &l.RequestID, &l.Name, &l.Source, &l.Path, &l.CreatedBy, &l.CreatedAt)
		return l, err
	})
}
