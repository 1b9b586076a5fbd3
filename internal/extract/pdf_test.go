package extract

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/samples"
	"github.com/google/go-cmp/cmp"
)

// -update-pdf rewrites the PDF golden files (a plain -update flag may be
// registered by another reader's tests in this package).
var updatePDF = flag.Bool("update-pdf", false, "rewrite PDF golden files in testdata/pdf")

// blockDump renders a document's blocks one per line for golden files.
func blockDump(d record.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format=%s pages=%d ocr_pages=%d needs_ocr=%v title=%q author=%q\n", d.Format, d.Pages, d.OCRPages, d.NeedsOCR, d.Title, d.Author)
	for _, p := range d.PageInfo {
		fmt.Fprintf(&b, "page %d %.0fx%.0f scanned=%v ocr_dpi=%d\n", p.Number, p.Width, p.Height, p.Scanned, p.OCRDPI)
	}
	for _, bl := range d.Blocks {
		fmt.Fprintf(&b, "p%d %s: %s\n", bl.Page, bl.Kind, d.Text[bl.Start:bl.End])
	}
	return b.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "pdf", name)
	if *updatePDF {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update-pdf to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

// checkLayout checks the invariants every paginated document keeps: blocks
// in order inside the text, every glyph one rune inside its page, glyphs in
// text order, words inside the text and the page.
func checkLayout(t *testing.T, d record.Document) {
	t.Helper()
	last := 0
	for _, b := range d.Blocks {
		if b.Start < last || b.End > len(d.Text) || b.Start >= b.End || b.Page < 1 || b.Page > d.Pages {
			t.Fatalf("block %+v out of order or range (text %d bytes, %d pages)", b, len(d.Text), d.Pages)
		}
		last = b.End
	}
	prev := int32(-1)
	for _, g := range d.Glyphs {
		s := d.Text[g.Start:g.End]
		if utf8.RuneCountInString(s) != 1 {
			t.Fatalf("glyph %+v covers %d runes, want 1", g, utf8.RuneCountInString(s))
		}
		if g.Start <= prev {
			t.Fatalf("glyph %+v not after the previous one (%d)", g, prev)
		}
		prev = g.Start
		inPage(t, d, int(g.Page), g.Box, "glyph")
	}
	for _, w := range d.Words {
		if w.Start >= w.End || w.End > len(d.Text) || strings.ContainsAny(d.Text[w.Start:w.End], " \n") {
			t.Fatalf("word %+v is not one word of the text", w)
		}
		inPage(t, d, w.Page, w.Box, "word")
	}
}

func inPage(t *testing.T, d record.Document, page int, b record.Box, what string) {
	t.Helper()
	if page < 1 || page > len(d.PageInfo) {
		t.Fatalf("%s on page %d of %d", what, page, len(d.PageInfo))
	}
	p := d.PageInfo[page-1]
	const slack = 2 // points: loose boxes may reach a hair past the edge
	if b.X0 < -slack || b.Y0 < -slack || b.X1 > p.Width+slack || b.Y1 > p.Height+slack || b.X1 < b.X0 || b.Y1 < b.Y0 {
		t.Fatalf("%s box %+v outside page %d (%.0fx%.0f)", what, b, page, p.Width, p.Height)
	}
}

// mustOne(t)(x.pdfFile(...)) returns the one document read, failing on errors.
func mustOne(t *testing.T) func([]record.Document, []error) record.Document {
	return func(docs []record.Document, errs []error) record.Document {
		t.Helper()
		if len(errs) > 0 {
			t.Fatalf("errors: %v", errs)
		}
		if len(docs) != 1 {
			t.Fatalf("got %d documents, want 1", len(docs))
		}
		return docs[0]
	}
}

func TestPDFTextLayer(t *testing.T) {
	x := New(Options{})
	d := mustOne(t)(x.pdfFile(context.Background(), "a/visit.pdf", makeTextPDF(t, fixturePages)))
	checkLayout(t, d)
	checkGolden(t, "text.golden", blockDump(d))
	if got, want := len(d.Glyphs), utf8.RuneCountInString(strings.ReplaceAll(d.Text, "\n", "")); got != want {
		t.Errorf("%d glyphs, want one per rune of text (%d)", got, want)
	}
	// The first glyph of the first body line sits where fpdf drew it: x=56,
	// baseline at y=100 from the top.
	body := d.Blocks[1]
	var g record.Glyph
	for _, g = range d.Glyphs {
		if int(g.Start) == body.Start {
			break
		}
	}
	if int(g.Start) != body.Start || g.Box.X0 < 54 || g.Box.X0 > 58 || g.Box.Y0 > 100 || g.Box.Y1 < 97 || g.Box.Y0 < 85 {
		t.Errorf("first body glyph %+v, want near x=56 spanning the baseline y=100", g)
	}
	// Left to right along each line, on one baseline.
	for i := 1; i < len(d.Glyphs); i++ {
		a, b := d.Glyphs[i-1], d.Glyphs[i]
		if int(b.Start) == int(a.End) && (b.Box.X0 < a.Box.X0 || b.Box.Y1 != a.Box.Y1 && d.Text[a.Start:a.End] != " " && d.Text[b.Start:b.End] != " ") {
			t.Errorf("glyph %d %+v does not follow glyph %d %+v along its line", i, b.Box, i-1, a.Box)
		}
	}
	if d.Meta["created"] != "2014-03-05T10:30:00Z" {
		t.Errorf("Meta[created] = %q, want 2014-03-05T10:30:00Z", d.Meta["created"])
	}
}

func TestPDFScanned(t *testing.T) {
	needTesseract(t)
	text := makeTextPDF(t, fixturePages[:1])
	png := renderPNG(t, text, 200)
	x := New(Options{})
	ctx := context.Background()

	t.Run("ocr", func(t *testing.T) {
		d := mustOne(t)(x.pdfFile(ctx, "a/scan.pdf", makeScanPDF(t, png, nil)))
		checkLayout(t, d)
		if d.Format != record.FormatScan || d.OCRPages != 1 || !d.PageInfo[0].Scanned || d.PageInfo[0].OCRDPI != 300 || d.NeedsOCR {
			t.Fatalf("got format %s, OCR pages %d, page %+v, needs OCR %v; want an OCR'd scan", d.Format, d.OCRPages, d.PageInfo[0], d.NeedsOCR)
		}
		for _, w := range []string{"Oakenfold", "Penhallow", "Blackthorn", "placement", "04/07/2009"} {
			if !strings.Contains(d.Text, w) {
				t.Errorf("OCR text lacks %q", w)
			}
		}
		if len(d.Words) < 30 {
			t.Errorf("%d OCR words, want at least 30", len(d.Words))
		}
		// The word "Oakenfold" was drawn at about x=90..150, baseline 118.
		for _, w := range d.Words {
			if strings.HasPrefix(d.Text[w.Start:w.End], "Oakenfold") {
				if w.Box.Y0 < 105 || w.Box.Y1 > 125 || w.Box.X0 < 70 || w.Box.X0 > 130 {
					t.Errorf("word %q box %+v, want near (90..150, 108..121) in points", d.Text[w.Start:w.End], w.Box)
				}
			}
		}
	})
	t.Run("layer", func(t *testing.T) {
		d := mustOne(t)(x.pdfFile(ctx, "a/layer.pdf", makeScanPDF(t, png, fixturePages[0])))
		checkLayout(t, d)
		if d.Format != record.FormatScan || d.OCRPages != 0 || !d.PageInfo[0].Scanned {
			t.Fatalf("got format %s, OCR pages %d, page %+v; want a scan read from its layer", d.Format, d.OCRPages, d.PageInfo[0])
		}
		if got, want := d.Text, strings.Join(fixturePages[0], "\n"); got != want {
			t.Errorf("text layer (-want +got):\n%s", cmp.Diff(want, got))
		}
		if got, want := len(d.Words), len(strings.Fields(strings.Join(fixturePages[0], " "))); got != want {
			t.Errorf("%d words from the layer, want %d", got, want)
		}
	})
	t.Run("stamped", func(t *testing.T) {
		// A few typed characters over a scan are not its text: OCR it.
		d := mustOne(t)(x.pdfFile(ctx, "a/stamped.pdf", makeScanPDF(t, png, []string{"RECEIVED"})))
		if d.OCRPages != 1 || !strings.Contains(d.Text, "Blackthorn") {
			t.Errorf("stamped scan: OCR pages %d, Blackthorn found %v; want the page OCR'd", d.OCRPages, strings.Contains(d.Text, "Blackthorn"))
		}
	})
	t.Run("no-ocr", func(t *testing.T) {
		nx := New(Options{NoOCR: true})
		docs, errs := nx.pdfFile(ctx, "a/scan.pdf", makeScanPDF(t, png, nil))
		if len(docs) != 1 || !docs[0].NeedsOCR || docs[0].Text != "" || docs[0].Pages != 1 {
			t.Fatalf("got %d documents (%+v), want one needing OCR", len(docs), docs)
		}
		if len(errs) != 1 || !errors.Is(errs[0], ErrNeedsOCR) {
			t.Fatalf("errors %v, want one ErrNeedsOCR", errs)
		}
	})
	t.Run("image", func(t *testing.T) {
		d := mustOne(t)(x.imageFile(ctx, "a/scan.png", png))
		checkLayout(t, d)
		if d.Format != record.FormatImage || d.OCRPages != 1 || !strings.Contains(d.Text, "Penhallow") {
			t.Fatalf("got format %s, OCR pages %d, Penhallow found %v", d.Format, d.OCRPages, strings.Contains(d.Text, "Penhallow"))
		}
		// pdftoppm records 200 dpi: the page comes out A4 in points.
		if p := d.PageInfo[0]; p.OCRDPI != 200 || p.Width < 590 || p.Width > 600 || p.Height < 837 || p.Height > 847 {
			t.Errorf("page %+v, want 595x842 points at 200 dpi", p)
		}
	})
}

func TestPDFBadInput(t *testing.T) {
	text := makeTextPDF(t, fixturePages)
	tests := []struct {
		name string
		opts Options
		data []byte
		want error
		msg  string
	}{
		{"encrypted", Options{}, encryptPDF(t, text), ErrEncrypted, "password"},
		{"truncated", Options{}, text[:len(text)/2], ErrCorrupt, "truncated (no %EOF end marker)"},
		{"broken", Options{}, []byte("%PDF-1.4\nthis is not really a PDF\n"), ErrCorrupt, "PDF engine"},
		{"not a pdf", Options{}, []byte("PK\x03\x04 a zip file"), ErrCorrupt, "not a PDF"},
		{"too many pages", Options{MaxPages: 1}, text, ErrTooLarge, "2 pages, limit 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, errs := New(tc.opts).pdfFile(context.Background(), "a/bad.pdf", tc.data)
			if len(errs) == 0 || !errors.Is(errs[0], tc.want) || !strings.Contains(errs[0].Error(), tc.msg) {
				t.Fatalf("pdfFile(%s) = %d docs, errors %v; want %v saying %q", tc.name, len(docs), errs, tc.want, tc.msg)
			}
		})
	}
}

