package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile puts data at root/rel.
func writeFile(t *testing.T, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBadInput(t *testing.T) {
	full := fullDOCX(t)
	zeros := bytes.Repeat([]byte{0}, 10<<20)
	var many []zipEntry
	for i := range maxZipEntries + 1 {
		many = append(many, zipEntry{fmt.Sprintf("f%d", i), nil})
	}
	tests := []struct {
		name    string
		rel     string
		data    []byte
		opts    Options
		kind    error // wanted error kind
		docs    int   // documents still read
		message string
	}{
		{"empty", "loc/empty.docx", nil, Options{}, ErrEmpty, 0, "0 bytes"},
		{"not a zip", "loc/corrupt.docx", []byte("this is not a zip file at all"), Options{}, ErrCorrupt, 0, "zip"},
		{"truncated zip", "loc/truncated.docx", full[:len(full)/2], Options{}, ErrCorrupt, 0, ""},
		{"zip without Word parts", "loc/other.docx", mustZip(t, zipEntry{"hello.txt", []byte("hi")}), Options{}, ErrCorrupt, 0, "word/document.xml"},
		{"zip bomb", "loc/bomb.docx", mustDOCX(t, string(zeros), ""), Options{MaxDecompressed: 1 << 20}, ErrTooLarge, 0, "limit"},
		{"zip bomb by ratio", "loc/ratio.docx", mustDOCX(t, string(bytes.Repeat(zeros, 3)), ""), Options{}, ErrTooLarge, 0, "zip bomb"},
		{"too many entries", "loc/many.docx", mustZip(t, many...), Options{}, ErrTooLarge, 0, "entries"},
		{"old Word file", "loc/old.docx", append(append([]byte{}, oleMagic...), make([]byte, 512)...), Options{}, ErrCorrupt, 0, "97-2003"},
		{"encrypted Word file", "loc/secret.docx", append(append([]byte{}, oleMagic...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")...), Options{}, ErrEncrypted, 0, ""},
		{"XML cut short", "loc/cut.docx", mustDOCX(t, strings.Replace(fullDocumentXML, "</w:body></w:document>", "", 1)[:2000], ""), Options{}, ErrCorrupt, 1, "XML"},
		{"CSV without note columns", "loc/people.csv", []byte("name,phone\nA,1\n"), Options{}, ErrUnsupported, 0, `columns seen (separated by commas): "name", "phone"`},
		{"CSV header only", "loc/case_notes.csv", []byte("note_id,text\r\n"), Options{}, ErrEmpty, 0, "no notes"},
		{"CSV ragged row", "loc/case_notes.csv", []byte("note_id,date,text\n1,01/02/2014,a\n2,02/02/2014\n3,03/02/2014,c\n"), Options{}, ErrCorrupt, 2, "row 3 (line 3): has 2 fields, header has 3"},
		{"odd name", "loc/a folder/ño 'quoted' \"name\" (1).docx", []byte("junk"), Options{}, ErrCorrupt, 0, ""},
		{"unknown type", "loc/drawing.vsdx", []byte("PK"), Options{}, ErrUnsupported, 0, ".vsdx"},
		{"no converter", "loc/a.doc", append(append([]byte{}, oleMagic...), make([]byte, 600)...),
			Options{Soffice: "/nonexistent/soffice"}, ErrUnsupported, 0, "LibreOffice (/nonexistent/soffice) is not installed"},
		{"not a Word 97 file", "loc/b.doc", []byte("just some words, no Word file"), Options{}, ErrCorrupt, 0, "not a Word 97-2003, RTF"},
		{"not RTF", "loc/c.rtf", []byte("plain words"), Options{}, ErrCorrupt, 0, "not an RTF file"},
		{"not OpenDocument", "loc/e.odt", []byte("plain words"), Options{}, ErrCorrupt, 0, "not an OpenDocument (zip) file"},
		{"OpenDocument bomb", "loc/f.odt", mustZip(t, zipEntry{"content.xml", bytes.Repeat(zeros, 3)}), Options{}, ErrTooLarge, 0, "zip bomb"},
		{"blank text", "loc/blank.txt", []byte("\xEF\xBB\xBF  \r\n\r\n\t"), Options{}, ErrEmpty, 0, "no text"},
		{"not an email", "loc/x.eml", []byte("\x00\x01\x02"), Options{}, ErrCorrupt, 0, "not a readable email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, tt.rel, tt.data)
			x := New(tt.opts)
			defer x.Close()
			docs, errs := x.File(context.Background(), root, tt.rel)
			if len(docs) != tt.docs {
				t.Errorf("File(%q) gave %d documents, want %d", tt.rel, len(docs), tt.docs)
			}
			for _, d := range docs {
				checkBlocks(t, d)
			}
			if tt.kind == nil {
				return
			}
			if len(errs) == 0 {
				t.Fatalf("File(%q): no error, want %v", tt.rel, tt.kind)
			}
			var fe *Error
			if !errors.As(errs[0], &fe) || fe.Path != tt.rel {
				t.Errorf("File(%q) error %v does not name the file", tt.rel, errs[0])
			}
			if !errors.Is(errs[0], tt.kind) {
				t.Errorf("File(%q) error %v, want kind %v", tt.rel, errs[0], tt.kind)
			}
			if !strings.Contains(errs[0].Error(), tt.message) {
				t.Errorf("File(%q) error %q does not say %q", tt.rel, errs[0], tt.message)
			}
		})
	}
}

// TestErrorsDoNotQuoteText: a file's problems are reported without its
// text (the ingest report is shown and stored; "never log document text").
// Parsers' own messages quote the offending line, so each reader words its
// errors itself.
func TestErrorsDoNotQuoteText(t *testing.T) {
	const secret = "Quince"
	tests := []struct {
		name, rel, data, message string
	}{
		{"email without headers", "loc/y.eml", "Bartholomew Quince lives at 9 Fennel Way\r\nSubject: x\r\n\r\nbody", "header line is malformed"},
		{"email part without headers", "loc/z.eml", "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nBartholomew Quince secret\r\n\r\nx\r\n--b--\r\n", "not a readable email"},
		{"mailbox message without headers", "loc/m.mbox", "From a@b Mon Jan  1 00:00:00 2024\nBartholomew Quince wrote this\n\nbody\n", "message-1: not a readable email"},
		{"CSV bad quote", "loc/case_notes.csv", "note_id,text\n1,\"Bartholomew \"Quince\" x\"y\n2,ok\n", ""},
		{"Word XML error", "loc/w.docx", "", "XML error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			if strings.HasSuffix(tt.rel, ".docx") {
				data = mustDOCX(t, "<w:p><w:r><w:t>Bartholomew Quince</w:t></w:r></w:p><w:p>&Quince;", "")
			}
			root := t.TempDir()
			writeFile(t, root, tt.rel, data)
			x := New(Options{NoOCR: true})
			defer x.Close()
			_, errs := x.File(context.Background(), root, tt.rel)
			if tt.message != "" && len(errs) == 0 {
				t.Fatalf("File(%q): no error, want one saying %q", tt.rel, tt.message)
			}
			for _, e := range errs {
				if strings.Contains(e.Error(), secret) {
					t.Errorf("File(%q) error %q quotes the document's text", tt.rel, e)
				}
			}
			if tt.message != "" && !strings.Contains(errs[0].Error(), tt.message) {
				t.Errorf("File(%q) error %q does not say %q", tt.rel, errs[0], tt.message)
			}
		})
	}
}

// TestAttachmentIdentity checks that each attachment is its own document
// with its own ID and the hash of its own bytes, linked to its email.
func TestAttachmentIdentity(t *testing.T) {
	root, _ := goldenFixtures(t)
	x := New(Options{NoOCR: true})
	defer x.Close()
	rel := "mail/visit notes.eml"
	docs, _ := x.File(context.Background(), root, rel)
	if len(docs) != 3 {
		t.Fatalf("File(%q) gave %d documents, want the email and 2 attachments", rel, len(docs))
	}
	email := docs[0]
	raw, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if email.Hash != HashBytes(raw) {
		t.Errorf("email hash %s, want the file's", email.Hash)
	}
	ids := map[string]bool{email.ID: true}
	for _, a := range docs[1:] {
		if a.Parent != email.ID {
			t.Errorf("attachment %q parent %q, want %q", a.Part, a.Parent, email.ID)
		}
		if ids[a.ID] {
			t.Errorf("attachment %q repeats ID %s", a.Part, a.ID)
		}
		ids[a.ID] = true
		if a.Hash == email.Hash || a.Path != rel {
			t.Errorf("attachment %q: hash %s path %q; want its own hash and the email's path", a.Part, a.Hash, a.Path)
		}
	}
	if want := HashBytes([]byte("Visit notes\r\n\r\nSeen at home on 09/05/2016.")); docs[1].Hash != want {
		t.Errorf("text attachment hash %s, want sha256 of its bytes %s", docs[1].Hash, want)
	}
}
