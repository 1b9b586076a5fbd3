package pgstore

import (
	"context"
	"errors"
	"slices"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// SetStatus implements web.RequestStore.
func (s *Store) SetStatus(ctx context.Context, u web.User, requestID int64, version int, to workflow.Status, note string) error {
	_, err := s.DB.SetStatus(ctx, u.ID, requestID, version, to, note)
	return err
}

// AddClockEvent implements web.RequestStore: the event is recorded, then
// the status follows where the event settles it. Asking for ID means the
// request waits for it (UK GDPR Art. 12(6); the clock pauses, DPA 2018
// s54(3)); receiving it means work can start. A status the event does not
// fit — an officer who has already moved on, a closed request — is left
// as it is: the clock event is what the law counts, the status is the
// team's own tracking.
func (s *Store) AddClockEvent(ctx context.Context, u web.User, requestID int64, e record.ClockEvent) error {
	if _, err := s.DB.AddClockEvent(ctx, u.ID, requestID, e); err != nil {
		return err
	}
	var to workflow.Status
	var from []workflow.Status
	var note string
	switch e.Kind {
	case record.ClockIDAsked:
		to, from, note = workflow.StatusAwaitingID, []workflow.Status{workflow.StatusLogged, workflow.StatusInProgress}, "ID asked for (clock event)"
	case record.ClockIDReceived:
		to, from, note = workflow.StatusInProgress, []workflow.Status{workflow.StatusLogged, workflow.StatusAwaitingID}, "ID received (clock event)"
	default:
		return nil
	}
	// Two tries: someone else may change the request between our read
	// and the update; then read again and decide again.
	for range 2 {
		r, err := s.DB.Request(ctx, requestID)
		if err != nil {
			return err
		}
		if !slices.Contains(from, workflow.Status(r.Status)) {
			return nil
		}
		_, err = s.DB.SetStatus(ctx, u.ID, requestID, r.Version, to, note)
		if !errors.Is(err, workflow.ErrConflict) {
			return err
		}
	}
	return nil
}
