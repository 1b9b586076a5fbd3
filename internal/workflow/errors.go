// Package workflow is the domain of a subject access request as a case: its
// status lifecycle, who may do what (roles × actions), which review decisions
// need legal approval, and the error kinds every adapter maps to. It imports
// no database or HTTP package; internal/postgres stores it and internal/web
// serves it.
package workflow

import (
	"errors"
	"fmt"
)

// Error kinds. Adapters test with errors.Is and map them to HTTP status codes
// (not found 404, conflict 409, exists 409, forbidden 403, invalid 422,
// unauthenticated 401, locked 423).
var (
	ErrNotFound        = errors.New("not found")
	ErrExists          = errors.New("already exists")
	ErrConflict        = errors.New("changed by someone else")
	ErrForbidden       = errors.New("not allowed")
	ErrInvalid         = errors.New("invalid")
	ErrUnauthenticated = errors.New("wrong email or password")
	ErrLocked          = errors.New("account locked")
)

// Error is a domain error: a kind and a message safe to show a user (it never
// carries document text or personal data beyond what the user typed).
type Error struct {
	Kind    error
	Message string
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is(err, ErrConflict) match.
func (e *Error) Unwrap() error { return e.Kind }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Message returns the user-safe message of err: an *Error's message, the
// text of a bare kind, or "internal error" for anything else.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	for _, k := range []error{ErrNotFound, ErrExists, ErrConflict, ErrForbidden, ErrInvalid, ErrUnauthenticated, ErrLocked} {
		if errors.Is(err, k) {
			return k.Error()
		}
	}
	return "internal error"
}
