package bundle

import (
	"bytes"
	"context"
	"errors"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

func writeFixture(t *testing.T, in Input, opts Options) (string, *Result) {
	t.Helper()
	need(t, "qpdf", "pdftotext", "pdftoppm")
	if opts.Reference == "" {
		opts.Reference = "SAR-TEST-0042"
	}
	opts.SubjectName = "Tamsin Oakenfold"
	opts.Date = day(2026, 3, 2)
	opts.PDFText = pdftotextPages
	path := filepath.Join(t.TempDir(), "bundle.pdf")
	res, err := WriteFile(context.Background(), path, in, opts)
	if err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	return path, res
}

func TestBundleEncryptedAndRedacted(t *testing.T) {
	in := fixture()
	path, res := writeFixture(t, in, Options{Password: "correct-horse-42"})
	pw := "correct-horse-42"
	if res.Password != "" {
		t.Errorf("Result.Password = %q for a given password, want empty", res.Password)
	}
	run(t, "qpdf", "--check", "--password="+pw, path)
	if out, err := execOut("pdftotext", path, "-"); err == nil {
		t.Errorf("pdftotext without password succeeded: %.100s", out)
	}
	text := run(t, "pdftotext", "-upw", pw, "-layout", path, "-")
	flat := strings.Join(strings.Fields(text), " ")
	for _, keep := range []string{"Tamsin said school is going well", "Kind regards, Idris Penhallow, Social Worker",
		"OFFICIAL-SENSITIVE", "SAR-TEST-0042", "Page 1 of", "[Sibling A]", "Interim care order", "0303 123 1113",
		"This document has been withheld", "A section of this document has been withheld", "Next review in six months"} {
		if keep == "Interim care order" {
			continue // no "ICO" in this record's text: it must not be in the glossary
		}
		if !strings.Contains(flat, keep) {
			t.Errorf("bundle text lacks %q", keep)
		}
	}
	for _, gone := range []string{"Oswin", "Threlkeld", "Larchmere", "Brackwell", "Garrick", "neighbours reported shouting", "depression", "Health visitor", ".docx", "jsmith"} {
		if strings.Contains(strings.ToLower(text), strings.ToLower(gone)) {
			t.Errorf("bundle text contains redacted %q", gone)
		}
	}
	if !strings.Contains(flat, "LAC: Looked after child") || strings.Contains(flat, "EPO:") {
		t.Errorf("glossary should list LAC (in the record) and not EPO (not in it)")
	}
	info := run(t, "pdfinfo", "-upw", pw, path)
	if !strings.Contains(info, "Title:           Disclosure bundle SAR-TEST-0042") || strings.Contains(info, "Author:") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	// Bookmarks: sanitised titles, no third-party names.
	outline := run(t, "qpdf", "--password="+pw, "--json", "--json-key=outlines", path)
	if strings.Contains(outline, "Threlkeld") || !strings.Contains(outline, "contact arrangements") {
		t.Errorf("outlines: %s", outline)
	}
	if res.Certificate.Hits != 0 || res.Certificate.Strings == 0 || res.Certificate.Objects == 0 || res.Certificate.Pages != res.Pages {
		t.Errorf("certificate = %+v (pages %d)", res.Certificate, res.Pages)
	}
	var csv bytes.Buffer
	if err := WriteScheduleCSV(&csv, res.Schedule, res.Certificate); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(csv.String(), "Threlkeld") || !strings.Contains(csv.String(), "Withheld document") || !strings.Contains(csv.String(), "leak check:") {
		t.Errorf("schedule:\n%s", csv.String())
	}
	for i, n := range []string{"cover", "contents", "key"} {
		savePage(t, path, pw, i+1, n)
	}
}

func execOut(name string, args ...string) (string, error) {
	out, err := execCommand(name, args...)
	return string(out), err
}

func TestBundleGeneratedPassword(t *testing.T) {
	path, res := writeFixture(t, fixture(), Options{})
	if len(res.Password) != 20 {
		t.Fatalf("generated password %q, want 20 characters", res.Password)
	}
	run(t, "qpdf", "--check", "--password="+res.Password, path)
}

func TestBundleLeakPlanted(t *testing.T) {
	in := fixture()
	// Plant: the document title carries a third party's name the sanitiser
	// cannot know about, because the leak is in another object: the
	// reference printed on every page and put in the Info dictionary.
	opts := Options{NoEncrypt: true, Reference: "Oswin Threlkeld"}
	opts.PDFText = pdftotextPages
	path := filepath.Join(t.TempDir(), "leak.pdf")
	_, err := WriteFile(context.Background(), path, in, opts)
	var le *LeakError
	if !errors.As(err, &le) {
		t.Fatalf("WriteFile with a planted leak: err = %v, want *LeakError", err)
	}
	if strings.Contains(err.Error(), "Threlkeld") {
		t.Errorf("leak error names the leaked text: %v", err)
	}
	if _, statErr := os.Stat(path); !os.IsNotExist(statErr) {
		t.Errorf("bundle file left behind after a leak")
	}
	// A benchmark may keep the refused file to look at; nothing else is
	// left, and the bundle's own path stays empty.
	opts.KeepRefused = filepath.Join(t.TempDir(), "refused.pdf")
	if _, err := WriteFile(context.Background(), path, in, opts); !errors.As(err, &le) {
		t.Fatalf("WriteFile with KeepRefused: err = %v, want *LeakError", err)
	}
	if _, statErr := os.Stat(path); !os.IsNotExist(statErr) {
		t.Errorf("bundle file left behind after a leak with KeepRefused")
	}
	if b, err := os.ReadFile(opts.KeepRefused); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("refused bundle not kept for the benchmark (%v)", err)
	}
}

