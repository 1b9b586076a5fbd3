package extract

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/samples"
)

// TestSampleRecordNonPDF reads every .docx, .eml, .txt and .csv file of the
// sample record: each must give at least one document with text, blocks
// that hold, and no errors.
func TestSampleRecordNonPDF(t *testing.T) {
	sampleRoot := samples.Record(t)
	x := New(Options{})
	defer x.Close()
	n := 0
	err := filepath.WalkDir(sampleRoot, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(p) {
		case ".docx", ".eml", ".txt", ".csv":
		default:
			return nil
		}
		rel, _ := filepath.Rel(sampleRoot, p)
		n++
		docs, errs := x.File(context.Background(), sampleRoot, rel)
		for _, e := range errs {
			t.Errorf("%s: %v", rel, e)
		}
		if len(docs) == 0 {
			t.Errorf("%s: no documents", rel)
		}
		for _, d := range docs {
			if strings.TrimSpace(d.Text) == "" {
				t.Errorf("%s part %q: no text", rel, d.Part)
			}
			checkBlocks(t, d)
			if d.Type == "" || d.Title == "" || d.Date.IsZero() {
				t.Errorf("%s part %q: type %q title %q date %v: want all known", rel, d.Part, d.Type, d.Title, d.Date)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no files read")
	}
}

// checkBlocks reports blocks outside the text, overlapping or out of order.
func checkBlocks(t testing.TB, d record.Document) {
	t.Helper()
	prev := 0
	for i, b := range d.Blocks {
		if b.Start < prev || b.End < b.Start || b.End > len(d.Text) {
			t.Fatalf("%s part %q block %d [%d,%d) bad (prev end %d, text %d bytes)", d.Path, d.Part, i, b.Start, b.End, prev, len(d.Text))
		}
		prev = b.End
	}
}
