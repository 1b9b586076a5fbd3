package deadline

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExplanation(t *testing.T) {
	tests := []struct {
		name   string
		regime string
		nation Nation
		ev     Events
		want   []string
	}{
		{"ID start, pause, Easter roll", "uk-gdpr", EnglandAndWales,
			Events{Received: d("2025-03-10"), IDReceived: d("2025-03-17"), Pauses: []Pause{pause("2025-03-19", "2025-03-19")}},
			[]string{
				"request received 10 Mar 2025",
				"ID received 17 Mar 2025",
				"start 17 Mar 2025 (ID received)",
				"+1 month → 17 Apr 2025",
				"paused 1 day (19 Mar 2025, clarification)",
				"+1 day paused → 18 Apr 2025",
				"18 Apr 2025 is Good Friday, 19 Apr 2025 is a Saturday, 20 Apr 2025 is a Sunday, 21 Apr 2025 is Easter Monday → 22 Apr 2025",
				"due 22 Apr 2025",
			}},
		{"month-end clamp, weekend start", "uk-gdpr", Scotland,
			Events{Received: d("2026-01-31")},
			[]string{
				"start 31 Jan 2026 (request received)",
				"the start day counts although it is a Saturday",
				"+1 month → 28 Feb 2026 (Feb 2026 has no 31: the last day of the month)",
				"28 Feb 2026 is a Saturday, 1 Mar 2026 is a Sunday → 2 Mar 2026",
				"due 2 Mar 2026",
			}},
		{"FOI across another nation's holiday", "foi", EnglandAndWales,
			Events{Received: d("2025-03-03")},
			[]string{
				"start 3 Mar 2025 (request received)",
				"bank holidays not counted: 17 Mar 2025 St Patrick’s Day (northern-ireland)",
				"20th working day after 3 Mar 2025 → 1 Apr 2025",
				"due 1 Apr 2025",
			}},
		{"pauses across months", "uk-gdpr", EnglandAndWales,
			Events{Received: d("2025-06-02"), Pauses: []Pause{pause("2025-06-28", "2025-07-03")}},
			[]string{
				"start 2 Jun 2025 (request received)",
				"+1 month → 2 Jul 2025",
				"paused 6 days (28 Jun – 3 Jul 2025, clarification)",
				"+6 days paused → 8 Jul 2025",
				"due 8 Jul 2025",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DefaultCalendar().Compute(tt.regime, tt.nation, tt.ev)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.Explanation); diff != "" {
				t.Errorf("Explanation (-want +got):\n%s", diff)
			}
			if len(got.Warnings) != 0 {
				t.Errorf("Warnings = %q, want none", got.Warnings)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		name   string
		regime string
		ev     Events
		want   string // a fragment of one warning
	}{
		{"late extension notice", "uk-gdpr", Events{Received: d("2025-03-17"), Extended: true, ExtensionNotified: d("2025-04-18")}, "after the first time limit ended on 17 Apr 2025"},
		{"past the calendar", "uk-gdpr", Events{Received: d("2030-12-10")}, "outside the years of bank holidays known for england-and-wales (to 2030)"},
		{"late clarification", "uk-gdpr", Events{Received: d("2025-03-17"), Pauses: []Pause{pause("2025-04-25", "2025-04-28")}}, "began after the time limit as it then stood (17 Apr 2025)"},
		{"EU GDPR has no stop-the-clock", "eu-gdpr", Events{Received: d("2025-03-17"), Pauses: []Pause{pause("2025-03-20", "2025-03-28")}}, "clarification pauses ignored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DefaultCalendar().Compute(tt.regime, EnglandAndWales, tt.ev)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(got.Warnings, "\n"), tt.want) {
				t.Errorf("Warnings = %q, want one containing %q", got.Warnings, tt.want)
			}
		})
	}
	ok, _ := DefaultCalendar().Compute("uk-gdpr", EnglandAndWales, Events{Received: d("2025-03-17"), Extended: true, ExtensionNotified: d("2025-04-17")})
	if len(ok.Warnings) != 0 {
		t.Errorf("notice on the last day: Warnings = %q, want none", ok.Warnings)
	}
}

