package search

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/synth"
)

// BenchmarkBuild indexes a generated 1,000-page record (extraction is not
// timed) and reports pages/s.
// Run: go test -run '^$' -bench Build -benchtime 3x ./internal/search
func BenchmarkBuild(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "record")
	if _, err := synth.Write(dir, 1000, 1); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	rec, rep, err := ingest.Run(ctx, dir, ingest.Options{Extract: extract.Options{NoOCR: true}})
	if err != nil {
		b.Fatal(err)
	}
	people := KnownPeople(rec.Subject, rec.Persons)
	n := 0
	for b.Loop() {
		n++
		x, err := Build(ctx, filepath.Join(b.TempDir(), strconv.Itoa(n)), rec.Documents, people)
		if err != nil {
			b.Fatal(err)
		}
		x.Close()
	}
	b.ReportMetric(float64(rep.Pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
