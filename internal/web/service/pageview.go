package service

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"

	"github.com/disclose-sar/disclose/internal/record"
)

// reviewDPI is the resolution of page images on the review screen: a page
// fits a screen column and its small print stays legible when zoomed.
const reviewDPI = 110

// ReviewPageImage renders page (1-based) of a document's source for the
// review screen with the renderer the bundle uses (extract.PageImager), as
// grey JPEG. Nothing is burned: the officer sees the page as it is.
func (s *Service) ReviewPageImage(ctx context.Context, requestID int64, doc *record.Document, page int) ([]byte, error) {
	roots, err := s.sourceRoots(ctx, requestID)
	if err != nil {
		return nil, err
	}
	render := s.x.PageImager(func(d *record.Document) ([]byte, error) { return s.readSource(ctx, d, roots) })
	img, err := render(ctx, doc, page, reviewDPI)
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