func TestPDFTextAndRender(t *testing.T) {
	x := New(Options{})
	ctx := context.Background()
	plain := makeTextPDF(t, fixturePages)
	enc := encryptPDF(t, plain)
	pages, err := x.PDFText(ctx, enc, "open-sesame")
	if err != nil {
		t.Fatalf("PDFText(encrypted, password) error: %v", err)
	}
	if len(pages) != 2 || !strings.Contains(pages[1], "Elmstead Family Centre") {
		t.Errorf("PDFText gave %d pages; page 2 has the next review place: %v", len(pages), len(pages) == 2 && strings.Contains(pages[1], "Elmstead"))
	}
	if _, err := x.PDFText(ctx, enc, ""); !errors.Is(err, ErrEncrypted) {
		t.Errorf("PDFText(encrypted, no password) error %v, want ErrEncrypted", err)
	}
	img, err := x.RenderPage(ctx, plain, 2, 72)
	if err != nil {
		t.Fatalf("RenderPage: %v", err)
	}
	// A4 is 595.28 x 841.89 points; PDFium rounds up.
	if b := img.Bounds(); b.Dx() < 595 || b.Dx() > 596 || b.Dy() < 842 || b.Dy() > 843 {
		t.Errorf("RenderPage at 72 dpi is %dx%d, want 595x842 (±1)", b.Dx(), b.Dy())
	}
	if _, err := x.RenderPage(ctx, plain, 3, 72); err == nil {
		t.Errorf("RenderPage(page 3 of 2) gave no error")
	}
}

