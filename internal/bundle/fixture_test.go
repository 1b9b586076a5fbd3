package bundle

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/disclose-sar/disclose/internal/record"
)

// The people here are invented for the tests.

// doc builds a document from blocks of text, each a paragraph.
func doc(id, loc, typ, title string, date time.Time, paras ...string) record.Document {
	d := record.Document{ID: id, Location: loc, Path: loc + "/" + id + ".docx", Format: record.FormatDOCX, Type: typ, Title: title, Date: date}
	for i, p := range paras {
		if i > 0 {
			d.Text += "\n"
		}
		kind := record.BlockParagraph
		if strings.HasPrefix(p, "# ") {
			p = p[2:]
			kind = record.BlockHeading
		}
		d.Blocks = append(d.Blocks, record.Block{Kind: kind, Start: len(d.Text), End: len(d.Text) + len(p)})
		d.Text += p
	}
	return d
}

// redact redacts every occurrence of s in d.
func redact(d *record.Document, s, code, label string) []record.Redaction {
	var out []record.Redaction
	for off := 0; ; {
		i := strings.Index(d.Text[off:], s)
		if i < 0 {
			return out
		}
		out = append(out, record.Redaction{DocID: d.ID, Start: off + i, End: off + i + len(s), Code: code, Label: label, RuleID: "test", Decider: "auto", Text: s})
		off += i + len(s)
	}
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

var testReasons = map[string]Reason{
	"TP": {Code: "TP", Title: "Information about other people", Law: "DPA 2018 Sch. 2 para. 16", Plain: "This is about someone else, so we have taken it out."},
	"PA": {Code: "PA", Title: "Information from another organisation", Law: "DPA 2018 Sch. 2 para. 16", Plain: "This came from another organisation. We must ask them before we can share it."},
}

// fixture is a small record with a redacted case note, an email whose
// subject names a third party, a withheld police referral and a document
// with a withheld section.
func fixture() Input {
	note := doc("n1", "case-system-export", "case note", "Home visit", day(2014, 3, 3),
		"# Home visit",
		"Visited Tamsin at the placement. Her brother Oswin Threlkeld was there; he lives at 14 Larchmere Road, Brackwell.",
		"Tamsin said school is going well and she wants more family time. The LAC review is booked with the IRO.")
	mail := doc("e1", "mailbox-jsmith", "email", "FW Oswin Threlkeld - contact arrangements", day(2014, 4, 2),
		"Contact will move to Saturdays so that Oswin Threlkeld can attend.",
		"Kind regards, Idris Penhallow, Social Worker")
	mail.Format = record.FormatEmail
	police := doc("p1", "legal", "police referral", "Referral about Garrick Threlkeld", day(2013, 11, 20),
		"Officers attended the address after neighbours reported shouting late at night.",
		"Garrick Threlkeld was arrested at the scene and later released on bail with conditions.")
	review := doc("r1", "shared-drive", "review", "Pathway plan review", time.Time{},
		"Tamsin has started college and enjoys the catering course very much.",
		"Health visitor notes say the mother disclosed a long history of depression to her doctor last year.",
		"Next review in six months with the personal adviser.")
	in := Input{Docs: []record.Document{note, mail, police, review}, Reasons: testReasons,
		Labels: []Label{{Label: "Sibling A", Meaning: "one of your brothers or sisters"}}, Keep: []string{"Tamsin Oakenfold"}}
	in.Redactions = append(in.Redactions, redact(&in.Docs[0], "Oswin Threlkeld", "TP", "Sibling A")...)
	in.Redactions = append(in.Redactions, redact(&in.Docs[0], "14 Larchmere Road, Brackwell", "TP", "")...)
	in.Redactions = append(in.Redactions, redact(&in.Docs[1], "Oswin Threlkeld", "TP", "Sibling A")...)
	in.Redactions = append(in.Redactions, record.Redaction{DocID: "p1", Withhold: true, Code: "PA", RuleID: "partner-police", Decider: "auto"})
	s := strings.Index(review.Text, "Health visitor")
	e := strings.Index(review.Text, "last year.") + len("last year.")
	in.Redactions = append(in.Redactions, record.Redaction{DocID: "r1", Start: s, End: e, Withhold: true, Code: "PA", RuleID: "partner-health", Decider: "auto"})
	return in
}

func need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// pdftotextPages is the leak check's page text in tests (extract's PDFium
// reader is wired in by the command).
func pdftotextPages(ctx context.Context, data []byte, pw string) ([]string, error) {
	p, done, err := tempPDF(data)
	if err != nil {
		return nil, err
	}
	defer done()
	args := []string{"-enc", "UTF-8"}
	if pw != "" {
		args = append(args, "-upw", pw)
	}
	out, err := exec.CommandContext(ctx, "pdftotext", append(args, p, "-")...).Output()
	if err != nil {
		return nil, err
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages, nil
}

// tempPDF writes data to a file of its own for a tool to read; done
// removes it.
func tempPDF(data []byte) (string, func(), error) {
	dir, err := os.MkdirTemp("", "bundle-pdf-")
	if err != nil {
		return "", nil, err
	}
	p := filepath.Join(dir, "b.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return p, func() { os.RemoveAll(dir) }, nil
}

// artifacts is where rendered pages are saved for a person to look at.
func artifacts(t testing.TB) string {
	dir := os.Getenv("DISCLOSE_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "artifacts")
	}
	dir = filepath.Join(dir, "bundle")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// savePage renders page n of pdf at 60 dpi into the artifacts folder.
func savePage(t testing.TB, pdf, pw string, n int, name string) {
	t.Helper()
	args := []string{"-r", "60", "-png", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-singlefile"}
	if pw != "" {
		args = append(args, "-upw", pw)
	}
	run(t, "pdftoppm", append(args, pdf, filepath.Join(artifacts(t), name))...)
}

// scanFixture makes a scanned document: a page of text drawn with fpdf,
// rasterised by pdftoppm (the "scanner") and read back by tesseract for
// words and boxes, as extract's OCR does. PageImage returns the raster.
func scanFixture(t testing.TB, id string, lines []string) (record.Document, image.Image) {
	t.Helper()
	need(t, "pdftoppm", "tesseract")
	f := fpdf.New("P", "pt", "A4", "")
	fo, err := loadFonts("")
	if err != nil {
		t.Skip(err)
	}
	f.AddUTF8FontFromBytes("sans", "", fo.regular)
	f.AddPage()
	f.SetFont("sans", "", 14)
	for i, l := range lines {
		f.Text(60, 120+float64(i)*28, l)
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "scan.pdf")
	os.WriteFile(src, buf.Bytes(), 0o600)
	run(t, "pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", src, filepath.Join(dir, "scan"))
	pngPath := filepath.Join(dir, "scan.png")
	tsv := run(t, "tesseract", pngPath, "-", "--psm", "4", "tsv")
	fh, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(fh)
	fh.Close()
	if err != nil {
		t.Fatal(err)
	}
	d := record.Document{ID: id, Location: "archive-box-01-scanned", Path: "archive/" + id + ".pdf", Format: record.FormatScan,
		Type: "scanned letter", Date: day(2012, 10, 5), Pages: 1,
		PageInfo: []record.PageInfo{{Number: 1, Width: 595.28, Height: 841.89, Scanned: true, OCRDPI: 150}}}
	k := 72.0 / 150
	lastLine := ""
	lineStart := 0
	for _, row := range strings.Split(tsv, "\n")[1:] {
		c := strings.Split(row, "\t")
		if len(c) < 12 || c[0] != "5" || strings.TrimSpace(c[11]) == "" {
			continue
		}
		line := c[2] + "." + c[3] + "." + c[4]
		if line != lastLine {
			if lastLine != "" {
				d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockLine, Page: 1, Start: lineStart, End: len(d.Text)})
				d.Text += "\n"
			}
			lineStart = len(d.Text)
			lastLine = line
		} else {
			d.Text += " "
		}
		x, _ := strconv.Atoi(c[6])
		y, _ := strconv.Atoi(c[7])
		w, _ := strconv.Atoi(c[8])
		h, _ := strconv.Atoi(c[9])
		s := len(d.Text)
		d.Text += c[11]
		d.Words = append(d.Words, record.Word{Page: 1, Start: s, End: len(d.Text), Conf: 90,
			Box: record.Box{X0: float32(float64(x) * k), Y0: float32(float64(y) * k), X1: float32(float64(x+w) * k), Y1: float32(float64(y+h) * k)}})
	}
	d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockLine, Page: 1, Start: lineStart, End: len(d.Text)})
	return d, img
}
