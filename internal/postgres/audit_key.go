package postgres

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// AuditKeySize is the smallest audit key accepted, in bytes: HMAC-SHA256's
// block of strength.
const AuditKeySize = 32

// ErrNoAuditKey is returned by SealAudit and VerifyAudit on a DB without an
// audit key: a keyless process appends audit rows, and a process given the
// key seals them.
var ErrNoAuditKey = errors.New("postgres: no audit key: set DISCLOSE_AUDIT_KEY_FILE (make one with `disclose audit keygen`)")

// ParseAuditKey reads an audit key written as hexadecimal (what `disclose
// audit keygen` writes), ignoring surrounding white space.
func ParseAuditKey(text string) ([]byte, error) {
	key, err := hex.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return nil, errors.New("audit key: not hexadecimal (make one with `disclose audit keygen`)")
	}
	if len(key) < AuditKeySize {
		return nil, fmt.Errorf("audit key: %d bytes, want at least %d (make one with `disclose audit keygen`)", len(key), AuditKeySize)
	}
	return key, nil
}

// auditKeyID names a key without revealing it: the chain records which key
// sealed it, so a node given another key refuses to seal.
func auditKeyID(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("disclose audit key id"))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// headMAC seals the chain's head (audit_head): distinct from every row
// seal by its prefix.
func headMAC(key []byte, seq int64, hash string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("disclose audit head\n" + strconv.FormatInt(seq, 10) + "\n" + hash))
	return hex.EncodeToString(m.Sum(nil))
}

// auditRow is an audit_log row as the seal covers it.
type auditRow struct {
	id     int64
	at     time.Time
	user   *int64
	action string
	req    *int64
	object string
	detail string // jsonb's canonical text
}

// canonical is the text a seal covers: the previous seal and the row.
func (r auditRow) canonical(prev string) []byte {
	opt := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	return []byte(strings.Join([]string{prev, strconv.FormatInt(r.id, 10), r.at.UTC().Format("2006-01-02T15:04:05.000000Z"),
		opt(r.user), r.action, opt(r.req), r.object, r.detail}, "\n"))
}

// seal is the row's seal after prev: HMAC-SHA256 under key, or, for the
// seals made before keys (key nil), the sha256 that 0002 and 0003 computed.
func (r auditRow) seal(key []byte, prev string) string {
	if key == nil {
		sum := sha256.Sum256(r.canonical(prev))
		return hex.EncodeToString(sum[:])
	}
	m := hmac.New(sha256.New, key)
	m.Write(r.canonical(prev))
	return hex.EncodeToString(m.Sum(nil))
}

// AuditHead is the newest seal: keep it off the machine (`disclose audit
// verify` prints it) and give it back to a later verify to show that no
// newer row was removed since.
type AuditHead struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// String is the head as printed and as --head takes it: seq:hash.
func (h AuditHead) String() string { return strconv.FormatInt(h.Seq, 10) + ":" + h.Hash }

// ParseAuditHead reads a head written by AuditHead.String.
func ParseAuditHead(s string) (AuditHead, error) {
	seq, hash, ok := strings.Cut(strings.TrimSpace(s), ":")
	n, err := strconv.ParseInt(seq, 10, 64)
	if !ok || err != nil || n < 1 || len(hash) != 64 {
		return AuditHead{}, fmt.Errorf("audit head %q: want SEQ:HASH as `disclose audit verify` prints it", s)
	}
	if _, err := hex.DecodeString(hash); err != nil {
		return AuditHead{}, fmt.Errorf("audit head %q: hash is not hexadecimal", s)
	}
	return AuditHead{Seq: n, Hash: strings.ToLower(hash)}, nil
}
