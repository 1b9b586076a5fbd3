package bundle

import (
	"context"
	"fmt"
	"image"
	"sync"

	"github.com/disclose-sar/disclose/internal/record"
)

// paginate lays every disclosed word-processor document out as pages
// (Options.Paginate), a few at a time, so the original layout shows them
// as it shows PDFs. A document that cannot be laid out, or whose text does
// not sit on its pages, is typeset as before, with a warning.
func (b *builder) paginate(ctx context.Context) {
	if b.opts.Layout != LayoutOriginal || b.opts.Paginate == nil || b.opts.PageImage == nil {
		return
	}
	var todo []*docPlan
	for _, p := range b.plans {
		if !p.withheld && p.doc.Format == record.FormatDOCX && p.doc.Part == "" {
			todo = append(todo, p)
		}
	}
	type result struct {
		doc    *record.Document
		extra  map[int]string
		render func(context.Context, int, int) (image.Image, error)
		err    error
	}
	res := make([]result, len(todo))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2) // LibreOffice converters are few and heavy
	for i, p := range todo {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			r := &res[i]
			r.doc, r.extra, r.render, r.err = b.opts.Paginate(ctx, p.doc)
		}()
	}
	wg.Wait()
	for i, p := range todo {
		r := res[i]
		if r.err != nil || r.doc == nil || r.doc.Text != p.doc.Text {
			b.warn(fmt.Sprintf("document %d: not shown as its pages (%v); typeset", p.num, r.err))
			continue
		}
		p.doc, p.extra, p.render, p.paged = r.doc, r.extra, r.render, true
	}
}

// pageImage renders page of p's source at dpi: its own pages when it was
// laid out here, else through Options.PageImage.
func (b *builder) pageImage(ctx context.Context, p *docPlan, page, dpi int) (image.Image, error) {
	if p.render != nil {
		return p.render(ctx, page, dpi)
	}
	return b.opts.PageImage(ctx, p.doc, page, dpi)
}

// holdsSearched reports whether text holds a string the leak check
// searches for: printed text that is not the document's own (a text box
// the reader skipped) cannot be redacted word by word, so such a page is
// set as text.
func (b *builder) holdsSearched(text string) bool {
	if text == "" {
		return false
	}
	b.searchOnce.Do(func() {
		var pats []string
		for i, p := range b.check.pats {
			if !b.check.excluded[i] {
				pats = append(pats, p)
			}
		}
		b.searched = newMatcher(pats)
	})
	n, _ := normalise(text, false)
	hit := false
	b.searched.scan(n, func(int, int, int) bool {
		hit = true
		return false
	})
	return hit
}
