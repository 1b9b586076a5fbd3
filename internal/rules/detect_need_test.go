package rules

import (
	"testing"
)

// TestNeedFinderWords: a word list's finder gives every place one of its
// words is written as a word of its own or its plural ("Orchard" in
// "Orchards"), in order, as searching for each word in turn would; a word
// inside a longer one ("St" in "Stanmoor") is none.
func TestNeedFinderWords(t *testing.T) {
	text := "Lives at 4 The Orchards, Stanmoor. St Anne's Street is near. ORCHARD LANE"
	need := "Street|St|Orchard|ORCHARD|LANE"
	want := []int{15, 35, 45, 61, 69} // Orchards, St, Street, ORCHARD, LANE: not "St" in "Stanmoor"
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
