package postgres

import (
	"context"
	"crypto/sha256"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// Sign-in throttling. Failures are counted per (email as typed, client
// address), not per account: ThrottleFree failures in a row are free, then
// each further one blocks that pair for a doubling back-off (1, 2, 4, 8
// minutes) up to ThrottleMax. A stranger guessing at someone's account
// blocks only their own address, for at most ThrottleMax at a time; the
// owner signing in from elsewhere is never locked out, and an unknown
// email is throttled exactly as a real one, so neither the answer nor its
// timing says whether an account exists. An administrator's reset clears
// the email's throttle everywhere. The server's per-address limit
// (web.Config.LoginPerMinute) bounds guessing across many emails.
const (
	ThrottleFree = 5
	ThrottleMax  = 15 * time.Minute
)

// emailHash is how login_throttle names an email: never the address itself.
func emailHash(email string) []byte {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(email))))
	return sum[:]
}

// Login checks an email and password from a client address. A wrong
// password, an unknown email and a disabled account are all
// ErrUnauthenticated with the same message; an (email, address) pair
// blocked by the throttle is ErrLocked, whether or not the account exists,
// and the password is not checked then. Every attempt is audited (never
// the email typed, which may be anyone's).
func (db *DB) Login(ctx context.Context, email, pw, ip string) (Account, error) {
	email = strings.TrimSpace(email)
	key := emailHash(email)
	var until *time.Time
	err := db.Pool.QueryRow(ctx, `SELECT blocked_until FROM login_throttle WHERE email_hash = $1 AND ip = $2`, key, ip).Scan(&until)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return Account{}, mapErr(err, "sign-in throttle")
	}
	if until != nil && until.After(time.Now()) {
		_ = db.Audit(ctx, AuditEntry{Action: AuditLoginFailed, Detail: map[string]any{"reason": "throttled", "ip": ip}})
		mins := int(math.Ceil(time.Until(*until).Minutes()))
		return Account{}, workflow.Errorf(workflow.ErrLocked,
			"too many failed sign-ins with this email address from your network: wait %d minute%s and try again, or ask an administrator to reset your password",
			mins, map[bool]string{true: "", false: "s"}[mins == 1])
	}
	a, hash, err := scanAccount(db.Pool.QueryRow(ctx, `SELECT `+accountCols+accountFrom+`WHERE lower(u.email) = lower($1)`, email))
	known := err == nil
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return Account{}, mapErr(err, "user")
	}
	if !known {
		hash = dummyHash // spend the same time as a real check
	}
	ok, err := CheckPassword(hash, pw)
	if err != nil {
		return Account{}, err
	}
	if !known || !ok || a.Disabled {
		reason := "password"
		if !known {
			reason = "unknown email"
		}
		err := db.inTx(ctx, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO login_throttle AS l (email_hash, ip, failures) VALUES ($1, $2, 1)
				ON CONFLICT (email_hash, ip) DO UPDATE SET failures = l.failures + 1, updated_at = now(),
				blocked_until = CASE WHEN l.failures + 1 >= $3
					THEN now() + least(make_interval(mins => power(2, l.failures + 1 - $3)::int), make_interval(secs => $4))
					ELSE NULL END`, key, ip, ThrottleFree, ThrottleMax.Seconds()); err != nil {
				return mapErr(err, "sign-in throttle")
			}
			if _, err := tx.Exec(ctx, `DELETE FROM login_throttle WHERE updated_at < now() - interval '1 day'`); err != nil {
				return mapErr(err, "sign-in throttle")
			}
			return appendAudit(ctx, tx, AuditEntry{UserID: a.ID, Action: AuditLoginFailed, Object: objectIf(known, a.ID),
				Detail: map[string]any{"reason": reason, "ip": ip}})
		})
		if err != nil {
			return Account{}, err
		}
		return Account{}, workflow.Errorf(workflow.ErrUnauthenticated, "wrong email or password")
	}
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM login_throttle WHERE email_hash = $1 AND ip = $2`, key, ip); err != nil {
			return mapErr(err, "sign-in throttle")
		}
		if _, err := tx.Exec(ctx, `UPDATE users SET last_login_at = now() WHERE id = $1`, a.ID); err != nil {
			return mapErr(err, "user")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: a.ID, Action: AuditLogin, Object: userObject(a.ID)})
	})
	return a, err
}

func objectIf(known bool, id int64) string {
	if !known {
		return ""
	}
	return userObject(id)
}
