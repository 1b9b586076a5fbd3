package bundle

import (
	"context"
	"image"
	"slices"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// wordsBox is the box round the words of page 1 of d that make up s.
func wordsBox(t *testing.T, d *record.Document, s string) record.Box {
	t.Helper()
	at := strings.Index(d.Text, s)
	if at < 0 {
		t.Fatalf("%q not in the document", s)
	}
	var box record.Box
	n := 0
	for _, w := range PageWords(d, 1) {
		if w.Start >= at && w.End <= at+len(s) {
			if n == 0 {
				box = w.Box
			}
			box = union(box, w.Box)
			n++
		}
	}
	if n == 0 {
		t.Fatalf("no words of %q on page 1", s)
	}
	return box
}

// TestAreaBurned: an area drawn over a picture (the letterhead block) and
// one over words are burned black into the bundle's page image, nothing
// outside them changes, the words under the second are gone from the text
// layer, from the reading layout and from OCR, and each area has a row in
// the schedule at the bundle page it was burned on.
func TestAreaBurned(t *testing.T) {
	need(t, "pdftoppm", "pdftotext", "tesseract")
	x := extract.New(extract.Options{NoOCR: true})
	defer x.Close()
	data := letterPDF(t, []string{"Dear Ms Ashdown,", "Mrs Philippa Quenby called the office on Tuesday", "about contact with the children at the centre."})
	d := readPDF(t, x, "letter.pdf", data)
	words := wordsBox(t, &d, "Philippa Quenby")
	words.X0, words.Y0, words.X1, words.Y1 = words.X0-1, words.Y0-1, words.X1+1, words.Y1+1
	picture := record.Box{X0: 55, Y0: 45, X1: 190, Y1: 95} // the letterhead block at (60, 50)-(180, 90)
	in := Input{Docs: []record.Document{d}, Reasons: testReasons, Areas: []record.Area{
		{DocID: d.ID, Page: 1, Box: picture, Code: "TP", Decider: "officer", Reason: "a photo of the family"},
		{DocID: d.ID, Page: 1, Box: words, Code: "TP", Decider: "officer"},
	}}
	opts := Options{Password: "pw-area", PageImage: x.PageImager(func(*record.Document) ([]byte, error) { return data, nil }),
		PageOCR: x.PageOCR}
	path, res := writeFixture(t, in, opts)
	if len(res.Warnings) > 0 || len(res.Originals) != 1 {
		t.Fatalf("warnings %v, original pages %d: want one page and no warnings", res.Warnings, len(res.Originals))
	}
	op := res.Originals[0]
	savePage(t, path, "pw-area", op.Page, "area")

	text := run(t, "pdftotext", "-upw", "pw-area", path, "-")
	for _, gone := range []string{"Philippa", "Quenby"} {
		if strings.Contains(text, gone) {
			t.Errorf("bundle text holds %q, which was under an area", gone)
		}
	}
	for _, kept := range []string{"Dear Ms Ashdown", "called the office on Tuesday", "children at the centre"} {
		if !strings.Contains(text, kept) {
			t.Errorf("bundle text lacks %q:\n%s", kept, text)
		}
	}
	ocr := strings.Join(mustOCR(t, path, "pw-area", res.Originals), "\n")
	if strings.Contains(ocr, "Quenby") || !strings.Contains(ocr, "Tuesday") {
		t.Errorf("OCR of the bundle page = %q: want Tuesday kept and Quenby gone", ocr)
	}

	// Pixels: black inside both areas (bar their small labels), as the
	// source outside every box and the bands.
	got := renderGray(t, path, "pw-area", op.Page, 150)
	want, err := x.RenderPage(context.Background(), data, 1, 150)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range in.Areas {
		if dark := darkShare(got, a.Box, op.Top, 150); dark < 0.9 {
			t.Errorf("area %+v: %.2f of its pixels dark, want all but the label", a.Box, dark)
		}
		if !slices.ContainsFunc(op.Boxes, func(b record.Box) bool {
			return b.X0 <= a.Box.X0 && b.Y0 <= a.Box.Y0 && b.X1 >= a.Box.X1 && b.Y1 >= a.Box.Y1
		}) {
			t.Errorf("area %+v is not among the page's burned boxes %+v", a.Box, op.Boxes)
		}
	}
	if dark := darkShare(want, picture, 0, 150); dark > 0.9 {
		t.Fatalf("the source's letterhead is %.2f dark already: the test proves nothing", dark)
	}
	diff := DiffOriginal(want, got, op, 150, 48, 2)
	if diff.Ink < 2000 || diff.Changed > diff.Compared/5000 {
		t.Errorf("%d of %d pixels changed outside the boxes (ink %d)", diff.Changed, diff.Compared, diff.Ink)
	}

	var rows []ScheduleRow
	for _, r := range res.Schedule {
		if r.Kind == KindArea {
			rows = append(rows, r)
		} else if r.RuleID == ruleArea {
			t.Errorf("an area's words have a row of their own: %+v", r)
		}
	}
	if len(rows) != 2 || rows[0].Page != op.Page || rows[0].SourcePage != 1 || rows[0].Note != "a photo of the family" ||
		rows[0].Decider != "officer" || rows[0].Reason == "" || !strings.HasPrefix(rows[0].Description(), "Area drawn by the officer on page 1") {
		t.Errorf("area rows = %+v, want two at bundle page %d with the officer's reason", rows, op.Page)
	}

	// The reading layout removes the same words.
	opts.Layout = LayoutReading
	rpath, _ := writeFixture(t, in, opts)
	if rt := run(t, "pdftotext", "-upw", "pw-area", rpath, "-"); strings.Contains(rt, "Quenby") || !strings.Contains(rt, "Tuesday") {
		t.Errorf("reading layout text = %q: want Tuesday kept and Quenby gone", rt)
	}
}

// darkShare is the share of dark pixels of box (page points, below a band
// of top points) in img rendered at dpi, 2 pixels in from its edges.
func darkShare(img image.Image, b record.Box, top float64, dpi float64) float64 {
	g := grey(img)
	k := dpi / 72
	r := image.Rect(int(float64(b.X0)*k)+2, int((float64(b.Y0)+top)*k)+2, int(float64(b.X1)*k)-2, int((float64(b.Y1)+top)*k)-2)
	n, dark := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			n++
			if g.Pix[y*g.Stride+x] < 96 {
				dark++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(dark) / float64(n)
}

// An area's words become local redactions of the text under it — the words
// of the page under its box now, and the ranges it kept when drawn (a Word
// file's words, placed on pages only in the original layout) — searched
// for by the leak check; an area of a document not in the bundle, or with
// no size, does nothing.
func TestAddAreas(t *testing.T) {
	text := "Met Tamsin Orrell at the centre. Later Garrick Threlkeld phoned."
	d := record.Document{ID: "d1", Text: text, PageInfo: []record.PageInfo{{Number: 1, Width: 600, Height: 800}}}
	x := 60.0
	for _, w := range strings.Fields(text) {
		s := strings.Index(text, w)
		d.Glyphs = append(d.Glyphs, record.Glyph{Page: 1, Start: int32(s), End: int32(s + len(w)),
			Box: record.Box{X0: float32(x), Y0: 100, X1: float32(x + 40), Y1: 112}})
		x += 45
	}
	garrick := strings.Index(text, "Garrick Threlkeld")
	in := &Input{Docs: []record.Document{d}, Redactions: []record.Redaction{{DocID: "d1", Start: 0, End: 3, Code: "TP"}}, Areas: []record.Area{
		// Over "Tamsin" and "Orrell" (words 2 and 3), touching "Met" only at its edge.
		{DocID: "d1", Page: 1, Box: record.Box{X0: 100, Y0: 95, X1: 190, Y1: 110}, Code: "TP", Decider: "officer"},
		// No words under it on the page, but the ranges kept when drawn.
		{DocID: "d1", Page: 2, Box: record.Box{X0: 10, Y0: 10, X1: 50, Y1: 50}, Words: [][2]int{{garrick, garrick + 7}, {garrick + 8, garrick + 17}}, Decider: "officer"},
		{DocID: "gone", Page: 1, Box: record.Box{X0: 10, Y0: 10, X1: 50, Y1: 50}},
		{DocID: "d1", Page: 1, Box: record.Box{X0: 10, Y0: 10, X1: 10, Y1: 50}},
	}}
	b := &builder{in: in}
	b.addAreas()
	var got []string
	for i, r := range in.Redactions {
		if !b.areas.holds(i) {
			continue
		}
		if !r.Local || r.RuleID != ruleArea || r.Code != "TP" || r.Text != text[r.Start:r.End] {
			t.Errorf("area redaction %+v: want local, rule %q, code TP, with its text", r, ruleArea)
		}
		got = append(got, r.Text)
	}
	if want := []string{"Tamsin Orrell", "Garrick Threlkeld"}; !slices.Equal(got, want) {
		t.Errorf("areas redact %q, want %q", got, want)
	}
	if len(b.areas.list) != 2 || b.areas.holds(0) {
		t.Errorf("%d areas kept, first redaction held = %v: want 2 and false", len(b.areas.list), b.areas.holds(0))
	}
	plans := plan(in, OrderChronological)
	c := prepareCheck(in, plans)
	for _, s := range []string{"tamsin orrell", "garrick threlkeld"} {
		if !slices.Contains(c.spanStrings(), s) {
			t.Errorf("leak check strings %q lack %q", c.spanStrings(), s)
		}
	}
}
