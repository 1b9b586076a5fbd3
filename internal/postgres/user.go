package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// NewUser is what `disclose user add` and the admin page ask for.
type NewUser struct {
	Email string
	Name  string
	Roles []workflow.Role
	Team  string // team name, created if new, matched whatever its case; "" = no team
	// AlsoServes names other teams whose requests the user also works.
	AlsoServes []string
}

// Account is a user as sign-in and the admin screen see them.
type Account struct {
	workflow.User
	TeamName           string
	AlsoServesNames    []string // names of User.AlsoServes, in their order
	MustChangePassword bool     // a one-time password: nothing else until a new one is set
	Disabled           bool
	LastLogin          time.Time
	// Stamp names the current password (a digest of its salted hash): a
	// session keeps the stamp it signed in with and ends when the password
	// is reset or changed.
	Stamp string
}

const accountCols = `u.id, u.email, u.name, u.roles, coalesce(u.team_id, 0), coalesce(t.name, ''),
	u.must_change_password, u.disabled, u.last_login_at, u.password_hash, ` + alsoServesCols

// alsoServesCols are the ids and names of the other teams user u serves.
const alsoServesCols = `array(SELECT ut.team_id FROM user_teams ut JOIN teams x ON x.id = ut.team_id
		WHERE ut.user_id = u.id ORDER BY lower(x.name)),
	array(SELECT x.name FROM user_teams ut JOIN teams x ON x.id = ut.team_id WHERE ut.user_id = u.id ORDER BY lower(x.name))`

const accountFrom = ` FROM users u LEFT JOIN teams t ON t.id = u.team_id `

func scanAccount(row pgx.Row) (Account, string, error) {
	var (
		a    Account
		last *time.Time
		hash string
	)
	err := row.Scan(&a.ID, &a.Email, &a.Name, &a.Roles, &a.TeamID, &a.TeamName, &a.MustChangePassword, &a.Disabled, &last, &hash,
		&a.AlsoServes, &a.AlsoServesNames)
	if last != nil {
		a.LastLogin = *last
	}
	a.Stamp = passwordStamp(hash)
	return a, hash, err
}

// passwordStamp is a short digest of a password hash: it changes with
// every new password (each hash has its own salt) and reveals nothing.
func passwordStamp(hash string) string {
	sum := sha256.Sum256([]byte(hash))
	return hex.EncodeToString(sum[:8])
}

// validUser checks what an account must have.
func validUser(email, name string, roles []workflow.Role) error {
	if !strings.Contains(email, "@") || strings.TrimSpace(name) == "" || len(roles) == 0 {
		return workflow.Errorf(workflow.ErrInvalid, "a user needs an email address, a name and at least one role")
	}
	for _, r := range roles {
		if !r.Valid() {
			return workflow.Errorf(workflow.ErrInvalid, "unknown role %q", r)
		}
	}
	return nil
}

