package postgres

// Queries the web workbench needs that the store did not have. Written by
// the web side (internal/web/pgstore is their only caller); hand-written
// SQL like the rest of the package.

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// DocDecisions returns the current decisions on one document of a request
// (Decisions for one document: the review screen needs only these).
func (db *DB) DocDecisions(ctx context.Context, requestID int64, docKey string) ([]Decision, error) {
	rows, err := db.Pool.Query(ctx, `SELECT d.id, d.request_id, coalesce(d.suggestion_id, 0), d.doc_key, d.start_off, d.end_off,
		d.decision, d.code, d.basis, d.reason, coalesce(d.user_id, 0), d.at, coalesce(d.supersedes, 0), d.batch, coalesce(a.state, '')
		FROM decisions d LEFT JOIN approvals a ON a.decision_id = d.id
		WHERE d.request_id = $1 AND d.doc_key = $2 AND d.superseded_by IS NULL AND NOT d.undone ORDER BY d.start_off, d.id`, requestID, docKey)
	if err != nil {
		return nil, mapErr(err, "decisions")
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Decision])
}

// NextDocKey returns the key of the document after docKey in the order the
// document list shows (location, then path, byte order), or "" after the
// last.
func (db *DB) NextDocKey(ctx context.Context, requestID int64, docKey string) (string, error) {
	var next string
	err := db.Pool.QueryRow(ctx, `SELECT n.doc_key FROM documents d JOIN documents n ON n.request_id = d.request_id
		AND (n.location COLLATE "C", n.path COLLATE "C", n.part COLLATE "C") > (d.location COLLATE "C", d.path COLLATE "C", d.part COLLATE "C")
		WHERE d.request_id = $1 AND d.doc_key = $2
		ORDER BY n.location COLLATE "C", n.path COLLATE "C", n.part COLLATE "C" LIMIT 1`, requestID, docKey).Scan(&next)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return next, mapErr(err, "next document")
}

// DeleteStaleSuggestions removes a request's suggestions that a new run of
// the suggestion step no longer makes (keep holds the ids it made), when
// nobody ever decided them: after a person's role changes or two people
// are merged, the suggestions follow. Suggestions with any decision, even
// undone, stay for the record of what was decided.
func (db *DB) DeleteStaleSuggestions(ctx context.Context, requestID int64, keep []string) (int, error) {
	tag, err := db.Pool.Exec(ctx, deleteStaleSQL, requestID, keep)
	if err != nil {
		return 0, mapErr(err, "stale suggestions")
	}
	return int(tag.RowsAffected()), nil
}

// DeletePerson removes one entry of a request's person register (after it
// was merged into another).
func (db *DB) DeletePerson(ctx context.Context, requestID int64, name string) error {
	_, err := db.Pool.Exec(ctx, `DELETE FROM persons WHERE request_id = $1 AND name = $2`, requestID, name)
	return mapErr(err, "person")
}
