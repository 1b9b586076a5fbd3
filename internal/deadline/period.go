package deadline

import (
	"fmt"
	"strings"
	"time"
)

// period counts p from start, takes out the paused intervals and rolls the
// result forward if the regime says so. The order is the statute's: the
// corresponding date from the raw start, then the paused days, then the
// roll — never pauses added to an already-rolled date. prefix marks the
// explanation lines of an extension.
func (rn *run) period(p Period, start time.Time, ivs []interval, prefix string) (time.Time, int) {
	if p.Unit == UnitWorkingDays {
		return rn.workingDays(p.Count, start, ivs, prefix)
	}
	var base time.Time
	switch p.Unit {
	case UnitMonths:
		var clamped bool
		base, clamped = addMonths(start, p.Count)
		line := fmt.Sprintf("%s+%s → %s", prefix, plural(p.Count, "month"), human(base))
		if clamped {
			line += fmt.Sprintf(" (%s has no %d: the last day of the month)", base.Format("Jan 2006"), start.Day())
		}
		rn.say("%s", line)
	default:
		base = start.AddDate(0, 0, p.Count)
		rn.say("%s+%s → %s", prefix, plural(p.Count, "day"), human(base))
	}
	due, paused := base, 0
	for _, iv := range ivs {
		n := daysBetween(iv.from, iv.to) + 1
		if iv.from.After(due) && prefix == "" {
			rn.warn("%s pause from %s began after the time limit as it then stood (%s): its days are still added, but check that it should stop the clock",
				iv.label, human(iv.from), human(due))
		}
		rn.say("%spaused %s (%s, %s)", prefix, plural(n, "day"), humanRange(iv.from, iv.to), iv.label)
		paused += n
		due = due.AddDate(0, 0, n)
	}
	if paused > 0 {
		rn.say("%s+%s paused → %s", prefix, plural(paused, "day"), human(due))
	}
	if rn.r.RollForward {
		due = rn.roll(due, prefix)
	}
	return due, paused
}

// roll moves d forward past weekends and bank holidays of the regime's
// calendar, saying which days it passed.
func (rn *run) roll(d time.Time, prefix string) time.Time {
	var why []string
	for {
		reason := rn.cal.nonWorkingReason(rn.calN, d)
		if reason == "" {
			break
		}
		why = append(why, fmt.Sprintf("%s is %s", human(d), reason))
		d = d.AddDate(0, 0, 1)
	}
	if len(why) > 0 {
		rn.say("%s%s → %s", prefix, strings.Join(why, ", "), human(d))
	}
	return d
}

// workingDays returns the n-th working day following start (FOIA s10(1):
// "the twentieth working day following the date of receipt"), skipping
// working days inside paused intervals (FOIA s10(2) for fees), and how many
// working days the pauses took out.
func (rn *run) workingDays(n int, start time.Time, ivs []interval, prefix string) (time.Time, int) {
	d, counted, paused := start, 0, 0
	var holidays []string
	pausedIn := make([]int, len(ivs))
	for counted < n {
		d = d.AddDate(0, 0, 1)
		if !rn.cal.WorkingDay(rn.calN, d) {
			if t, ok := rn.cal.Holiday(rn.calN, d); ok {
				holidays = append(holidays, fmt.Sprintf("%s %s", human(d), t))
			}
			continue
		}
		if i := indexOf(ivs, d); i >= 0 {
			pausedIn[i]++
			paused++
			continue
		}
		counted++
	}
	for i, iv := range ivs {
		rn.say("%spaused %s: %s not counted (%s)", prefix, humanRange(iv.from, iv.to), plural(pausedIn[i], "working day"), iv.label)
	}
	if len(holidays) > 0 {
		rn.say("%sbank holidays not counted: %s", prefix, strings.Join(holidays, "; "))
	}
	rn.say("%s%s working day after %s → %s", prefix, ordinal(n), human(start), human(d))
	return d, paused
}

func indexOf(ivs []interval, d time.Time) int {
	for i, iv := range ivs {
		if iv.contains(d) {
			return i
		}
	}
	return -1
}

// ordinal formats 20 as "20th", 1 as "1st".
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