// TestSampleRecordPDFs reads every PDF of the shared sample record: each
// gives text, and its scans give words, from OCR or from their own layer.
func TestSampleRecordPDFs(t *testing.T) {
	root := samples.Record(t)
	needTesseract(t)
	var files []string
	filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatal("no PDFs in the sample record")
	}
	x := New(Options{})
	var ocrd, layered int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		d := mustOne(t)(x.pdfFile(context.Background(), rel, data))
		checkLayout(t, d)
		if len(strings.Fields(d.Text)) < 50 {
			t.Errorf("%s: %d words of text, want at least 50", rel, len(strings.Fields(d.Text)))
		}
		if d.Format != record.FormatScan {
			continue
		}
		if len(d.Words) <= 50 {
			t.Errorf("%s: scan with %d words, want more than 50", rel, len(d.Words))
		}
		if d.OCRPages > 0 {
			ocrd++
		} else {
			layered++
		}
	}
	if ocrd == 0 || layered == 0 {
		t.Errorf("%d scans OCR'd and %d read from their text layer, want at least one of each", ocrd, layered)
	}
}

// TestPDFRotated checks boxes follow the page's /Rotate: a page turned 90°
// clockwise is 842 wide, and text drawn at (56, 100) from the top left of
// the unturned page is found near (842-100, 56).
func TestPDFRotated(t *testing.T) {
	d := mustOne(t)(New(Options{}).pdfFile(context.Background(), "a/rot.pdf", rotatePDF(t, makeTextPDF(t, fixturePages[:1]))))
	checkLayout(t, d)
	if p := d.PageInfo[0]; p.Width < 841 || p.Width > 843 || p.Height < 594 || p.Height > 596 {
		t.Fatalf("rotated page is %.0fx%.0f, want 842x595", p.Width, p.Height)
	}
	at := strings.Index(d.Text, "Record of visit")
	var g record.Glyph
	for _, g = range d.Glyphs {
		if int(g.Start) == at {
			break
		}
	}
	if at < 0 || g.Box.X1 < 735 || g.Box.X0 > 760 || g.Box.Y0 < 50 || g.Box.Y0 > 62 {
		t.Errorf("first glyph of the body on the rotated page at %+v, want near x=742, y=56", g.Box)
	}
}
