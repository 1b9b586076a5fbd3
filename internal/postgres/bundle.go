package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Bundle is one release of a request's disclosure. The password that opens
// the file is never stored: the bundle job returns it once.
type Bundle struct {
	ID          int64      `json:"id"`
	RequestID   int64      `json:"request_id"`
	Release     int        `json:"release"`  // 1, 2... for a staged release
	DocKeys     []string   `json:"doc_keys"` // chosen documents; empty = every document not in an earlier release
	State       string     `json:"state"`    // queued, building, ready, failed, released
	Size        int64      `json:"size"`
	SHA256      string     `json:"sha256,omitempty"`
	Schedule    any        `json:"schedule,omitempty"`
	Certificate any        `json:"certificate,omitempty"`
	Error       string     `json:"error,omitempty"`
	CreatedBy   int64      `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	ReadyAt     *time.Time `json:"ready_at,omitempty"`
	ReleasedAt  *time.Time `json:"released_at,omitempty"`
}

const bundleCols = `id, request_id, release, doc_keys, state, size, sha256, schedule, certificate, error,
	coalesce(created_by, 0), created_at, ready_at, released_at`

// BundleBlockers lists why the chosen documents (nil = all) cannot go into
// a bundle yet, and so why a bundle cannot be queued, built, downloaded or
// released: ingestion or suggestion still running (or stuck, or failed), no
// suggestions ever made over the documents, files that failed to be read
// that no officer acknowledged, undecided suggestions (the count of what is
// left the screens show, docCountsSQL: duplicates are not in a bundle), decisions waiting
// for legal, decisions legal refused that nobody decided again, and areas
// drawn on pages waiting for legal or refused by legal (areaBlockers).
func (db *DB) BundleBlockers(ctx context.Context, requestID int64, docKeys []string) ([]string, error) {
	var running, failedIngest, failedSuggest, docs, suggestRuns, problems, undecided, pending, refused int
	// A record read in batches (worker.IngestBatchArgs) failed when a batch
	// of its latest plan did, or its finishing step.
	err := db.Pool.QueryRow(ctx, `WITH jobs AS (
			SELECT id, kind, state, coalesce(args->>'dir', '') AS dir, (args->>'plan')::bigint AS plan FROM river_job
			WHERE kind IN ('ingest', 'ingest_batch', 'ingest_finish', 'suggest') AND (args->>'request_id')::bigint = $1),
		latest AS (SELECT DISTINCT ON (kind, dir) kind, state FROM jobs WHERE kind <> 'ingest_batch' ORDER BY kind, dir, id DESC)
		SELECT
		(SELECT count(*) FROM jobs WHERE state IN ('available', 'pending', 'running', 'retryable', 'scheduled')),
		(SELECT count(*) FROM latest WHERE kind IN ('ingest', 'ingest_finish') AND state IN ('cancelled', 'discarded')) +
		(SELECT count(*) FROM jobs b WHERE b.kind = 'ingest_batch' AND b.state IN ('cancelled', 'discarded')
		 AND b.plan = (SELECT max(id) FROM jobs i WHERE i.kind = 'ingest' AND i.dir = b.dir)),
		(SELECT count(*) FROM latest WHERE kind = 'suggest' AND state IN ('cancelled', 'discarded')),
		(SELECT count(*) FROM documents WHERE request_id = $1),
		(SELECT count(*) FROM register_persons WHERE request_id = $1),
		(SELECT count(*) FROM ingest_problems WHERE request_id = $1 AND ack_at IS NULL),
		(SELECT coalesce(sum(total - decided), 0)::bigint FROM (`+docCountsSQL+`) c WHERE NOT duplicate),
		(SELECT count(*) FROM approvals a JOIN decisions d ON d.id = a.decision_id WHERE a.request_id = $1 AND a.state = 'pending'
		 AND d.superseded_by IS NULL AND NOT d.undone AND ($2::text[] IS NULL OR d.doc_key = ANY($2))),
		(SELECT count(*) FROM approvals a JOIN decisions d ON d.id = a.decision_id WHERE a.request_id = $1 AND a.state = 'refused'
		 AND d.superseded_by IS NULL AND NOT d.undone AND ($2::text[] IS NULL OR d.doc_key = ANY($2)))`,
		requestID, docKeys).Scan(&running, &failedIngest, &failedSuggest, &docs, &suggestRuns, &problems, &undecided, &pending, &refused)
	if err != nil {
		return nil, mapErr(err, "bundle check")
	}
	var out []string
	if running > 0 {
		out = append(out, "the record is still being read or suggestions are still being made: wait until every location says done")
	}
	if failedIngest > 0 {
		out = append(out, itoa(int64(failedIngest))+" locations failed to be read: attach them again")
	}
	if failedSuggest > 0 {
		out = append(out, "making suggestions failed: run it again")
	}
	if docs == 0 {
		out = append(out, "no documents have been gathered")
	} else if suggestRuns == 0 && running == 0 && failedSuggest == 0 {
		out = append(out, "no suggestions have been made over the documents yet")
	}
	if problems > 0 {
		out = append(out, itoa(int64(problems))+" files could not be read and are not acknowledged: acknowledge each with a reason on the request page")
	}
	if undecided > 0 {
		out = append(out, itoa(int64(undecided))+" suggestions are not decided")
	}
	if pending > 0 {
		out = append(out, itoa(int64(pending))+" decisions wait for legal approval")
	}
	if refused > 0 {
		out = append(out, itoa(int64(refused))+" decisions were refused by legal and need deciding again")
	}
	areas, err := db.areaBlockers(ctx, requestID, docKeys)
	if err != nil {
		return nil, err
	}
	return append(out, areas...), nil
}

// areaBlockers lists why the areas drawn on the chosen documents' pages
// stop a bundle: what review.Policy.ApplyAreas says waits for legal or was
// refused by legal. An area whose code came to need sign-off after it was
// drawn was never put to legal, so only redrawing it asks.
func (db *DB) areaBlockers(ctx context.Context, requestID int64, docKeys []string) ([]string, error) {
	stored, err := db.Areas(ctx, requestID, "")
	if err != nil {
		return nil, err
	}
	var areas []review.Area
	for _, a := range stored {
		if docKeys == nil || slices.Contains(docKeys, a.DocID) {
			areas = append(areas, a.Review())
		}
	}
	o := db.decisionPolicy().ApplyAreas(areas)
	var asked, unasked int64
	for _, a := range o.Pending {
		if a.Approval == workflow.ApprovalPending {
			asked++
		} else {
			unasked++
		}
	}
	var out []string
	if asked > 0 {
		out = append(out, itoa(asked)+" areas drawn on pages wait for legal approval")
	}
	if unasked > 0 {
		out = append(out, itoa(unasked)+" areas drawn on pages need legal approval that was never asked (their code needed none when they were drawn): undo each and draw it again")
	}
	if len(o.Refused) > 0 {
		out = append(out, itoa(int64(len(o.Refused)))+" areas drawn on pages were refused by legal and need undoing, or drawing again with another code")
	}
	return out, nil
}

// blocked returns a workflow error naming every blocker, or nil.
func (db *DB) blocked(ctx context.Context, requestID int64, docKeys []string, what string) error {
	blockers, err := db.BundleBlockers(ctx, requestID, docKeys)
	if err != nil {
		return err
	}
	if len(blockers) > 0 {
		return workflow.Errorf(workflow.ErrInvalid, "cannot %s: %s", what, strings.Join(blockers, "; "))
	}
	return nil
}

// CreateBundle queues the next release of a request for the chosen
// documents, refusing while BundleBlockers reports anything. The caller
// enqueues the bundle job in the same breath (worker.EnqueueBundle).
func (db *DB) CreateBundle(ctx context.Context, by, requestID int64, docKeys []string) (Bundle, error) {
	if err := db.blocked(ctx, requestID, docKeys, "make a bundle yet"); err != nil {
		return Bundle{}, err
	}
	if docKeys == nil {
		docKeys = []string{}
	}
	var b Bundle
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		// Lock the request so two bundles made at once get different release numbers.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM requests WHERE id = $1 FOR UPDATE`, requestID); err != nil {
			return mapErr(err, "request")
		}
		row := tx.QueryRow(ctx, `INSERT INTO bundles (request_id, release, doc_keys, created_by)
			VALUES ($1, (SELECT coalesce(max(release), 0) + 1 FROM bundles WHERE request_id = $1), $2, $3) RETURNING `+bundleCols,
			requestID, docKeys, nullID(by))
		var err error
		if b, err = scanBundle(row); err != nil {
			return mapErr(err, "bundle")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditBundleCreate, RequestID: requestID, Object: "bundle " + itoa(b.ID),
			Detail: map[string]any{"release": b.Release, "documents": len(docKeys)}})
	})
	return b, err
}

