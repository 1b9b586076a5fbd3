package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

func TestRunAccountsForEveryFile(t *testing.T) {
	root := filepath.Join("testdata", "record")
	rec, rep, err := Run(context.Background(), root, Options{Workers: 3, Extract: extract.Options{NoOCR: true}})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, f := range rep.Files {
		if _, dup := status[f.Path]; dup {
			t.Errorf("file %q listed twice", f.Path)
		}
		status[f.Path] = f.Status
	}
	// Every file on disk (hidden folders listed once, as the folder) has a line.
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel == "." || (d.IsDir() && !strings.HasPrefix(d.Name(), ".")) {
			return nil
		}
		if _, ok := status[rel]; !ok {
			t.Errorf("file %q not in the report", rel)
		}
		if d.IsDir() {
			return filepath.SkipDir
		}
		return nil
	})
	fixed := map[string]string{
		"subject.json":                                StatusSubject,
		"case-system-export/persons.json":             StatusPersons,
		"shared-drive/.DS_Store":                      StatusSkipped,
		"shared-drive/.hidden":                        StatusSkipped,
		"shared-drive/picture.xyz":                    StatusUnsupported,
		"legal/broken.docx":                           StatusFailed,
		"shared-drive/empty.txt":                      StatusFailed,
		"shared-drive/notes.txt":                      StatusIngested,
		"shared-drive/odd name – ünïcode & (1) #2.md": StatusIngested,
	}
	for p, want := range fixed {
		if status[p] != want {
			t.Errorf("status of %q = %q, want %q", p, status[p], want)
		}
	}
	if diff := cmp.Diff([]string{"Gideon Tate", "Perpetua Finch"}, personNames(rec)); diff != "" {
		t.Errorf("Persons (-want +got):\n%s", diff)
	}
	if rec.Subject.Name != "Morwenna Tate" {
		t.Errorf("Subject.Name = %q", rec.Subject.Name)
	}
	// Counts agree with the files.
	docs := 0
	for _, f := range rep.Files {
		docs += f.Documents
	}
	if docs != rep.Documents || docs != len(rec.Documents) {
		t.Errorf("documents: files say %d, report %d, record %d", docs, rep.Documents, len(rec.Documents))
	}
	if len(rep.Unsupported) == 0 || len(rep.Skipped) != 2 {
		t.Errorf("unsupported %v, skipped %v: want picture.xyz and two hidden entries", rep.Unsupported, rep.Skipped)
	}
	for i := 1; i < len(rec.Documents); i++ {
		if rec.Documents[i-1].Path > rec.Documents[i].Path {
			t.Errorf("documents out of order: %q before %q", rec.Documents[i-1].Path, rec.Documents[i].Path)
		}
	}
	var text, js bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"picture.xyz", ".DS_Store", "location"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatalf("report JSON: %v", err)
	}
	for _, k := range []string{"files", "documents", "pages", "ocr_pages", "locations", "formats", "duplicates", "unsupported", "failed", "needs_ocr", "skipped", "elapsed_seconds"} {
		if _, ok := back[k]; !ok {
			t.Errorf("report JSON lacks %q", k)
		}
	}
}

func TestRunEmailThread(t *testing.T) {
	root := filepath.Join("testdata", "record")
	rec, rep, err := Run(context.Background(), root, Options{Extract: extract.Options{NoOCR: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Duplicates {
		// The copy saved in mailbox-b matched the one in mailbox-a, which the
		// reply then quotes: the line names both.
		if d.Dropped.Path == "mailbox-b/saved copy.eml" && (d.Matched == nil || d.Matched.Path != "mailbox-a/one.eml") {
			t.Errorf("duplicate line for the saved copy: matched = %v, want mailbox-a/one.eml", d.Matched)
		}
	}
	got := map[string]string{}
	ids := map[string]string{}
	for _, d := range rec.Documents {
		ids[d.ID] = d.Path
	}
	for _, d := range rec.Documents {
		if d.DuplicateOf != "" {
			got[d.Path] = ids[d.DuplicateOf]
		}
	}
	want := map[string]string{
		"mailbox-a/one.eml":        "mailbox-b/reply.eml",
		"mailbox-b/saved copy.eml": "mailbox-b/reply.eml",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DuplicateOf (-want +got):\n%s", diff)
	}
}

func TestRunNoSubject(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "drive"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "drive", "a.txt"), []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := Run(context.Background(), dir, Options{})
	if err == nil || !strings.Contains(err.Error(), SubjectFile) {
		t.Errorf("Run(no subject.json) error = %v, want one naming %s", err, SubjectFile)
	}
	if err := os.WriteFile(filepath.Join(dir, SubjectFile), []byte(`{"name": ""}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Run(context.Background(), dir, Options{}); err == nil {
		t.Errorf("Run(nameless subject) error = nil")
	}
}

// TestExtractOneRecovers: a reader that panics fails its own file with a
// message that names no text, and the run goes on.
func TestExtractOneRecovers(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "a.txt"), []byte("Ottilie Brack"), 0o644); err != nil {
		t.Fatal(err)
	}
	var x *extract.Extractor // nil: the reader dereferences it and panics
	r := extractOne(context.Background(), x, root, "a.txt")
	if len(r.docs) != 0 || len(r.errs) != 1 {
		t.Fatalf("extractOne(panicking reader) = %d docs, %v; want one error", len(r.docs), r.errs)
	}
	e := fileEntry("a.txt", r)
	if e.Status != StatusFailed || !strings.Contains(e.Problem, "reader crashed") || strings.Contains(e.Problem, "Ottilie") {
		t.Errorf("fileEntry = %+v, want failed with \"reader crashed\" and no text", e)
	}
}

func personNames(rec *record.Record) []string {
	var out []string
	for _, p := range rec.Persons {
		out = append(out, p.Name)
	}
	return out
}
