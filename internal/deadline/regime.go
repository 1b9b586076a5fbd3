package deadline

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// Regime describes one statutory time limit as data; the engine only
// interprets it. Each regime is one file in regimes/, embedded.
type Regime struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Law   string `json:"law"`
	// Start lists the events whose latest date starts the clock:
	// "received", "id_received", "fee_received", and "clarified" (the day a
	// clarification was answered, for statutes where it restarts the clock).
	Start []string `json:"start"`
	// Pauses lists what stops the clock: "clarification" (asked .. answered,
	// both days inclusive) and "fee" (fees notice .. fee received).
	Pauses []string `json:"pauses"`
	// NoPause explains why a clarification pause does not apply, for
	// regimes without one.
	NoPause string `json:"no_pause,omitempty"`
	// Period is the time limit counted from the start.
	Period Period `json:"period"`
	// Extension is the whole extended limit counted from the start; nil
	// where the statute allows none.
	Extension *Period `json:"extension,omitempty"`
	// RollForward moves a due date off weekends and bank holidays.
	RollForward bool `json:"roll_forward"`
	// Calendar is "nation" (the request's nation) or "any-uk".
	Calendar string `json:"calendar"`
}

// Period is a count of months, calendar days or working days.
type Period struct {
	Unit  string `json:"unit"` // "months", "days" or "working_days"
	Count int    `json:"count"`
	Law   string `json:"law,omitempty"`
}

// Units, start events and pause kinds a regime file may use.
const (
	UnitMonths      = "months"
	UnitDays        = "days"
	UnitWorkingDays = "working_days"

	StartReceived    = "received"
	StartIDReceived  = "id_received"
	StartFeeReceived = "fee_received"
	StartClarified   = "clarified"

	PauseClarification = "clarification"
	PauseFee           = "fee"
)

//go:embed regimes/*.json
var regimeFiles embed.FS

var loadRegimes = sync.OnceValues(func() (map[string]Regime, error) {
	out := map[string]Regime{}
	names, err := fs.Glob(regimeFiles, "regimes/*.json")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		b, err := regimeFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var r Regime
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("regime %s: %w", name, err)
		}
		if err := r.validate(); err != nil {
			return nil, fmt.Errorf("regime %s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".json"); r.Name != want {
			return nil, fmt.Errorf("regime %s: name %q does not match its file", name, r.Name)
		}
		out[r.Name] = r
	}
	return out, nil
})

// LookupRegime returns the embedded regime with the given name.
func LookupRegime(name string) (Regime, error) {
	all, err := loadRegimes()
	if err != nil {
		return Regime{}, err
	}
	r, ok := all[name]
	if !ok {
		return Regime{}, fmt.Errorf("unknown regime %q (want %s)", name, strings.Join(RegimeNames(), ", "))
	}
	return r, nil
}

// RegimeNames lists the embedded regimes, sorted.
func RegimeNames() []string {
	all, _ := loadRegimes()
	out := make([]string, 0, len(all))
	for n := range all {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Allows reports whether the regime stops the clock for kind of pause.
func (r Regime) Allows(kind string) bool { return contains(r.Pauses, kind) }

func (r Regime) startsOn(event string) bool { return contains(r.Start, event) }

// calendarFor returns the calendar a regime counts working days in.
func (r Regime) calendarFor(n Nation) Nation {
	if r.Calendar == "any-uk" {
		return AnyUK
	}
	return n
}

func (r Regime) validate() error {
	if len(r.Start) == 0 || !contains(r.Start, StartReceived) {
		return fmt.Errorf("start must include %q", StartReceived)
	}
	for _, s := range r.Start {
		if !contains([]string{StartReceived, StartIDReceived, StartFeeReceived, StartClarified}, s) {
			return fmt.Errorf("unknown start event %q", s)
		}
	}
	for _, p := range r.Pauses {
		if !contains([]string{PauseClarification, PauseFee}, p) {
			return fmt.Errorf("unknown pause %q", p)
		}
		if (p == PauseFee && r.startsOn(StartFeeReceived)) || (p == PauseClarification && r.startsOn(StartClarified)) {
			return fmt.Errorf("%q is both a start event and a pause", p)
		}
	}
	periods := []Period{r.Period}
	if r.Extension != nil {
		periods = append(periods, *r.Extension)
		if r.Extension.Unit != r.Period.Unit || r.Extension.Count <= r.Period.Count {
			return fmt.Errorf("extension must be a longer period in the same unit")
		}
	}
	for _, p := range periods {
		if !contains([]string{UnitMonths, UnitDays, UnitWorkingDays}, p.Unit) || p.Count <= 0 {
			return fmt.Errorf("bad period %d %q", p.Count, p.Unit)
		}
	}
	if r.Calendar != "nation" && r.Calendar != "any-uk" {
		return fmt.Errorf("calendar must be \"nation\" or \"any-uk\", not %q", r.Calendar)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
