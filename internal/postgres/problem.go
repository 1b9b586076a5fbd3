package postgres

// Ingest problems: the files of a request's record that ingestion could
// not read or does not read, kept per location with the reason until an
// officer acknowledges each one (with a reason, audited). Nothing of the
// record may drop out of the copy unseen (UK GDPR Art. 15).

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// AuditProblemAck is the audit action of acknowledging an ingest problem.
const AuditProblemAck = "problem.acknowledge"

// Kinds of ingest problem.
const (
	ProblemFailed      = "failed"      // the file could not be read
	ProblemUnsupported = "unsupported" // a file type Disclose does not read
)

// IngestProblem is one file of the record that was not read. Location is
// the record's top-level folder ("" for a loose file); Path is
// record-relative, shown safely (invalid bytes of a name as \xNN).
// AcknowledgedBy is 0 and AckAt nil until an officer acknowledges it.
type IngestProblem struct {
	ID             int64      `json:"id"`
	RequestID      int64      `json:"request_id"`
	Location       string     `json:"location"`
	Path           string     `json:"path"`
	Kind           string     `json:"kind"`
	Reason         string     `json:"reason"`
	AcknowledgedBy int64      `json:"acknowledged_by,omitempty"`
	AckReason      string     `json:"ack_reason,omitempty"`
	AckAt          *time.Time `json:"ack_at,omitempty"`
}

const problemCols = `id, request_id, location, path, kind, reason, coalesce(acknowledged_by, 0), ack_reason, ack_at`

func scanProblem(r pgx.Row) (IngestProblem, error) {
	var p IngestProblem
	err := r.Scan(&p.ID, &p.RequestID, &p.Location, &p.Path, &p.Kind, &p.Reason, &p.AcknowledgedBy, &p.AckReason, &p.AckAt)
	return p, err
}

// SaveIngestProblems replaces the problems of the given locations of a
// request with problems (an ingest run of those locations, retried or
// run again, leaves one row per file). A problem that is the same file
// failing the same way as before keeps its acknowledgement; a changed
// one must be acknowledged again. Locations not listed are untouched.
func (db *DB) SaveIngestProblems(ctx context.Context, requestID int64, locations []string, problems []IngestProblem) error {
	locations, err := scoped(locations, problems, func(p IngestProblem) string { return p.Location })
	if err != nil {
		return err
	}
	return db.saveProblems(ctx, requestID, `location = ANY($2)`, locations, problems)
}

// SaveFileProblems is SaveIngestProblems for the given files alone (a
// batch of a record read by several jobs): their problems are replaced,
// those of other files untouched.
func (db *DB) SaveFileProblems(ctx context.Context, requestID int64, paths []string, problems []IngestProblem) error {
	paths, err := scoped(paths, problems, func(p IngestProblem) string { return p.Path })
	if err != nil {
		return err
	}
	return db.saveProblems(ctx, requestID, `path = ANY($2)`, paths, problems)
}

// scoped checks the problems' kinds and adds what key gives of each to
// the scope a save replaces.
func scoped(scope []string, problems []IngestProblem, key func(IngestProblem) string) ([]string, error) {
	for _, p := range problems {
		if p.Kind != ProblemFailed && p.Kind != ProblemUnsupported {
			return nil, workflow.Errorf(workflow.ErrInvalid, "ingest problem %s: kind %q is neither failed nor unsupported", p.Path, p.Kind)
		}
		if k := key(p); !slices.Contains(scope, k) {
			scope = append(scope, k)
		}
	}
	return scope, nil
}

// PruneProblems removes the problems of files of the given locations that
// are no longer in the record (keep lists every path the folder holds).
func (db *DB) PruneProblems(ctx context.Context, requestID int64, locations, keep []string) error {
	_, err := db.Pool.Exec(ctx, `DELETE FROM ingest_problems WHERE request_id = $1 AND location = ANY($2) AND NOT path = ANY($3)`,
		requestID, locations, keep)
	return mapErr(err, "ingest problems")
}

