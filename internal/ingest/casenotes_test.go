package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
)

// A case-notes export that only its mapping file explains is read, and the
// mapping file is listed as skipped, not as an unread document.
func TestRunCaseNotesMapping(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"subject.json":                       `{"name": "Morwenna Tate"}`,
		"export/notes.csv":                   "When;Who;Happenings\n01/02/2015;Ash Patel;Saw the family at home.\n",
		"export/" + extract.CaseNotesMapping: `{"columns": {"text": "Happenings", "date": "When", "author": "Who"}}`,
	}
	for rel, body := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rec, rep, err := Run(context.Background(), root, Options{Extract: extract.Options{NoOCR: true}})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, f := range rep.Files {
		status[f.Path] = f.Status
	}
	if got := status["export/notes.csv"]; got != StatusIngested {
		t.Errorf("status of the export = %q, want %q (report %+v)", got, StatusIngested, rep.Files)
	}
	if got := status["export/"+extract.CaseNotesMapping]; got != StatusSkipped {
		t.Errorf("status of the mapping = %q, want %q", got, StatusSkipped)
	}
	if len(rep.Unsupported) != 0 || len(rep.Failed) != 0 {
		t.Errorf("unsupported %v, failed %v; want none", rep.Unsupported, rep.Failed)
	}
	if len(rec.Documents) != 1 || rec.Documents[0].Author != "Ash Patel" {
		t.Errorf("documents = %+v, want one note by Ash Patel", rec.Documents)
	}
}