// CreateUser adds a user with a fresh one-time password, which it returns:
// show it once; only its hash is kept.
func (db *DB) CreateUser(ctx context.Context, by int64, in NewUser) (workflow.User, string, error) {
	in.Email, in.Name, in.Team = strings.TrimSpace(in.Email), strings.TrimSpace(in.Name), strings.TrimSpace(in.Team)
	if err := validUser(in.Email, in.Name, in.Roles); err != nil {
		return workflow.User{}, "", err
	}
	pw := NewPassword()
	hash, err := HashPassword(pw)
	if err != nil {
		return workflow.User{}, "", err
	}
	u := workflow.User{Email: in.Email, Name: in.Name, Roles: in.Roles}
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		if u.TeamID, err = teamID(ctx, tx, in.Team); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `INSERT INTO users (email, name, password_hash, roles, team_id)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, in.Email, in.Name, hash, in.Roles, nullID(u.TeamID)).Scan(&u.ID)
		if err != nil {
			return mapErr(err, "a user with this email address")
		}
		if u.AlsoServes, err = setAlsoServes(ctx, tx, u.ID, u.TeamID, in.AlsoServes); err != nil {
			return err
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditUserAdd, Object: userObject(u.ID),
			Detail: map[string]any{"roles": in.Roles, "team": u.TeamID, "also_serves": u.AlsoServes}})
	})
	if err != nil {
		return workflow.User{}, "", err
	}
	return u, pw, nil
}

// ResetPassword gives the user with this email a new one-time password,
// ends their sessions (the password stamp changes), clears the sign-in
// throttle for the address and returns the password to show once.
func (db *DB) ResetPassword(ctx context.Context, by int64, email string) (string, error) {
	return db.reset(ctx, by, `lower(email) = lower($1)`, strings.TrimSpace(email))
}

// ResetUser is ResetPassword by user id, for the admin screen.
func (db *DB) ResetUser(ctx context.Context, by, id int64) (string, error) {
	return db.reset(ctx, by, `id = $1`, id)
}

func (db *DB) reset(ctx context.Context, by int64, where string, key any) (string, error) {
	pw := NewPassword()
	hash, err := HashPassword(pw)
	if err != nil {
		return "", err
	}
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		var id int64
		var email string
		err := tx.QueryRow(ctx, `UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL,
			must_change_password = true, updated_at = now() WHERE `+where+` RETURNING id, email`, key, hash).Scan(&id, &email)
		if err != nil {
			return mapErr(err, "user")
		}
		if _, err := tx.Exec(ctx, `DELETE FROM login_throttle WHERE email_hash = $1`, emailHash(email)); err != nil {
			return mapErr(err, "sign-in throttle")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditUserReset, Object: userObject(id)})
	})
	return pw, err
}

// SetPassword replaces a user's password with one they chose (checked by
// CheckNewPassword) and clears the must-change mark. Every other session
// of the user ends with the old password's stamp.
func (db *DB) SetPassword(ctx context.Context, userID int64, pw string) error {
	if err := CheckNewPassword(pw); err != nil {
		return err
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
		return appendAudit(ctx, tx, AuditEntry{UserID: userID, Action: AuditUserPassword, Object: userObject(userID)})
	})
}

// ChangePassword sets a new password for a signed-in user who proves the
// current one, and returns the account with its new stamp.
func (db *DB) ChangePassword(ctx context.Context, userID int64, current, next string) (Account, error) {
	a, hash, err := scanAccount(db.Pool.QueryRow(ctx, `SELECT `+accountCols+accountFrom+`WHERE u.id = $1 AND NOT u.disabled`, userID))
	if err != nil {
		return Account{}, mapErr(err, "user")
	}
	ok, err := CheckPassword(hash, current)
	if err != nil {
		return Account{}, err
	}
	if !ok {
		return Account{}, workflow.Errorf(workflow.ErrInvalid, "the current password is not right")
	}
	if next == current {
		return Account{}, workflow.Errorf(workflow.ErrInvalid, "choose a password different from the current one")
	}
	if err := db.SetPassword(ctx, a.ID, next); err != nil {
		return Account{}, err
	}
	return db.Account(ctx, a.ID)
}

// Authenticate checks an email and password with no client address (the
// command line, tests); the web server uses Login.
func (db *DB) Authenticate(ctx context.Context, email, pw string) (workflow.User, error) {
	a, err := db.Login(ctx, email, pw, "")
	return a.User, err
}

// dummyHash is checked against when the email is unknown.
var dummyHash, _ = HashPassword("not a real password")

// User returns an enabled user by id.
func (db *DB) User(ctx context.Context, id int64) (workflow.User, error) {
	var u workflow.User
	var names []string
	err := db.Pool.QueryRow(ctx, `SELECT u.id, u.email, u.name, u.roles, coalesce(u.team_id, 0), `+alsoServesCols+`
		FROM users u WHERE u.id = $1 AND NOT u.disabled`, id).
		Scan(&u.ID, &u.Email, &u.Name, &u.Roles, &u.TeamID, &u.AlsoServes, &names)
	return u, mapErr(err, "user")
}

// Account returns a user's account, disabled or not.
func (db *DB) Account(ctx context.Context, id int64) (Account, error) {
	a, _, err := scanAccount(db.Pool.QueryRow(ctx, `SELECT `+accountCols+accountFrom+`WHERE u.id = $1`, id))
	return a, mapErr(err, "user")
}

// Users lists every user, by name.
func (db *DB) Users(ctx context.Context) ([]workflow.User, error) {
	as, err := db.Accounts(ctx)
	out := make([]workflow.User, len(as))
	for i, a := range as {
		out[i] = a.User
	}
	return out, err
}

// Accounts lists every account, by name.
func (db *DB) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+accountCols+accountFrom+`ORDER BY u.name, u.id`)
	if err != nil {
		return nil, mapErr(err, "users")
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		a, _, err := scanAccount(rows)
		if err != nil {
			return nil, mapErr(err, "users")
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err(), "users")
}

// SetDisabled disables or enables an account. Disabling ends the user's
// sessions (the server checks the account on every request). An admin
// cannot disable their own account.
func (db *DB) SetDisabled(ctx context.Context, by, id int64, disabled bool) error {
	if disabled && by == id {
		return workflow.Errorf(workflow.ErrInvalid, "you cannot disable your own account")
	}
	action := AuditUserEnable
	if disabled {
		action = AuditUserDisable
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET disabled = $2, updated_at = now() WHERE id = $1`, id, disabled)
		if err != nil {
			return mapErr(err, "user")
		}
		if tag.RowsAffected() == 0 {
			return workflow.Errorf(workflow.ErrNotFound, "user not found")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: action, Object: userObject(id)})
	})
}

