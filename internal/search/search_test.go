package search

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/record"
)

// Invented people and text only.
func testDocs() []record.Document {
	pdfText := "Page one talks about the garden.\nOn page two Harriet Quill's visit is noted.\nPage three: HARRIET QUILL signed."
	p1 := len("Page one talks about the garden.")
	p2 := p1 + 1 + len("On page two Harriet Quill's visit is noted.")
	return []record.Document{
		{
			ID: "d1", Location: "shared-drive", Path: "shared-drive/report.pdf", Format: record.FormatPDF,
			Title: "Review report", Date: time.Date(2016, 5, 1, 0, 0, 0, 0, time.UTC), Pages: 3,
			Text: pdfText,
			Blocks: []record.Block{
				{Kind: record.BlockLine, Page: 1, Start: 0, End: p1},
				{Kind: record.BlockLine, Page: 2, Start: p1 + 1, End: p2},
				{Kind: record.BlockLine, Page: 3, Start: p2 + 1, End: len(pdfText)},
			},
		},
		{
			ID: "d2", Location: "mailbox-tk", Path: "mailbox-tk/note.eml", Format: record.FormatEmail,
			Date:  time.Date(2018, 2, 1, 0, 0, 0, 0, time.UTC),
			Text:  "Spoke to H. Quill and H Quill again; harriet called later. Quillfeather is a shop.",
			Email: &record.Email{From: []record.Address{{Name: "Kettle, Rob", Email: "tk@example.org"}}},
		},
		{
			ID: "d3", Location: "case-system-export", Path: "case-system-export/notes.txt", Format: record.FormatText,
			Text: "Nothing about anyone. The garden visits were pleasant.",
		},
	}
}

func mustIndex(t *testing.T) *Index {
	t.Helper()
	docs := testDocs()
	subj := record.Subject{Name: "Harriet Quill"}
	x, err := Build(context.Background(), filepath.Join(t.TempDir(), "idx"), docs, KnownPeople(subj, nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func TestSearch(t *testing.T) {
	x := mustIndex(t)
	res, err := x.Search("garden", 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.Path+"#"+string(rune('0'+h.Page)))
		if len(h.Fragments) == 0 || !strings.Contains(Plain(h.Fragments[0]), "«garden»") {
			t.Errorf("hit %s fragments = %q, want «garden» marked", h.Path, h.Fragments)
		}
	}
	want := []string{"case-system-export/notes.txt#0", "shared-drive/report.pdf#1"}
	if diff := cmp.Diff(want, got, cmp.Transformer("sort", sortStrings)); diff != "" {
		t.Errorf("Search(garden) hits (-want +got):\n%s", diff)
	}
	// "visits" matches "visit" through the English stemmer.
	res, err = x.Search("visits", 10)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Errorf("Search(visits) total = %d, want 2", res.Total)
	}
	wantLoc := []FacetCount{{"case-system-export", 1}, {"shared-drive", 1}}
	if diff := cmp.Diff(wantLoc, res.Facets["location"]); diff != "" {
		t.Errorf("location facet (-want +got):\n%s", diff)
	}
	res, err = x.Search("quill", 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]FacetCount{{"2016", 2}, {"2018", 1}}, res.Facets["year"]); diff != "" {
		t.Errorf("year facet (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]FacetCount{{"Harriet Quill", 2}, {"Rob Kettle", 1}}, res.Facets["person"]); diff != "" {
		t.Errorf("person facet (-want +got):\n%s", diff)
	}
}

func TestFindMentions(t *testing.T) {
	x := mustIndex(t)
	docs := testDocs()
	text := map[string]string{}
	for _, d := range docs {
		text[d.ID] = d.Text
	}
	ms, err := x.FindMentions(Variants("Harriet Quill"))
	if err != nil {
		t.Fatal(err)
	}
	type m struct {
		Doc  string
		Page int
		Text string
	}
	var got []m
	for _, mm := range ms {
		got = append(got, m{mm.DocID, mm.Page, text[mm.DocID][mm.Start:mm.End]})
	}
	want := []m{
		{"d2", 0, "H. Quill"}, // sorted by path: mailbox-tk first
		{"d2", 0, "H Quill"},
		{"d2", 0, "harriet"},       // not "Quillfeather"
		{"d1", 2, "Harriet Quill"}, // possessive: "Quill's"
		{"d1", 3, "HARRIET QUILL"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FindMentions (-want +got):\n%s", diff)
	}
}

func TestVariants(t *testing.T) {
	got := Variants("Harriet Ann Quill")
	want := []string{"Harriet Ann Quill", "Harriet Quill", "Quill", "Harriet", "H. Quill", "H Quill"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Variants (-want +got):\n%s", diff)
	}
}

func TestOpenCaches(t *testing.T) {
	data := t.TempDir()
	rec := &record.Record{Dir: t.TempDir(), Documents: testDocs()}
	ctx := context.Background()
	x, built, err := Open(ctx, rec, Options{DataDir: data})
	if err != nil || !built {
		t.Fatalf("Open first = built %v, %v; want built", built, err)
	}
	x.Close()
	x, built, err = Open(ctx, rec, Options{DataDir: data})
	if err != nil || built {
		t.Fatalf("Open again = built %v, %v; want cached", built, err)
	}
	x.Close()
	rec.Documents[2].TextHash = "changed"
	x, built, err = Open(ctx, rec, Options{DataDir: data})
	if err != nil || !built {
		t.Fatalf("Open changed record = built %v, %v; want rebuilt", built, err)
	}
	x.Close()
	if old, _ := filepath.Glob(filepath.Join(data, "index", "*")); len(old) != 1 {
		t.Errorf("index dirs after rebuild = %v, want 1", old)
	}

	// With a caller's fingerprint the cache is found without the documents.
	opts := Options{DataDir: data, Fingerprint: "state-1"}
	if _, err := OpenCached(rec.Dir, opts); err != ErrNotCached {
		t.Fatalf("OpenCached before building = %v, want ErrNotCached", err)
	}
	x, _, err = Open(ctx, rec, opts)
	if err != nil {
		t.Fatal(err)
	}
	x.Close()
	x, err = OpenCached(rec.Dir, opts)
	if err != nil {
		t.Fatalf("OpenCached after building: %v", err)
	}
	x.Close()
	opts.Fingerprint = "state-2"
	if _, err := OpenCached(rec.Dir, opts); err != ErrNotCached {
		t.Errorf("OpenCached(changed fingerprint) = %v, want ErrNotCached", err)
	}
}

func sortStrings(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestUnitsOutOfOrder: blocks loaded from storage out of text order still
// give each page one in-range unit (no slice panic while indexing).
func TestUnitsOutOfOrder(t *testing.T) {
	d := &record.Document{ID: "d", Text: "aaaa bbbb cccc dddd", Blocks: []record.Block{
		{Page: 1, Start: 5, End: 9},
		{Page: 1, Start: 0, End: 4},
		{Page: 2, Start: 10, End: 19},
	}}
	var got [][2]int
	for _, u := range units(d) {
		got = append(got, [2]int{u.start, u.end})
		_ = u.fields(d, nil)
	}
	if diff := cmp.Diff([][2]int{{5, 9}, {10, 19}}, got); diff != "" {
		t.Errorf("units (-want +got):\n%s", diff)
	}
}
