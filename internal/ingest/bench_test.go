package ingest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/synth"
)

// BenchmarkIngest ingests a generated 1,000-page record (DOCX, text PDF,
// EML, case notes; no OCR) and reports pages/s. The PDF engine is started
// once, outside the timer, as a long-running process does.
// Run: go test -run '^$' -bench Ingest -benchtime 3x ./internal/ingest
func BenchmarkIngest(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "record")
	st, err := synth.Write(dir, 1000, 1)
	if err != nil {
		b.Fatal(err)
	}
	x := extract.New(extract.Options{NoOCR: true})
	defer x.Close()
	ctx := context.Background()
	if _, _, err := Run(ctx, dir, Options{Extractor: x}); err != nil { // warm the engine
		b.Fatal(err)
	}
	read := 0
	for b.Loop() {
		_, rep, err := Run(ctx, dir, Options{Extractor: x})
		if err != nil {
			b.Fatal(err)
		}
		read = rep.Pages
	}
	// pages/s counts the record's pages; read-pages/s only those a reader
	// extracted (lower while a format's reader is missing).
	b.ReportMetric(float64(st.Pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(read)*float64(b.N)/b.Elapsed().Seconds(), "read-pages/s")
}
