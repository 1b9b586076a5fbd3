package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/record"
)

// TestAlignTokens: words the layout adds (list numbers, a page footer) and
// words it does not print (a comment) are skipped; the rest pair in order.
func TestAlignTokens(t *testing.T) {
	a := tokens("Visit notes. The carer said a comment here all was well. Next visit soon.")
	b := tokens("1. Visit notes. The carer said all was well. Page 1 of 2 Next visit soon.")
	var got []string
	for _, p := range alignTokens(a, b) {
		if a[p[0]].key != b[p[1]].key {
			t.Errorf("paired %q with %q", a[p[0]].key, b[p[1]].key)
		}
		got = append(got, a[p[0]].key)
	}
	want := []string{"Visit", "notes.", "The", "carer", "said", "all", "was", "well.", "Next", "visit", "soon."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("alignTokens pairs (-want +got):\n%s", diff)
	}
}

// TestSplitBlocks: a paragraph printed across a page end becomes one block
// a page; one printed nowhere keeps page 0.
func TestSplitBlocks(t *testing.T) {
	text := "one two three\nnot printed"
	page := map[int]int32{0: 1, 1: 1, 2: 1, 4: 1, 8: 2, 9: 2}
	got := splitBlocks(text, []record.Block{{Kind: record.BlockParagraph, Start: 0, End: 13}, {Kind: record.BlockComment, Start: 14, End: 25}}, page)
	want := []record.Block{
		{Kind: record.BlockParagraph, Page: 1, Start: 0, End: 8},
		{Kind: record.BlockParagraph, Page: 2, Start: 8, End: 13},
		{Kind: record.BlockComment, Page: 0, Start: 14, End: 25},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("splitBlocks (-want +got):\n%s", diff)
	}
}
