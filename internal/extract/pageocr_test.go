package extract

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestPageOCRReadsPicturesNotText: the leak check's OCR reads what the
// page's pictures show and leaves its text objects to the text check. A
// page image with words in it and visible text drawn over a black box
// (as the bundle labels its boxes): OCR gives the picture's words and not
// the drawn text.
func TestPageOCRReadsPicturesNotText(t *testing.T) {
	needTesseract(t)
	scan := renderPNG(t, makeTextPDF(t, [][]string{{"Marigold Quenby visited the allotment on Tuesday."}}), 150)
	f := fpdf.New("P", "pt", "A4", "")
	f.AddPage()
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	f.RegisterImageOptionsReader("scan", opt, bytes.NewReader(scan))
	w, h := f.GetPageSize()
	f.ImageOptions("scan", 0, 0, w, h, false, opt, 0, "")
	f.AddUTF8FontFromBytes("sans", "", mustFont(t))
	f.SetFont("sans", "", 14)
	f.SetFillColor(0, 0, 0)
	f.Rect(50, 380, 300, 30, "F")
	f.SetTextColor(255, 255, 255)
	f.Text(60, 400, "Thistlewood Parade")
	f.SetTextColor(0, 0, 0)
	f.Text(60, 500, "Wheatcroft Lantern")
	pdf := mustOutput(t, f)

	x := New(Options{})
	defer x.Close()
	texts, err := x.PageOCR(context.Background(), pdf, "", []int{1})
	if err != nil {
		t.Fatal(err)
	}
	got := texts[0]
	if !strings.Contains(got, "Marigold") || !strings.Contains(got, "allotment") {
		t.Errorf("the picture's words were not read: %q", got)
	}
	for _, w := range []string{"Thistlewood", "Parade", "Wheatcroft", "Lantern"} {
		if strings.Contains(got, w) {
			t.Errorf("OCR read the page's text object %q: %q", w, got)
		}
	}
	// The text objects are still in the file for the text check.
	pages, err := x.PDFText(context.Background(), pdf, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pages[0], "Thistlewood Parade") {
		t.Errorf("text layer lost: %q", pages[0])
	}
}
