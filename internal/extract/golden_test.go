package extract

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// Fixtures other than Word files. People, places and addresses are invented.

const htmlEmail = "From: \"Testperson, Jordan\" <jordan.t@example.org>\r\n" +
	"To: Robin Worker <robin.worker@example.gov.uk>, duty@example.gov.uk\r\n" +
	"Cc: =?UTF-8?Q?Zo=C3=AB_Example?= <zoe@example.net>\r\n" +
	"Subject: Visit notes and letter\r\n" +
	"Date: Tue, 10 May 2016 09:15:00 +0100\r\n" +
	"Message-ID: <m1@example.org>\r\n" +
	"In-Reply-To: <m0@example.gov.uk>\r\n" +
	"References: <a@example.gov.uk>\r\n <m0@example.gov.uk>\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n" +
	"--XX\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
	"<html><body><p>Hello Robin,</p><p>Notes from the visit are <b>attached</b>.</p><p>Jordan</p></body></html>\r\n" +
	"--XX\r\nContent-Type: text/plain; name=\"visit notes.txt\"\r\nContent-Disposition: attachment; filename=\"visit notes.txt\"\r\n\r\n" +
	"Visit notes\r\n\r\nSeen at home on 09/05/2016.\r\n" +
	"--XX\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n" +
	"Content-Disposition: attachment; filename=\"letter.docx\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
	"{{DOCX}}\r\n" +
	"--XX\r\nContent-Type: application/vnd.ms-excel\r\nContent-Disposition: attachment; filename=\"budget.xls\"\r\n" +
	"Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n" +
	"--XX--\r\n"

const twoMessages = "From jordan@example.org Mon May  9 10:00:00 2016\n" +
	"From: Jordan Testperson <jordan@example.org>\nTo: Robin Worker <robin@example.gov.uk>\n" +
	"Subject: First\nDate: Mon, 9 May 2016 10:00:00 +0100\n\nFirst body.\n>From the start of a line.\n\n" +
	"From robin@example.gov.uk Tue May 10 11:00:00 2016\n" +
	"From: Robin Worker <robin@example.gov.uk>\nTo: Jordan Testperson <jordan@example.org>\n" +
	"Subject: Re: First\nDate: Tue, 10 May 2016 11:00:00 +0100\n\nSecond body.\n"

const caseNotesCSV = "\uFEFFNote_ID,Date,Author,Author_Role,Note_Type,Title,Text,Restricted,Team\r\n" +
	"N1,03/02/2015,Robin Worker,Social Worker,Visit,Home visit,\"Seen at home, with \"\"Gran\"\".\r\nSecond line of the note.\",N,East\r\n" +
	"N2,04/02/2015,Duty Desk,Duty,Agency,Police information,Restricted detail.,Y,East\r\n" +
	"N3,05/02/2015,Robin Worker,Social Worker,Visit\r\n" +
	",06/02/2015,Robin Worker,Social Worker,Phone call,Call with school,,yes,East\r\n"

// win1252Text is Windows-1252: é, curly quotes, the pound sign.
const win1252Text = "Caf\xe9 meeting\r\n\r\nShe said \x93thank you\x94 and paid \xa35.\r\n"

const markdownText = "# Life story session\n\nWe looked at photos.\nThen drew a map.\n\n## Next time\n\nBring the album.\n"

// goldenFixtures writes each fixture into a record folder and returns the
// record root and the files in it.
func goldenFixtures(t *testing.T) (string, []string) {
	t.Helper()
	letter := simpleDOCX(t, "Dear Jordan, this letter confirms the meeting on 12/05/2016.")
	b64 := base64.StdEncoding.EncodeToString(letter)
	var wrapped strings.Builder
	for len(b64) > 76 {
		wrapped.WriteString(b64[:76] + "\r\n")
		b64 = b64[76:]
	}
	wrapped.WriteString(b64)
	files := map[string][]byte{
		"drive/visit-record.docx":        fullDOCX(t),
		"mail/visit notes.eml":           []byte(strings.Replace(htmlEmail, "{{DOCX}}", wrapped.String(), 1)),
		"mail/two.mbox":                  []byte(twoMessages),
		"export/case_notes.csv":          []byte(caseNotesCSV),
		"drive/legacy notes.txt":         []byte(win1252Text),
		"drive/life-story-2017-06-06.md": []byte(markdownText),
	}
	root := t.TempDir()
	var names []string
	for rel, b := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, rel)
	}
	return root, names
}

// goldenDoc is what the golden files hold of a document: no hashes (zip
// bytes vary with the Go version) and no glyphs.
type goldenDoc struct {
	ID, Part, Parent, Location, Path string
	Format                           record.Format
	Type, Title, Author              string
	Date                             string
	Pages                            int
	Restricted                       bool `json:",omitempty"`
	Text                             string
	Blocks                           []goldenBlock
	Email                            *record.Email     `json:",omitempty"`
	Meta                             map[string]string `json:",omitempty"`
}

// goldenBlock shows each block's text beside its offsets so a reviewer can
// read the golden file.
type goldenBlock struct {
	Kind       record.BlockKind
	Start, End int
	Label      string `json:",omitempty"`
	Text       string
}

type goldenFile struct {
	Documents []goldenDoc
	Errors    []string `json:",omitempty"`
}

func TestGolden(t *testing.T) {
	root, names := goldenFixtures(t)
	x := New(Options{NoOCR: true})
	defer x.Close()
	for _, rel := range names {
		t.Run(filepath.Base(rel), func(t *testing.T) {
			docs, errs := x.File(context.Background(), root, rel)
			var got goldenFile
			for _, d := range docs {
				checkBlocks(t, d)
				if d.ID != DocID(rel, d.Part) || d.Hash == "" || d.TextHash != TextHash(d.Text) {
					t.Errorf("%s part %q: id %s hash %q text hash %q not set as dispatch promises", rel, d.Part, d.ID, d.Hash, d.TextHash)
				}
				g := goldenDoc{ID: d.ID, Part: d.Part, Parent: d.Parent, Location: d.Location, Path: d.Path, Format: d.Format,
					Type: d.Type, Title: d.Title, Author: d.Author, Pages: d.Pages, Restricted: d.Restricted,
					Text: d.Text, Email: d.Email, Meta: d.Meta}
				if !d.Date.IsZero() {
					g.Date = d.Date.Format(time.DateOnly)
				}
				for _, b := range d.Blocks {
					g.Blocks = append(g.Blocks, goldenBlock{b.Kind, b.Start, b.End, b.Label, d.Text[b.Start:b.End]})
				}
				got.Documents = append(got.Documents, g)
			}
			for _, e := range errs {
				got.Errors = append(got.Errors, e.Error())
			}
			gotJSON, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", strings.NewReplacer(" ", "-", "/", "_").Replace(rel)+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(gotJSON, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(bytes.TrimSpace(want)), string(gotJSON)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}
