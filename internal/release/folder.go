package release

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/record"
)

// ProblemsOf are an ingest report's failed and unsupported files, as the
// batch driver names them in the bundle.
func ProblemsOf(rep *ingest.Report) []Problem {
	if rep == nil {
		return nil
	}
	var out []Problem
	for _, pr := range append(append([]ingest.Problem{}, rep.Failed...), rep.Unsupported...) {
		reason := pr.Problem
		if reason == "" {
			reason = "the file could not be opened"
		}
		out = append(out, Problem{Path: pr.Path, Reason: reason})
	}
	return out
}

// FolderSource reads a document's source file from a record folder for
// extract.PageImager, and checks it is still the file that was read.
func FolderSource(root string) func(*record.Document) ([]byte, error) {
	return func(d *record.Document) ([]byte, error) {
		rel := filepath.FromSlash(d.Path)
		if d.Part != "" || !filepath.IsLocal(rel) {
			return nil, fmt.Errorf("document %s has no source file of its own to render", d.ID)
		}
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			return nil, fmt.Errorf("read source of document %s: %w", d.ID, err)
		}
		if d.Hash != "" && extract.HashBytes(b) != d.Hash {
			return nil, fmt.Errorf("source of document %s changed since it was read", d.ID)
		}
		return b, nil
	}
}
