package workflow

import "slices"

// Status is where a request is in its lifecycle.
type Status string

// The lifecycle: logged → awaiting ID → in progress → in review → awaiting
// approval → ready → disclosed → closed, with withdrawn and refused as exits.
const (
	StatusLogged           Status = "logged"
	StatusAwaitingID       Status = "awaiting_id"
	StatusInProgress       Status = "in_progress"
	StatusInReview         Status = "in_review"
	StatusAwaitingApproval Status = "awaiting_approval"
	StatusReady            Status = "ready"
	StatusDisclosed        Status = "disclosed"
	StatusClosed           Status = "closed"
	StatusWithdrawn        Status = "withdrawn"
	// StatusRefused: manifestly unfounded or excessive (UK GDPR Art. 12(5)).
	StatusRefused Status = "refused"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{StatusLogged, StatusAwaitingID, StatusInProgress, StatusInReview,
	StatusAwaitingApproval, StatusReady, StatusDisclosed, StatusClosed, StatusWithdrawn, StatusRefused}

// transitions is the lifecycle as data: from → allowed next statuses. Going
// back a step is allowed where work reopens (a reviewer finds more to do, an
// approval is refused, a staged release is followed by more review).
var transitions = map[Status][]Status{
	StatusLogged:           {StatusAwaitingID, StatusInProgress, StatusWithdrawn, StatusRefused},
	StatusAwaitingID:       {StatusInProgress, StatusWithdrawn, StatusRefused, StatusClosed},
	StatusInProgress:       {StatusInReview, StatusAwaitingID, StatusWithdrawn, StatusRefused},
	StatusInReview:         {StatusAwaitingApproval, StatusReady, StatusInProgress, StatusWithdrawn},
	StatusAwaitingApproval: {StatusReady, StatusInReview, StatusWithdrawn},
	StatusReady:            {StatusDisclosed, StatusInReview, StatusWithdrawn},
	// A staged release: part disclosed, the rest goes back to review.
	StatusDisclosed: {StatusClosed, StatusInReview},
	StatusClosed:    {},
	StatusWithdrawn: {StatusClosed},
	StatusRefused:   {StatusClosed},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := transitions[s]; return ok }

// Next returns the statuses a request in s may move to.
func (s Status) Next() []Status { return slices.Clone(transitions[s]) }

// Final reports whether no more work happens in s.
func (s Status) Final() bool { return len(transitions[s]) == 0 }

// CheckTransition returns nil if a request may move from one status to the
// other, else an ErrInvalid error naming both.
func CheckTransition(from, to Status) error {
	if !from.Valid() {
		return Errorf(ErrInvalid, "unknown status %q", from)
	}
	if !to.Valid() {
		return Errorf(ErrInvalid, "unknown status %q", to)
	}
	if !slices.Contains(transitions[from], to) {
		return Errorf(ErrInvalid, "a request cannot move from %s to %s", from, to)
	}
	return nil
}
