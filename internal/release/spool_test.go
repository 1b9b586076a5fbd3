package release

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/record"
)

// TestSpoolRoundTrip takes documents' boxes into the spool and reads each
// back as it was; a document without boxes reads back none.
func TestSpoolRoundTrip(t *testing.T) {
	s, err := NewSpool(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs := []record.Document{
		{ID: "a", Glyphs: []record.Glyph{{Page: 1, Start: 0, End: 1, Box: record.Box{X0: 1.5, Y0: 2, X1: 3.25, Y1: 4}}, {Page: 2, Start: 1, End: 3, Box: record.Box{X0: -1, Y0: 0, X1: 1e3, Y1: 5}}}},
		{ID: "b", Words: []record.Word{{Page: 3, Start: 4, End: 9, Box: record.Box{X0: 10, Y0: 20, X1: 30, Y1: 40}, Conf: 91.5}}},
		{ID: "c"},
	}
	want := make([]record.Document, len(docs))
	copy(want, docs)
	s.Take(docs)
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if d.Glyphs != nil || d.Words != nil {
			t.Errorf("document %s keeps its boxes after Take", d.ID)
		}
		g, w, err := s.Boxes(&d)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want[i].Glyphs, g); diff != "" {
			t.Errorf("Boxes(%s) glyphs (-want +got):\n%s", d.ID, diff)
		}
		if diff := cmp.Diff(want[i].Words, w); diff != "" {
			t.Errorf("Boxes(%s) words (-want +got):\n%s", d.ID, diff)
		}
	}
}
