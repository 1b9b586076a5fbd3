package extract

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/disclose-sar/disclose/internal/record"
)

// rawPDF writes a PDF from its numbered objects (1 is the catalog) with a
// correct cross-reference table: for PDF features the writer we use has
// no API for (sticky notes, form fields).
func rawPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func pdfStream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// annotatedPDF has a typed line, a sticky note with a popup, a text box,
// two filled-in form fields (one a kid of its parent field), an empty
// field and a link, and an embedded text file.
func annotatedPDF() []byte {
	return rawPDF(
		`<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 13 0 R 14 0 R] >> /Names << /EmbeddedFiles << /Names [(carer.txt) 8 0 R] >> >> >>`,
		`<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
		`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [7 0 R 10 0 R 9 0 R 6 0 R 12 0 R 14 0 R 15 0 R] >>`,
		`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`,
		pdfStream("", "BT /F1 12 Tf 72 750 Td (The page's own typed line.) Tj ET"),
		`<< /Type /Annot /Subtype /Widget /FT /Tx /T (carer_name) /V (Value typed into the form) /Rect [72 600 300 620] /P 3 0 R >>`,
		`<< /Type /Annot /Subtype /Text /Rect [400 700 420 720] /Contents (Sticky note about the quince jam) /T (Reviewer One) /Popup 10 0 R >>`,
		`<< /Type /Filespec /F (carer.txt) /UF (carer.txt) /EF << /F 11 0 R >> >>`,
		`<< /Type /Annot /Subtype /FreeText /Rect [72 500 300 540] /Contents (Free text box on the margin) /DA (/Helv 12 Tf 0 g) >>`,
		`<< /Type /Annot /Subtype /Popup /Rect [420 600 560 700] /Parent 7 0 R /Contents (Sticky note about the quince jam) >>`,
		pdfStream("/Type /EmbeddedFile", "Embedded words about the walnut tree."),
		`<< /Type /Annot /Subtype /Widget /Rect [72 560 300 580] /P 3 0 R /Parent 13 0 R >>`,
		`<< /FT /Tx /T (school) /V (Kid value from the parent field) /Kids [12 0 R] >>`,
		`<< /Type /Annot /Subtype /Widget /FT /Tx /T (left_blank) /Rect [72 520 300 540] /P 3 0 R >>`,
		`<< /Type /Annot /Subtype /Link /Rect [72 740 200 760] /A << /S /URI /URI (https://example.org/) >> >>`,
	)
}

func TestPDFAnnotationsFieldsAndEmbeddedFiles(t *testing.T) {
	x := New(Options{NoOCR: true})
	defer x.Close()
	docs, errs := x.fromBytes(context.Background(), "legal/form.pdf", "", "form.pdf", annotatedPDF())
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want the PDF and its embedded file", len(docs))
	}
	d := docs[0]
	checkBlocks(t, d)
	want := []struct {
		kind record.BlockKind
		text string
	}{
		{record.BlockLine, "The page’s own typed line."},
		{record.BlockComment, "[sticky note by Reviewer One: Sticky note about the quince jam]"},
		{record.BlockComment, "[text box: Free text box on the margin]"},
		{record.BlockField, "[form field carer_name: Value typed into the form]"},
		{record.BlockField, "[form field school: Kid value from the parent field]"},
	}
	if len(d.Blocks) != len(want) {
		t.Fatalf("blocks:\n%s\nwant %d", blockDump(d), len(want))
	}
	for i, w := range want {
		b := d.Blocks[i]
		if got := d.Text[b.Start:b.End]; b.Kind != w.kind || got != w.text || b.Page != 1 {
			t.Errorf("block %d = %s %q page %d, want %s %q page 1", i, b.Kind, got, b.Page, w.kind, w.text)
		}
	}
	// The sticky note's characters are boxed by its rectangle.
	i := strings.Index(d.Text, "quince")
	for _, g := range d.Glyphs {
		if int(g.Start) == i && (g.Box.X0 != 400 || g.Box.Y0 != 842-720) {
			t.Errorf("note glyph box %+v, want the note's rectangle", g.Box)
		}
	}
	e := docs[1]
	if e.Parent != d.ID && e.Parent != DocID("legal/form.pdf", "") || e.Part != "attachment-1-carer.txt" || !strings.Contains(e.Text, "walnut tree") {
		t.Errorf("embedded file: parent %q part %q text %q", e.Parent, e.Part, e.Text)
	}
}

// picturePDF is a typed page holding a picture of a typed line, as when a
// scan is pasted into a report.
func picturePDF(t *testing.T, pictureText string) []byte {
	t.Helper()
	font := mustFont(t)
	png := textPNG(t, pictureText)
	f := fpdf.New("P", "pt", "A4", "")
	f.AddUTF8FontFromBytes("sans", "", font)
	f.AddPage()
	f.SetFont("sans", "", 11)
	f.Text(56, 80, "The typed report says a picture follows.")
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	f.RegisterImageOptionsReader("pic", opt, bytes.NewReader(png))
	f.ImageOptions("pic", 56, 120, 480, 103, false, opt, 0, "")
	return mustOutput(t, f)
}

// textPNG is a picture of one typed line, as a scanner or a phone camera
// would give it.
func textPNG(t *testing.T, text string) []byte {
	t.Helper()
	src := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 420, Ht: 90}})
	src.AddUTF8FontFromBytes("sans", "", mustFont(t))
	src.AddPage()
	src.SetFont("sans", "", 22)
	src.Text(20, 55, text)
	return renderPNG(t, mustOutput(t, src), 200)
}

func TestPDFPictureOCR(t *testing.T) {
	needTesseract(t)
	data := picturePDF(t, "Pasted scan mentions Harrowgate Mill")
	x := New(Options{})
	defer x.Close()
	d := mustOne(t)(x.pdfFile(context.Background(), "a/report.pdf", data))
	if !strings.Contains(d.Text, "The typed report says") {
		t.Errorf("typed text lost: %q", d.Text)
	}
	if !strings.Contains(d.Text, imageTextOpen) || !strings.Contains(d.Text, "Harrowgate Mill") {
		t.Errorf("picture's text not read and marked: %q", d.Text)
	}
	if d.Format != record.FormatPDF || d.PageInfo[0].Scanned {
		t.Errorf("a typed page with a picture is not a scan: format %s scanned %v", d.Format, d.PageInfo[0].Scanned)
	}
	if strings.Count(d.Text, "The typed report") != 1 {
		t.Errorf("typed text read twice: %q", d.Text)
	}

	nx := New(Options{NoOCR: true})
	defer nx.Close()
	nd := mustOne(t)(nx.pdfFile(context.Background(), "a/report.pdf", data))
	if nd.Meta["unread_images"] == "" {
		t.Errorf("without OCR the picture is not said to be unread: meta %v", nd.Meta)
	}
}
