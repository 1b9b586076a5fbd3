package worker

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/disclose-sar/disclose/internal/postgres"
)

// Heartbeat defaults: a job beats every 20 s, a job silent for 90 s is
// taken to have lost its node, and every worker node looks for such jobs
// every 15 s — so a job whose node died runs again within about two
// minutes, instead of River's job timeout plus a minute.
const (
	defaultBeatEvery   = 20 * time.Second
	defaultStaleAfter  = 90 * time.Second
	defaultRescueEvery = 15 * time.Second
)

// errRescued ends an attempt whose job was re-queued after missed beats
// (this node was cut off long enough to be taken for dead).
var errRescued = errors.New("worker: job re-queued after missed heartbeats; this attempt stops")

// heartbeat is River work middleware: while a job runs it beats in
// job_heartbeat, and stops the attempt if a rescuer re-queued the job.
type heartbeat struct {
	river.MiddlewareDefaults
	db    *postgres.DB
	every time.Duration
	log   *slog.Logger
}

// Work beats once before the job starts and then every h.every until it ends.
func (h *heartbeat) Work(ctx context.Context, job *rivertype.JobRow, doInner func(context.Context) error) error {
	if _, err := h.db.BeatJob(ctx, job.ID, job.Attempt); err != nil {
		h.log.Warn("job heartbeat failed", "job", job.ID, "kind", job.Kind, "err", err)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(h.every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				alive, err := h.db.BeatJob(ctx, job.ID, job.Attempt)
				if err != nil {
					h.log.Warn("job heartbeat failed", "job", job.ID, "kind", job.Kind, "err", err)
				} else if !alive {
					h.log.Warn("job was re-queued after missed heartbeats; stopping this attempt", "job", job.ID, "kind", job.Kind)
					cancel(errRescued)
					return
				}
			}
		}
	}()
	err := doInner(ctx)
	close(done)
	cancel(nil)
	if err := h.db.EndJobBeat(context.WithoutCancel(ctx), job.ID); err != nil {
		h.log.Warn("job heartbeat cleanup failed", "job", job.ID, "err", err)
	}
	return err
}

// rescue re-queues jobs whose node stopped beating, every cfg.RescueEvery
// until ctx ends.
func (w *Worker) rescue(ctx context.Context, cfg Config, log *slog.Logger) {
	t := time.NewTicker(cfg.RescueEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			ids, err := w.db.RescueStaleJobs(ctx, cfg.StaleAfter)
			if err != nil && ctx.Err() == nil {
				log.Warn("rescuing stale jobs failed", "err", err)
			}
			if len(ids) > 0 {
				log.Warn("re-queued jobs whose node stopped sending heartbeats", "jobs", ids)
			}
		}
	}
}