func TestBundleLeakInInfoOnly(t *testing.T) {
	// A leak only in the Info dictionary (on no page) is caught by the raw
	// object search of the leak check.
	in := fixture()
	data := mustPlain(t, in)
	leaky := bytes.Replace(data, []byte("/Producer"), []byte("/Author (Oswin Threlkeld) /Producer"), 1)
	b := &builder{in: &in, opts: &Options{}, w: &writer{}, res: &Result{}}
	b.plans = plan(&in, OrderChronological)
	b.check = prepareCheck(&in, b.plans)
	if _, err := b.leakCheck(context.Background(), tempFile(t, data), ""); err != nil {
		t.Fatalf("leakCheck of the clean bundle: %v", err)
	}
	_, err := b.leakCheck(context.Background(), tempFile(t, leaky), "")
	var le *LeakError
	if !errors.As(err, &le) || len(le.Leaks) != 1 || le.Leaks[0].Where == "" || le.Leaks[0].Code != "TP" {
		t.Fatalf("leakCheck with a name in /Author: err = %v, want one TP leak", err)
	}
}

// tempFile is data in a file of the test's, open for reading.
func tempFile(t *testing.T, data []byte) *os.File {
	t.Helper()
	p := filepath.Join(t.TempDir(), "bundle.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func mustPlain(t *testing.T, in Input) []byte {
	t.Helper()
	path, _ := writeFixture(t, in, Options{NoEncrypt: true})
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBundleFontsMissing(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	saved := fontDirs
	fontDirs = nil
	defer func() { fontDirs = saved }()
	_, err := Write(context.Background(), &bytes.Buffer{}, fixture(), Options{FontDir: "/nonexistent/fonts"})
	if !errors.Is(err, ErrFont) || !strings.Contains(err.Error(), "/nonexistent/fonts/LiberationSans-Regular.ttf") {
		t.Fatalf("Write without fonts: err = %v, want ErrFont naming the path tried", err)
	}
}

func TestBundleScannedPageBurned(t *testing.T) {
	d, img := scanFixture(t, "s1", []string{"Letter about the family", "Mrs Philippa Quenby called the office", "about the children on Tuesday."})
	in := Input{Docs: []record.Document{d}, Reasons: testReasons}
	in.Redactions = redact(&in.Docs[0], "Quenby", "TP", "")
	if len(in.Redactions) == 0 {
		t.Fatalf("OCR did not read the name: %q", d.Text)
	}
	opts := Options{Password: "pw-scan-1", PageImage: func(_ context.Context, _ *record.Document, _, _ int) (image.Image, error) { return img, nil },
		PageOCR: tesseractPages}
	path, res := writeFixture(t, in, opts)
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	text := run(t, "pdftotext", "-upw", "pw-scan-1", path, "-")
	if strings.Contains(text, "Quenby") || !strings.Contains(text, "called the office") {
		t.Errorf("scanned page text layer = %q", text)
	}
	page := res.Pages
	savePage(t, path, "pw-scan-1", page, "scanned")
	dir := t.TempDir()
	run(t, "pdftoppm", "-upw", "pw-scan-1", "-r", "300", "-gray", "-png", "-f", itoa(page), "-l", itoa(page), "-singlefile", path, filepath.Join(dir, "p"))
	ocr := run(t, "tesseract", filepath.Join(dir, "p.png"), "-", "--psm", "4")
	if strings.Contains(ocr, "Quenby") || !strings.Contains(ocr, "Philippa") {
		t.Errorf("OCR of the burned page = %q: want Philippa kept and Quenby gone", ocr)
	}
}

func TestBundleArtifactPages(t *testing.T) {
	path, res := writeFixture(t, fixture(), Options{Password: "pw"})
	// Find the pages: redacted note, withheld notice.
	found := map[string]bool{}
	for i := 1; i <= res.Pages; i++ {
		txt := run(t, "pdftotext", "-upw", "pw", "-f", itoa(i), "-l", itoa(i), path, "-")
		switch {
		case strings.Contains(txt, "Visited Tamsin"):
			savePage(t, path, "pw", i, "redactions")
			found["redactions"] = true
		case strings.Contains(txt, "This document has been withheld"):
			savePage(t, path, "pw", i, "withheld")
			found["withheld"] = true
		}
	}
	for _, want := range []string{"redactions", "withheld"} {
		if !found[want] {
			t.Errorf("no %s page among the bundle's %d pages", want, res.Pages)
		}
	}
}

func TestBundleUnreadableLocationLargePrint(t *testing.T) {
	in := fixture()
	in.Unreadable = []Unreadable{{Description: "A PDF file from a shared drive", Reason: "the file is damaged"}}
	path, res := writeFixture(t, in, Options{NoEncrypt: true, Order: OrderLocation, LargePrint: true})
	text := run(t, "pdftotext", path, "-")
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"Files we could not read", "A PDF file from a shared drive could not be read (the file is damaged); ask us.",
		"Documents kept in an email mailbox", "Documents kept in legal services' files"} {
		if !strings.Contains(flat, want) {
			t.Errorf("bundle lacks %q", want)
		}
	}
	// Location order: grouped by folder ("legal" before "mailbox-..."),
	// whatever the dates.
	if strings.Index(flat, "Documents kept in an email mailbox") < strings.Index(flat, "Documents kept in legal services' files") {
		t.Errorf("location order wrong")
	}
	_, small := writeFixture(t, in, Options{NoEncrypt: true})
	if res.Pages <= small.Pages {
		t.Errorf("large print has %d pages, normal %d: want more", res.Pages, small.Pages)
	}
	fonts := run(t, "pdffonts", path)
	if !strings.Contains(fonts, "CID TrueType      Identity-H       yes") {
		t.Errorf("fonts not embedded subsets:\n%s", fonts)
	}
}

// The pack tells the requester what Article 15(1)(a)–(h) UK GDPR requires
// besides the copy, and lists it in the contents.
func TestAboutYourInformation(t *testing.T) {
	path, _ := writeFixture(t, fixture(), Options{NoEncrypt: true, Council: Council{Retention: "We keep these records for an invented period."}})
	out, err := execOut("pdftotext", path, "-")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"About your information", "Why we have it", "What kinds of information", "Who we share it with",
		"How long we keep it", "We keep these records for an invented period.", "correct information that is wrong", "delete",
		"limit how we use it", "object", "Where it came from", "Decisions made by computer", "Information Commissioner"} {
		if !strings.Contains(text, want) {
			t.Errorf("bundle text lacks %q", want)
		}
	}
	if strings.Count(text, "About your information") < 2 {
		t.Errorf("\"About your information\" is not in the contents")
	}
}
