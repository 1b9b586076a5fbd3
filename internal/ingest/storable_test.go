package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// writeBadFolder writes an invented record folder whose "drive" location
// holds two readable files, one whose name is Latin-1 (not UTF-8), a
// truncated .docx and a file of an unsupported type; "other" holds one
// more file with a non-UTF-8 name.
func writeBadFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		SubjectFile:                 `{"name": "Ysolde Marchbank"}`,
		"drive/visit.txt":           "Home visit on 3 March. All well.",
		"drive/review.md":           "Review meeting notes.",
		"drive/caf\xe9 notes.txt":   "Notes written on an old system.",
		"drive/assessment.docx":     "PK\x03\x04 truncated",
		"drive/diagram.vsd":         "not a format Disclose reads",
		"other/letter \xff\xfe.txt": "A letter.",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatalf("write %q: %v", name, err)
		}
	}
	return dir
}

func TestRunBadFilesFailAlone(t *testing.T) {
	dir := writeBadFolder(t)
	rec, rep, err := Run(context.Background(), dir, Options{Workers: 2, Extract: extract.Options{NoOCR: true}})
	if err != nil {
		t.Fatalf("Run(folder with bad files) error = %v, want the other files read", err)
	}
	var paths []string
	for _, d := range rec.Documents {
		paths = append(paths, d.Path)
		if !utf8.ValidString(d.Path) || !utf8.ValidString(d.Location) {
			t.Errorf("document path %q is not valid UTF-8", d.Path)
		}
	}
	if strings.Join(paths, ",") != "drive/review.md,drive/visit.txt" {
		t.Errorf("documents = %v, want drive/review.md and drive/visit.txt", paths)
	}
	status := map[string]FileEntry{}
	for _, f := range rep.Files {
		if !utf8.ValidString(f.Path) || !utf8.ValidString(f.Problem) {
			t.Errorf("report line %q: %q is not valid UTF-8", f.Path, f.Problem)
		}
		status[f.Path] = f
	}
	for path, want := range map[string]string{
		`drive/caf\xe9 notes.txt`:   StatusFailed,
		`other/letter \xff\xfe.txt`: StatusFailed,
		"drive/assessment.docx":     StatusFailed,
		"drive/diagram.vsd":         StatusUnsupported,
		"drive/visit.txt":           StatusIngested,
	} {
		if got := status[path]; got.Status != want || (want != StatusIngested && got.Problem == "") {
			t.Errorf("report for %q = %+v, want %s with a reason", path, got, want)
		}
	}
	if p := status[`drive/caf\xe9 notes.txt`].Problem; p != ProblemBadName {
		t.Errorf("problem of the bad name = %q, want %q", p, ProblemBadName)
	}
	if len(rep.Failed) != 3 || len(rep.Unsupported) != 1 {
		t.Errorf("report failed %v, unsupported %v: want 3 and 1", rep.Failed, rep.Unsupported)
	}
}

func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"drive/notes.txt", "drive/notes.txt"},
		{"drive/ünïcode – ok.txt", "drive/ünïcode – ok.txt"},
		{"drive/caf\xe9.txt", `drive/caf\xe9.txt`},
		{"a\nb\x7f.txt", `a\x0ab\x7f.txt`},
		{"\xff\xfe", `\xff\xfe`},
	} {
		if got := SafeName(tc.in); got != tc.want {
			t.Errorf("SafeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestKeepStorable: a document a reader left with a string PostgreSQL
// refuses is dropped with a problem on its file; its siblings stay.
func TestKeepStorable(t *testing.T) {
	docs := []record.Document{
		{Path: "mail/box.mbox", Part: "1", Text: "fine"},
		{Path: "mail/box.mbox", Part: "2", Text: "fine", Meta: map[string]string{"x": "a\x00b"}},
		{Path: "mail/box.mbox", Part: "3\xe9", Text: "fine"},
	}
	kept, errs := keepStorable("mail/box.mbox", docs, nil)
	if len(kept) != 1 || kept[0].Part != "1" {
		t.Errorf("keepStorable kept %v, want part 1 only", kept)
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "part 2 has a property") || !strings.Contains(errs[1].Error(), `part 3\xe9 has its part name`) {
		t.Errorf("keepStorable errors = %v, want one naming part 2's property and one part 3's name", errs)
	}
	e := fileEntry("mail/box.mbox", result{docs: kept, errs: errs})
	if e.Status != StatusPartial {
		t.Errorf("fileEntry status = %q, want %q", e.Status, StatusPartial)
	}
}