func scanBundle(r pgx.Row) (Bundle, error) {
	var b Bundle
	err := r.Scan(&b.ID, &b.RequestID, &b.Release, &b.DocKeys, &b.State, &b.Size, &b.SHA256, &b.Schedule, &b.Certificate, &b.Error,
		&b.CreatedBy, &b.CreatedAt, &b.ReadyAt, &b.ReleasedAt)
	return b, err
}

// Bundle returns one bundle without its file.
func (db *DB) Bundle(ctx context.Context, id int64) (Bundle, error) {
	b, err := scanBundle(db.Pool.QueryRow(ctx, `SELECT `+bundleCols+` FROM bundles WHERE id = $1`, id))
	return b, mapErr(err, "bundle "+itoa(id))
}

// Bundles lists a request's bundles by release.
func (db *DB) Bundles(ctx context.Context, requestID int64) ([]Bundle, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+bundleCols+` FROM bundles WHERE request_id = $1 ORDER BY release`, requestID)
	if err != nil {
		return nil, mapErr(err, "bundles")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Bundle, error) { return scanBundle(r) })
}

// SetBundleState marks a bundle building or failed (with a message safe to show).
func (db *DB) SetBundleState(ctx context.Context, id int64, state, msg string) error {
	_, err := db.Pool.Exec(ctx, `UPDATE bundles SET state = $2, error = $3 WHERE id = $1`, id, state, msg)
	return mapErr(err, "bundle")
}