// saveProblems replaces the problems the scope (SQL over $2) selects.
func (db *DB) saveProblems(ctx context.Context, requestID int64, scope string, scopeArg []string, problems []IngestProblem) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		locs, paths := make([]string, len(problems)), make([]string, len(problems))
		for i, p := range problems {
			locs[i], paths[i] = p.Location, p.Path
		}
		if _, err := tx.Exec(ctx, `DELETE FROM ingest_problems p WHERE request_id = $1 AND `+scope+`
			AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $4::text[]) AS n(location, path)
				WHERE n.location = p.location AND n.path = p.path)`, requestID, scopeArg, locs, paths); err != nil {
			return mapErr(err, "ingest problems")
		}
		b := &pgx.Batch{}
		for _, p := range problems {
			b.Queue(`INSERT INTO ingest_problems (request_id, location, path, kind, reason) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (request_id, location, path) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason,
					acknowledged_by = CASE WHEN ingest_problems.kind = EXCLUDED.kind AND ingest_problems.reason = EXCLUDED.reason THEN ingest_problems.acknowledged_by END,
					ack_reason = CASE WHEN ingest_problems.kind = EXCLUDED.kind AND ingest_problems.reason = EXCLUDED.reason THEN ingest_problems.ack_reason ELSE '' END,
					ack_at = CASE WHEN ingest_problems.kind = EXCLUDED.kind AND ingest_problems.reason = EXCLUDED.reason THEN ingest_problems.ack_at END`,
				requestID, p.Location, p.Path, p.Kind, p.Reason)
		}
		return mapErr(tx.SendBatch(ctx, b).Close(), "ingest problem")
	})
}

// IngestProblems lists a request's ingest problems by location and path.
func (db *DB) IngestProblems(ctx context.Context, requestID int64) ([]IngestProblem, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+problemCols+` FROM ingest_problems WHERE request_id = $1
		ORDER BY location COLLATE "C", path COLLATE "C"`, requestID)
	if err != nil {
		return nil, mapErr(err, "ingest problems")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (IngestProblem, error) { return scanProblem(r) })
}

// UnacknowledgedProblems counts a request's ingest problems no officer
// has acknowledged yet.
func (db *DB) UnacknowledgedProblems(ctx context.Context, requestID int64) (int, error) {
	var n int
	err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM ingest_problems WHERE request_id = $1 AND ack_at IS NULL`, requestID).Scan(&n)
	return n, mapErr(err, "ingest problems")
}

// AcknowledgeProblem records that an officer has seen a file that was not
// read and why it may go without (a reason is required), with its audit
// row in the same transaction. A problem of another request is
// ErrNotFound; one already acknowledged is ErrConflict.
func (db *DB) AcknowledgeProblem(ctx context.Context, by, requestID, problemID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return workflow.Errorf(workflow.ErrInvalid, "say why the file may go without being read (for example: a copy of a file that was read)")
	}
	if by == 0 {
		return workflow.Errorf(workflow.ErrInvalid, "an acknowledgement needs the user who gives it")
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		p, err := scanProblem(tx.QueryRow(ctx, `SELECT `+problemCols+` FROM ingest_problems WHERE id = $1 AND request_id = $2 FOR UPDATE`,
			problemID, requestID))
		if err != nil {
			return mapErr(err, "ingest problem "+itoa(problemID))
		}
		if p.AckAt != nil {
			return workflow.Errorf(workflow.ErrConflict, "the problem with %s was already acknowledged", p.Path)
		}
		if _, err := tx.Exec(ctx, `UPDATE ingest_problems SET acknowledged_by = $2, ack_reason = $3, ack_at = now() WHERE id = $1`,
			problemID, by, reason); err != nil {
			return mapErr(err, "ingest problem "+itoa(problemID))
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditProblemAck, RequestID: requestID,
			Object: "ingest problem " + itoa(problemID), Detail: map[string]any{"kind": p.Kind, "location": p.Location}})
	})
}
