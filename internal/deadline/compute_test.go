package deadline

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func d(s string) time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func pause(a, b string) Pause {
	p := Pause{Asked: d(a)}
	if b != "" {
		p.Answered = d(b)
	}
	return p
}

const (
	ew = EnglandAndWales
	sc = Scotland
	ni = NorthernIreland
)

func TestCompute(t *testing.T) {
	tests := []struct {
		name   string
		regime string
		nation Nation
		ev     Events
		start  string
		due    string
		paused int
	}{
		// ICO worked examples of "one month".
		{"ICO 3 Sep → 3 Oct", "uk-gdpr", ew, Events{Received: d("2025-09-03")}, "2025-09-03", "2025-10-03", 0},
		{"ICO 31 Mar → 30 Apr", "uk-gdpr", ew, Events{Received: d("2025-03-31")}, "2025-03-31", "2025-04-30", 0},
		{"30 Jan → 28 Feb, a Saturday, rolled", "uk-gdpr", ew, Events{Received: d("2026-01-30")}, "2026-01-30", "2026-03-02", 0},
		{"31 Jan → 28 Feb", "uk-gdpr", ew, Events{Received: d("2025-01-31")}, "2025-01-31", "2025-02-28", 0},
		{"leap 2024: 31 Jan → 29 Feb", "uk-gdpr", ew, Events{Received: d("2024-01-31")}, "2024-01-31", "2024-02-29", 0},
		{"leap 2028: 31 Jan → 29 Feb", "uk-gdpr", ew, Events{Received: d("2028-01-31")}, "2028-01-31", "2028-02-29", 0},
		{"29 Feb 2024 → Easter 2024", "uk-gdpr", ew, Events{Received: d("2024-02-29")}, "2024-02-29", "2024-04-02", 0},
		{"31 Oct → 30 Nov Sunday", "uk-gdpr", ew, Events{Received: d("2025-10-31")}, "2025-10-31", "2025-12-01", 0},
		{"31 Oct → St Andrew's substitute in Scotland", "uk-gdpr", sc, Events{Received: d("2025-10-31")}, "2025-10-31", "2025-12-02", 0},
		{"received on a Saturday counts", "uk-gdpr", ew, Events{Received: d("2025-03-15")}, "2025-03-15", "2025-04-15", 0},
		{"received on a Sunday counts", "uk-gdpr", ew, Events{Received: d("2025-12-28")}, "2025-12-28", "2026-01-28", 0},
		{"Christmas 2026 and Boxing Day substitute", "uk-gdpr", ew, Events{Received: d("2026-11-25")}, "2026-11-25", "2026-12-29", 0},
		{"27 and 28 Dec 2027 substitutes", "uk-gdpr", ew, Events{Received: d("2027-11-27")}, "2027-11-27", "2027-12-29", 0},
		{"2 Jan is a working day in England", "uk-gdpr", ew, Events{Received: d("2025-12-02")}, "2025-12-02", "2026-01-02", 0},
		{"2 Jan is a holiday in Scotland", "uk-gdpr", sc, Events{Received: d("2025-12-02")}, "2025-12-02", "2026-01-05", 0},
		{"2 Jan 2027 substitute in Scotland", "uk-gdpr", sc, Events{Received: d("2026-12-04")}, "2026-12-04", "2027-01-05", 0},
		{"4 Jan 2027 is a working day in England", "uk-gdpr", ew, Events{Received: d("2026-12-04")}, "2026-12-04", "2027-01-04", 0},
		{"2028 New Year substitutes in Scotland", "uk-gdpr", sc, Events{Received: d("2027-12-03")}, "2027-12-03", "2028-01-05", 0},
		{"2028 New Year substitute in England", "uk-gdpr", ew, Events{Received: d("2027-12-03")}, "2027-12-03", "2028-01-04", 0},
		{"St Patrick's Day in Northern Ireland", "uk-gdpr", ni, Events{Received: d("2026-02-17")}, "2026-02-17", "2026-03-18", 0},
		{"St Patrick's Day not in England", "uk-gdpr", ew, Events{Received: d("2026-02-17")}, "2026-02-17", "2026-03-17", 0},
		{"Boyne substitute 13 Jul 2026", "uk-gdpr", ni, Events{Received: d("2026-06-13")}, "2026-06-13", "2026-07-14", 0},
		{"Boyne substitute 14 Jul 2025", "uk-gdpr", ni, Events{Received: d("2025-06-14")}, "2025-06-14", "2025-07-15", 0},
		{"Scottish summer holiday 4 Aug 2025", "uk-gdpr", sc, Events{Received: d("2025-07-04")}, "2025-07-04", "2025-08-05", 0},
		{"4 Aug 2025 working in England", "uk-gdpr", ew, Events{Received: d("2025-07-04")}, "2025-07-04", "2025-08-04", 0},
		{"late August holiday in England", "uk-gdpr", ew, Events{Received: d("2025-07-25")}, "2025-07-25", "2025-08-26", 0},
		{"no late August holiday in Scotland", "uk-gdpr", sc, Events{Received: d("2025-07-25")}, "2025-07-25", "2025-08-25", 0},
		{"Easter Monday in England", "uk-gdpr", ew, Events{Received: d("2025-03-21")}, "2025-03-21", "2025-04-22", 0},
		{"no Easter Monday in Scotland", "uk-gdpr", sc, Events{Received: d("2025-03-21")}, "2025-03-21", "2025-04-21", 0},
		{"Good Friday rolls to Tuesday", "uk-gdpr", ew, Events{Received: d("2025-03-18")}, "2025-03-18", "2025-04-22", 0},
		{"Good Friday rolls to Monday in Scotland", "uk-gdpr", sc, Events{Received: d("2025-03-18")}, "2025-03-18", "2025-04-21", 0},
		{"VE Day 2020", "uk-gdpr", ew, Events{Received: d("2020-04-08")}, "2020-04-08", "2020-05-11", 0},
		{"Platinum Jubilee 2022", "uk-gdpr", ni, Events{Received: d("2022-05-02")}, "2022-05-02", "2022-06-06", 0},
		{"State Funeral 2022", "uk-gdpr", sc, Events{Received: d("2022-08-19")}, "2022-08-19", "2022-09-20", 0},
		{"Coronation 2023", "uk-gdpr", ew, Events{Received: d("2023-04-08")}, "2023-04-08", "2023-05-09", 0},
		{"Christmas 2022 substitute", "uk-gdpr", ew, Events{Received: d("2022-11-26")}, "2022-11-26", "2022-12-28", 0},
		{"Christmas 2021 substitutes", "uk-gdpr", ni, Events{Received: d("2021-11-27")}, "2021-11-27", "2021-12-29", 0},

		// Start: the latest of received, ID received, fee received.
		{"ID received starts the clock", "uk-gdpr", ew, Events{Received: d("2025-03-10"), IDAsked: d("2025-03-11"), IDReceived: d("2025-03-17")}, "2025-03-17", "2025-04-17", 0},
		{"fee received starts the clock", "uk-gdpr", ew, Events{Received: d("2025-05-01"), FeeReceived: d("2025-05-12")}, "2025-05-12", "2025-06-12", 0},
		{"ID sent before the request", "uk-gdpr", ew, Events{Received: d("2025-03-17"), IDReceived: d("2025-03-10")}, "2025-03-17", "2025-04-17", 0},

		// Stop the clock: asked..answered inclusive, added before the roll.
		{"one pause 10–20 Jun", "uk-gdpr", ew, Events{Received: d("2025-06-02"), Pauses: []Pause{pause("2025-06-10", "2025-06-20")}}, "2025-06-02", "2025-07-14", 11},
		{"one pause onto the Boyne substitute", "uk-gdpr", ni, Events{Received: d("2025-06-02"), Pauses: []Pause{pause("2025-06-10", "2025-06-20")}}, "2025-06-02", "2025-07-15", 11},
		{"pause added before the roll, not after", "uk-gdpr", ew, Events{Received: d("2025-03-18"), Pauses: []Pause{pause("2025-03-20", "2025-03-20")}}, "2025-03-18", "2025-04-22", 1},
		{"two pauses add up", "uk-gdpr", ew, Events{Received: d("2025-09-01"), Pauses: []Pause{pause("2025-09-03", "2025-09-05"), pause("2025-09-10", "2025-09-11")}}, "2025-09-01", "2025-10-06", 5},
		{"overlapping pauses count each day once", "uk-gdpr", ew, Events{Received: d("2025-09-01"), Pauses: []Pause{pause("2025-09-05", "2025-09-07"), pause("2025-09-03", "2025-09-05")}}, "2025-09-01", "2025-10-06", 5},
		{"pause clamped to the ID start", "uk-gdpr", ew, Events{Received: d("2025-09-01"), IDReceived: d("2025-09-10"), Pauses: []Pause{pause("2025-09-05", "2025-09-12")}}, "2025-09-10", "2025-10-13", 3},
		{"pause before the ID start not counted", "uk-gdpr", ew, Events{Received: d("2025-09-01"), IDReceived: d("2025-09-10"), Pauses: []Pause{pause("2025-09-02", "2025-09-04")}}, "2025-09-10", "2025-10-10", 0},

		// Extension: three months from the start, then pauses, then roll.
		{"extension", "uk-gdpr", ew, Events{Received: d("2025-03-17"), Extended: true}, "2025-03-17", "2025-06-17", 0},
		{"extension month end and roll", "uk-gdpr", ew, Events{Received: d("2025-11-30"), Extended: true}, "2025-11-30", "2026-03-02", 0},
		{"extension into leap February", "uk-gdpr", sc, Events{Received: d("2027-11-30"), Extended: true}, "2027-11-30", "2028-02-29", 0},
		{"extension with a pause", "uk-gdpr", ew, Events{Received: d("2025-03-17"), Extended: true, Pauses: []Pause{pause("2025-04-01", "2025-04-10")}}, "2025-03-17", "2025-06-27", 10},
		{"EU GDPR month end", "eu-gdpr", ni, Events{Received: d("2025-03-31")}, "2025-03-31", "2025-04-30", 0},

		// DPA 1998: 40 calendar days, no roll.
		{"DPA 1998 40 days", "dpa1998", ew, Events{Received: d("2025-03-01")}, "2025-03-01", "2025-04-10", 0},
		{"DPA 1998 from the fee, lands on a Saturday", "dpa1998", ew, Events{Received: d("2025-03-01"), FeeReceived: d("2025-03-10")}, "2025-03-10", "2025-04-19", 0},
		{"DPA 1998 on Christmas Day", "dpa1998", sc, Events{Received: d("2025-11-15"), IDReceived: d("2025-11-14")}, "2025-11-15", "2025-12-25", 0},

		// FOI and EIR: 20th working day, bank holidays of any UK nation.
		{"FOI across St Patrick's Day from England", "foi", ew, Events{Received: d("2025-03-03")}, "2025-03-03", "2025-04-01", 0},
		{"FOI nation does not matter", "foi", sc, Events{Received: d("2025-03-03")}, "2025-03-03", "2025-04-01", 0},
		{"FOI received on a Saturday", "foi", ew, Events{Received: d("2025-03-01")}, "2025-03-01", "2025-03-31", 0},
		{"FOI across Christmas and 2 Jan", "foi", ew, Events{Received: d("2025-12-15")}, "2025-12-15", "2026-01-16", 0},
		{"FOI across Easter", "foi", ni, Events{Received: d("2025-04-01")}, "2025-04-01", "2025-05-01", 0},
		{"FOI across the Boyne substitute", "foi", ew, Events{Received: d("2026-07-01")}, "2026-07-01", "2026-07-30", 0},
		{"FOI across St Andrew's substitute", "foi", ew, Events{Received: d("2025-11-17")}, "2025-11-17", "2025-12-16", 0},
		{"FOI across both summer holidays", "foi", sc, Events{Received: d("2025-07-28")}, "2025-07-28", "2025-08-27", 0},
		{"FOI public interest extension", "foi", ew, Events{Received: d("2025-03-03"), Extended: true}, "2025-03-03", "2025-05-01", 0},
		{"FOI fees notice disregarded", "foi", ew, Events{Received: d("2025-03-03"), FeeAsked: d("2025-03-05"), FeeReceived: d("2025-03-11")}, "2025-03-03", "2025-04-08", 5},
		{"FOI clarification restarts the clock", "foi", ew, Events{Received: d("2025-03-03"), Pauses: []Pause{pause("2025-03-04", "2025-03-10")}}, "2025-03-10", "2025-04-08", 0},
		{"EIR like FOI", "eir", ew, Events{Received: d("2025-03-03")}, "2025-03-03", "2025-04-01", 0},
		{"EIR complex and voluminous", "eir", ni, Events{Received: d("2025-03-03"), Extended: true}, "2025-03-03", "2025-05-01", 0},
	}
	cal := DefaultCalendar()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cal.Compute(tt.regime, tt.nation, tt.ev)
			if err != nil {
				t.Fatalf("Compute: %v", err)
			}
			if got.Paused {
				t.Fatalf("Compute: paused, want due %s", tt.due)
			}
			type short struct {
				Start, Due string
				Paused     int
			}
			want := short{tt.start, tt.due, tt.paused}
			have := short{iso(got.Start), iso(got.Due), got.PausedDays}
			if diff := cmp.Diff(want, have); diff != "" {
				t.Errorf("Compute(%s, %s) (-want +got):\n%s\nexplanation:\n  %s", tt.regime, tt.nation, diff, strings.Join(got.Explanation, "\n  "))
			}
			if len(got.Explanation) == 0 {
				t.Error("no explanation")
			}
		})
	}
}
