// Package deadline computes statutory due dates for information requests —
// UK GDPR and EU GDPR subject access, the legacy DPA 1998 rule, FOI and EIR —
// from a request's clock events, with an explanation of every step. Regimes
// are data (regimes/*.json) and bank holidays are a gov.uk-shaped table
// (bank-holidays.json), both embedded; the engine only interprets them.
package deadline

import (
	"fmt"
	"sort"
	"time"
)

// Result is a computed time limit and how it was reached.
type Result struct {
	Regime     string
	Nation     Nation
	Start      time.Time // the day the clock started
	StartEvent string    // what started it, e.g. "ID received"
	// Due is the last day to respond; zero while Paused.
	Due time.Time
	// FirstDue is the due date without any extension: the last day to tell
	// the requester of an extension.
	FirstDue time.Time
	// PausedDays is how many days did not count: calendar days for regimes
	// counted in months or days, working days for those in working days.
	PausedDays int
	// Paused is true when the clock has stopped (an unanswered
	// clarification or fees notice) or not yet started (ID or fee awaited):
	// there is no due date until the awaited event is recorded.
	Paused      bool
	Extended    bool
	Explanation []string
	Warnings    []string
}

// Compute works out the due date for a request under regime in nation.
// Errors are *InputError for unknown names and impossible events.
func (c *Calendar) Compute(regime string, nation Nation, ev Events) (Result, error) {
	r, err := LookupRegime(regime)
	if err != nil {
		return Result{}, &InputError{Msg: err.Error()}
	}
	if _, err := ParseNation(string(nation)); err != nil {
		return Result{}, &InputError{Msg: err.Error()}
	}
	if !c.Has(nation) {
		return Result{}, inputErr("the bank holiday calendar has no %s division", nation)
	}
	ev = ev.normalised()
	if err := ev.validate(); err != nil {
		return Result{}, err
	}
	run := &run{cal: c, r: r, calN: r.calendarFor(nation)}
	res := Result{Regime: r.Name, Nation: nation, Extended: ev.Extended}

	start, event, waiting := run.start(ev)
	res.Start, res.StartEvent = start, event
	if waiting != "" {
		res.Paused = true
		run.say("clock not started: %s", waiting)
		return run.finish(res), nil
	}
	ivs, open := run.pauses(ev, start)
	if open != "" {
		res.Paused = true
		run.say("clock stopped: %s; no due date until it arrives", open)
		return run.finish(res), nil
	}

	res.FirstDue, res.PausedDays = run.period(r.Period, start, ivs, "")
	res.Due = res.FirstDue
	if ev.Extended {
		if r.Extension == nil {
			return Result{}, inputErr("%s allows no extension", r.Name)
		}
		run.say("due without extension %s", human(res.FirstDue))
		res.Due, res.PausedDays = run.period(*r.Extension, start, ivs, "extended: ")
		switch {
		case ev.ExtensionNotified.IsZero():
			run.say("the extension must be told to the requester by %s", human(res.FirstDue))
		case ev.ExtensionNotified.After(res.FirstDue):
			run.warn("extension notified %s, after the first time limit ended on %s: %s",
				human(ev.ExtensionNotified), human(res.FirstDue), r.Extension.Law)
		default:
			run.say("extension notified %s, within the first time limit", human(ev.ExtensionNotified))
		}
	}
	run.say("due %s", human(res.Due))
	if r.RollForward || r.Period.Unit == UnitWorkingDays {
		for _, d := range []time.Time{start, res.Due} {
			if !c.Covered(run.calN, d) {
				run.warn("%s is outside the years of bank holidays known for %s (to %d): load a newer gov.uk bank-holidays.json",
					human(d), run.calN, c.LastYear(run.calN))
				break
			}
		}
	}
	return run.finish(res), nil
}

// run carries one computation's regime, calendar and explanation.
type run struct {
	cal         *Calendar
	r           Regime
	calN        Nation
	explanation []string
	warnings    []string
}

func (rn *run) say(format string, args ...any) {
	rn.explanation = append(rn.explanation, fmt.Sprintf(format, args...))
}

func (rn *run) warn(format string, args ...any) {
	rn.warnings = append(rn.warnings, fmt.Sprintf(format, args...))
}

func (rn *run) finish(res Result) Result {
	res.Explanation, res.Warnings = rn.explanation, rn.warnings
	return res
}

