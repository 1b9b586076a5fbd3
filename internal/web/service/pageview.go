package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"strconv"
	"sync"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// reviewDPI is the resolution of page images on the review screen: a page
// fits a screen column and its small print stays legible when zoomed.
const reviewDPI = 110

// ReviewPageImage renders page (1-based) of a document's source for the
// review screen with the renderer the bundle uses (extract.PageImager; a
// word-processor document's pages as extract.WordPages lays them out), as
// grey JPEG. Nothing is burned: the officer sees the page as it is.
func (s *Service) ReviewPageImage(ctx context.Context, requestID int64, doc *record.Document, page int) ([]byte, error) {
	l, err := s.layout(ctx, requestID, doc)
	if err != nil {
		return nil, err
	}
	var img image.Image
	if l.render != nil {
		img, err = l.render(ctx, page, reviewDPI)
	} else {
		roots, rerr := s.sourceRoots(ctx, requestID)
		if rerr != nil {
			return nil, rerr
		}
		render := s.x.PageImager(func(d *record.Document) ([]byte, error) { return s.readSource(ctx, d, roots) })
		img, err = render(ctx, doc, page, reviewDPI)
	}
	if err != nil {
		return nil, fmt.Errorf("page %d of document %s: %w", page, doc.ID, err)
	}
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, g, &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReviewLayout is the document as the review screen shows its pages: a
// PDF or scan as it was read; a word-processor document laid out as pages
// by LibreOffice exactly as the bundle lays it out (extract.WordPages), so
// a box drawn on its page lands on the same words in the bundle. Anything
// else is returned as it is (it has no pages to show).
func (s *Service) ReviewLayout(ctx context.Context, requestID int64, doc *record.Document) (*record.Document, error) {
	l, err := s.layout(ctx, requestID, doc)
	if err != nil {
		return nil, err
	}
	return l.doc, nil
}

// laidOut is a document as pages: the document with its characters placed
// and, for a document laid out here, the renderer of its pages.
type laidOut struct {
	doc    *record.Document
	render func(ctx context.Context, page, dpi int) (image.Image, error)
}

// layoutCache keeps the last few word-processor documents laid out for the
// review screen: the screen asks for the page list and then each page's
// image, and LibreOffice takes seconds a document. One layout of a
// document runs at a time; others asking wait for it.
type layoutCache struct {
	mu    sync.Mutex
	order []string
	m     map[string]*layoutEntry
}

type layoutEntry struct {
	done chan struct{}
	l    *laidOut
	err  error
}

// layoutCacheSize is how many laid-out documents a node keeps (each holds
// its PDF and character boxes: a few hundred KB).
const layoutCacheSize = 6

// layout lays a word-processor document out as pages once and keeps it;
// any other document is its own layout.
func (s *Service) layout(ctx context.Context, requestID int64, doc *record.Document) (*laidOut, error) {
	if doc.Format != record.FormatDOCX || doc.Part != "" || len(doc.PageInfo) > 0 {
		return &laidOut{doc: doc}, nil
	}
	key := strconv.FormatInt(requestID, 10) + "\x00" + doc.ID + "\x00" + doc.Hash + "\x00" + doc.TextHash
	c := &s.layouts
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*layoutEntry{}
	}
	e, ok := c.m[key]
	if !ok {
		e = &layoutEntry{done: make(chan struct{})}
		c.m[key] = e
		c.order = append(c.order, key)
		if len(c.order) > layoutCacheSize {
			delete(c.m, c.order[0])
			c.order = c.order[1:]
		}
	}
	c.mu.Unlock()
	if !ok {
		e.l, e.err = s.paginate(ctx, requestID, doc)
		if e.err != nil {
			c.mu.Lock()
			if c.m[key] == e {
				delete(c.m, key) // not kept: the next view tries again
			}
			c.mu.Unlock()
		}
		close(e.done)
	}
	select {
	case <-e.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if e.err != nil {
		// Shown without its pages this time, as the bundle would typeset
		// it; not kept, so the next view tries again. The error may name
		// the file: only the document's key is logged.
		s.cfg.Log.Warn("review: document not laid out as pages", "request", requestID, "doc", doc.ID)
		return &laidOut{doc: doc}, nil
	}
	return e.l, nil
}

// paginate lays a document out with extract.WordPages from its source; a
// format with no pages of its own is its own layout.
func (s *Service) paginate(ctx context.Context, requestID int64, doc *record.Document) (*laidOut, error) {
	roots, err := s.sourceRoots(ctx, requestID)
	if err != nil {
		return nil, err
	}
	pages := s.x.WordPages(func(d *record.Document) ([]byte, error) { return s.readSource(ctx, d, roots) })
	paged, _, render, err := pages(context.WithoutCancel(ctx), doc)
	switch {
	case errors.Is(err, extract.ErrNoPages):
		return &laidOut{doc: doc}, nil
	case err != nil:
		return nil, err
	case paged == nil || paged.Text != doc.Text:
		return nil, errors.New("laid-out text differs from the document's")
	}
	return &laidOut{doc: paged, render: render}, nil
}
