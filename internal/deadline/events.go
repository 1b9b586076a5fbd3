package deadline

import (
	"fmt"
	"time"
)

// Events are the clock events of one request, as the workflow records them.
// A zero time.Time means the event has not happened. Only the date part of
// each time is used.
type Events struct {
	Received    time.Time // request received: always required
	IDAsked     time.Time // proof of identity asked for
	IDReceived  time.Time // proof of identity received
	FeeAsked    time.Time // fees notice given
	FeeReceived time.Time // fee received
	// Pauses are the clarification requests: asked on one day, answered on
	// another (zero while the answer is awaited).
	Pauses []Pause
	// Extended records that the controller extended the time limit.
	Extended bool
	// ExtensionNotified is the day the requester was told of the extension.
	ExtensionNotified time.Time
	// Closed is the day the response was sent.
	Closed time.Time
}

// Pause is one stop of the clock for clarification: the days from Asked to
// Answered, both inclusive, do not count (UK GDPR Art 12A; DPA 2018
// s54(3C): "the period beginning with the day on which the controller makes
// the request and ending with the day on which the controller receives the
// information"). A zero Answered means the clock is still stopped.
type Pause struct {
	Asked    time.Time
	Answered time.Time
}

// InputError is a problem with the events or names given, safe to show to
// the person who gave them.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

func inputErr(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

// normalised returns a copy with every date reduced to its calendar day.
func (ev Events) normalised() Events {
	out := ev
	out.Received, out.IDAsked, out.IDReceived = Day(ev.Received), Day(ev.IDAsked), Day(ev.IDReceived)
	out.FeeAsked, out.FeeReceived = Day(ev.FeeAsked), Day(ev.FeeReceived)
	out.ExtensionNotified, out.Closed = Day(ev.ExtensionNotified), Day(ev.Closed)
	out.Pauses = make([]Pause, len(ev.Pauses))
	for i, p := range ev.Pauses {
		out.Pauses[i] = Pause{Asked: Day(p.Asked), Answered: Day(p.Answered)}
	}
	return out
}

// validate rejects impossible orders of events. Events before receipt of
// the request are allowed where the law takes the latest of several dates
// (ID sent ahead of the request still counts from the request).
func (ev Events) validate() error {
	if ev.Received.IsZero() {
		return inputErr("the date the request was received is missing")
	}
	for _, p := range ev.Pauses {
		switch {
		case p.Asked.IsZero():
			return inputErr("a pause has no date on which clarification was asked")
		case p.Answered.IsZero():
		case p.Answered.Before(p.Asked):
			return inputErr("pause %s:%s ends before it starts", iso(p.Asked), iso(p.Answered))
		case p.Answered.Before(ev.Received):
			return inputErr("pause %s:%s ends before the request was received (%s)", iso(p.Asked), iso(p.Answered), iso(ev.Received))
		}
	}
	pairs := []struct {
		earlier, later time.Time
		msg            string
	}{
		{ev.IDAsked, ev.IDReceived, "ID received (%s) before it was asked for (%s)"},
		{ev.FeeAsked, ev.FeeReceived, "fee received (%s) before it was asked for (%s)"},
		{ev.Received, ev.Closed, "request closed (%s) before it was received (%s)"},
		{ev.Received, ev.ExtensionNotified, "extension notified (%s) before the request was received (%s)"},
	}
	for _, p := range pairs {
		if !p.earlier.IsZero() && !p.later.IsZero() && p.later.Before(p.earlier) {
			return inputErr(p.msg, iso(p.later), iso(p.earlier))
		}
	}
	return nil
}

func iso(d time.Time) string { return d.Format(DateLayout) }