// SaveBundleFile stores a built bundle: its file read from r — streamed
// into Files when set, a chunk at a time, named by its SHA-256 computed as
// it is written; else into the row (a node without a blob store) — its
// schedule and its leak-check certificate; the bundle becomes ready. The
// row's size and sha256 are what was stored.
func (db *DB) SaveBundleFile(ctx context.Context, id int64, r io.Reader, schedule, certificate any) error {
	var (
		file []byte
		key  string
		size int64
	)
	if db.Files != nil {
		var err error
		if key, size, err = db.Files.Put(ctx, r); err != nil {
			return fmt.Errorf("bundle %d: %w", id, err)
		}
	} else {
		h := blob.NewHasher()
		var err error
		if file, err = io.ReadAll(io.TeeReader(r, h)); err != nil {
			return fmt.Errorf("bundle %d: %w", id, err)
		}
		key, size = h.Key(), h.Size()
	}
	_, err := db.Pool.Exec(ctx, `UPDATE bundles SET file = $2, size = $3, sha256 = $4, schedule = $5, certificate = $6,
		state = 'ready', error = '', ready_at = now() WHERE id = $1`, id, file, size, key, schedule, certificate)
	return mapErr(err, "bundle")
}

// ReleaseBundle marks a ready bundle as sent to the requester: from then on
// support workers may read it.
func (db *DB) ReleaseBundle(ctx context.Context, by, id int64) error {
	b, err := db.Bundle(ctx, id)
	if err != nil {
		return err
	}
	if err := db.blocked(ctx, b.RequestID, nilIfEmpty(b.DocKeys), "mark the bundle sent"); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var requestID int64
		err := tx.QueryRow(ctx, `UPDATE bundles SET state = 'released', released_at = now() WHERE id = $1 AND state = 'ready'
			RETURNING request_id`, id).Scan(&requestID)
		if err == pgx.ErrNoRows {
			return workflow.Errorf(workflow.ErrInvalid, "only a ready bundle can be released")
		}
		if err != nil {
			return mapErr(err, "bundle")
		}
		if err := discloseOnRelease(ctx, tx, by, requestID, id); err != nil {
			return err
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditBundleRelease, RequestID: requestID, Object: "bundle " + itoa(id)})
	})
}

