package postgres

// What the background jobs need beyond the web's queries: a transaction
// the caller can add its own statements to (queueing the next job with the
// change that asks for it), and the suggestion step's write as one
// transaction.

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// InTx runs fn in a transaction (see inTx): the worker queues a job in
// the same transaction as the change that asks for it.
func (db *DB) InTx(ctx context.Context, fn func(tx pgx.Tx) error) error { return db.inTx(ctx, fn) }

// SetJobProgressTx is SetJobProgress inside tx.
func SetJobProgressTx(ctx context.Context, tx pgx.Tx, p JobProgress) error {
	_, err := tx.Exec(ctx, setJobProgressSQL, p.JobID, nullID(p.RequestID), p.Kind, p.Done, p.Total, p.Message)
	return mapErr(err, "job progress")
}

// SuggestFunc suggests over a request's stored record with the kinds
// officers chose for its people (opts.Kinds): suggest.Suggest with the
// node's rule packs.
type SuggestFunc func(ctx context.Context, rec *record.Record, opts suggest.Options) (*suggest.Result, error)

// SyncSuggestions runs one suggestion step for a request in a single
// transaction: it takes the request's suggestion lock, reads the stored
// record and the kinds officers chose, calls suggestFn, upserts the
// suggestions it returns, removes the undecided suggestions it no longer
// makes (after a person's role changes, two people are merged, or
// documents are read again) and replaces the person register with the one
// the suggestions were made with. Suggestions with any decision, even
// undone, stay for the record of what was decided. then, if not nil, runs
// last in the same transaction (the job's progress and completion).
//
// The lock is taken before anything is read, so two steps on one request
// run one after the other, each on what the one before committed: a slow
// step started on fewer documents can never commit last and delete the
// suggestions a later step made for the rest.
func (db *DB) SyncSuggestions(ctx context.Context, requestID int64, suggestFn SuggestFunc,
	then func(tx pgx.Tx, made, removed int) error) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('disclose.suggest.' || $1::bigint::text, 0))`, requestID); err != nil {
			return mapErr(err, "suggestion lock")
		}
		rec, err := db.Record(ctx, requestID)
		if err != nil {
			return err
		}
		kinds, err := personKinds(ctx, tx, requestID)
		if err != nil {
			return err
		}
		res, err := suggestFn(ctx, rec, suggest.Options{Kinds: kinds})
		if err != nil {
			return err
		}
		ss := res.Suggestions
		b := &pgx.Batch{}
		ids := suggestionIDs(ss)
		for _, s := range ss {
			b.Queue(upsertSuggestionSQL, requestID, s.ID, s.DocID, s.Location, s.Path, s.Part, s.Page, s.Start, s.End, s.Scope, s.Text,
				s.PersonKey, s.PersonLabel, s.PersonRole, s.RuleID, s.Category, s.Code, s.Action, s.Confidence, s.Why, alsoOf(s))
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return mapErr(err, "suggestion")
		}
		tag, err := tx.Exec(ctx, deleteStaleSQL, requestID, ids)
		if err != nil {
			return mapErr(err, "stale suggestions")
		}
		if err := saveRegister(ctx, tx, requestID, res.Register); err != nil {
			return err
		}
		if then != nil {
			return then(tx, len(ss), int(tag.RowsAffected()))
		}
		return nil
	})
}

func suggestionIDs(ss []suggest.Suggestion) []string {
	ids := make([]string, len(ss))
	for i, s := range ss {
		ids[i] = s.ID
	}
	return ids
}

// upsertSuggestionSQL upserts one suggestion keyed by (request,
// suggestion id), it refreshes the wording and keeps every decision.
const upsertSuggestionSQL = `INSERT INTO suggestions (request_id, sid, doc_key, location, path, part, page, start_off, end_off, scope, text,
	person_key, person_label, person_role, rule_id, category, code, action, confidence, why, also)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
	ON CONFLICT (request_id, sid) DO UPDATE SET doc_key = excluded.doc_key, location = excluded.location,
	path = excluded.path, part = excluded.part, page = excluded.page, start_off = excluded.start_off,
	end_off = excluded.end_off, scope = excluded.scope, text = excluded.text, person_key = excluded.person_key,
	person_label = excluded.person_label, person_role = excluded.person_role, rule_id = excluded.rule_id,
	category = excluded.category, code = excluded.code, action = excluded.action,
	confidence = excluded.confidence, why = excluded.why, also = excluded.also`

// deleteStaleSQL removes undecided suggestions not in $2 (DeleteStaleSuggestions).
const deleteStaleSQL = `DELETE FROM suggestions s WHERE s.request_id = $1 AND s.decision_id IS NULL
	AND NOT (s.sid = ANY($2)) AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.suggestion_id = s.id)`

// alsoOf is a suggestion's merged findings for the also column (never NULL).
func alsoOf(s suggest.Suggestion) []suggest.Reason {
	if s.Also == nil {
		return []suggest.Reason{}
	}
	return s.Also
}
