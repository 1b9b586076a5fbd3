package deadline

import (
	"slices"
	"testing"
)

func TestRegimes(t *testing.T) {
	want := []string{"dpa1998", "eir", "eu-gdpr", "foi", "uk-gdpr"}
	if got := RegimeNames(); !slices.Equal(got, want) {
		t.Errorf("RegimeNames() = %v, want %v", got, want)
	}
	for _, name := range want {
		r, err := LookupRegime(name)
		if err != nil || r.Law == "" || r.Title == "" {
			t.Errorf("LookupRegime(%q) = %+v, %v; want a regime citing its law", name, r, err)
		}
		if !r.Allows(PauseClarification) && r.NoPause == "" {
			t.Errorf("%s: no clarification pause and no no_pause note to say why", name)
		}
	}
}

func TestRegimeValidate(t *testing.T) {
	good := Regime{Name: "x", Start: []string{StartReceived}, Period: Period{Unit: UnitMonths, Count: 1}, Calendar: "nation"}
	if err := good.validate(); err != nil {
		t.Fatalf("validate(good) = %v", err)
	}
	bad := map[string]func(r *Regime){
		"no received start":  func(r *Regime) { r.Start = []string{StartIDReceived} },
		"unknown start":      func(r *Regime) { r.Start = append(r.Start, "posted") },
		"unknown pause":      func(r *Regime) { r.Pauses = []string{"holiday"} },
		"fee start and stop": func(r *Regime) { r.Start = append(r.Start, StartFeeReceived); r.Pauses = []string{PauseFee} },
		"unknown unit":       func(r *Regime) { r.Period.Unit = "weeks" },
		"zero period":        func(r *Regime) { r.Period.Count = 0 },
		"shorter extension":  func(r *Regime) { r.Extension = &Period{Unit: UnitMonths, Count: 1} },
		"unit mismatch":      func(r *Regime) { r.Extension = &Period{Unit: UnitDays, Count: 90} },
		"unknown calendar":   func(r *Regime) { r.Calendar = "wales" },
	}
	for name, spoil := range bad {
		r := good
		r.Start = slices.Clone(good.Start)
		spoil(&r)
		if err := r.validate(); err == nil {
			t.Errorf("validate(%s) = nil, want an error", name)
		}
	}
}
