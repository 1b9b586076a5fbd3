package bundle

import (
	"bytes"
	"context"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// TestBoxesOutOfMemory lays out the same original-layout bundle twice:
// once with the documents' character boxes in them, once with them kept
// out (Options.Boxes, as the batch command's spool does) and given a
// document at a time. The bundles burn the same boxes on the same pages,
// and the documents are left without their boxes.
func TestBoxesOutOfMemory(t *testing.T) {
	x := extract.New(extract.Options{NoOCR: true})
	defer x.Close()
	data := letterPDF(t,
		[]string{"Dear Ms Ashdown,", "Mrs Philippa Quenby called the office on Tuesday", "about contact with the children at the centre."},
		[]string{"The review meeting is booked for next month.", "Philippa Quenby will not attend the review."})
	d := readPDF(t, x, "letter.pdf", data)
	if len(d.Glyphs) == 0 {
		t.Fatal("the letter has no character boxes")
	}
	build := func(kept bool) *Result {
		doc := d
		doc.Glyphs = slices.Clone(d.Glyphs)
		in := Input{Docs: []record.Document{doc, doc}, Reasons: testReasons}
		in.Docs[1].ID, in.Docs[1].Path = "second", "second.pdf"
		in.Redactions = append(redact(&in.Docs[0], "Philippa Quenby", "TP", "Relative A"), redact(&in.Docs[1], "Philippa Quenby", "TP", "Relative A")...)
		opts := Options{NoEncrypt: true, Layout: LayoutOriginal, PDFText: x.PDFText,
			PageImage: x.PageImager(func(*record.Document) ([]byte, error) { return data, nil })}
		var asked atomic.Int32
		if !kept {
			store := map[string][]record.Glyph{}
			for i := range in.Docs {
				store[in.Docs[i].ID] = in.Docs[i].Glyphs
				in.Docs[i].Glyphs = nil
			}
			opts.Boxes = func(d *record.Document) ([]record.Glyph, []record.Word, error) {
				asked.Add(1)
				return slices.Clone(store[d.ID]), nil, nil
			}
		}
		res, err := Write(context.Background(), &bytes.Buffer{}, in, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !kept {
			if asked.Load() < 2 {
				t.Errorf("Boxes asked %d times, want each document at least once", asked.Load())
			}
			for _, d := range in.Docs {
				if d.Glyphs != nil {
					t.Errorf("document %s keeps its boxes after the bundle", d.ID)
				}
			}
		}
		return res
	}
	a, b := build(true), build(false)
	if len(a.Originals) != 4 || len(b.Originals) != len(a.Originals) {
		t.Fatalf("original pages: %d with boxes in memory, %d kept out; want 4", len(a.Originals), len(b.Originals))
	}
	for i := range a.Originals {
		if a.Originals[i].Page != b.Originals[i].Page || !slices.Equal(a.Originals[i].Boxes, b.Originals[i].Boxes) {
			t.Errorf("original page %d: %+v in memory, %+v kept out", i, a.Originals[i], b.Originals[i])
		}
	}
	if a.Pages != b.Pages || a.Redactions != b.Redactions {
		t.Errorf("pages %d/%d, redactions %d/%d", a.Pages, b.Pages, a.Redactions, b.Redactions)
	}
}
