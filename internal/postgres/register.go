package postgres

// The person register: what the last suggestion step built
// (register_persons) and the kinds officers chose (person_kinds), which
// every suggestion step is given.

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// AuditPersonRole is the audit action of a role change on the People
// page: it changes what is redacted. Its detail holds the person's key,
// label and kinds, never their name.
const AuditPersonRole = "person.role"

// Register is a request's person register as the last suggestion step
// built it: the subject first, then everyone else by key.
type Register struct {
	// Generation counts the request's suggestion steps (0: none yet). A
	// role change names the generation its page showed.
	Generation int64            `json:"generation"`
	People     []suggest.Person `json:"people"`
}

// saveRegister replaces a request's register inside the suggestion
// step's transaction, one generation on from the last.
func saveRegister(ctx context.Context, tx pgx.Tx, requestID int64, people []suggest.Person) error {
	var gen int64
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(generation), 0) + 1 FROM register_persons WHERE request_id = $1`,
		requestID).Scan(&gen); err != nil {
		return mapErr(err, "register")
	}
	if _, err := tx.Exec(ctx, `DELETE FROM register_persons WHERE request_id = $1`, requestID); err != nil {
		return mapErr(err, "register")
	}
	rows := make([][]any, len(people))
	for i, p := range people {
		rows[i] = []any{requestID, p.Key, i, gen, p.Name, p.Role, p.Kind, p.Label, p}
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"register_persons"},
		[]string{"request_id", "key", "position", "generation", "name", "role", "kind", "label", "data"}, pgx.CopyFromRows(rows))
	return mapErr(err, "register")
}

// Register returns a request's person register.
func (db *DB) Register(ctx context.Context, requestID int64) (Register, error) {
	rows, err := db.Pool.Query(ctx, `SELECT generation, data FROM register_persons WHERE request_id = $1 ORDER BY position`, requestID)
	if err != nil {
		return Register{}, mapErr(err, "register")
	}
	var reg Register
	reg.People, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (suggest.Person, error) {
		var p suggest.Person
		return p, r.Scan(&reg.Generation, &p)
	})
	return reg, mapErr(err, "register")
}

// personKinds returns the kinds officers chose for a request's people, by
// name (suggest.Options.Kinds).
func personKinds(ctx context.Context, tx pgx.Tx, requestID int64) (map[string]string, error) {
	rows, err := tx.Query(ctx, `SELECT name, kind FROM person_kinds WHERE request_id = $1`, requestID)
	if err != nil {
		return nil, mapErr(err, "person kinds")
	}
	out := map[string]string{}
	var name, kind string
	_, err = pgx.ForEachRow(rows, []any{&name, &kind}, func() error {
		out[name] = kind
		return nil
	})
	return out, mapErr(err, "person kinds")
}

// KindChange is an officer's change of one register person's kind, as
// the People page showed the person.
type KindChange struct {
	Key  string // register key
	Kind string // suggest.Kind.ID
	// From and Generation, when set, are the kind and register generation
	// the officer saw: a register rebuilt or changed since is refused, so a
	// key that now names someone else is never changed.
	From       string
	Generation int64
}

// SetPersonKind records the kind an officer chose for a register person,
// with its audit row, in one transaction. The register itself follows at
// the next suggestion step (the caller runs one). It returns the person
// as the register held them before the change.
func (db *DB) SetPersonKind(ctx context.Context, by, requestID int64, c KindChange) (suggest.Person, error) {
	k, ok := suggest.KindByID(c.Kind)
	if !ok {
		return suggest.Person{}, workflow.Errorf(workflow.ErrInvalid, "choose the person's role from the list")
	}
	var p suggest.Person
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var gen int64
		err := tx.QueryRow(ctx, `SELECT generation, data FROM register_persons WHERE request_id = $1 AND key = $2 FOR UPDATE`,
			requestID, c.Key).Scan(&gen, &p)
		if err != nil {
			return mapErr(err, "person")
		}
		switch {
		case c.Generation != 0 && c.Generation != gen, c.From != "" && c.From != p.Kind:
			return workflow.Errorf(workflow.ErrConflict, "the people list changed since this page was shown; check %s's role again", p.Label)
		case p.Role == suggest.RoleSubject:
			return workflow.Errorf(workflow.ErrInvalid, "the requester's role cannot change; merge another entry into them instead")
		case p.Kind == k.ID:
			return workflow.Errorf(workflow.ErrInvalid, "%s is already %s", p.Label, k.Title)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO person_kinds (request_id, name, kind, set_by) VALUES ($1, $2, $3, $4)
			ON CONFLICT (request_id, name) DO UPDATE SET kind = excluded.kind, set_by = excluded.set_by, set_at = now()`,
			requestID, p.Name, k.ID, nullID(by)); err != nil {
			return mapErr(err, "person kind")
		}
		return appendAudit(ctx, tx, AuditEntry{UserID: by, Action: AuditPersonRole, RequestID: requestID,
			Object: fmt.Sprintf("person %s", p.Key), Detail: map[string]any{"key": p.Key, "label": p.Label,
				"from_kind": p.Kind, "to_kind": k.ID, "from_role": p.Role, "to_role": k.Role, "generation": gen}})
	})
	return p, err
}

// KeepPersonKind records a register person's present kind as chosen, when
// no officer chose one yet: a person found only in the text and written
// into the persons list by a merge would otherwise lose the kind the text
// gave them.
func (db *DB) KeepPersonKind(ctx context.Context, by, requestID int64, name, kind string) error {
	if _, ok := suggest.KindByID(kind); !ok {
		return nil // the subject's, or none: nothing to keep
	}
	_, err := db.Pool.Exec(ctx, `INSERT INTO person_kinds (request_id, name, kind, set_by) VALUES ($1, $2, $3, $4)
		ON CONFLICT (request_id, name) DO NOTHING`, requestID, name, kind, nullID(by))
	return mapErr(err, "person kind")
}