// SetAccess sets a user's roles, own team and the other teams they also
// serve (by name, matched whatever their case, created if new; "" = no
// team). An admin keeps their own admin role.
func (db *DB) SetAccess(ctx context.Context, by, id int64, roles []workflow.Role, team string, also []string) error {
	if len(roles) == 0 {
		return workflow.Errorf(workflow.ErrInvalid, "choose at least one role")
	}
	for _, r := range roles {
		if !r.Valid() {
			return workflow.Errorf(workflow.ErrInvalid, "unknown role %q", r)
		}
	}
	if by == id && !slices.Contains(roles, workflow.RoleAdmin) {
		return workflow.Errorf(workflow.ErrInvalid, "you cannot take the admin role from your own account")
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		teamID, err := teamID(ctx, tx, strings.TrimSpace(team))
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE users SET roles = $2, team_id = $3, updated_at = now() WHERE id = $1`, id, roles, nullID(teamID))
		if err != nil {
			return mapErr(err, "user")
		}
		if tag.RowsAffected() == 0 {
			return workflow.Errorf(workflow.ErrNotFound, "user not found")
		}
		alsoIDs, err := setAlsoServes(ctx, tx, id, teamID, also)
		if err != nil {
			return err
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditUserAccess, Object: userObject(id),
			Detail: map[string]any{"roles": roles, "team": teamID, "also_serves": alsoIDs}})
	})
}

// setAlsoServes replaces the other teams user id serves with the named
// ones (created if new), leaving out their own team, and returns their ids.
func setAlsoServes(ctx context.Context, tx pgx.Tx, id, own int64, names []string) ([]int64, error) {
	if _, err := tx.Exec(ctx, `DELETE FROM user_teams WHERE user_id = $1`, id); err != nil {
		return nil, mapErr(err, "user teams")
	}
	ids := []int64{}
	for _, n := range names {
		t, err := teamID(ctx, tx, strings.TrimSpace(n))
		if err != nil {
			return nil, err
		}
		if t == 0 || t == own || slices.Contains(ids, t) {
			continue
		}
		if _, err := tx.Exec(ctx, `INSERT INTO user_teams (user_id, team_id) VALUES ($1, $2)`, id, t); err != nil {
			return nil, mapErr(err, "user teams")
		}
		ids = append(ids, t)
	}
	return ids, nil
}

// Team is a team and how many users serve it (their own or also).
type Team struct {
	ID    int64
	Name  string
	Users int
}

// Teams lists the teams by name.
func (db *DB) Teams(ctx context.Context) ([]Team, error) {
	rows, err := db.Pool.Query(ctx, `SELECT t.id, t.name, (SELECT count(*) FROM users u WHERE u.team_id = t.id
			OR EXISTS (SELECT 1 FROM user_teams ut WHERE ut.user_id = u.id AND ut.team_id = t.id))
		FROM teams t ORDER BY lower(t.name)`)
	if err != nil {
		return nil, mapErr(err, "teams")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Team, error) {
		var t Team
		err := r.Scan(&t.ID, &t.Name, &t.Users)
		return t, err
	})
}

// TeamID returns the id of the named team, creating it if needed; names
// match whatever their case ("Legal services" is "Legal Services").
func (db *DB) TeamID(ctx context.Context, name string) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(tx pgx.Tx) (err error) {
		id, err = teamID(ctx, tx, strings.TrimSpace(name))
		return err
	})
	return id, err
}

// teamID finds a team by name whatever its case, or creates it; "" is no team.
func teamID(ctx context.Context, tx pgx.Tx, name string) (int64, error) {
	if name == "" {
		return 0, nil
	}
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM teams WHERE lower(name) = lower($1)`, name).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		// Two admins creating the same team at once: the unique index on
		// lower(name) makes the second wait, then find the first's row.
		err = tx.QueryRow(ctx, `INSERT INTO teams (name) VALUES ($1)
			ON CONFLICT ((lower(name))) DO UPDATE SET name = teams.name RETURNING id`, name).Scan(&id)
	}
	return id, mapErr(err, "team")
}

func userObject(id int64) string { return "user " + itoa(id) }
