package bundle

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestPDFDocStreamed writes a document through pdfDoc as the bundle does
// (held pages filled in last, the page count in a held page's text and in
// every footer, a bookmark, an encrypted copy and a plain one) and checks
// what a reader sees: qpdf finds both sound, pdftotext reads the text with
// the count in place, and the plain one is encrypted by Encrypt (the
// server's downloads) into a file qpdf opens with the password and whose
// text is the encrypted copy's.
func TestPDFDocStreamed(t *testing.T) {
	need(t, "qpdf", "pdftotext")
	f, err := loadFonts("")
	if err != nil {
		t.Skip(err)
	}
	write := func(crypt *pdfCrypt) string {
		var buf bytes.Buffer
		w, err := newWriter(f, &Options{Reference: "SAR-1"}, &buf, crypt)
		if err != nil {
			t.Fatal(err)
		}
		w.newPage()
		w.lines("This pack has {nb} pages. Łódź café — naïve", false, w.size)
		w.newPage()
		w.pdf.Hold()
		for i := range 7 {
			w.newPage()
			w.pdf.Bookmark("Part "+itoa(i), 0, w.y)
			w.lines("Body page "+itoa(i+3), true, w.size)
		}
		w.pdf.SetPage(2)
		w.lines("Contents, written last", false, w.size)
		w.pdf.SetPage(9)
		if err := w.pdf.Close(); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "doc.pdf")
		if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	crypt, err := newPDFCrypt("pw-stream")
	if err != nil {
		t.Fatal(err)
	}
	enc, plain := write(crypt), write(nil)
	run(t, "qpdf", "--check", "--password=pw-stream", enc)
	run(t, "qpdf", "--check", plain)
	text := strings.Join(strings.Fields(run(t, "pdftotext", "-upw", "pw-stream", enc, "-")), " ")
	for _, want := range []string{"This pack has 9 pages. Łódź café — naïve", "Contents, written last", "Body page 9", "Page 1 of 9", "Page 9 of 9", "Request SAR-1"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	p := encryptFile(t, plain, "pw-download")
	run(t, "qpdf", "--check", "--password=pw-download", p)
	if again := strings.Join(strings.Fields(run(t, "pdftotext", "-upw", "pw-download", p, "-")), " "); again != text {
		t.Errorf("text of the download differs from the encrypted copy's:\n%s\n---\n%s", again, text)
	}
}

// TestPDFReaderDecrypts reads an encrypted document back as the leak
// check does: every object in order, strings and streams decrypted and
// inflated, the page's words and the Info title found; a wrong password
// fails rather than reading nothing.
func TestPDFReaderDecrypts(t *testing.T) {
	f, err := loadFonts("")
	if err != nil {
		t.Skip(err)
	}
	crypt, err := newPDFCrypt("pw-read")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := newWriter(f, &Options{Reference: "SAR-2"}, &buf, crypt)
	if err != nil {
		t.Fatal(err)
	}
	w.pdf.SetTitle("Title of Quillon Marsh", true)
	w.newPage()
	w.lines("A line about Perpetua Vantreight.", false, w.size)
	if err := w.pdf.Close(); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("Quillon")) || bytes.Contains(buf.Bytes(), []byte("(SAR-2")) {
		t.Fatal("plain text in the encrypted file")
	}
	r := bytes.NewReader(buf.Bytes())
	rd, err := openPDFReader(r, int64(buf.Len()), "pw-read")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	objects := 0
	if err := rd.scan(func(n int, v any, stream []byte) error {
		objects++
		all.WriteString(objectText(v, stream))
		return nil
	}, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Title of Quillon Marsh", "A line about Perpetua Vantreight.", "Request SAR-2"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("objects read back lack %q", want)
		}
	}
	if objects < 10 {
		t.Errorf("%d objects read", objects)
	}
	if _, err := openPDFReader(r, int64(buf.Len()), "not-pw"); err == nil {
		t.Errorf("opened with a wrong password")
	}
}

// writePages writes n full pages of text through a writer to io.Discard,
// encrypted, calling at after page k (1-based) for each k in marks.
func writePages(tb testing.TB, n int, marks map[int]func()) {
	tb.Helper()
	crypt, err := newPDFCrypt("pw")
	if err != nil {
		tb.Fatal(err)
	}
	writePagesTo(tb, io.Discard, crypt, n, marks, nil)
}

// writePagesTo writes n full pages of text, each with the JPEG image if
// one is given, through a writer to out (encrypted unless crypt is nil).
func writePagesTo(tb testing.TB, out io.Writer, crypt *pdfCrypt, n int, marks map[int]func(), image []byte) {
	tb.Helper()
	f, err := loadFonts("")
	if err != nil {
		tb.Skip(err)
	}
	w, err := newWriter(f, &Options{Reference: "SAR-M"}, out, crypt)
	if err != nil {
		tb.Fatal(err)
	}
	w.pdf.SetTitle("Pages for a test", true)
	line := strings.Repeat("The social worker visited the family at home and wrote up the visit. ", 3)
	for k := 1; k <= n; k++ {
		w.newPage()
		if image != nil {
			w.pdf.JPEG(image, 0, 0, 100, 140)
		}
		for w.y+w.lh*3 < w.bot {
			w.lines(line, false, w.size)
		}
		if fn := marks[k]; fn != nil {
			fn()
		}
	}
	if err := w.pdf.Close(); err != nil {
		tb.Fatal(err)
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestPDFDocMemoryBounded writes 2,200 pages and wants the live heap after
// page 2,200 no more than a megabyte above what it was after page 200: a
// written page leaves its object numbers behind, not its content (a page
// of text is ~5 KB before compression; 2,000 of them held would be 10 MB).
func TestPDFDocMemoryBounded(t *testing.T) {
	var at200, at2200 uint64
	writePages(t, 2200, map[int]func(){200: func() { at200 = liveHeap() }, 2200: func() { at2200 = liveHeap() }})
	if grew := int64(at2200) - int64(at200); grew > 1<<20 {
		t.Errorf("live heap grew %d KB over 2,000 pages (%d -> %d bytes): pages are held", grew>>10, at200, at2200)
	}
}

// BenchmarkPDFDocPages writes b.N full text pages, encrypted, and reports
// the live heap after the last (it should not grow with b.N).
func BenchmarkPDFDocPages(b *testing.B) {
	var last uint64
	writePages(b, b.N, map[int]func(){b.N: func() { b.StopTimer(); last = liveHeap(); b.StartTimer() }})
	b.ReportMetric(float64(last)/(1<<20), "MiB-live")
}
