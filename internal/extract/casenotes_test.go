package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Case-notes exports of several shapes, all invented: the reader must find
// the same two notes in each.

func cp1252(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16(t *testing.T, s string, e unicode.Endianness, bom unicode.BOMPolicy) []byte {
	t.Helper()
	b, err := unicode.UTF16(e, bom).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// twoNotes is the content every shape holds: header names h, separator
// sep, line end eol. The notes' text holds separators, quoted as a
// spreadsheet program quotes them.
func twoNotes(h [5]string, sep, eol string) string {
	row := func(f ...string) string {
		for i, v := range f {
			if strings.Contains(v, sep) || strings.ContainsAny(v, "\"\n") {
				f[i] = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
		}
		return strings.Join(f, sep) + eol
	}
	return row(h[:]...) +
		row("03/02/2015 09:15", "Robin Carter", "Home Visit", "Visited the flat; café was shut – £5 spent.", "N") +
		row("04/02/2015", "Sam Okafor", "Telephone", `Called, then wrote; left | a	message "soon"`, "Yes")
}

func TestCaseNotesShapes(t *testing.T) {
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		enc  string // Meta["encoding"], "" for UTF-8
	}{
		{"semicolon, windows-1252", func(t *testing.T) []byte {
			return cp1252(t, twoNotes([5]string{"Entry Date", "Recorded By", "Category", "Details", "Confidential"}, ";", "\r\n"))
		}, "windows-1252"},
		{"tab, utf-16le with bom", func(t *testing.T) []byte {
			return utf16(t, twoNotes([5]string{"Created", "Worker", "Type", "Narrative", "Sensitive"}, "\t", "\r\n"), unicode.LittleEndian, unicode.UseBOM)
		}, "utf-16"},
		{"comma, utf-16be with bom", func(t *testing.T) []byte {
			return utf16(t, twoNotes([5]string{"Date", "Author", "Note Type", "Note", "Restricted"}, ",", "\n"), unicode.BigEndian, unicode.UseBOM)
		}, "utf-16"},
		{"comma, utf-16le without bom", func(t *testing.T) []byte {
			return utf16(t, twoNotes([5]string{"DATE_CREATED", "CREATED_BY", "NOTE_TYPE", "NOTE_TEXT", "RESTRICTED"}, ",", "\r\n"), unicode.LittleEndian, unicode.IgnoreBOM)
		}, "utf-16"},
		{"pipe, utf-8 with bom", func(t *testing.T) []byte {
			return []byte("\uFEFF" + twoNotes([5]string{"recorded-on", "entered by", "entry type", "entry", "sensitivity"}, "|", "\n"))
		}, ""},
		{"excel sep line", func(t *testing.T) []byte {
			return []byte("sep=;\r\n" + twoNotes([5]string{"Date", "Worker", "Type", "Text", "Restricted"}, ";", "\r\n"))
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "cases/export.csv", tt.data(t))
			x := New(Options{NoOCR: true})
			defer x.Close()
			docs, errs := x.File(context.Background(), root, "cases/export.csv")
			if len(errs) > 0 {
				t.Fatalf("File: errors %v", errs)
			}
			if len(docs) != 2 {
				t.Fatalf("File: %d documents, want 2", len(docs))
			}
			a, b := docs[0], docs[1]
			if want := "Visited the flat; café was shut – £5 spent."; !strings.Contains(a.Text, want) {
				t.Errorf("note 1 text = %q, want it to hold %q", a.Text, want)
			}
			if want := `Called, then wrote; left | a	message "soon"`; !strings.Contains(b.Text, want) {
				t.Errorf("note 2 text = %q, want it to hold %q", b.Text, want)
			}
			if a.Author != "Robin Carter" || b.Author != "Sam Okafor" {
				t.Errorf("authors = %q, %q, want Robin Carter, Sam Okafor", a.Author, b.Author)
			}
			if want := time.Date(2015, 2, 3, 0, 0, 0, 0, time.UTC); !a.Date.Equal(want) {
				t.Errorf("note 1 date = %v, want %v", a.Date, want)
			}
			if a.Restricted || !b.Restricted {
				t.Errorf("restricted = %v, %v, want false, true", a.Restricted, b.Restricted)
			}
			if a.Meta["note_type"] != "Home Visit" {
				t.Errorf("note 1 type = %q, want Home Visit", a.Meta["note_type"])
			}
			if a.Meta["encoding"] != tt.enc {
				t.Errorf("encoding = %q, want %q", a.Meta["encoding"], tt.enc)
			}
		})
	}
}

func TestCaseNotesMapping(t *testing.T) {
	export := "When|Who|Kind|What Happened|Notes for file\n" +
		"05/06/2016|Ash Patel|Visit|Saw the family at home.|filed\n"
	tests := []struct {
		name    string
		mapping string // "" = no mapping file
		kind    error  // wanted error kind, nil for a read
		message []string
	}{
		{"no mapping", "", ErrUnsupported, []string{
			"not a case-notes export", CaseNotesMapping, `columns seen (separated by pipes): "When", "Who", "Kind", "What Happened", "Notes for file"`}},
		{"mapping", `{"columns": {"text": "what happened", "date": "When", "author": "Who", "note_type": "Kind"}}`, nil, nil},
		{"mapping names a column the file lacks", `{"columns": {"text": "Narrative"}}`, ErrUnsupported, []string{
			"cases/" + CaseNotesMapping, `"What Happened"`}},
		{"mapping with an unknown column", `{"columns": {"body": "What Happened"}}`, ErrUnsupported, []string{
			"cases/" + CaseNotesMapping, `unknown column "body"`}},
		{"mapping not JSON", `text = What Happened`, ErrUnsupported, []string{"cases/" + CaseNotesMapping, "not a column mapping"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "cases/export.csv", []byte(export))
			if tt.mapping != "" {
				writeFile(t, root, "cases/"+CaseNotesMapping, []byte(tt.mapping))
			}
			x := New(Options{NoOCR: true})
			defer x.Close()
			docs, errs := x.File(context.Background(), root, "cases/export.csv")
			if tt.kind != nil {
				if len(errs) != 1 || !errors.Is(errs[0], tt.kind) || len(docs) != 0 {
					t.Fatalf("File = %d docs, errors %v; want one %v", len(docs), errs, tt.kind)
				}
				for _, m := range tt.message {
					if !strings.Contains(errs[0].Error(), m) {
						t.Errorf("error %q does not say %q", errs[0], m)
					}
				}
				if !strings.Contains(errs[0].Error(), "cases/export.csv") {
					t.Errorf("error %q does not name the file", errs[0])
				}
				return
			}
			if len(errs) > 0 || len(docs) != 1 {
				t.Fatalf("File = %d docs, errors %v; want 1 doc", len(docs), errs)
			}
			d := docs[0]
			if d.Author != "Ash Patel" || d.Meta["note_type"] != "Visit" || d.Date.Year() != 2016 {
				t.Errorf("note = author %q type %q date %v; want Ash Patel, Visit, 2016", d.Author, d.Meta["note_type"], d.Date)
			}
			// "Notes for file" is no column of the mapping and not the text:
			// the mapping's text column wins over the vocabulary's "notes".
			if !strings.HasPrefix(d.Text, "Saw the family at home.") || !strings.Contains(d.Text, "filed") {
				t.Errorf("text = %q, want the narrative then the extra field", d.Text)
			}
		})
	}
}

