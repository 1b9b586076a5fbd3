package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
)

// A zip archive at the top of a record is a location of its own, and each
// entry is a document of it, named by its path inside the archive.
func TestRunArchiveLocation(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, text := range map[string]string{"visits/one.txt": "First visit.", "two.md": "Second visit.", "tool.exe": "MZ"} {
		w, _ := zw.Create(name)
		w.Write([]byte(text))
	}
	zw.Close()
	for name, b := range map[string][]byte{
		"subject.json":           []byte(`{"name": "Test Subject"}`),
		"partner-papers.zip":     buf.Bytes(),
		"drive/inner/nested.zip": buf.Bytes(),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rec, rep, err := Run(context.Background(), dir, Options{Workers: 1, Extract: extract.Options{NoOCR: true}})
	if err != nil {
		t.Fatal(err)
	}
	locs := map[string]string{}
	for _, d := range rec.Documents {
		locs[d.Path+"/"+d.Part] = d.Location
	}
	for key, want := range map[string]string{
		"partner-papers.zip/visits/one.txt":     "partner-papers.zip",
		"partner-papers.zip/two.md":             "partner-papers.zip",
		"drive/inner/nested.zip/visits/one.txt": "drive",
	} {
		if got, ok := locs[key]; !ok || got != want {
			t.Errorf("location of %s = %q (found %v), want %q; documents %v", key, got, ok, want, locs)
		}
	}
	if len(rep.Failed) != 2 {
		t.Errorf("problems %+v, want the .exe in each archive named", rep.Failed)
	}
	for _, p := range rep.Failed {
		if !bytes.Contains([]byte(p.Problem), []byte("tool.exe")) {
			t.Errorf("problem %q does not name tool.exe", p.Problem)
		}
	}
}
