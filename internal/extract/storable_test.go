package extract

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
)

// checkStorable fails t when any string of d could not be saved in
// PostgreSQL text or jsonb: invalid UTF-8 or a NUL byte.
func checkStorable(t testing.TB, d record.Document) {
	t.Helper()
	strs := []string{d.Text, d.Title, d.Author, d.Type}
	for _, b := range d.Blocks {
		strs = append(strs, b.Label)
	}
	for k, v := range d.Meta {
		strs = append(strs, k, v)
	}
	if e := d.Email; e != nil {
		strs = append(strs, e.Subject, e.MessageID, e.InReplyTo)
		strs = append(strs, e.References...)
		for _, as := range [][]record.Address{e.From, e.To, e.Cc} {
			for _, a := range as {
				strs = append(strs, a.Name, a.Email)
			}
		}
	}
	for _, s := range strs {
		if !utf8.ValidString(s) || strings.Contains(s, "\x00") {
			t.Fatalf("%s part %q: %q is not storable (invalid UTF-8 or NUL)", d.Path, d.Part, s)
		}
	}
}

func TestStorable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"caf\xe9 au lait", "caf? au lait"},
		{"a\x00b", "a b"},
		{"\xe2\x80 cut rune", "?? cut rune"},
		{"kept \ufffd and ’", "kept \ufffd and ’"},
	} {
		if got := storable(c.in); got != c.want || len(got) != len(c.in) {
			t.Errorf("storable(%q) = %q, want %q (same length)", c.in, got, c.want)
		}
	}
}

// TestStorableDocuments: a case-notes export saved as Windows-1252 (as
// spreadsheet programs do) is decoded, and NUL bytes and stray bytes in
// email headers never reach the document, so it can be stored.
func TestStorableDocuments(t *testing.T) {
	x := New(Options{NoOCR: true})
	defer x.Close()
	tests := []struct {
		name, file, data, text, title string
	}{
		{"windows-1252", "notes.csv", "note_id,title,text\r\n1,Caf\xe9 visit,She said \x93fine\x94 \x96 \xa35\r\n", "She said “fine” – £5", "Café visit"},
		{"NUL bytes", "notes.csv", "note_id,title,text\n1,A\x00B,one\x00two\n", "onetwo", "AB"},
		{"email headers", "m.eml", "From: Ann\x00 Lee <a\x00@example.org>\r\nSubject: Vis\x00it \xff\r\nMessage-ID: <x\x00y>\r\n\r\nBody text.\r\n", "Body text.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := x.fromBytes(context.Background(), "loc/"+tt.file, "", tt.file, []byte(tt.data))
			if len(errs) > 0 || len(docs) != 1 {
				t.Fatalf("fromBytes(%s) = %d docs, %v; want 1 document", tt.file, len(docs), errs)
			}
			d := docs[0]
			checkStorable(t, d)
			if !strings.Contains(d.Text, tt.text) || tt.title != "" && d.Title != tt.title {
				t.Errorf("fromBytes(%s) text %q title %q, want text with %q and title %q", tt.file, d.Text, d.Title, tt.text, tt.title)
			}
		})
	}
}
