package deadline

// The generator behind bank-holidays.json. It lives in a test so the shipped
// file is regenerated with `go test ./internal/deadline -run TestBankHolidayFile
// -update` and checked against the generator on every test run.

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite bank-holidays.json from the generator")

// easter returns Easter Sunday of year y in the Gregorian calendar
// (the anonymous Gregorian computus, Meeus/Jones/Butcher).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// nthMonday returns the first (n=1) or last (n=-1) Monday of a month.
func nthMonday(y int, m time.Month, n int) time.Time {
	if n > 0 {
		d := date(y, m, 1)
		for d.Weekday() != time.Monday {
			d = d.AddDate(0, 0, 1)
		}
		return d
	}
	d := date(y, m+1, 1).AddDate(0, 0, -1)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

type genEvent struct {
	title   string
	date    time.Time
	fixed   bool // a fixed-date holiday that moves to a substitute day off a weekend
	bunting bool
	notes   string
}

// Titles as gov.uk spells them (typographic apostrophes).
const (
	tNewYear   = "New Year’s Day"
	t2ndJan    = "2nd January"
	tGoodFri   = "Good Friday"
	tEasterMon = "Easter Monday"
	tEarlyMay  = "Early May bank holiday"
	tSpring    = "Spring bank holiday"
	tSummer    = "Summer bank holiday"
	tStAndrew  = "St Andrew’s Day"
	tStPatrick = "St Patrick’s Day"
	tBoyne     = "Battle of the Boyne (Orangemen’s Day)"
	tChristmas = "Christmas Day"
	tBoxing    = "Boxing Day"
)

// genYear lists one nation's bank holidays for year y under the Banking and
// Financial Dealings Act 1971 schedule 1, the St Andrew's Day Bank Holiday
// (Scotland) Act 2007, and the royal proclamations that moved or added days.
func genYear(n Nation, y int) []HolidayEvent {
	ev := []genEvent{{title: tNewYear, date: date(y, 1, 1), fixed: true, bunting: true}}
	if n == Scotland {
		ev = append(ev, genEvent{title: t2ndJan, date: date(y, 1, 2), fixed: true, bunting: true})
	}
	if n == NorthernIreland {
		ev = append(ev, genEvent{title: tStPatrick, date: date(y, 3, 17), fixed: true, bunting: true})
	}
	e := easter(y)
	ev = append(ev, genEvent{title: tGoodFri, date: e.AddDate(0, 0, -2)})
	if n != Scotland {
		ev = append(ev, genEvent{title: tEasterMon, date: e.AddDate(0, 0, 1), bunting: true})
	}
	switch y {
	case 2020: // moved to Friday 8 May for the 75th anniversary of VE Day
		ev = append(ev, genEvent{title: "Early May bank holiday (VE day)", date: date(2020, 5, 8), bunting: true})
	default:
		ev = append(ev, genEvent{title: tEarlyMay, date: nthMonday(y, 5, 1), bunting: true})
	}
	if y == 2023 {
		ev = append(ev, genEvent{title: "Bank holiday for the coronation of King Charles III", date: date(2023, 5, 8), bunting: true, notes: "Extra bank holiday"})
	}
	if y == 2022 { // moved for the Platinum Jubilee, with an extra day after it
		ev = append(ev,
			genEvent{title: tSpring, date: date(2022, 6, 2), bunting: true},
			genEvent{title: "Platinum Jubilee bank holiday", date: date(2022, 6, 3), bunting: true, notes: "Extra bank holiday"})
	} else {
		ev = append(ev, genEvent{title: tSpring, date: nthMonday(y, 5, -1), bunting: true})
	}
	if n == NorthernIreland {
		ev = append(ev, genEvent{title: tBoyne, date: date(y, 7, 12), fixed: true})
	}
	if n == Scotland {
		ev = append(ev, genEvent{title: tSummer, date: nthMonday(y, 8, 1), bunting: true})
	} else {
		ev = append(ev, genEvent{title: tSummer, date: nthMonday(y, 8, -1), bunting: true})
	}
	if y == 2022 {
		ev = append(ev, genEvent{title: "Bank Holiday for the State Funeral of Queen Elizabeth II", date: date(2022, 9, 19), notes: "Extra bank holiday"})
	}
	if n == Scotland {
		ev = append(ev, genEvent{title: tStAndrew, date: date(y, 11, 30), fixed: true, bunting: true})
	}
	ev = append(ev,
		genEvent{title: tChristmas, date: date(y, 12, 25), fixed: true, bunting: true},
		genEvent{title: tBoxing, date: date(y, 12, 26), fixed: true, bunting: true})

	// Fixed days on a weekday keep their date; those on a weekend move, in
	// order, to the next weekday not already a holiday. So 2022's Christmas
	// (Sun) goes to Tue 27 Dec behind Boxing Day (Mon 26), as gov.uk lists it.
	taken := map[time.Time]bool{}
	for _, e := range ev {
		if !e.fixed || !weekend(e.date) {
			taken[e.date] = true
		}
	}
	for i := range ev {
		if !ev[i].fixed || !weekend(ev[i].date) {
			continue
		}
		d := ev[i].date
		for weekend(d) || taken[d] {
			d = d.AddDate(0, 0, 1)
		}
		taken[d] = true
		ev[i].date, ev[i].notes = d, "Substitute day"
	}
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].date.Before(ev[j].date) })
	out := make([]HolidayEvent, len(ev))
	for i, e := range ev {
		out[i] = HolidayEvent{Title: e.title, Date: e.date.Format(DateLayout), Notes: e.notes, Bunting: e.bunting}
	}
	return out
}

func weekend(d time.Time) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }

func generateHolidays(from, to int) HolidayFile {
	f := HolidayFile{}
	for _, n := range Nations {
		div := Division{Division: string(n)}
		for y := from; y <= to; y++ {
			div.Events = append(div.Events, genYear(n, y)...)
		}
		f[string(n)] = div
	}
	return f
}

func TestBankHolidayFile(t *testing.T) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(generateHolidays(2015, 2030)); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("bank-holidays.json", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shipped, err := os.ReadFile("bank-holidays.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(buf.String(), string(shipped)); diff != "" {
		t.Errorf("bank-holidays.json differs from the generator (-generated +shipped); run with -update:\n%s", diff)
	}
}

func TestEaster(t *testing.T) {
	// Easter Sundays from published church calendars.
	known := []string{"2015-04-05", "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21", "2020-04-12",
		"2021-04-04", "2022-04-17", "2023-04-09", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
		"2028-04-16", "2029-04-01", "2030-04-21", "2000-04-23", "2038-04-25", "2285-03-22"}
	for _, k := range known {
		want, _ := ParseDate(k)
		if got := easter(want.Year()); !got.Equal(want) {
			t.Errorf("easter(%d) = %s, want %s", want.Year(), got.Format(DateLayout), k)
		}
	}
}
