package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// tesseractPages is the leak check's OCR in tests: poppler renders each
// page at 300 dpi and tesseract reads it (the command wires in extract's
// PDFium renderer instead).
func tesseractPages(ctx context.Context, data []byte, pw string, pages []int) ([]string, error) {
	p, done, err := tempPDF(data)
	if err != nil {
		return nil, err
	}
	defer done()
	dir := filepath.Dir(p)
	var out []string
	for _, pg := range pages {
		n := strconv.Itoa(pg)
		base := filepath.Join(dir, "p"+n)
		args := []string{"-r", "300", "-gray", "-png", "-f", n, "-l", n, "-singlefile"}
		if pw != "" {
			args = append(args, "-upw", pw)
		}
		if err := exec.CommandContext(ctx, "pdftoppm", append(args, p, base)...).Run(); err != nil {
			return nil, err
		}
		t, err := exec.CommandContext(ctx, "tesseract", base+".png", "-", "--psm", "3").Output()
		if err != nil {
			return nil, err
		}
		out = append(out, string(t))
	}
	return out, nil
}

// letterPDF is a born-digital source document: a coloured letterhead
// block, lines of text on two pages, as a council's word processor writes.
func letterPDF(t testing.TB, pages ...[]string) []byte {
	t.Helper()
	fo, err := loadFonts("")
	if err != nil {
		t.Skip(err)
	}
	f := fpdf.New("P", "pt", "A4", "")
	f.AddUTF8FontFromBytes("sans", "", fo.regular)
	for _, lines := range pages {
		f.AddPage()
		f.SetFillColor(30, 90, 160)
		f.Rect(60, 50, 120, 40, "F")
		f.SetFont("sans", "", 12)
		for i, l := range lines {
			f.Text(60, 140+float64(i)*22, l)
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readPDF extracts a source file (a PDF with its character boxes, or a
// Word document) as the record's reader does.
func readPDF(t testing.TB, x *extract.Extractor, name string, data []byte) record.Document {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
	docs, errs := x.File(context.Background(), dir, name)
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("read %s: %d documents, errors %v", name, len(docs), errs)
	}
	d := docs[0]
	d.Location, d.Type, d.Date = "shared-drive", "letter", day(2013, 5, 14)
	return d
}

// renderGray renders page n of a PDF file at dpi with poppler, as a
// requester's viewer would.
func renderGray(t testing.TB, path, pw string, n, dpi int) image.Image {
	t.Helper()
	base := filepath.Join(t.TempDir(), "p")
	args := []string{"-r", itoa(dpi), "-gray", "-png", "-f", itoa(n), "-l", itoa(n), "-singlefile"}
	if pw != "" {
		args = append(args, "-upw", pw)
	}
	run(t, "pdftoppm", append(args, path, base)...)
	fh, err := os.Open(base + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestOriginalPages: a born-digital PDF comes out as its own pages. Each
// bundle page differs from the source page, both rendered by poppler at
// 150 dpi, only inside the burned boxes and the stamp bands; the boxes are
// black; the redacted words are in neither the text nor the pixels (OCR);
// the kept words are searchable; qpdf finds the file sound.
func TestOriginalPages(t *testing.T) {
	need(t, "pdftoppm", "pdftotext", "qpdf", "tesseract")
	x := extract.New(extract.Options{NoOCR: true})
	defer x.Close()
	data := letterPDF(t,
		[]string{"Dear Ms Ashdown,", "Mrs Philippa Quenby called the office on Tuesday", "about contact with the children at the centre.", "Her phone number is 07700 900461 if needed."},
		[]string{"The review meeting is booked for next month.", "Philippa Quenby will not attend the review.", "Yours sincerely, the Leaving Care Team"})
	d := readPDF(t, x, "letter.pdf", data)
	in := Input{Docs: []record.Document{d}, Reasons: testReasons}
	in.Redactions = append(redact(&in.Docs[0], "Philippa Quenby", "TP", "Relative A"), redact(&in.Docs[0], "07700 900461", "TP", "")...)
	src := filepath.Join(t.TempDir(), "letter.pdf")
	os.WriteFile(src, data, 0o600)
	opts := Options{Password: "pw-orig", PageImage: x.PageImager(func(*record.Document) ([]byte, error) { return data, nil }),
		PDFText: x.PDFText, PageOCR: x.PageOCR}
	path, res := writeFixture(t, in, opts)
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	if len(res.Originals) != 2 || res.Certificate.OCRPages != 2 {
		t.Fatalf("original pages %d, OCR'd %d; want 2 and 2", len(res.Originals), res.Certificate.OCRPages)
	}
	run(t, "qpdf", "--password=pw-orig", "--check", path)
	text := run(t, "pdftotext", "-upw", "pw-orig", path, "-")
	for _, gone := range []string{"Quenby", "Philippa", "900461"} {
		if strings.Contains(text, gone) {
			t.Errorf("bundle text holds %q", gone)
		}
	}
	for _, kept := range []string{"called the office on Tuesday", "The review meeting is booked", "Dear Ms Ashdown"} {
		if !strings.Contains(text, kept) {
			t.Errorf("bundle text lacks %q:\n%s", kept, text)
		}
	}
	for _, op := range res.Originals {
		savePage(t, path, "pw-orig", op.Page, "original-"+itoa(op.SourcePage))
		// The source is rendered as the bundle's image was (PDFium); the
		// bundle as a requester's viewer shows it (poppler).
		want, err := x.RenderPage(context.Background(), data, op.SourcePage, 150)
		if err != nil {
			t.Fatal(err)
		}
		got := renderGray(t, path, "pw-orig", op.Page, 150)
		if wb, gb := want.Bounds(), got.Bounds(); gb.Dx() != wb.Dx() || gb.Dy() < wb.Dy()+140 {
			t.Errorf("page %d is %v, source %v: want the source's width and bands above and below", op.Page, gb, wb)
		}
		diff := DiffOriginal(want, got, op, 150, 48, 2)
		t.Logf("page %d: %d of %d pixels changed outside the boxes, %d ink; boxes %.2f dark", op.Page, diff.Changed, diff.Compared, diff.Ink, diff.BoxDark)
		if diff.Ink < 2000 || diff.Changed > diff.Compared/5000 {
			t.Errorf("page %d: %d of %d pixels changed outside the boxes (ink %d)", op.Page, diff.Changed, diff.Compared, diff.Ink)
		}
		if len(op.Boxes) == 0 || diff.BoxDark < 0.8 {
			t.Errorf("page %d: %d boxes, %.2f of their pixels dark", op.Page, len(op.Boxes), diff.BoxDark)
		}
		// The comparison sees removed text: the boxes themselves are
		// changes when not excluded.
		bare := op
		bare.Boxes = nil
		if nd := DiffOriginal(want, got, bare, 150, 48, 2); nd.Changed < 500 {
			t.Errorf("page %d: only %d pixels changed with the boxes not excluded", op.Page, nd.Changed)
		}
	}
	ocr := strings.Join(mustOCR(t, path, "pw-orig", res.Originals), "\n")
	if strings.Contains(ocr, "Quenby") || !strings.Contains(ocr, "Tuesday") {
		t.Errorf("OCR of the bundle's page images = %q: want Tuesday kept and Quenby gone", ocr)
	}
}

func mustOCR(t testing.TB, path, pw string, ops []OriginalPage) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var pages []int
	for _, op := range ops {
		pages = append(pages, op.Page)
	}
	out, err := tesseractPages(context.Background(), data, pw, pages)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOriginalPageImageLeak: a name that is only pixels on the source page
// (a photographed note pasted into a letter) is in no text layer; the OCR
// of the finished bundle's page images finds it and the bundle fails.
func TestOriginalPageImageLeak(t *testing.T) {
	need(t, "pdftoppm", "tesseract")
	x := extract.New(extract.Options{NoOCR: true})
	defer x.Close()
	dir := t.TempDir()
	note := filepath.Join(dir, "note.pdf")
	os.WriteFile(note, letterPDF(t, []string{"", "", "", "Garrick Threlkeld came to the door"}), 0o600)
	run(t, "pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", "-x", "100", "-y", "360", "-W", "900", "-H", "160", note, filepath.Join(dir, "note"))
	fo, _ := loadFonts("")
	f := fpdf.New("P", "pt", "A4", "")
	f.AddUTF8FontFromBytes("sans", "", fo.regular)
	f.AddPage()
	f.SetFont("sans", "", 12)
	f.Text(60, 100, "A note from the visit is copied below.")
	f.ImageOptions(filepath.Join(dir, "note.png"), 60, 140, 432, 77, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	d := readPDF(t, x, "visit.pdf", data)
	if strings.Contains(d.Text, "Threlkeld") {
		t.Fatalf("the name is in the text layer: %q", d.Text)
	}
	in := Input{Docs: []record.Document{d}, Reasons: testReasons, Watch: []Watched{{Text: "Garrick Threlkeld", Code: "TP"}}}
	opts := Options{Password: "pw", PageImage: x.PageImager(func(*record.Document) ([]byte, error) { return data, nil }),
		PDFText: x.PDFText, PageOCR: x.PageOCR}
	_, err := Write(context.Background(), io.Discard, in, opts)
	var le *LeakError
	if !errors.As(err, &le) || len(le.Leaks) != 1 || !strings.Contains(le.Leaks[0].Where, "(OCR; document 1 page 1)") {
		t.Fatalf("Write = %v, want one leak found by OCR of the page image, naming its document page", err)
	}
}

// wordFile is a minimal .docx of the given paragraphs.
func wordFile(t testing.TB, paras ...string) []byte {
	t.Helper()
	var body strings.Builder
	for _, p := range paras {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + p + `</w:t></w:r></w:p>`)
	}
	return wordFileBody(t, body.String())
}

// wordFileBody is a minimal .docx of the given body XML.
func wordFileBody(t testing.TB, bodyXML string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
	}
	files["word/document.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		bodyXML + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr></w:body></w:document>`
	for name, content := range files {
		f, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(content))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestOriginalWordPages: a Word document is laid out by LibreOffice and
// shown as its pages, the redacted name burned in and gone from the text
// and the pixels, the rest searchable.
func TestOriginalWordPages(t *testing.T) {
	need(t, "soffice", "pdftotext", "tesseract", "pdftoppm")
	x := extract.New(extract.Options{NoOCR: true})
	defer x.Close()
	data := wordFile(t, "Record of a visit to the family home.", "Philippa Quenby opened the door and said the children were at school.",
		"We agreed to meet again next week at the centre.")
	d := readPDF(t, x, "visit.docx", data)
	in := Input{Docs: []record.Document{d}, Reasons: testReasons}
	in.Redactions = redact(&in.Docs[0], "Philippa Quenby", "TP", "Relative A")
	open := func(*record.Document) ([]byte, error) { return data, nil }
	opts := Options{Password: "pw-word", PageImage: x.PageImager(open), Paginate: x.WordPages(open), PDFText: x.PDFText, PageOCR: x.PageOCR}
	path, res := writeFixture(t, in, opts)
	if len(res.Warnings) > 0 || len(res.Originals) != 1 || len(res.Originals[0].Boxes) != 1 {
		t.Fatalf("warnings %v, original pages %+v: want one page with one box", res.Warnings, res.Originals)
	}
	savePage(t, path, "pw-word", res.Originals[0].Page, "word-page")
	text := run(t, "pdftotext", "-upw", "pw-word", path, "-")
	ocr := strings.Join(mustOCR(t, path, "pw-word", res.Originals), "\n")
	for name, got := range map[string]string{"text": text, "OCR": ocr} {
		if strings.Contains(got, "Quenby") || !strings.Contains(got, "children were at school") {
			t.Errorf("bundle %s = %q: want the name gone and the rest kept", name, got)
		}
	}
}

// TestWordPagesOffPage: a Word table wider than its page runs past the
// edge, where no page shows its words; the document is typeset instead,
// with a warning, and every word is in the bundle.
func TestWordPagesOffPage(t *testing.T) {
	need(t, "soffice", "pdftotext")
	x := extract.New(extract.Options{NoOCR: true})
	defer x.Close()
	cell := func(w int, text string) string {
		return `<w:tc><w:tcPr><w:tcW w:w="` + itoa(w) + `" w:type="dxa"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p></w:tc>`
	}
	data := wordFileBody(t, `<w:p><w:r><w:t>Daily log</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:w="14000" w:type="dxa"/></w:tblPr>`+
		`<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="12000"/></w:tblGrid><w:tr>`+cell(2000, "Monday")+
		cell(12000, "Robin went to the swimming gala and won a ribbon for the relay, then walked home along the canal towpath with staff")+
		`</w:tr></w:tbl><w:p/>`)
	d := readPDF(t, x, "log.docx", data)
	in := Input{Docs: []record.Document{d}, Reasons: testReasons}
	open := func(*record.Document) ([]byte, error) { return data, nil }
	opts := Options{Password: "pw-wide", PageImage: x.PageImager(open), Paginate: x.WordPages(open), PDFText: x.PDFText}
	path, res := writeFixture(t, in, opts)
	if !strings.Contains(strings.Join(res.Warnings, "\n"), "runs off page") {
		t.Errorf("warnings %q: want the document typeset as its text runs off the page", res.Warnings)
	}
	text := strings.Join(strings.Fields(run(t, "pdftotext", "-upw", "pw-wide", path, "-")), " ")
	if !strings.Contains(text, "canal towpath with staff") {
		t.Errorf("bundle text lost the end of the wide cell: %q", text)
	}
}

// BenchmarkOriginalPages lays out 40 born-digital PDF pages in the original
// layout: PDFium renders each at 150 dpi, the boxes are burned, the page is
// JPEG-encoded and placed with its text layer; then encryption and the
// text and object leak check (no OCR here: that is tesseract's time,
// reported by bench/mupdf-compare.sh). Reports pages/s.
func BenchmarkOriginalPages(b *testing.B) {
	x := extract.New(extract.Options{NoOCR: true})
	defer x.Close()
	var pages [][]string
	for i := range 40 {
		pages = append(pages, []string{"Page " + itoa(i+1) + " of the review record.", "Philippa Quenby attended with the children.",
			"The plan was agreed and the next review is booked.", "Contact arrangements stay as they are for now."})
	}
	data := letterPDF(b, pages...)
	d := readPDF(b, x, "review.pdf", data)
	in := Input{Docs: []record.Document{d}, Reasons: testReasons}
	in.Redactions = redact(&in.Docs[0], "Philippa Quenby", "TP", "Relative A")
	opts := Options{Password: "bench", PageImage: x.PageImager(func(*record.Document) ([]byte, error) { return data, nil }), PDFText: x.PDFText}
	if _, err := Write(context.Background(), io.Discard, in, opts); err != nil { // warm the engine
		b.Fatal(err)
	}
	b.ResetTimer()
	n := 0
	for range b.N {
		res, err := Write(context.Background(), io.Discard, in, opts)
		if err != nil {
			b.Fatal(err)
		}
		n += len(res.Originals)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
}
