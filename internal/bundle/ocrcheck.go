package bundle

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
)

// imageTexts reads every bundle page that carries a page image by
// rendering and OCR (Options.PageOCRAt, or PageOCR on the file's bytes),
// so the leak check sees what a reader of the pixels sees: a name in a
// photo, a stamp or handwriting that no text layer holds, or a box burned
// in the wrong place. It gives each page's text to each as it is read and
// returns how many pages were read.
func (b *builder) imageTexts(ctx context.Context, f io.ReaderAt, size int64, pw string, each func(page int, text string)) (int, error) {
	var pages []int
	for _, rp := range b.rasterPages {
		pages = append(pages, rp.page)
	}
	pages = slices.Compact(slices.Sorted(slices.Values(pages)))
	if len(pages) == 0 {
		return 0, nil
	}
	if b.opts.PageOCRAt != nil {
		err := b.opts.PageOCRAt(ctx, f, size, pw, pages, func(page int, t string) error {
			each(page, t)
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("bundle leak check: %w", err)
		}
		return len(pages), nil
	}
	if b.opts.PageOCR == nil {
		b.warn(fmt.Sprintf("%d page images were checked through their text layer only: no OCR reader was given", len(pages)))
		return 0, nil
	}
	data, err := readAllAt(f, size)
	if err != nil {
		return 0, fmt.Errorf("bundle leak check: %w", err)
	}
	texts, err := b.opts.PageOCR(ctx, data, pw, pages)
	if err != nil {
		return 0, fmt.Errorf("bundle leak check: %w", err)
	}
	for k, t := range texts {
		each(pages[k], t)
	}
	return len(texts), nil
}

// looseText makes normalised text loose for OCR: every run of characters
// that are not letters or digits becomes one space (OCR reads punctuation
// poorly), as the scoring tools match OCR text.
func looseText(n string) string {
	var sb strings.Builder
	sb.Grow(len(n))
	space := true
	for i := 0; i < len(n); i++ {
		c := n[i]
		if alnum(c) || c >= 0x80 {
			sb.WriteByte(c)
			space = false
			continue
		}
		if !space {
			sb.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(sb.String())
}

// loosePats are the patterns made loose. Only punctuation inside a
// pattern is loosened: one that starts or ends with punctuation ("on
// bail.") is matched as it is, as it is in the text layer, so OCR finds no
// more than the text would. Those with fewer than four letters or digits
// are blanked (too likely to be misread noise) and so never match.
func loosePats(pats []string) []string {
	out := make([]string, len(pats))
	for i, p := range pats {
		if p == "" || !alnum(p[0]) && p[0] < 0x80 || !alnum(p[len(p)-1]) && p[len(p)-1] < 0x80 {
			continue
		}
		if oneWord(p) {
			continue // the exact search finds it as the loose one would
		}
		l := looseText(p)
		if len(strings.ReplaceAll(l, " ", "")) >= 4 {
			out[i] = l
		}
	}
	return out
}
