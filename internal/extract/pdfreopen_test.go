package extract

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestPDFTextAtReopens reads a document opened where it lies through more
// pages than one opening may read (PDFium's parsed objects are let go by
// closing and opening it again): every page's text comes, once, in full,
// the same as with no reopening.
func TestPDFTextAtReopens(t *testing.T) {
	var pages [][]string
	for i := range 23 {
		pages = append(pages, []string{fmt.Sprintf("Page marker %d of the invented letter", i+1)})
	}
	pdf := makeTextPDF(t, pages)
	read := func() map[int]string {
		got := map[int]string{}
		var mu = make(chan struct{}, 1)
		x := New(Options{NoOCR: true})
		defer x.Close()
		n, err := x.PDFTextAt(context.Background(), bytes.NewReader(pdf), int64(len(pdf)), "", func(page int, text string) error {
			mu <- struct{}{}
			defer func() { <-mu }()
			if _, dup := got[page]; dup {
				return fmt.Errorf("page %d read twice", page)
			}
			got[page] = strings.Join(strings.Fields(text), " ")
			return nil
		})
		if err != nil || n != len(pages) {
			t.Fatalf("PDFTextAt: %d pages, %v; want %d", n, err, len(pages))
		}
		return got
	}
	whole := read()
	defer func(n int) { pdfReopenPages = n }(pdfReopenPages)
	pdfReopenPages = 4
	again := read()
	for i := range pages {
		want := fmt.Sprintf("Page marker %d of the invented letter", i+1)
		if !strings.Contains(whole[i+1], want) || again[i+1] != whole[i+1] {
			t.Errorf("page %d: read once %q, reopening every 4 pages %q; want both to hold %q", i+1, whole[i+1], again[i+1], want)
		}
	}
}

// TestReopenWalkBounded reads a large bundle's pages as PDFTextAt does (two
// documents taking the next page in turn) and counts the pages PDFium walks
// past on opening again to reach the first page it reads: reopening every
// pdfReopenPages pages walked 28 pages a page read at 57,000 pages and 11 at
// 23,000, so reading grew with the square of the pages (issue 16).
func TestReopenWalkBounded(t *testing.T) {
	perPage := map[int]float64{}
	for _, pages := range []int{5_800, 23_000, 57_000, 150_000} {
		docs := []*pdfDoc{{}, {}}
		walked := 0
		for i := range pages {
			d := docs[i%len(docs)]
			if d.read == 0 {
				walked += i // a fresh opening walks to page i
			}
			d.due(i)
		}
		perPage[pages] = float64(walked) / float64(pages)
		if perPage[pages] > pdfReopenWalk+1 {
			t.Errorf("%d pages: %.1f pages walked a page read, want at most %d", pages, perPage[pages], pdfReopenWalk+1)
		}
	}
	if perPage[150_000] > 1.5*perPage[23_000] {
		t.Errorf("pages walked a page read: %.1f at 23,000 pages, %.1f at 150,000; want about the same", perPage[23_000], perPage[150_000])
	}
}
