package postgres

import (
	"context"
	"crypto/hmac"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
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

// SealAudit chains every committed audit row not yet chained and returns
// how many it chained. Each seal is HMAC-SHA256 under db.AuditKey of the
// previous seal and the row (audit_key.go), computed here so the key never
// reaches the database. Sealers on other nodes take turns on an advisory
// lock; any of them seals every node's rows. Without a key it returns
// ErrNoAuditKey and the rows wait for a process that has one.
func (db *DB) SealAudit(ctx context.Context) (int, error) {
	if db.AuditKey == nil {
		return 0, ErrNoAuditKey
	}
	total := 0
	for {
		var n int
		err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) (err error) {
			n, err = sealRun(ctx, tx, db.AuditKey, sealBatch)
			return err
		})
		if err != nil {
			return total, err
		}
		total += n
		if n < sealBatch {
			return total, nil
		}
	}
}

// errSealBroken stops the sealer when the chain's end is not its sealed
// head; VerifyAudit says why.
var errSealBroken = errors.New("postgres: audit seal: the chain does not end at its sealed head (newest seals removed or head altered); not sealing until `disclose audit verify` is run and the log is investigated")

// sealRun seals up to max committed, unsealed rows in tx (READ COMMITTED).
//
// Why no committed row is ever missed: each statement takes a new
// snapshot. The advisory lock admits one sealer at a time, and is taken
// before the last seal is read, so each run continues the chain its
// predecessor committed. A row is sealed unless it is invisible to the
// candidate query's snapshot S, that is, unless its transaction had not
// committed when S was taken; then its xid is at least S's xmin (the oldest
// transaction still running), which is at least the xmin read before S and
// stored as this run's horizon. So every row still unsealed after a run has
// xid >= that run's horizon, and the next run need only look at xid >=
// horizon (an index range, not the whole log). When max cut the run short
// the horizon is not advanced. An id taken by a transaction that commits
// late is sealed by a later run, further down the chain: the chain is in
// seal order, so a gap in the ids is never waited on.
func sealRun(ctx context.Context, tx pgx.Tx, key []byte, max int) (int, error) {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(7355608, 2)`); err != nil {
		return 0, mapErr(err, "audit seal")
	}
	var (
		lastSeq        int64
		lastHash       string
		since, horizon string
		firstSeq       int64
		keyID          *string
		head           AuditHead
		mac            string
	)
	err := tx.QueryRow(ctx, `SELECT coalesce(s.seq, 0), coalesce(s.hash, ''), coalesce(s.horizon, '0')::text,
		pg_snapshot_xmin(pg_current_snapshot())::text, e.first_seq, e.key_id,
		coalesce(h.seq, 0), coalesce(h.hash, ''), coalesce(h.mac, '')
		FROM audit_epoch e LEFT JOIN (SELECT seq, hash, horizon FROM audit_seal ORDER BY seq DESC LIMIT 1) s ON true
		LEFT JOIN audit_head h ON true`).
		Scan(&lastSeq, &lastHash, &since, &horizon, &firstSeq, &keyID, &head.Seq, &head.Hash, &mac)
	if err != nil {
		return 0, mapErr(err, "audit seal")
	}
	id := auditKeyID(key)
	if keyID != nil && *keyID != id {
		return 0, fmt.Errorf("postgres: audit seal: this node's audit key (id %s) is not the key that seals this log (id %s); not sealing", id, *keyID)
	}
	// Sealing on after the newest seals were removed would write over the
	// evidence in audit_head: stop, and let verify report it.
	keyed := lastSeq >= firstSeq
	if lastSeq+1 < firstSeq || keyID != nil && !keyed || (keyed || head.Seq != 0) && (head != AuditHead{Seq: lastSeq, Hash: lastHash} ||
		!hmac.Equal([]byte(mac), []byte(headMAC(key, head.Seq, head.Hash)))) {
		return 0, errSealBroken
	}
	rows, err := tx.Query(ctx, `SELECT a.id, a.at, a.user_id, a.action, a.request_id, a.object, a.detail::text
		FROM audit_log a
		WHERE a.xid >= $1::xid8 AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id)
		ORDER BY a.id LIMIT $2`, since, max)
	if err != nil {
		return 0, mapErr(err, "audit seal")
	}
	todo, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (auditRow, error) {
		var a auditRow
		err := r.Scan(&a.id, &a.at, &a.user, &a.action, &a.req, &a.object, &a.detail)
		return a, err
	})
	if err != nil || len(todo) == 0 {
		return 0, mapErr(err, "audit seal")
	}
	n := len(todo)
	seqs, ids, prevs, hashes := make([]int64, n), make([]int64, n), make([]string, n), make([]string, n)
	for i, a := range todo {
		seqs[i], ids[i], prevs[i] = lastSeq+int64(i)+1, a.id, lastHash
		lastHash = a.seal(key, lastHash)
		hashes[i] = lastHash
	}
	if n == max {
		horizon = since
	}
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO audit_seal (seq, audit_id, prev_hash, hash, horizon)
		SELECT s, a, p, h, $5::xid8 FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS t(s, a, p, h)`,
		seqs, ids, prevs, hashes, horizon)
	end := seqs[n-1]
	b.Queue(`INSERT INTO audit_head (seq, hash, mac) VALUES ($1, $2, $3)
		ON CONFLICT (one) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac`,
		end, lastHash, headMAC(key, end, lastHash))
	if keyID == nil {
		b.Queue(`UPDATE audit_epoch SET key_id = $1`, id)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return 0, mapErr(err, "audit seal")
	}
	return n, nil
}

// sealSoon seals in the background, after the caller's commit: appenders
// never wait for the chain, and one run seals every row committed since
// the last, however many reviewers wrote them.
func (db *DB) sealSoon() {
	if db.AuditKey == nil {
		return // a process with the key seals these rows
	}
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
