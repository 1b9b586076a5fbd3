package postgres

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/puddle/v2"
)

// sealBatch bounds one audit_seal_run call (one transaction).
const sealBatch = 5000

// auditSealer runs at most one sealing goroutine per DB, and runs it again
// when more rows committed while it worked. Its zero value is ready.
type auditSealer struct {
	mu      sync.Mutex
	running bool
	again   bool
}

// SealAudit chains every committed audit row not yet chained (see
// audit_seal_run in migrations/0003_audit_seal.sql for why none is missed)
// and returns how many it chained. Sealers on other nodes take turns on
// an advisory lock; any of them seals every node's rows.
func (db *DB) SealAudit(ctx context.Context) (int, error) {
	total := 0
	for {
		var n int
		if err := db.Pool.QueryRow(ctx, `SELECT audit_seal_run($1)`, sealBatch).Scan(&n); err != nil {
			return total, mapErr(err, "audit seal")
		}
		total += n
		if n < sealBatch {
			return total, nil
		}
	}
}

// sealSoon seals in the background, after the caller's commit: appenders
// never wait for the chain, and one run seals every row committed since
// the last, however many reviewers wrote them.
func (db *DB) sealSoon() {
	s := &db.sealer
	s.mu.Lock()
	if s.running {
		s.again = true
		s.mu.Unlock()
		return
	}
	s.running = true
	s.mu.Unlock()
	go func() {
		for {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			_, err := db.SealAudit(ctx)
			cancel()
			s.mu.Lock()
			if err != nil || !s.again {
				s.running, s.again = false, false
				s.mu.Unlock()
				// A pool closed at shutdown is not worth a warning.
				if err != nil && !errors.Is(err, puddle.ErrClosedPool) && !errors.Is(err, context.Canceled) {
					slog.Warn("audit seal failed; the next commit or verify seals these rows", "err", err)
				}
				return
			}
			s.again = false
			s.mu.Unlock()
		}
	}()
}

// SealAuditEvery seals on a ticker until ctx ends: a safety net for rows
// whose process stopped between commit and seal (any node's next commit
// seals them too).
func (db *DB) SealAuditEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			db.sealSoon()
		}
	}
}
