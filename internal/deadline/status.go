package deadline

import "time"

// State is where a request's clock stands on a given day.
type State string

// The states a dashboard shows.
const (
	Running  State = "running"
	Paused   State = "paused"
	Extended State = "extended"
	Overdue  State = "overdue"
	Closed   State = "closed"
)

// RAG is a dashboard's traffic-light band.
type RAG string

// Bands: green with more than 10 working days left, amber with 10 or fewer,
// red with 3 or fewer or overdue. None while paused or closed.
const (
	Green RAG = "green"
	Amber RAG = "amber"
	Red   RAG = "red"
	None  RAG = ""
)

// Status is a request's clock as of one day.
type Status struct {
	Result
	// State is running, paused, extended, overdue or closed.
	State State
	// DaysLeft counts calendar days from today (or the closing day) to the
	// due date; negative when overdue.
	DaysLeft int
	// WorkingDaysLeft counts working days after today up to and including
	// the due date; negative (working days since the due date) when overdue.
	WorkingDaysLeft int
	RAG             RAG
	// Late is true for a request closed after its due date.
	Late bool
}

// Status computes the request's result and where its clock stands on today.
// For a closed request the days left are as of the closing day.
func (c *Calendar) Status(regime string, nation Nation, ev Events, today time.Time) (Status, error) {
	res, err := c.Compute(regime, nation, ev)
	if err != nil {
		return Status{}, err
	}
	r, _ := LookupRegime(regime)
	calN := r.calendarFor(nation)
	st := Status{Result: res}
	asOf := Day(today)
	closed := Day(ev.Closed)
	if !closed.IsZero() && !closed.After(asOf) {
		asOf = closed
		st.State = Closed
	}
	if res.Paused {
		if st.State == "" {
			st.State = Paused
		}
		return st, nil
	}
	st.DaysLeft = daysBetween(asOf, res.Due)
	st.WorkingDaysLeft = c.workingDaysBetween(calN, asOf, res.Due)
	if st.State == Closed {
		st.Late = closed.After(res.Due)
		return st, nil
	}
	switch {
	case asOf.After(res.Due):
		st.State = Overdue
	case res.Extended:
		st.State = Extended
	default:
		st.State = Running
	}
	switch {
	case st.State == Overdue || st.WorkingDaysLeft <= 3:
		st.RAG = Red
	case st.WorkingDaysLeft <= 10:
		st.RAG = Amber
	default:
		st.RAG = Green
	}
	return st, nil
}

// workingDaysBetween counts working days in (from, to] in n, or minus those
// in (to, from] when to is earlier.
func (c *Calendar) workingDaysBetween(n Nation, from, to time.Time) int {
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	count := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if c.WorkingDay(n, d) {
			count++
		}
	}
	return sign * count
}
