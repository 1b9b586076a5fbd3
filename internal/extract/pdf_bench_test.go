package extract

import (
	"context"
	"fmt"
	"testing"
)

// benchPages makes an n-page text PDF of about 40 lines (~3,000
// characters) a page, like a typed report.
func benchPages(n int) [][]string {
	pages := make([][]string, n)
	for i := range pages {
		for j := 0; j < 38; j++ {
			pages[i] = append(pages[i], fmt.Sprintf("Line %d of page %d: Tamsin Oakenfold met Idris Penhallow at Elmstead on 03/03/2014.", j+1, i+1))
		}
	}
	return pages
}

// BenchmarkPDFText measures text-layer extraction with character boxes.
// Goal: with ingest's other work, 200 pages/s on 2 cores.
func BenchmarkPDFText(b *testing.B) {
	const n = 50
	data := makeTextPDF(b, benchPages(n))
	x := New(Options{})
	ctx := context.Background()
	if _, errs := x.pdfFile(ctx, "bench.pdf", data); len(errs) > 0 { // start the engine outside the timing
		b.Fatal(errs)
	}
	b.ResetTimer()
	for b.Loop() {
		docs, errs := x.pdfFile(ctx, "bench.pdf", data)
		if len(errs) > 0 || docs[0].Pages != n {
			b.Fatal(errs)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkPDFTextParallel reads files on every core, as ingest does.
func BenchmarkPDFTextParallel(b *testing.B) {
	const n = 50
	data := makeTextPDF(b, benchPages(n))
	x := New(Options{})
	ctx := context.Background()
	if _, errs := x.pdfFile(ctx, "bench.pdf", data); len(errs) > 0 {
		b.Fatal(errs)
	}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, errs := x.pdfFile(ctx, "bench.pdf", data); len(errs) > 0 {
				b.Error(errs)
			}
		}
	})
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkPDFPlainText is the one-call-per-page text the leak check uses.
func BenchmarkPDFPlainText(b *testing.B) {
	const n = 50
	data := makeTextPDF(b, benchPages(n))
	x := New(Options{})
	ctx := context.Background()
	if _, err := x.PDFText(ctx, data, ""); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := x.PDFText(ctx, data, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
}