func TestParseCaseColumns(t *testing.T) {
	if _, err := parseCaseColumns(caseColumnsYAML); err != nil {
		t.Fatalf("embedded casenotes-columns.yaml: %v", err)
	}
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown column", "columns:\n  text: [text]\n  body: [body]\n", `unknown column "body"`},
		{"name under two columns", "columns:\n  text: [note]\n  title: [Note]\n", `"Note" is under both`},
		{"no text names", "columns:\n  date: [date]\n", "no names for the text column"},
		{"empty name", "columns:\n  text: [text, '--']\n", "an empty name"},
		{"unknown key", "columns:\n  text: [text]\nsynonyms: []\n", "synonyms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseCaseColumns([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseCaseColumns(%q) = %v, want an error saying %q", tt.yaml, err, tt.want)
			}
		})
	}
}

func TestSniffDelimiter(t *testing.T) {
	voc, err := defaultCaseColumns()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		want       rune
	}{
		{"commas, semicolons quoted", "date,text\n01/01/2015,\"a; b; c; d\"\n", ','},
		{"semicolons, commas in text", "date;text\n01/01/2015;a, b, c, d\n", ';'},
		{"tabs", "date\ttext\tauthor\n1\tx, y\tz\n", '\t'},
		{"pipes", "date|text\n1|x; y, z\n", '|'},
		{"no known header: most even rows", "a;b;c\n1;2;3\n4;5;6\n", ';'},
		{"nothing to go on: comma", "just one line", ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := sniffDelimiter(tt.text, voc, nil); got != tt.want {
				t.Errorf("sniffDelimiter(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
