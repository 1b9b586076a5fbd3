package rules

import "testing"

func TestDefaultPacksLoad(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatalf("Default() error:\n%v", err)
	}
	for _, c := range []string{"TP", "PA", "LPP", "SH", "AD", "CO", "CR"} {
		if set.Codes[c].Plain == "" || set.Codes[c].Law == "" {
			t.Errorf("code %s missing or incomplete: %+v", c, set.Codes[c])
		}
	}
	if len(set.Rules) < 15 {
		t.Errorf("len(Rules) = %d, want at least 15", len(set.Rules))
	}
}
