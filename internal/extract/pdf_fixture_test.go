package extract

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Test PDFs are made here rather than kept as binaries: the people in them
// are invented, and each file's making shows what it is.

const fixtureFont = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"

var (
	fixtureHead  = "Northmoor Borough Council - Children's Services"
	fixturePages = [][]string{
		{
			"Record of visit",
			"Child: Tamsin Oakenfold, born 04/07/2009.",
			"Social worker: Idris Penhallow visited the placement on 3rd March 2014.",
			"Tamsin's carer, Mrs Rowena Blackthorn, reported that school is going well.",
		},
		{
			"Actions agreed",
			"Idris Penhallow to speak to the school nurse before 21/03/2014.",
			"Next review: 12 May 2014 at Elmstead Family Centre.",
		},
	}
)

func mustFont(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(fixtureFont)
	if err != nil {
		t.Skipf("font not installed: %v", err)
	}
	return b
}

// makeTextPDF writes a born-digital PDF: one page per entry of pages, each
// with a running head and a "Page n of m" foot.
func makeTextPDF(t testing.TB, pages [][]string) []byte {
	t.Helper()
	font := mustFont(t)
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCreationDate(time.Date(2014, 3, 5, 10, 30, 0, 0, time.UTC))
	f.SetTitle("Record of visit", true)
	f.SetAuthor("Idris Penhallow", true)
	f.AddUTF8FontFromBytes("sans", "", font)
	for i, lines := range pages {
		f.AddPage()
		f.SetFont("sans", "", 9)
		f.Text(56, 40, fixtureHead)
		f.SetFont("sans", "", 11)
		for j, l := range lines {
			f.Text(56, 100+float64(j)*18, l)
		}
		f.SetFont("sans", "", 9)
		f.Text(270, 810, "Page "+strconv.Itoa(i+1)+" of "+strconv.Itoa(len(pages)))
	}
	return mustOutput(t, f)
}

func mustOutput(t testing.TB, f *fpdf.Fpdf) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return b.Bytes()
}

// renderPNG renders page 1 of pdf to a grey PNG with poppler's pdftoppm,
// standing in for a scanner.
func renderPNG(t testing.TB, pdf []byte, dpi int) []byte {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", in, filepath.Join(dir, "out")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	png, err := os.ReadFile(filepath.Join(dir, "out.png"))
	if err != nil {
		t.Fatal(err)
	}
	return png
}

// makeScanPDF wraps a page image into a PDF page it covers, as a scanner
// does. With layer set it also writes the lines as invisible text (render
// mode 3) where they sit in the image, as a scanner's own OCR does.
func makeScanPDF(t testing.TB, png []byte, layer []string) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "A4", "")
	f.AddPage()
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	f.RegisterImageOptionsReader("scan", opt, bytes.NewReader(png))
	w, h := f.GetPageSize()
	f.ImageOptions("scan", 0, 0, w, h, false, opt, 0, "")
	if layer != nil {
		f.AddUTF8FontFromBytes("sans", "", mustFont(t))
		f.SetFont("sans", "", 11)
		f.SetTextRenderingMode(3)
		for j, l := range layer {
			f.Text(56, 100+float64(j)*18, l)
		}
	}
	return mustOutput(t, f)
}

// encryptPDF encrypts pdf with qpdf (AES-256, user password "open-sesame").
func encryptPDF(t testing.TB, pdf []byte) []byte {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not installed")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("qpdf", "--encrypt", "open-sesame", "owner-pw", "256", "--", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v: %s", err, b)
	}
	enc, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

func needTesseract(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract not installed")
	}
}

// rotatePDF turns every page of pdf 90° clockwise with qpdf (/Rotate 90).
func rotatePDF(t testing.TB, pdf []byte) []byte {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not installed")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("qpdf", "--rotate=+90", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v: %s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
