package postgres

import (
	"context"
	"crypto/hmac"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// AuditVerification is the result of walking the chain.
type AuditVerification struct {
	Rows int  `json:"rows"`
	OK   bool `json:"ok"`
	// Unkeyed is how many of the first rows were sealed before seals were
	// keyed (migration 0010): verified as sha256 links, which someone able to
	// write to the database could recompute. Rows after them are keyed.
	Unkeyed int       `json:"unkeyed"`
	Head    AuditHead `json:"head"`             // the newest seal; keep it elsewhere
	BadID   int64     `json:"bad_id,omitempty"` // audit row id of the first problem
	Problem string    `json:"problem,omitempty"`
}

// VerifyAudit seals whatever is committed and not yet chained, then walks
// the chain in seal order and recomputes every seal in Go: keyed seals
// with db.AuditKey, the ones made before keys as the sha256 they were. An
// altered row fails its own seal; a row removed from the log leaves its
// seal pointing at nothing; a seal removed from the chain breaks the next
// seal's link; a row left out of the chain although an earlier seal must
// have seen it is named too. Removing the newest rows and seals is found
// by the sealed head the sealer keeps (audit_head) and, against someone
// able to replay an old head too, by want: the head printed by an earlier
// verify and kept off the machine (zero Seq: none). A row is only
// protected once sealed, a few milliseconds after its commit.
func (db *DB) VerifyAudit(ctx context.Context, want AuditHead) (AuditVerification, error) {
	var v AuditVerification
	if _, err := db.SealAudit(ctx); err != nil && !errors.Is(err, errSealBroken) {
		return v, err
	}
	err := pgx.BeginTxFunc(ctx, db.Pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var err error
		v, err = walkAudit(ctx, tx, db.AuditKey)
		if err != nil || !v.OK {
			return err
		}
		if err := checkAuditHead(ctx, tx, db.AuditKey, &v, want); err != nil || !v.OK {
			return err
		}
		// A row older than the newest seal's horizon was visible to that
		// seal's run, so it must be chained.
		var orphan *int64
		err = tx.QueryRow(ctx, `SELECT min(a.id) FROM audit_log a
			WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id)
			AND (a.xid IS NULL OR a.xid < (SELECT horizon FROM audit_seal ORDER BY seq DESC LIMIT 1))`).Scan(&orphan)
		if err != nil {
			return mapErr(err, "audit log")
		}
		if orphan != nil {
			v.fail(*orphan, "row %d is missing from the chain: its seal was removed", *orphan)
		}
		return nil
	})
	return v, err
}

func (v *AuditVerification) fail(id int64, format string, args ...any) {
	v.OK, v.BadID, v.Problem = false, id, fmt.Sprintf(format, args...)
}

// walkAudit checks every seal in order against its row and its predecessor.
func walkAudit(ctx context.Context, tx pgx.Tx, key []byte) (AuditVerification, error) {
	var v AuditVerification
	var firstSeq int64
	var keyID *string
	if err := tx.QueryRow(ctx, `SELECT first_seq, key_id FROM audit_epoch`).Scan(&firstSeq, &keyID); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			v.fail(0, "the keyed chain's start (audit_epoch) was removed")
			return v, nil
		}
		return v, mapErr(err, "audit log")
	}
	if keyID != nil && *keyID != auditKeyID(key) {
		v.fail(0, "the audit key given (id %s) is not the key that sealed this log (id %s)", auditKeyID(key), *keyID)
		return v, nil
	}
	rows, err := tx.Query(ctx, `SELECT s.seq, s.audit_id, s.prev_hash, s.hash, a.id, a.at, a.user_id, a.action, a.request_id,
		a.object, a.detail::text
		FROM audit_seal s LEFT JOIN audit_log a ON a.id = s.audit_id ORDER BY s.seq`)
	if err != nil {
		return v, mapErr(err, "audit log")
	}
	defer rows.Close()
	prev, want := "", int64(1)
	for rows.Next() {
		var (
			seq, auditID   int64
			ph, stored     string
			id             *int64
			r              auditRow
			at             *time.Time
			action, object *string
			detail         *string
		)
		if err := rows.Scan(&seq, &auditID, &ph, &stored, &id, &at, &r.user, &action, &r.req, &object, &detail); err != nil {
			return v, mapErr(err, "audit log")
		}
		v.Rows++
		sealKey := key
		if seq < firstSeq {
			sealKey = nil
			v.Unkeyed++
		}
		switch {
		case seq != want || ph != prev:
			v.fail(auditID, "row %d does not follow the row before it in the chain: a row was removed or altered", auditID)
		case id == nil:
			v.fail(auditID, "row %d was removed from the log", auditID)
		default:
			r.id, r.at, r.action, r.object, r.detail = *id, *at, *action, *object, *detail
			if r.seal(sealKey, ph) != stored {
				v.fail(auditID, "row %d was altered: its seal does not match its content", auditID)
			}
		}
		if v.Problem != "" {
			return v, nil
		}
		prev, want = stored, seq+1
		v.Head = AuditHead{Seq: seq, Hash: stored}
	}
	if err := rows.Err(); err != nil {
		return v, mapErr(err, "audit log")
	}
	if v.Head.Seq+1 < firstSeq || keyID != nil && v.Head.Seq < firstSeq {
		v.fail(0, "the chain ends at seal %d, before the keyed chain's start %d: the newest seals were removed", v.Head.Seq, firstSeq)
		return v, nil
	}
	v.OK = true
	return v, nil
}

// checkAuditHead compares the chain's end with the head the sealer kept
// (audit_head, MAC under the key) and with want, a head recorded elsewhere.
func checkAuditHead(ctx context.Context, tx pgx.Tx, key []byte, v *AuditVerification, want AuditHead) error {
	var kept AuditHead
	var mac string
	err := tx.QueryRow(ctx, `SELECT seq, hash, mac FROM audit_head`).Scan(&kept.Seq, &kept.Hash, &mac)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		if v.Rows > v.Unkeyed {
			v.fail(0, "the sealed head (audit_head) was removed")
		}
	case err != nil:
		return mapErr(err, "audit head")
	case !hmac.Equal([]byte(mac), []byte(headMAC(key, kept.Seq, kept.Hash))):
		v.fail(0, "the sealed head (audit_head) was altered")
	case kept.Seq > v.Head.Seq:
		v.fail(0, "the newest rows were removed: the sealed head is seal %d, the chain ends at seal %d", kept.Seq, v.Head.Seq)
	case kept != v.Head:
		v.fail(0, "the sealed head (seal %d) is not the chain's end (seal %d): the chain was rewritten", kept.Seq, v.Head.Seq)
	}
	if !v.OK || want.Seq == 0 {
		return nil
	}
	if want.Seq > v.Head.Seq {
		v.fail(0, "the newest rows were removed: the recorded head is seal %d, the chain ends at seal %d", want.Seq, v.Head.Seq)
		return nil
	}
	var got string
	var id int64
	if err := tx.QueryRow(ctx, `SELECT hash, audit_id FROM audit_seal WHERE seq = $1`, want.Seq).Scan(&got, &id); err != nil {
		return mapErr(err, "audit seal")
	}
	if got != want.Hash {
		v.fail(id, "seal %d is not the recorded head: the chain up to it was rewritten", want.Seq)
	}
	return nil
}