func TestComputePaused(t *testing.T) {
	tests := []struct {
		name   string
		regime string
		ev     Events
		want   string
	}{
		{"open clarification", "uk-gdpr", Events{Received: d("2025-03-17"), Pauses: []Pause{pause("2025-03-20", "")}}, "clock stopped: clarification asked for on 20 Mar 2025"},
		{"ID awaited", "uk-gdpr", Events{Received: d("2025-03-17"), IDAsked: d("2025-03-18")}, "clock not started: ID asked for on 18 Mar 2025"},
		{"fee awaited", "dpa1998", Events{Received: d("2025-03-17"), FeeAsked: d("2025-03-18")}, "clock not started: fee asked for on 18 Mar 2025"},
		{"FOI fees notice unpaid", "foi", Events{Received: d("2025-03-17"), FeeAsked: d("2025-03-18")}, "clock stopped: fee asked for on 18 Mar 2025"},
		{"FOI clarification awaited", "foi", Events{Received: d("2025-03-17"), Pauses: []Pause{pause("2025-03-18", "")}}, "clock not started: clarification asked for on 18 Mar 2025"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DefaultCalendar().Compute(tt.regime, Scotland, tt.ev)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Paused || !got.Due.IsZero() {
				t.Errorf("Paused = %v, Due = %v, want paused with no due date", got.Paused, got.Due)
			}
			if !strings.Contains(strings.Join(got.Explanation, "\n"), tt.want) {
				t.Errorf("Explanation = %q, want a line containing %q", got.Explanation, tt.want)
			}
		})
	}
}

func TestComputeErrors(t *testing.T) {
	tests := []struct {
		name   string
		regime string
		nation Nation
		ev     Events
		want   string
	}{
		{"unknown regime", "gdpr", EnglandAndWales, Events{Received: d("2025-03-17")}, `unknown regime "gdpr"`},
		{"unknown nation", "uk-gdpr", "wales", Events{Received: d("2025-03-17")}, `unknown nation "wales"`},
		{"any-uk is not a request's nation", "uk-gdpr", AnyUK, Events{Received: d("2025-03-17")}, `unknown nation "any-uk"`},
		{"no receipt", "uk-gdpr", EnglandAndWales, Events{}, "received is missing"},
		{"pause backwards", "uk-gdpr", EnglandAndWales, Events{Received: d("2025-03-17"), Pauses: []Pause{pause("2025-03-20", "2025-03-19")}}, "ends before it starts"},
		{"pause before receipt", "uk-gdpr", EnglandAndWales, Events{Received: d("2025-03-17"), Pauses: []Pause{pause("2025-03-10", "2025-03-16")}}, "ends before the request was received"},
		{"pause never asked", "uk-gdpr", EnglandAndWales, Events{Received: d("2025-03-17"), Pauses: []Pause{{Answered: d("2025-03-20")}}}, "no date on which clarification was asked"},
		{"fee before notice", "uk-gdpr", EnglandAndWales, Events{Received: d("2025-03-17"), FeeAsked: d("2025-03-20"), FeeReceived: d("2025-03-19")}, "fee received (2025-03-19) before it was asked for"},
		{"closed before receipt", "uk-gdpr", EnglandAndWales, Events{Received: d("2025-03-17"), Closed: d("2025-03-16")}, "closed (2025-03-16) before it was received"},
		{"DPA 1998 has no extension", "dpa1998", EnglandAndWales, Events{Received: d("2025-03-17"), Extended: true}, "dpa1998 allows no extension"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DefaultCalendar().Compute(tt.regime, tt.nation, tt.ev)
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Compute error = %v, want an InputError containing %q", err, tt.want)
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from    string
		n       int
		want    string
		clamped bool
	}{
		{"2025-01-31", 1, "2025-02-28", true},
		{"2024-01-31", 1, "2024-02-29", true},
		{"2025-10-31", 1, "2025-11-30", true},
		{"2025-12-31", 1, "2026-01-31", false},
		{"2025-11-30", 3, "2026-02-28", true},
		{"2027-11-29", 3, "2028-02-29", false},
		{"2025-03-17", 1, "2025-04-17", false},
	}
	for _, tt := range tests {
		got, clamped := addMonths(d(tt.from), tt.n)
		if iso(got) != tt.want || clamped != tt.clamped {
			t.Errorf("addMonths(%s, %d) = %s, %v, want %s, %v", tt.from, tt.n, iso(got), clamped, tt.want, tt.clamped)
		}
	}
}
