package postgres

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// Login throttling: after MaxFailedLogins wrong passwords in a row the
// account is locked for LockDuration; a right password resets the count.
const (
	MaxFailedLogins = 5
	LockDuration    = 15 * time.Minute
)

// NewUser is what `disclose user add` and the admin page ask for.
type NewUser struct {
	Email string
	Name  string
	Roles []workflow.Role
	Team  string // team name, created if new; "" = no team
}

// CreateUser adds a user with a fresh one-time password, which it returns:
// show it once; only its hash is kept.
func (db *DB) CreateUser(ctx context.Context, by int64, in NewUser) (workflow.User, string, error) {
	in.Email = strings.TrimSpace(in.Email)
	if !strings.Contains(in.Email, "@") || in.Name == "" || len(in.Roles) == 0 {
		return workflow.User{}, "", workflow.Errorf(workflow.ErrInvalid, "a user needs an email, a name and at least one role")
	}
	for _, r := range in.Roles {
		if !r.Valid() {
			return workflow.User{}, "", workflow.Errorf(workflow.ErrInvalid, "unknown role %q", r)
		}
	}
	pw := NewPassword()
	hash, err := HashPassword(pw)
	if err != nil {
		return workflow.User{}, "", err
	}
	u := workflow.User{Email: in.Email, Name: in.Name, Roles: in.Roles}
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		if in.Team != "" {
			if err := tx.QueryRow(ctx, `INSERT INTO teams (name) VALUES ($1)
				ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, in.Team).Scan(&u.TeamID); err != nil {
				return mapErr(err, "team")
			}
		}
		err := tx.QueryRow(ctx, `INSERT INTO users (email, name, password_hash, roles, team_id)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, in.Email, in.Name, hash, in.Roles, nullID(u.TeamID)).Scan(&u.ID)
		if err != nil {
			return mapErr(err, "user "+in.Email)
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditUserAdd, Object: userObject(u.ID),
			Detail: map[string]any{"roles": in.Roles, "team": u.TeamID}})
	})
	if err != nil {
		return workflow.User{}, "", err
	}
	return u, pw, nil
}

// ResetPassword gives a user a new one-time password, unlocks the account
// and returns the password to show once.
func (db *DB) ResetPassword(ctx context.Context, by int64, email string) (string, error) {
	pw := NewPassword()
	hash, err := HashPassword(pw)
	if err != nil {
		return "", err
	}
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL,
			must_change_password = true, updated_at = now() WHERE lower(email) = lower($1) RETURNING id`, email, hash).Scan(&id)
		if err != nil {
			return mapErr(err, "user "+email)
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditUserReset, Object: userObject(id)})
	})
	return pw, err
}

// SetPassword replaces a user's password (after they log in with a one-time one).
func (db *DB) SetPassword(ctx context.Context, userID int64, pw string) error {
	if len(pw) < 12 {
		return workflow.Errorf(workflow.ErrInvalid, "a password needs at least 12 characters")
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1`, userID, hash)
		if err != nil {
			return mapErr(err, "user")
		}
		if tag.RowsAffected() == 0 {
			return workflow.Errorf(workflow.ErrNotFound, "user not found")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: userID, Action: AuditUserReset, Object: userObject(userID), Detail: map[string]any{"by": "self"}})
	})
}

// Authenticate checks an email and password. It returns ErrUnauthenticated
// for an unknown email or wrong password (the same message for both), and
// ErrLocked while the account is locked — even for the right password, so
// guessing cannot continue during the lock. Every attempt is audited.
func (db *DB) Authenticate(ctx context.Context, email, pw string) (workflow.User, error) {
	var (
		u        workflow.User
		hash     string
		locked   *time.Time
		disabled bool
	)
	err := db.Pool.QueryRow(ctx, `SELECT id, email, name, roles, coalesce(team_id, 0), password_hash, locked_until, disabled
		FROM users WHERE lower(email) = lower($1)`, strings.TrimSpace(email)).
		Scan(&u.ID, &u.Email, &u.Name, &u.Roles, &u.TeamID, &hash, &locked, &disabled)
	if errors.Is(err, pgx.ErrNoRows) {
		// Spend the same time as a real check so timing does not reveal accounts.
		_, _ = CheckPassword(dummyHash, pw)
		_ = db.Audit(ctx, AuditEntry{Action: AuditLoginFailed, Detail: map[string]any{"reason": "unknown email"}})
		return workflow.User{}, workflow.Errorf(workflow.ErrUnauthenticated, "wrong email or password")
	}
	if err != nil {
		return workflow.User{}, mapErr(err, "user")
	}
	if locked != nil && locked.After(time.Now()) {
		_ = db.Audit(ctx, AuditEntry{UserID: u.ID, Action: AuditLoginFailed, Object: userObject(u.ID), Detail: map[string]any{"reason": "locked"}})
		return workflow.User{}, workflow.Errorf(workflow.ErrLocked, "this account is locked after too many failed logins; try again later or ask an administrator")
	}
	ok, err := CheckPassword(hash, pw)
	if err != nil {
		return workflow.User{}, err
	}
	if !ok || disabled {
		err := db.inTx(ctx, func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE users SET failed_logins = failed_logins + 1,
				locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
				WHERE id = $1`, u.ID, MaxFailedLogins, LockDuration.Seconds())
			if err != nil {
				return mapErr(err, "user")
			}
			return appendAudit(ctx, tx, AuditEntry{UserID: u.ID, Action: AuditLoginFailed, Object: userObject(u.ID), Detail: map[string]any{"reason": "password"}})
		})
		if err != nil {
			return workflow.User{}, err
		}
		return workflow.User{}, workflow.Errorf(workflow.ErrUnauthenticated, "wrong email or password")
	}
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, u.ID); err != nil {
			return mapErr(err, "user")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: u.ID, Action: AuditLogin, Object: userObject(u.ID)})
	})
	return u, err
}

// dummyHash is checked against when the email is unknown.
var dummyHash, _ = HashPassword("not a real password")

// User returns a user by id.
func (db *DB) User(ctx context.Context, id int64) (workflow.User, error) {
	var u workflow.User
	err := db.Pool.QueryRow(ctx, `SELECT id, email, name, roles, coalesce(team_id, 0) FROM users WHERE id = $1 AND NOT disabled`, id).
		Scan(&u.ID, &u.Email, &u.Name, &u.Roles, &u.TeamID)
	return u, mapErr(err, "user")
}

// Users lists every user, by name.
func (db *DB) Users(ctx context.Context) ([]workflow.User, error) {
	rows, err := db.Pool.Query(ctx, `SELECT id, email, name, roles, coalesce(team_id, 0) FROM users ORDER BY name, id`)
	if err != nil {
		return nil, mapErr(err, "users")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (workflow.User, error) {
		var u workflow.User
		err := r.Scan(&u.ID, &u.Email, &u.Name, &u.Roles, &u.TeamID)
		return u, err
	})
}

// TeamID returns the id of the named team, creating it if needed.
func (db *DB) TeamID(ctx context.Context, name string) (int64, error) {
	var id int64
	err := db.Pool.QueryRow(ctx, `INSERT INTO teams (name) VALUES ($1)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, name).Scan(&id)
	return id, mapErr(err, "team")
}

func userObject(id int64) string { return "user " + itoa(id) }
