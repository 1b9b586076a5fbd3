package rules

import (
	"strings"
	"testing"
)

// TestNeedFinderWords: a word list's finder gives every place one of its
// words starts, a word inside a longer one too ("Orchard" in "Orchards"),
// in order, as searching for each word in turn would.
func TestNeedFinderWords(t *testing.T) {
	text := "Lives at 4 The Orchards, Stanmoor. St Anne's Street is near. ORCHARD LANE"
	need := "Street|St|Orchard|ORCHARD|LANE"
	var want []int
	for i := range text {
		for _, w := range strings.Split(need, "|") {
			if strings.HasPrefix(text[i:], w) {
				want = append(want, i)
				break
			}
		}
	}
	next := needFinder(text, need)
	var got []int
	for c := next(0); c >= 0; c = next(c + 1) {
		got = append(got, c)
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	if next(len(text)) != -1 {
		t.Errorf("a finder past the end found something")
	}
}
