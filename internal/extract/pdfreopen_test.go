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
