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

// TestContextHits: the one-pass search finds every occurrence of every
// context word, in any case of its ASCII letters, as searching for each
// word in turn does, and ordered by start.
func TestContextHits(t *testing.T) {
	c := &Context{Words: []string{"car", "reg ", "a/c", "vauxhall", "ca"}, Window: 40}
	text := "CAR reg AB12 CDE; the Car's REG number, a/C 1234. Vauxhall\u00e9 carcar scar REG"
	var want []Span
	for _, w := range c.Words {
		for from := 0; from < len(text); {
			k := indexFoldASCII(text[from:], w)
			if k < 0 {
				break
			}
			want = append(want, Span{from + k, from + k + len(w)})
			from += k + 1
		}
	}
	got := NewAnchors(text).contextHits(c)
	if len(got) != len(want) {
		t.Fatalf("got %d hits %v, want %d %v", len(got), got, len(want), want)
	}
	seen := map[Span]bool{}
	for _, h := range want {
		seen[h] = true
	}
	for i, h := range got {
		if !seen[h] {
			t.Errorf("hit %v is no occurrence", h)
		}
		if i > 0 && got[i-1].Start > h.Start {
			t.Errorf("hits out of order: %v", got)
		}
	}
}
