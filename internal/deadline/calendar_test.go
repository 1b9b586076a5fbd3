package deadline

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// govUK lists whole years of bank holidays as gov.uk publishes them, typed
// from gov.uk/bank-holidays independently of the generator.
var govUK = map[Nation]map[int][]string{
	EnglandAndWales: {
		2020: {"01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"},
		2021: {"01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"},
		2022: {"01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"},
		2023: {"01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"},
		2024: {"01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"},
		2025: {"01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"},
		2026: {"01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"},
		2027: {"01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"},
	},
	Scotland: {
		2019: {"01-01", "01-02", "04-19", "05-06", "05-27", "08-05", "12-02", "12-25", "12-26"},
		2022: {"01-03", "01-04", "04-15", "05-02", "06-02", "06-03", "08-01", "09-19", "11-30", "12-26", "12-27"},
		2023: {"01-02", "01-03", "04-07", "05-01", "05-08", "05-29", "08-07", "11-30", "12-25", "12-26"},
		2024: {"01-01", "01-02", "03-29", "05-06", "05-27", "08-05", "12-02", "12-25", "12-26"},
		2025: {"01-01", "01-02", "04-18", "05-05", "05-26", "08-04", "12-01", "12-25", "12-26"},
		2026: {"01-01", "01-02", "04-03", "05-04", "05-25", "08-03", "11-30", "12-25", "12-28"},
		2027: {"01-01", "01-04", "03-26", "05-03", "05-31", "08-02", "11-30", "12-27", "12-28"},
	},
	NorthernIreland: {
		2019: {"01-01", "03-18", "04-19", "04-22", "05-06", "05-27", "07-12", "08-26", "12-25", "12-26"},
		2020: {"01-01", "03-17", "04-10", "04-13", "05-08", "05-25", "07-13", "08-31", "12-25", "12-28"},
		2022: {"01-03", "03-17", "04-15", "04-18", "05-02", "06-02", "06-03", "07-12", "08-29", "09-19", "12-26", "12-27"},
		2024: {"01-01", "03-18", "03-29", "04-01", "05-06", "05-27", "07-12", "08-26", "12-25", "12-26"},
		2025: {"01-01", "03-17", "04-18", "04-21", "05-05", "05-26", "07-14", "08-25", "12-25", "12-26"},
		2026: {"01-01", "03-17", "04-03", "04-06", "05-04", "05-25", "07-13", "08-31", "12-25", "12-28"},
	},
}

func TestEmbeddedCalendarMatchesGovUK(t *testing.T) {
	c := DefaultCalendar()
	for n, years := range govUK {
		for y, want := range years {
			from, to := date(y, 1, 1), date(y, 12, 31)
			var got []string
			for _, d := range c.Events(n, from, to) {
				got = append(got, d.Format("01-02"))
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s %d = %v, want %v", n, y, got, want)
			}
		}
	}
}

func TestEmbeddedCalendarShape(t *testing.T) {
	c := DefaultCalendar()
	for _, n := range Nations {
		if got := c.years[n]; got != [2]int{2015, 2030} {
			t.Errorf("%s years = %v, want 2015–2030", n, got)
		}
	}
	titles := []struct {
		n     Nation
		date  string
		title string
	}{
		{EnglandAndWales, "2020-05-08", "Early May bank holiday (VE day)"},
		{Scotland, "2022-06-03", "Platinum Jubilee bank holiday"},
		{NorthernIreland, "2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
		{EnglandAndWales, "2023-05-08", "Bank holiday for the coronation of King Charles III"},
		{Scotland, "2025-12-01", "St Andrew’s Day"},
		{NorthernIreland, "2026-07-13", "Battle of the Boyne (Orangemen’s Day)"},
		{EnglandAndWales, "2026-12-28", "Boxing Day"},
		{Scotland, "2027-01-04", "2nd January"},
	}
	for _, tt := range titles {
		d, _ := ParseDate(tt.date)
		if got, ok := c.Holiday(tt.n, d); !ok || got != tt.title {
			t.Errorf("Holiday(%s, %s) = %q, %v, want %q", tt.n, tt.date, got, ok, tt.title)
		}
	}
	notHolidays := []struct {
		n    Nation
		date string
	}{
		{Scotland, "2025-04-21"},        // no Easter Monday in Scotland
		{Scotland, "2025-08-25"},        // no late August holiday in Scotland
		{EnglandAndWales, "2025-08-04"}, // Scotland's summer holiday only
		{EnglandAndWales, "2025-03-17"}, // St Patrick's Day is Northern Ireland's
		{EnglandAndWales, "2020-05-04"}, // moved to VE Day
		{EnglandAndWales, "2022-05-30"}, // moved to 2 June
	}
	for _, tt := range notHolidays {
		d, _ := ParseDate(tt.date)
		if got, ok := c.Holiday(tt.n, d); ok {
			t.Errorf("Holiday(%s, %s) = %q, want none", tt.n, tt.date, got)
		}
	}
	d, _ := ParseDate("2025-03-17")
	if c.WorkingDay(AnyUK, d) || !c.WorkingDay(EnglandAndWales, d) {
		t.Errorf("17 Mar 2025: want a holiday for any-uk and a working day in england-and-wales")
	}
}

func TestParseAndMergeCalendar(t *testing.T) {
	newer := `{"scotland":{"division":"scotland","events":[
		{"title":"New Year’s Day","date":"2031-01-01","notes":"","bunting":true},
		{"title":"Extra day","date":"2026-06-01","notes":"","bunting":true}]}}`
	nc, err := ParseCalendar(strings.NewReader(newer))
	if err != nil {
		t.Fatal(err)
	}
	m := DefaultCalendar().Merge(nc)
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	if _, ok := m.Holiday(Scotland, day("2031-01-01")); !ok {
		t.Error("merged calendar lacks the new 2031 holiday")
	}
	if _, ok := m.Holiday(Scotland, day("2026-06-01")); !ok {
		t.Error("merged calendar lacks the new 2026 holiday")
	}
	if _, ok := m.Holiday(Scotland, day("2026-12-25")); ok {
		t.Error("2026 in Scotland should be replaced by the newer file's list")
	}
	if _, ok := m.Holiday(Scotland, day("2027-12-27")); !ok {
		t.Error("years the newer file does not mention should be kept")
	}
	if _, ok := m.Holiday(EnglandAndWales, day("2026-12-25")); !ok {
		t.Error("nations the newer file does not mention should be kept")
	}
	if got := m.LastYear(Scotland); got != 2031 {
		t.Errorf("LastYear(scotland) = %d, want 2031", got)
	}
	if _, ok := DefaultCalendar().Holiday(Scotland, day("2026-06-01")); ok {
		t.Error("Merge changed the default calendar")
	}

	bad := []string{``, `[]`, `{}`, `{"scotland":{"division":"wales","events":[]}}`,
		`{"scotland":{"events":[{"title":"x","date":"2026-02-30"}]}}`}
	for _, b := range bad {
		if _, err := ParseCalendar(strings.NewReader(b)); err == nil {
			t.Errorf("ParseCalendar(%q) = nil error, want one", b)
		}
	}
}
