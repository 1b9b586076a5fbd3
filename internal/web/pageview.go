package web

import (
	"context"
	"fmt"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// PageRenderer renders a page of a document's source for the review
// screen (the service does, with the renderer the bundle uses); without
// one the review screen shows the text only.
type PageRenderer interface {
	// ReviewPageImage is page (1-based) of the document as JPEG.
	ReviewPageImage(ctx context.Context, requestID int64, doc *record.Document, page int) ([]byte, error)
	// ReviewLayout is the document as its pages are shown, with its page
	// sizes and characters placed: a PDF or scan as read, a
	// word-processor document laid out as the bundle lays it out.
	ReviewLayout(ctx context.Context, requestID int64, doc *record.Document) (*record.Document, error)
}

// DocPages is a document's pages for the review screen: each page's size
// and the words, suggestions and drawn areas on it, in page points
// (top-left origin).
type DocPages struct {
	Pages []PageView `json:"pages"`
}

// PageView is one page of DocPages. A scanned page's words are what OCR
// read, each with its box; the screen outlines them.
type PageView struct {
	Page    int        `json:"page"`
	Width   float32    `json:"width"`
	Height  float32    `json:"height"`
	Scanned bool       `json:"scanned,omitempty"`
	Words   []PageWord `json:"words"`
	Boxes   []PageBox  `json:"boxes"`
	Areas   []PageArea `json:"areas"`
}

// PageArea is an area drawn on the page (its item ID opens it).
type PageArea struct {
	ID   string     `json:"id"`
	Code string     `json:"code"`
	Box  record.Box `json:"box"`
}

// PageWord is a word on the page: its byte range in the document text
// (for a redaction drawn as a box) and its box.
type PageWord struct {
	Start int        `json:"start"`
	End   int        `json:"end"`
	Text  string     `json:"text"`
	Box   record.Box `json:"box"`
}

// PageBox is a suggestion's box on the page: one a line it spans.
type PageBox struct {
	ID       string     `json:"id"`
	Category string     `json:"category"`
	Decided  bool       `json:"decided"`
	Box      record.Box `json:"box"`
}

// docPages lists the pages of a document that can be shown as images:
// those with page sizes (PDFs, scans, word-processor documents laid out
// as pages), each with its words and the suggestions and areas drawn on
// it. A page with no words is listed too: an area can still be drawn on
// its picture.
func (s *Server) docPages(c *gin.Context) error {
	ctx := c.Request.Context()
	r := currentRequest(c)
	docID := c.Param("doc")
	out := DocPages{Pages: []PageView{}}
	if s.pageImages == nil {
		c.JSON(200, out)
		return nil
	}
	doc, err := s.store.Document(ctx, r.ID, docID)
	if err != nil {
		return err
	}
	items, err := s.store.Suggestions(ctx, r.ID, docID)
	if err != nil {
		return err
	}
	own, err := s.ownRedactions(c, r.ID, doc)
	if err != nil {
		return err
	}
	items = withOwn(items, own)
	areas, err := s.store.Areas(ctx, r.ID, docID)
	if err != nil {
		return err
	}
	laid, err := s.pageImages.ReviewLayout(ctx, r.ID, &doc)
	if err != nil {
		return err
	}
	for _, pi := range laid.PageInfo {
		words := bundle.PageWords(laid, pi.Number)
		if pi.Width <= 0 || pi.Height <= 0 || len(words) == 0 && pi.Scanned {
			continue // no size to draw on; a scan nothing was read from is left out of the bundle
		}
		pv := PageView{Page: pi.Number, Width: pi.Width, Height: pi.Height, Scanned: pi.Scanned,
			Words: []PageWord{}, Boxes: []PageBox{}, Areas: []PageArea{}}
		for _, w := range words {
			pv.Words = append(pv.Words, PageWord{Start: w.Start, End: w.End, Text: laid.Text[w.Start:w.End], Box: w.Box})
		}
		for _, it := range items {
			if it.Scope != suggest.ScopeSpan || it.End <= it.Start {
				continue
			}
			pv.Boxes = append(pv.Boxes, lineBoxes(it, words)...)
		}
		for _, a := range areas {
			if a.Page == pi.Number {
				pv.Areas = append(pv.Areas, PageArea{ID: AreaPrefix + strconv.FormatInt(a.ID, 10), Code: a.Code, Box: a.Box})
			}
		}
		out.Pages = append(out.Pages, pv)
	}
	c.Header("Cache-Control", "private, no-store")
	c.JSON(200, out)
	return nil
}

// lineBoxes is a suggestion's boxes on a page: the words it overlaps,
// joined a line at a time.
func lineBoxes(it Item, words []record.Word) []PageBox {
	var out []PageBox
	for _, w := range words {
		if w.End <= it.Start || w.Start >= it.End {
			continue
		}
		if n := len(out); n > 0 {
			last := &out[n-1].Box
			if mid := (w.Box.Y0 + w.Box.Y1) / 2; mid > last.Y0 && mid < last.Y1 && w.Box.X0 >= last.X0 {
				last.X0, last.Y0 = min(last.X0, w.Box.X0), min(last.Y0, w.Box.Y0)
				last.X1, last.Y1 = max(last.X1, w.Box.X1), max(last.Y1, w.Box.Y1)
				continue
			}
		}
		out = append(out, PageBox{ID: it.ID, Category: it.Category, Decided: it.Decision != nil, Box: w.Box})
	}
	return out
}

// pageImage serves one page of a document's source as JPEG for the
// review screen; the view is audited like the document's.
func (s *Server) pageImage(c *gin.Context) error {
	ctx := c.Request.Context()
	r := currentRequest(c)
	docID := c.Param("doc")
	page, err := strconv.Atoi(c.Param("page"))
	if s.pageImages == nil || err != nil || page < 1 {
		return workflow.ErrNotFound
	}
	doc, err := s.store.Document(ctx, r.ID, docID)
	if err != nil {
		return err
	}
	laid, err := s.pageImages.ReviewLayout(ctx, r.ID, &doc)
	if err != nil {
		return err
	}
	if page > max(laid.Pages, len(laid.PageInfo)) {
		return workflow.ErrNotFound
	}
	if err := s.audit(c, user(c), "document.view", r.ID, fmt.Sprintf("%s page %d", docID, page)); err != nil {
		return err
	}
	img, err := s.pageImages.ReviewPageImage(ctx, r.ID, &doc, page)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "private, no-store")
	c.Data(200, "image/jpeg", img)
	return nil
}
