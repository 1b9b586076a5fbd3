package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/synth"
)

// Fuzz targets: no input may panic, inflate past the limits, or give
// blocks outside the text or overlapping. Seeds are committed under
// testdata/fuzz/<Name>/ (rewritten by TestFuzzSeeds with -update).
// Run one for a while with:
//
//	go test -run=^$ -fuzz=FuzzDOCX -fuzztime=20s ./internal/extract

const fuzzMaxDecompressed = 2 << 20

func fuzzExtractor(f *testing.F) *Extractor {
	// A converter that runs long on a mangled file (msgconvert, readpst) is
	// stopped at ConvertTimeout and reported as an error, which is what the
	// target checks; the default two minutes would outlast the fuzzing
	// engine's ten-second hang detector and fail the run as a hang.
	x := New(Options{MaxDecompressed: fuzzMaxDecompressed, NoOCR: true, ConvertTimeout: 3 * time.Second})
	f.Cleanup(func() { x.Close() })
	return x
}

func fuzzFile(t *testing.T, x *Extractor, name string, data []byte) {
	docs, errs := x.fromBytes(context.Background(), name, "", name, data)
	for _, d := range docs {
		checkBlocks(t, d)
		checkStorable(t, d)
		if len(d.Text) > 2*fuzzMaxDecompressed+len(data)*4 {
			t.Fatalf("%s: %d bytes of text from %d bytes", name, len(d.Text), len(data))
		}
	}
	for _, e := range errs {
		if e == nil || e.Error() == "" {
			t.Fatalf("%s: empty error", name)
		}
	}
}

func FuzzDOCX(f *testing.F) {
	x := fuzzExtractor(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFile(t, x, "fuzz.docx", data) })
}

func FuzzXLSX(f *testing.F) {
	x := fuzzExtractor(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFile(t, x, "fuzz.xlsx", data) })
}

func FuzzEML(f *testing.F) {
	x := fuzzExtractor(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFile(t, x, "fuzz.eml", data) })
}

func FuzzCSV(f *testing.F) {
	x := fuzzExtractor(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFile(t, x, "case_notes.csv", data) })
}

func FuzzZip(f *testing.F) {
	x := fuzzExtractor(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFile(t, x, "fuzz.zip", data) })
}

// FuzzMSG and FuzzPST run msgconvert and readpst on what passes the
// header check: slower than the Go readers, and as much a check that a
// hostile file cannot hang or flood them past their limits.
func FuzzMSG(f *testing.F) {
	x := fuzzExtractor(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFile(t, x, "fuzz.msg", data) })
}

func FuzzPST(f *testing.F) {
	x := fuzzExtractor(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFile(t, x, "fuzz.pst", data) })
}

func FuzzParseDate(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := ParseDate(s); ok && (d.Year() < 1900 || d.Year() > 2100) {
			t.Fatalf("ParseDate(%q) = %v: out of range", s, d)
		}
		if d, ok := FindDate(s); ok && d.IsZero() {
			t.Fatalf("FindDate(%q) = zero, true", s)
		}
		DateFromName(s)
	})
}

// fuzzSeeds are the committed starting inputs of each fuzz target: small
// valid files and broken ones.
func fuzzSeeds(t *testing.T) map[string][][]byte {
	full := fullDOCX(t)
	book := contactLog(t)
	email := []byte(strings.Replace(htmlEmail, "{{DOCX}}", "UEsDBA==", 1))
	return map[string][][]byte{
		"FuzzDOCX": {full, simpleDOCX(t, "One paragraph."), full[:len(full)/3], []byte("PK\x03\x04junk"),
			mustZip(t, zipEntry{"word/document.xml", []byte("<w:document><w:body><w:p><w:r><w:t>unclosed")})},
		"FuzzEML": {email, []byte(twoMessages), []byte("Subject: only a header\r\n\r\n"),
			[]byte("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Disposition: attachment; filename=a.txt\r\n\r\nx\r\n--b")},
		"FuzzXLSX": {book, book[:len(book)/2], mustZip(t, zipEntry{"xl/workbook.xml", []byte("<workbook><sheets><sheet name=\"a\"")})},
		"FuzzZip": {mustZip(t, zipEntry{"a/b.txt", []byte("words")}, zipEntry{"c.zip", mustZip(t, zipEntry{"d.md", []byte("# more")})}),
			mustZip(t, zipEntry{"../x.txt", []byte("out")}), []byte("PK\x05\x06" + strings.Repeat("\x00", 18))},
		"FuzzMSG": {synth.MSG("A", "a@example.org", "B", "b@example.org", "Subject", "Body.", time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC),
			synth.Attachment{Name: "x.txt", MIME: "text/plain", Data: []byte("attached")}), oleMagic},
		"FuzzPST": {append([]byte("!BDN"), make([]byte, 600)...),
			synth.PST("Inbox", synth.PSTMessage{Subject: "S", Body: "Body.", FromName: "A", FromEmail: "a@example.org", To: "B"})},
		"FuzzCSV": {[]byte(caseNotesCSV), []byte("text\n\"unterminated\n"), []byte("a,b\n1,2\n"), []byte("note_id,text\n1,\"a\"\"b\",extra\n")},
		"FuzzParseDate": {[]byte("3rd March 2014"), []byte("31/02/2014"), []byte("Date of visit: Monday, 3 Mar. 2014"),
			[]byte("lac-review-2014-09-30.pdf")},
	}
}

// TestFuzzSeeds keeps the committed seed corpus in step with the fixtures
// (go test -update writes it) and checks every seed passes its target.
func TestFuzzSeeds(t *testing.T) {
	// A converter that runs long on a mangled file (msgconvert, readpst) is
	// stopped at ConvertTimeout and reported as an error, which is what the
	// target checks; the default two minutes would outlast the fuzzing
	// engine's ten-second hang detector and fail the run as a hang.
	x := New(Options{MaxDecompressed: fuzzMaxDecompressed, NoOCR: true, ConvertTimeout: 3 * time.Second})
	defer x.Close()
	names := map[string]string{"FuzzDOCX": "fuzz.docx", "FuzzEML": "fuzz.eml", "FuzzCSV": "case_notes.csv", "FuzzXLSX": "fuzz.xlsx",
		"FuzzZip": "fuzz.zip", "FuzzMSG": "fuzz.msg", "FuzzPST": "fuzz.pst"}
	for target, seeds := range fuzzSeeds(t) {
		dir := filepath.Join("testdata", "fuzz", target)
		for i, s := range seeds {
			file := filepath.Join(dir, fmt.Sprintf("seed-%d", i+1))
			typ := "[]byte"
			if target == "FuzzParseDate" {
				typ = "string"
			}
			body := "go test fuzz v1\n" + typ + "(" + strconv.Quote(string(s)) + ")\n"
			if *update {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if _, err := os.Stat(file); err != nil {
				t.Errorf("seed %s missing (run go test -update): %v", file, err)
			}
			if name := names[target]; name != "" {
				fuzzFile(t, x, name, s)
			} else {
				ParseDate(string(s))
			}
		}
	}
}