// start returns the latest of the regime's start events, or why the clock
// has not started (ID or fee asked for and awaited).
func (rn *run) start(ev Events) (time.Time, string, string) {
	type cand struct {
		d     time.Time
		label string
	}
	cands := []cand{{ev.Received, "request received"}}
	var waiting string
	awaited := func(asked, got time.Time, what string) {
		switch {
		case !got.IsZero():
			cands = append(cands, cand{got, what + " received"})
		case !asked.IsZero():
			waiting = fmt.Sprintf("%s asked for on %s and not yet received", what, human(asked))
		}
	}
	if rn.r.startsOn(StartIDReceived) {
		awaited(ev.IDAsked, ev.IDReceived, "ID")
	} else if !ev.IDAsked.IsZero() || !ev.IDReceived.IsZero() {
		rn.say("ID events ignored: %s does not wait for proof of identity", rn.r.Name)
	}
	if rn.r.startsOn(StartFeeReceived) {
		awaited(ev.FeeAsked, ev.FeeReceived, "fee")
	} else if !rn.r.Allows(PauseFee) && (!ev.FeeAsked.IsZero() || !ev.FeeReceived.IsZero()) {
		rn.say("fee events ignored: %s has no fee rule", rn.r.Name)
	}
	if rn.r.startsOn(StartClarified) {
		for _, p := range ev.Pauses {
			if p.Answered.IsZero() {
				waiting = fmt.Sprintf("clarification asked for on %s and not yet answered", human(p.Asked))
			} else {
				cands = append(cands, cand{p.Answered, "clarification answered"})
			}
		}
	} else if !rn.r.Allows(PauseClarification) && len(ev.Pauses) > 0 {
		rn.warn("clarification pauses ignored: %s", rn.r.NoPause)
	}
	best := cands[0]
	for _, c := range cands[1:] {
		if c.d.After(best.d) {
			best = c
		}
	}
	if len(cands) > 1 {
		for _, c := range cands {
			rn.say("%s %s", c.label, human(c.d))
		}
	}
	rn.say("start %s (%s)", human(best.d), best.label)
	if why := rn.cal.nonWorkingReason(rn.calN, best.d); why != "" && rn.r.Period.Unit != UnitWorkingDays {
		rn.say("the start day counts although it is %s", why)
	}
	return best.d, best.label, waiting
}

// interval is a run of days, both ends inclusive, that do not count.
type interval struct {
	from, to time.Time
	label    string
}

func (iv interval) contains(d time.Time) bool { return !d.Before(iv.from) && !d.After(iv.to) }

// pauses gathers the regime's stops of the clock, clamped to days on or
// after the start (a day before the clock started was never counted, so it
// cannot be taken out again), merged where they overlap so no day is
// taken out twice. It returns why the clock is stopped if one is open.
func (rn *run) pauses(ev Events, start time.Time) ([]interval, string) {
	var raw []interval
	if rn.r.Allows(PauseClarification) {
		for _, p := range ev.Pauses {
			if p.Answered.IsZero() {
				return nil, fmt.Sprintf("clarification asked for on %s and not yet answered", human(p.Asked))
			}
			raw = append(raw, interval{p.Asked, p.Answered, "clarification"})
		}
	}
	if rn.r.Allows(PauseFee) && (!ev.FeeAsked.IsZero() || !ev.FeeReceived.IsZero()) {
		from := ev.FeeAsked
		if from.IsZero() {
			from = ev.Received
			rn.say("fees notice date not recorded: taken as the day of receipt, %s", human(from))
		}
		if ev.FeeReceived.IsZero() {
			return nil, fmt.Sprintf("fee asked for on %s and not yet received", human(from))
		}
		raw = append(raw, interval{from, ev.FeeReceived, "fee"})
	}
	sort.Slice(raw, func(i, j int) bool { return raw[i].from.Before(raw[j].from) })
	var out []interval
	for _, iv := range raw {
		if iv.to.Before(start) {
			rn.say("%s pause %s ended before the clock started: not counted", iv.label, humanRange(iv.from, iv.to))
			continue
		}
		if iv.from.Before(start) {
			rn.say("%s pause %s began before the clock started: counted from %s", iv.label, humanRange(iv.from, iv.to), human(start))
			iv.from = start
		}
		if n := len(out); n > 0 && !iv.from.After(out[n-1].to.AddDate(0, 0, 1)) {
			if iv.to.After(out[n-1].to) {
				out[n-1].to = iv.to
			}
			if out[n-1].label != iv.label {
				out[n-1].label = "overlapping pauses"
			}
			continue
		}
		out = append(out, iv)
	}
	return out, ""
}
