package rules

import "testing"

// A rule whose match needs a context word finds nothing in a text without
// one, and finds the match in any case of the word.
func TestContextAnywhere(t *testing.T) {
	c := &Context{Words: []string{"registration", "car"}, Window: 40}
	for text, want := range map[string]bool{
		"Parked the CAR outside":    true,
		"the Registration was":      true,
		"nothing here at all, AB12": false,
		"ca":                        false,
	} {
		if got := c.anywhere(text); got != want {
			t.Errorf("anywhere(%q) = %v, want %v", text, got, want)
		}
	}
	if indexFoldASCII("xxRegIStration", "registration") != 2 {
		t.Error("indexFoldASCII misses a mixed-case word")
	}
}
