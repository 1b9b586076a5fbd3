package suggest

import (
	"strings"
	"testing"
)

// Overlapping findings are one item with every reason; sections and
// documents are never merged with spans.
func TestOverlapsAreOneItem(t *testing.T) {
	text := "Letter to Gail Fell\n14 Mill Lane\nNorthtown\nNT4 7QP\n\nDear Gail,\nRobin is well."
	res, err := Suggest(generalRecord(doc("m1", text)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range res.Suggestions {
		if a.Scope != ScopeSpan {
			continue
		}
		for _, b := range res.Suggestions[i+1:] {
			if b.Scope == ScopeSpan && b.DocID == a.DocID && b.Start < a.End && a.Start < b.End {
				t.Errorf("two span items overlap: %q (%s) and %q (%s)", a.Text, a.RuleID, b.Text, b.RuleID)
			}
		}
	}
	// The address block holds the mother's name and her address line: one
	// item, whose parts keep the name for the bundle to spread.
	var block *Suggestion
	for i := range res.Suggestions {
		if s := &res.Suggestions[i]; strings.Contains(s.Text, "Mill Lane") {
			block = s
		}
	}
	if block == nil {
		t.Fatal("the address is not suggested")
	}
	if len(block.Also) == 0 || !strings.Contains(block.Why, "also") {
		t.Fatalf("merged item has no other reasons: %+v", block)
	}
	found := false
	for _, p := range block.PartsWithin(block.Start, block.End) {
		found = found || p == "Gail Fell"
	}
	if !found {
		t.Errorf("parts of the merged item = %v, want the name among them", block.PartsWithin(block.Start, block.End))
	}
	// Narrowed by a reviewer to start after the name: the name is no
	// longer a part to spread.
	nameEnd := strings.Index(text, "Gail Fell") + len("Gail Fell")
	for _, p := range block.PartsWithin(nameEnd, block.End) {
		if p == "Gail Fell" {
			t.Errorf("a narrowed span keeps a part outside it: %q", p)
		}
	}
}
