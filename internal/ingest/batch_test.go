package ingest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBatches(t *testing.T) {
	f := func(path string, size int64) SizedFile { return SizedFile{Path: path, Size: size} }
	for _, tt := range []struct {
		name  string
		files []SizedFile
		want  [][]string
	}{
		{"none", nil, nil},
		{"by count", []SizedFile{f("a", 1), f("b", 1), f("c", 1)}, [][]string{{"a", "b"}, {"c"}}},
		{"by size", []SizedFile{f("a", 6), f("b", 6), f("c", 3)}, [][]string{{"a"}, {"b", "c"}}},
		{"a large file alone", []SizedFile{f("a", 1), f("big", 50), f("c", 1)}, [][]string{{"a"}, {"big"}, {"c"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Batches(tt.files, 2, 10)); diff != "" {
				t.Errorf("Batches (-want +got):\n%s", diff)
			}
		})
	}
}
