package web

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// TestLineBoxes: a suggestion's box on the page image is one box a line,
// over the words it overlaps.
func TestLineBoxes(t *testing.T) {
	words := []record.Word{
		{Start: 0, End: 4, Box: record.Box{X0: 10, Y0: 10, X1: 40, Y1: 20}},
		{Start: 5, End: 9, Box: record.Box{X0: 45, Y0: 10, X1: 80, Y1: 20}},
		{Start: 10, End: 15, Box: record.Box{X0: 10, Y0: 25, X1: 50, Y1: 35}},
		{Start: 16, End: 20, Box: record.Box{X0: 55, Y0: 25, X1: 90, Y1: 35}},
	}
	it := Item{Suggestion: suggest.Suggestion{ID: "s1", Category: "third_party_name", Start: 2, End: 13}}
	got := lineBoxes(it, words)
	want := []PageBox{
		{ID: "s1", Category: "third_party_name", Box: record.Box{X0: 10, Y0: 10, X1: 80, Y1: 20}},
		{ID: "s1", Category: "third_party_name", Box: record.Box{X0: 10, Y0: 25, X1: 50, Y1: 35}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lineBoxes (-want +got):\n%s", diff)
	}
}
