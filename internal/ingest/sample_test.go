package ingest

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/samples"
)

func TestSampleRecord(t *testing.T) {
	sampleRecord := samples.Record(t)
	rec, rep, err := Run(context.Background(), sampleRecord, Options{Extract: extract.Options{NoOCR: true}})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]FileEntry{}
	for _, f := range rep.Files {
		listed[f.Path] = f
	}
	filepath.WalkDir(sampleRecord, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(sampleRecord, p)
		if _, ok := listed[filepath.ToSlash(rel)]; !ok {
			t.Errorf("%s is not accounted for in the report", rel)
		}
		return nil
	})
	// The gold file's duplicate pairs: one of each pair is kept, the other
	// marked as its copy.
	var gold struct {
		Duplicates [][]string `json:"duplicates"`
	}
	b, err := os.ReadFile(filepath.Join(sampleRecord, "..", "..", "sample-record.gold.json"))
	if err != nil {
		t.Skipf("no gold file: %v", err)
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]string{} // path → IDs
	dupOf := map[string]string{}
	for _, d := range rec.Documents {
		byPath[d.Path] = append(byPath[d.Path], d.ID)
		dupOf[d.ID] = d.DuplicateOf
	}
	for _, pair := range gold.Duplicates {
		a, b := byPath[pair[0]], byPath[pair[1]]
		if len(a) == 0 || len(b) == 0 {
			t.Errorf("duplicate pair %v: not both read (%s, %s)", pair, listed[pair[0]].Problem, listed[pair[1]].Problem)
			continue
		}
		if dupOf[a[0]] != b[0] && dupOf[b[0]] != a[0] {
			t.Errorf("duplicate pair %v not found: DuplicateOf = %q, %q", pair, dupOf[a[0]], dupOf[b[0]])
		}
		found := false
		for _, d := range rep.Duplicates {
			if (d.Kept.Path == pair[0] && d.Dropped.Path == pair[1]) || (d.Kept.Path == pair[1] && d.Dropped.Path == pair[0]) {
				found = true
			}
		}
		if !found {
			t.Errorf("duplicate pair %v missing from the report's duplicates %v", pair, rep.Duplicates)
		}
	}
}
