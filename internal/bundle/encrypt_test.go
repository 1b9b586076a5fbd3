package bundle

import (
	"bytes"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// storedBundle writes the fixture record, with a born-digital letter shown
// as its own page images, as the server stores a bundle (unencrypted, its
// cover letter saying the password comes with the download), and as the
// batch command writes it (encrypted as written, with batchPW).
func storedBundle(t *testing.T, batchPW string) (plain, batch string) {
	t.Helper()
	need(t, "qpdf", "pdftotext", "pdftoppm", "pdfinfo")
	x := extract.New(extract.Options{NoOCR: true})
	t.Cleanup(func() { x.Close() })
	letter := letterPDF(t, []string{"Dear Ms Ashdown,", "Mrs Philippa Quenby called the office on Tuesday", "about contact with the children."})
	in := fixture()
	in.Docs = append(in.Docs, readPDF(t, x, "letter.pdf", letter))
	in.Redactions = append(in.Redactions, redact(&in.Docs[len(in.Docs)-1], "Philippa Quenby", "TP", "Relative A")...)
	shown := func(o Options) Options {
		o.PageImage = x.PageImager(func(*record.Document) ([]byte, error) { return letter, nil })
		return o
	}
	plain, _ = writeFixture(t, in, shown(Options{NoEncrypt: true, EncryptedOnDownload: true}))
	batch, _ = writeFixture(t, in, shown(Options{Password: batchPW}))
	return plain, batch
}

// encryptFile encrypts the file at path for pw into a file of the test's.
func encryptFile(t testing.TB, path, pw string) string {
	t.Helper()
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out := filepath.Join(t.TempDir(), "download.pdf")
	f, err := os.OpenFile(out, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := Encrypt(f, in, pw); err != nil {
		t.Fatalf("Encrypt: %v", err)
	}
	return out
}

// TestEncryptStoredBundle encrypts a stored bundle as a download is and
// checks what a reader sees: qpdf finds it sound, AES-256 revision 6 with
// the batch bundle's permissions; pdfinfo calls it an encrypted PDF 2.0;
// only the password opens it; its text is the stored bundle's page for
// page, its title, bookmarks and page images are the stored bundle's; no
// plain text is left in its bytes; the leak check's reader reads it.
func TestEncryptStoredBundle(t *testing.T) {
	const pw, batchPW = "kettle-fern-7731", "batch-pw-5521"
	plain, batch := storedBundle(t, batchPW)
	enc := encryptFile(t, plain, pw)

	run(t, "qpdf", "--check", "--password="+pw, enc)
	if out, err := exec.Command("qpdf", "--check", "--password=not-"+pw, enc).CombinedOutput(); err == nil {
		t.Errorf("qpdf opened the file with a wrong password:\n%s", out)
	}
	if out, err := execOut("pdftotext", enc, "-"); err == nil {
		t.Errorf("pdftotext without the password succeeded: %.100s", out)
	}
	if out, err := execOut("pdftotext", "-upw", "not-"+pw, enc, "-"); err == nil {
		t.Errorf("pdftotext with a wrong password succeeded: %.100s", out)
	}

	show := run(t, "qpdf", "--show-encryption", "--password="+pw, enc)
	for _, want := range []string{"R = 6", "Supplied password is user password", "stream encryption method: AESv3",
		"string encryption method: AESv3", "modify other: not allowed", "extract for accessibility: allowed"} {
		if !strings.Contains(show, want) {
			t.Errorf("qpdf --show-encryption lacks %q:\n%s", want, show)
		}
	}
	if permissions(show) != permissions(run(t, "qpdf", "--show-encryption", "--password="+batchPW, batch)) {
		t.Errorf("permissions differ from the batch bundle's:\n%s", show)
	}
	info := strings.Join(strings.Fields(run(t, "pdfinfo", "-upw", pw, enc)), " ")
	for _, want := range []string{"PDF version: 2.0", "algorithm:AES-256)", "Encrypted: yes (", "Title: Disclosure bundle SAR-TEST-0042"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}

	want, got := pages(t, plain, ""), pages(t, enc, pw)
	if len(want) < 5 || len(got) != len(want) {
		t.Fatalf("pdftotext: %d pages encrypted, %d stored", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("page %d: text differs:\n%s\n---\n%s", i+1, got[i], want[i])
		}
	}
	if a, b := run(t, "qpdf", "--json", "--json-key=outlines", plain), run(t, "qpdf", "--password="+pw, "--json", "--json-key=outlines", enc); a != b {
		t.Errorf("bookmarks differ:\n%s\n---\n%s", b, a)
	}
	images := 0
	for n := 1; n <= len(want); n++ {
		if !strings.Contains(want[n-1], "called the office") {
			continue
		}
		images++
		if !sameImage(renderGray(t, plain, "", n, 50), renderGray(t, enc, pw, n, 50)) {
			t.Errorf("page %d (a page image) renders differently", n)
		}
	}
	if images == 0 {
		t.Errorf("no page of the letter shown as its page image")
	}

	data, err := os.ReadFile(enc)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Disclosure bundle", "SAR-TEST-0042", "en-GB"} {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("the encrypted file holds %q in plain", s)
		}
	}
	rd, err := openPDFReader(bytes.NewReader(data), int64(len(data)), pw)
	if err != nil {
		t.Fatalf("the leak check's reader: %v", err)
	}
	var objects strings.Builder
	if err := rd.scan(func(n int, v any, stream []byte) error {
		objects.WriteString(objectText(v, stream))
		return nil
	}, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(objects.String(), "Disclosure bundle SAR-TEST-0042") || !strings.Contains(objects.String(), "Tamsin said school is going well") {
		t.Errorf("the leak check's reader does not read the encrypted file's title and text")
	}
}

// permissions is what qpdf --show-encryption says is allowed.
func permissions(show string) string {
	var out []string
	for _, l := range strings.Split(show, "\n") {
		if strings.HasSuffix(l, ": allowed") || strings.HasSuffix(l, ": not allowed") {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return strings.Join(out, "\n")
}

// pages is pdftotext's text of each page.
func pages(t testing.TB, path, pw string) []string {
	t.Helper()
	args := []string{"-layout", "-enc", "UTF-8"}
	if pw != "" {
		args = append(args, "-upw", pw)
	}
	ps := strings.Split(run(t, "pdftotext", append(args, path, "-")...), "\f")
	return ps[:len(ps)-1]
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// TestEncryptFreshKey: two encryptions under one user password differ in
// their key and owner entries: both are made afresh each time.
func TestEncryptFreshKey(t *testing.T) {
	need(t, "qpdf")
	plain := filepath.Join(t.TempDir(), "plain.pdf")
	if err := os.WriteFile(plain, plainBundle(t, 3), 0o600); err != nil {
		t.Fatal(err)
	}
	a := run(t, "qpdf", "--password=same-pw-1", "--show-encryption-key", "--show-encryption", encryptFile(t, plain, "same-pw-1"))
	b := run(t, "qpdf", "--password=same-pw-1", "--show-encryption-key", "--show-encryption", encryptFile(t, plain, "same-pw-1"))
	if a == b {
		t.Errorf("two encryptions have the same key:\n%s", a)
	}
	if strings.Contains(a, "Supplied password is owner password") {
		t.Errorf("the user password is also the owner password:\n%s", a)
	}
}

// TestEncryptRefuses: what the encryption cannot make a sound file of is
// refused, not passed through.
func TestEncryptRefuses(t *testing.T) {
	need(t, "qpdf")
	plain := plainBundle(t, 3)
	var enc bytes.Buffer
	if err := Encrypt(&enc, bytes.NewReader(plain), "pw-once"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src, objstm := filepath.Join(dir, "plain.pdf"), filepath.Join(dir, "objstm.pdf")
	os.WriteFile(src, plain, 0o600)
	run(t, "qpdf", "--object-streams=generate", src, objstm)
	compressed, err := os.ReadFile(objstm)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, pw string
		in       []byte
		want     string
	}{
		{"no password", "", plain, "no password"},
		{"already encrypted", "pw-twice", enc.Bytes(), "already encrypted"},
		{"object streams", "pw", compressed, "object or cross-reference stream"},
		{"cut short", "pw", plain[:len(plain)/2], ""},
		{"not a PDF", "pw", []byte("PK\x03\x04 a zip file"), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := Encrypt(&bytes.Buffer{}, bytes.NewReader(c.in), c.pw)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Encrypt(%s) = %v, want an error saying %q", c.name, err, c.want)
			}
		})
	}
}

// plainBundle is n pages of text written unencrypted by the bundle writer.
func plainBundle(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	writePagesTo(t, &buf, nil, n, nil, nil)
	return buf.Bytes()
}

// heapSampler is the encrypted file's writer: it notes the live heap
// when the bytes written pass each mark.
type heapSampler struct {
	n     int64
	marks []int64
	heaps []uint64
}

func (h *heapSampler) Write(p []byte) (int, error) {
	h.n += int64(len(p))
	for len(h.marks) > 0 && h.n >= h.marks[0] {
		h.heaps = append(h.heaps, liveHeap())
		h.marks = h.marks[1:]
	}
	return len(p), nil
}

// TestEncryptMemoryBounded encrypts a 2,200-page bundle and wants the live
// heap when 90% of it is written no more than a megabyte above what it
// was at 10%: the encryption holds an object and the table's offsets,
// not the file.
func TestEncryptMemoryBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plain.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	writePagesTo(t, f, nil, 2200, nil, nil)
	size, _ := f.Seek(0, 1)
	f.Seek(0, 0)
	defer f.Close()
	h := &heapSampler{marks: []int64{size / 10, size * 9 / 10}}
	if err := Encrypt(h, f, "pw-memory"); err != nil {
		t.Fatal(err)
	}
	if len(h.heaps) != 2 {
		t.Fatalf("%d heap samples of 2 (%d of %d bytes written)", len(h.heaps), h.n, size)
	}
	if grew := int64(h.heaps[1]) - int64(h.heaps[0]); grew > 1<<20 {
		t.Errorf("live heap grew %d KB while encrypting %d MB (%d -> %d bytes): the file is held", grew>>10, size>>20, h.heaps[0], h.heaps[1])
	}
}

// BenchmarkEncryptPages encrypts a stored bundle of 2,000 pages, each a
// full page of text and a page image (as original pages are), read from
// its file, and reports the file's size and the peak live heap sampled
// every 16 MB written: it should not grow with the file.
func BenchmarkEncryptPages(b *testing.B) {
	path := filepath.Join(b.TempDir(), "plain.pdf")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	writePagesTo(b, f, nil, 2000, nil, noiseJPEG(b, 500, 700))
	size, _ := f.Seek(0, 1)
	defer f.Close()
	var peak, base uint64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		f.Seek(0, 0)
		base = liveHeap()
		h := &heapSampler{}
		for m := int64(16 << 20); m < size; m += 16 << 20 {
			h.marks = append(h.marks, m)
		}
		b.StartTimer()
		if err := Encrypt(h, f, "pw-bench"); err != nil {
			b.Fatal(err)
		}
		for _, v := range h.heaps {
			peak = max(peak, v)
		}
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB-file")
	b.ReportMetric(float64(base)/(1<<20), "MiB-live-before")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-live-peak")
	b.SetBytes(size)
}

// noiseJPEG is a grey page image of w × h pixels that compresses about as
// badly as a scan does.
func noiseJPEG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(160 + rng.IntN(96))
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 60}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