// discloseOnRelease moves the request to disclosed when its bundle is
// marked sent, from any status of the work before it, and says so in the
// status history: the status moves with the work.
func discloseOnRelease(ctx context.Context, tx pgx.Tx, by, requestID, bundleID int64) error {
	var from string
	err := tx.QueryRow(ctx, `UPDATE requests r SET status = 'disclosed', version = r.version + 1, updated_at = now()
		FROM (SELECT id, status FROM requests WHERE id = $1 FOR UPDATE) old
		WHERE r.id = old.id AND old.status IN ('in_progress', 'in_review', 'awaiting_approval', 'ready')
		RETURNING old.status`, requestID).Scan(&from)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // already disclosed (a later part of a staged release) or closed
	}
	if err != nil {
		return mapErr(err, "request "+itoa(requestID))
	}
	if _, err := tx.Exec(ctx, `INSERT INTO request_status_history (request_id, from_status, to_status, user_id, note)
		VALUES ($1, $2, 'disclosed', $3, $4)`, requestID, from, nullID(by), "Bundle "+itoa(bundleID)+" marked as sent to the requester."); err != nil {
		return mapErr(err, "request status")
	}
	return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditRequestStatus, RequestID: requestID, Object: "request " + itoa(requestID),
		Detail: map[string]any{"from": from, "to": "disclosed", "bundle": bundleID}})
}

// BundleFile is a ready bundle's stored file (unencrypted), to be read
// as it is sent: never whole into memory when it is in the blob store.
type BundleFile struct {
	Size int64
	open func(context.Context) (io.ReadCloser, error)
}

// Open reads the file; ctx bounds the reading (the blob store reads it a
// chunk at a time under it).
func (f BundleFile) Open(ctx context.Context) (io.ReadCloser, error) { return f.open(ctx) }

// DownloadBundle records a download of a bundle's file and its audit row
// in one transaction — no file leaves without its trace — once it has
// found the file there to read, and returns it to be read as it is sent.
func (db *DB) DownloadBundle(ctx context.Context, by, id int64) (BundleFile, error) {
	b, err := db.Bundle(ctx, id)
	if err != nil {
		return BundleFile{}, err
	}
	// A bundle made before a new location was attached, or before a new
	// problem appeared, no longer shows the whole record's state.
	if err := db.blocked(ctx, b.RequestID, nilIfEmpty(b.DocKeys), "download the bundle"); err != nil {
		return BundleFile{}, err
	}
	var f BundleFile
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		var requestID int64
		var state, key string
		var inRow bool
		if err := tx.QueryRow(ctx, `SELECT request_id, state, file IS NOT NULL, sha256, size FROM bundles WHERE id = $1`, id).Scan(&requestID, &state, &inRow, &key, &f.Size); err != nil {
			return mapErr(err, "bundle "+itoa(id))
		}
		if state != "ready" && state != "released" {
			return workflow.Errorf(workflow.ErrInvalid, "the bundle is %s, not ready", state)
		}
		if inRow {
			f.open = func(ctx context.Context) (io.ReadCloser, error) {
				var file []byte
				if err := db.Pool.QueryRow(ctx, `SELECT file FROM bundles WHERE id = $1`, id).Scan(&file); err != nil {
					return nil, mapErr(err, "bundle "+itoa(id))
				}
				return io.NopCloser(bytes.NewReader(file)), nil
			}
		} else { // kept in the blob store (SaveBundleFile)
			if db.Files == nil {
				return fmt.Errorf("bundle %d: its file is in a blob store and none is configured", id)
			}
			rc, err := db.Files.Open(ctx, key)
			if err != nil {
				return fmt.Errorf("bundle %d: %w", id, err)
			}
			rc.Close()
			f.open = func(ctx context.Context) (io.ReadCloser, error) {
				rc, err := db.Files.Open(ctx, key)
				if err != nil {
					return nil, fmt.Errorf("bundle %d: %w", id, err)
				}
				return rc, nil
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO downloads (bundle_id, user_id) VALUES ($1, $2)`, id, nullID(by)); err != nil {
			return mapErr(err, "download")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditBundleDownload, RequestID: requestID, Object: "bundle " + itoa(id),
			Detail: map[string]any{"bytes": f.Size}})
	})
	if err != nil {
		return BundleFile{}, err
	}
	return f, nil
}

// nilIfEmpty: a bundle of "every document" stores no keys.
func nilIfEmpty(keys []string) []string {
	if len(keys) == 0 {
		return nil
	}
	return keys
}
