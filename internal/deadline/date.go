package deadline

import (
	"fmt"
	"time"
)

// DateLayout is the ISO form every date in and out of this package uses.
const DateLayout = "2006-01-02"

// Day returns t's calendar date as midnight UTC. Statutory periods count
// whole days, so every date is normalised to this form before arithmetic;
// the workflow service's PostgreSQL `date` columns already arrive so.
func Day(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseDate reads a YYYY-MM-DD date and rejects impossible ones such as
// 2025-02-30 (time.Parse checks the day against the month).
func ParseDate(s string) (time.Time, error) {
	if len(s) != len(DateLayout) {
		return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not a real YYYY-MM-DD date", s)
	}
	return t, nil
}

// addMonths returns the corresponding date n months after d; where that month
// has no such day, the last day of the month (31 Jan → 28/29 Feb). This is
// the ICO's reading of "one month" and Regulation 1182/71 Art 3(2)(c). It also
// reports whether the day was clamped.
func addMonths(d time.Time, n int) (time.Time, bool) {
	y, m, day := d.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if day > last {
		return first.AddDate(0, 0, last-1), true
	}
	return first.AddDate(0, 0, day-1), false
}

// daysBetween returns b − a in whole days (both normalised dates).
func daysBetween(a, b time.Time) int {
	return int(b.Sub(a).Hours() / 24)
}

// human formats a date for explanations: "17 Mar 2025".
func human(d time.Time) string { return d.Format("2 Jan 2006") }

// humanRange formats an inclusive range compactly: "10–20 Jun 2025",
// "28 Jun – 3 Jul 2025", "30 Dec 2025 – 2 Jan 2026".
func humanRange(a, b time.Time) string {
	switch {
	case a.Equal(b):
		return human(a)
	case a.Year() != b.Year():
		return human(a) + " – " + human(b)
	case a.Month() != b.Month():
		return a.Format("2 Jan") + " – " + human(b)
	default:
		return fmt.Sprintf("%d–%s", a.Day(), human(b))
	}
}

// plural returns "1 day" or "n days".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
