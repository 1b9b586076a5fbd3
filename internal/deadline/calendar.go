package deadline

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"
)

// Nation is a gov.uk bank-holiday division: the part of the UK whose bank
// holidays roll a UK GDPR due date forward.
type Nation string

// The three divisions of gov.uk bank-holidays.json, and AnyUK, the union used
// where a statute counts working days across the whole UK (FOIA s10(6)).
const (
	EnglandAndWales Nation = "england-and-wales"
	Scotland        Nation = "scotland"
	NorthernIreland Nation = "northern-ireland"
	AnyUK           Nation = "any-uk"
)

// Nations lists the nations a request may be made in.
var Nations = []Nation{EnglandAndWales, Scotland, NorthernIreland}

// ParseNation checks a nation name.
func ParseNation(s string) (Nation, error) {
	for _, n := range Nations {
		if string(n) == s {
			return n, nil
		}
	}
	return "", fmt.Errorf("unknown nation %q (want england-and-wales, scotland or northern-ireland)", s)
}

// HolidayFile is the shape of gov.uk's bank-holidays.json (Open Government
// Licence): divisions keyed by name, each with its events.
type HolidayFile map[string]Division

// Division is one nation's list of bank holidays in a HolidayFile.
type Division struct {
	Division string         `json:"division"`
	Events   []HolidayEvent `json:"events"`
}

// HolidayEvent is one bank holiday. Notes is "Substitute day" when the
// holiday moved off a weekend.
type HolidayEvent struct {
	Title   string `json:"title"`
	Date    string `json:"date"`
	Notes   string `json:"notes"`
	Bunting bool   `json:"bunting"`
}

// bank-holidays.json is written by the generator in holidaygen_test.go.
//
//go:generate go test -run TestBankHolidayFile -update .
//go:embed bank-holidays.json
var embeddedHolidays []byte

// Calendar answers "is this a bank holiday in that nation?". It is immutable
// once built, so one value may be shared by every request and goroutine.
type Calendar struct {
	days  map[Nation]map[time.Time]string // date → title
	years map[Nation][2]int               // first and last year with events
}

var defaultCalendar = sync.OnceValue(func() *Calendar {
	c, err := ParseCalendar(bytes.NewReader(embeddedHolidays))
	if err != nil {
		panic("deadline: embedded bank-holidays.json: " + err.Error())
	}
	return c
})

// DefaultCalendar returns the embedded 2015–2030 calendar for all three nations.
func DefaultCalendar() *Calendar { return defaultCalendar() }

// ParseCalendar reads a file in the gov.uk bank-holidays.json shape.
func ParseCalendar(r io.Reader) (*Calendar, error) {
	var f HolidayFile
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("bank holidays: not a gov.uk bank-holidays.json file: %w", err)
	}
	if len(f) == 0 {
		return nil, fmt.Errorf("bank holidays: no divisions in file")
	}
	c := &Calendar{days: map[Nation]map[time.Time]string{}, years: map[Nation][2]int{}}
	for key, div := range f {
		n := Nation(key)
		if div.Division != "" && div.Division != key {
			return nil, fmt.Errorf("bank holidays: division %q listed under %q", div.Division, key)
		}
		days := map[time.Time]string{}
		for _, e := range div.Events {
			d, err := ParseDate(e.Date)
			if err != nil {
				return nil, fmt.Errorf("bank holidays: %s: %w", key, err)
			}
			days[d] = e.Title
		}
		c.days[n] = days
		c.years[n] = yearSpan(days)
	}
	return c, nil
}

// Merge returns a calendar with newer's events laid over c's: for each nation
// and each year newer has events for, newer's list replaces c's; other years
// are kept. So a gov.uk file covering 2018–2027 refreshes those years and the
// embedded 2015–2017 and 2028–2030 stay.
func (c *Calendar) Merge(newer *Calendar) *Calendar {
	out := &Calendar{days: map[Nation]map[time.Time]string{}, years: map[Nation][2]int{}}
	for n, days := range c.days {
		out.days[n] = map[time.Time]string{}
		for d, t := range days {
			out.days[n][d] = t
		}
	}
	for n, days := range newer.days {
		replaced := map[int]bool{}
		for d := range days {
			replaced[d.Year()] = true
		}
		if out.days[n] == nil {
			out.days[n] = map[time.Time]string{}
		}
		for d := range out.days[n] {
			if replaced[d.Year()] {
				delete(out.days[n], d)
			}
		}
		for d, t := range days {
			out.days[n][d] = t
		}
	}
	for n, days := range out.days {
		out.years[n] = yearSpan(days)
	}
	return out
}

// Has reports whether the calendar knows nation n at all.
func (c *Calendar) Has(n Nation) bool {
	if n == AnyUK {
		return len(c.days) > 0
	}
	_, ok := c.days[n]
	return ok
}

// Holiday returns the bank holiday's title if d is one in n; for AnyUK, in
// any nation (the title then names the nation).
func (c *Calendar) Holiday(n Nation, d time.Time) (string, bool) {
	d = Day(d)
	if n != AnyUK {
		t, ok := c.days[n][d]
		return t, ok
	}
	for _, nn := range c.nations() {
		if t, ok := c.days[nn][d]; ok {
			return fmt.Sprintf("%s (%s)", t, nn), true
		}
	}
	return "", false
}

// WorkingDay reports whether d is neither a Saturday, a Sunday nor a bank
// holiday in n.
func (c *Calendar) WorkingDay(n Nation, d time.Time) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, hol := c.Holiday(n, d)
	return !hol
}

// nonWorkingReason says why d is not a working day, or "" if it is one.
func (c *Calendar) nonWorkingReason(n Nation, d time.Time) string {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return "a " + wd.String()
	}
	if t, ok := c.Holiday(n, d); ok {
		return t
	}
	return ""
}

// Covered reports whether d falls inside the years the calendar has events
// for in n (for AnyUK, in every nation). Past that, a date may land on a
// bank holiday the calendar does not know yet.
func (c *Calendar) Covered(n Nation, d time.Time) bool {
	ns := []Nation{n}
	if n == AnyUK {
		ns = c.nations()
	}
	for _, nn := range ns {
		span, ok := c.years[nn]
		if !ok || d.Year() < span[0] || d.Year() > span[1] {
			return false
		}
	}
	return true
}

// LastYear returns the last year the calendar has events for in n (for
// AnyUK, the earliest such year across nations).
func (c *Calendar) LastYear(n Nation) int {
	if n != AnyUK {
		return c.years[n][1]
	}
	last := 0
	for i, nn := range c.nations() {
		if y := c.years[nn][1]; i == 0 || y < last {
			last = y
		}
	}
	return last
}

// Events returns n's bank holidays between from and to inclusive, in order.
func (c *Calendar) Events(n Nation, from, to time.Time) []time.Time {
	var out []time.Time
	for d := range c.days[n] {
		if !d.Before(Day(from)) && !d.After(Day(to)) {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

func (c *Calendar) nations() []Nation {
	out := make([]Nation, 0, len(Nations))
	for _, n := range Nations {
		if _, ok := c.days[n]; ok {
			out = append(out, n)
		}
	}
	return out
}

func yearSpan(days map[time.Time]string) [2]int {
	var span [2]int
	for d := range days {
		y := d.Year()
		if span[0] == 0 || y < span[0] {
			span[0] = y
		}
		if y > span[1] {
			span[1] = y
		}
	}
	return span
}
