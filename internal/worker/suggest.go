package worker

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// SuggestArgs asks for the suggestion step to run over a request's stored
// record. The ingest job queues it in the transaction that finishes the
// ingestion, so finished documents always get their suggestions.
type SuggestArgs struct {
	RequestID int64 `json:"request_id"`
}

// Kind names the job.
func (SuggestArgs) Kind() string { return "suggest" }

type suggestWorker struct {
	river.WorkerDefaults[SuggestArgs]
	db   *postgres.DB
	deps Deps
}

// Work reads the record, suggests, and writes the result — suggestions
// and person register — in one transaction with its progress and the
// job's completion: suggestions already decided stay (with their
// decisions), undecided ones the step no longer makes go. Killed part-way, nothing was written and the retry
// starts again.
func (w *suggestWorker) Work(ctx context.Context, job *river.Job[SuggestArgs]) error {
	if w.deps.Suggest == nil {
		return river.JobCancel(errors.New("this node cannot suggest"))
	}
	id := job.Args.RequestID
	progress := func(done int, msg string) postgres.JobProgress {
		return postgres.JobProgress{JobID: job.ID, RequestID: id, Kind: job.Args.Kind(), Done: done, Total: 2, Message: msg}
	}
	_ = w.db.SetJobProgress(ctx, progress(0, "waiting for the record"))
	err := w.db.SyncSuggestions(ctx, id, func(ctx context.Context, rec *record.Record, opts suggest.Options) (*suggest.Result, error) {
		_ = w.db.SetJobProgress(ctx, progress(1, fmt.Sprintf("suggesting over %d documents", len(rec.Documents))))
		return w.deps.Suggest(ctx, rec, opts)
	}, func(tx pgx.Tx, made, removed int) error {
		if err := postgres.SetJobProgressTx(ctx, tx, progress(2, "done")); err != nil {
			return err
		}
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
	if err != nil {
		return fmt.Errorf("suggest request %d: %w", id, err)
	}
	if w.deps.Changed != nil {
		w.deps.Changed(id)
	}
	return nil
}
