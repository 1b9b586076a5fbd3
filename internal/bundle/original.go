package bundle

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// The stamp bands of an original page, in points: the bundle page is the
// source page at full size with a band above and below, so the stamps
// never cover what the page shows. 36 pt is 75 pixels at rasterDPI, so the
// page image sits on whole pixels when the bundle is rendered there.
const (
	bandTop    = 36.0
	bandBot    = 36.0
	bandMargin = 18.0
)

// isOriginal reports whether a disclosed document is shown as its own
// pages: a PDF read from its own file, in the original layout, with a
// renderer. Everything else (e-mails, notes, case-note exports, attached
// files with no source of their own) is typeset.
func (b *builder) isOriginal(p *docPlan) bool {
	d := p.doc
	return b.opts.Layout == LayoutOriginal && b.opts.PageImage != nil && p.paged ||
		b.opts.Layout == LayoutOriginal && b.opts.PageImage != nil &&
			(d.Format == record.FormatPDF || d.Format == record.FormatScan) &&
			strings.EqualFold(path.Ext(d.Path), ".pdf") && len(d.PageInfo) > 0
}

// originalDoc writes every page of a PDF document as that page: rendered,
// every redacted word's box burned into the pixels, an invisible text
// layer of the words that remain, and the stamps in bands outside the
// page. A page whose redactions cannot all be located on it is set as text
// instead (never shown with a redaction missed). It returns false, having
// written nothing, when the first page cannot be rendered: the document
// is then typeset whole.
func (b *builder) originalDoc(ctx context.Context, p *docPlan) (bool, error) {
	d := p.doc
	byPage := pageBlocks(d)
	if len(byPage[0]) > 0 && !p.paged {
		return false, nil // text with no page: it could not be placed
	}
	b.w.own = false
	n := max(d.Pages, len(d.PageInfo))
	for pg := 1; pg <= n; pg++ {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		words, why := b.pagePlan(p, pg, byPage[pg])
		if why == "" {
			r, ok, err := b.pre.take(ctx, p, pg)
			if !ok {
				r, err = b.burnPage(ctx, p, pg, words)
			}
			if err == nil {
				b.originalPage(p, pg, n, r)
				continue
			}
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			if p.page == 0 {
				b.pre.drop(ctx, p)
				b.warn(fmt.Sprintf("document %d: page image: %v; document set as text", p.num, err))
				return false, nil
			}
			why = "its image could not be made"
		}
		b.textPage(p, pg, byPage[pg], why)
	}
	if rest := byPage[0]; len(rest) > 0 {
		// What a laid-out document holds but does not print (comments,
		// tracked deletions) follows its pages as text.
		w := b.w
		w.newPage()
		w.own = true
		w.para([]frag{{text: "Also in document " + itoa(p.num) + ", not on its printed pages:", bold: true}}, 0, w.size)
		w.own = false
		b.blocks(p, rest)
	}
	return true, nil
}

// pageBlocks is a document's blocks by page (0: not on any page).
func pageBlocks(d *record.Document) map[int][]record.Block {
	byPage := map[int][]record.Block{}
	for _, bl := range d.Blocks {
		byPage[bl.Page] = append(byPage[bl.Page], bl)
	}
	return byPage
}

// pagePlan is the words of an original page and, when it cannot be shown
// as itself, why: its text is not on the page, it is a scan nothing was
// read from ("unread"), or a redaction on it is not located.
func (b *builder) pagePlan(p *docPlan, page int, bls []record.Block) ([]record.Word, string) {
	words := pageWords(p.doc, page)
	scanned := false
	for _, pi := range p.doc.PageInfo {
		if pi.Number == page {
			scanned = pi.Scanned
		}
	}
	switch {
	case len(words) == 0 && len(bls) > 0:
		return nil, "its text is not located on the page"
	case len(words) == 0 && scanned:
		return nil, "unread"
	case !b.covered(p, words, bls):
		return nil, "a redaction is not located on the page"
	case b.holdsSearched(p.extra[page]):
		return nil, "text printed on the page that is not in the document's text holds a redacted string"
	}
	return words, ""
}

// originalPage adds a bundle page of the source page's size plus the
// bands, with the burned image at full size between them.
func (b *builder) originalPage(p *docPlan, page, pages int, r *raster) {
	w := b.w
	no := w.pdf.PageNo() + 1
	w.bands[no] = "Document " + itoa(p.num) + ": " + docType(p.doc) + ", page " + itoa(page) + " of " + itoa(pages)
	w.pdf.AddPageSize(r.pw, r.ph+bandTop+bandBot)
	if p.page == 0 {
		p.page = no
		w.pdf.Bookmark(b.entryText(p), b.docLevel, 0)
	}
	b.placeRaster(p, page, r, 0, bandTop, 1)
	op := OriginalPage{Page: no, DocNumber: p.num, Source: p.doc.Path, SourcePage: page, Top: bandTop}
	pad := float32(burnPad * 72.0 / rasterDPI)
	for _, bx := range r.boxes {
		op.Boxes = append(op.Boxes, record.Box{X0: bx.box.X0 - pad, Y0: bx.box.Y0 - pad, X1: bx.box.X1 + pad, Y1: bx.box.Y1 + pad})
	}
	b.res.Originals = append(b.res.Originals, op)
	w.y = w.bot + 1 // whatever comes next starts a page of its own
}

// textPage sets one page of an original document as text, on a page of
// its own, saying why; a scanned page nothing was read from is left out
// with a notice, as in the reading layout.
func (b *builder) textPage(p *docPlan, page int, bls []record.Block, why string) {
	w := b.w
	if p.page == 0 {
		w.own = true
		b.docHeader(p)
		w.own = false
	} else {
		w.newPage()
	}
	if why == "unread" {
		w.para([]frag{{text: "Original page " + itoa(page) + " could not be read by our system, so it is not included. Please ask us about it.", bold: true}}, 0, w.size)
		b.warn(fmt.Sprintf("document %d page %d: scanned page with no text left out", p.num, page))
		return
	}
	b.warn(fmt.Sprintf("document %d page %d: %s; page set as text", p.num, page, why))
	w.para([]frag{{text: "Original page " + itoa(page) + " is shown as text only."}}, 0, w.small)
	b.blocks(p, bls)
}

// bandHeader stamps the top band of an original page: the protective
// marking, which document and page this is, and the request reference.
func (w *writer) bandHeader(doc string) {
	p := w.pdf
	pw, _ := p.GetPageSize()
	y := bandTop - 14
	p.SetTextColor(0, 0, 0)
	mark := "OFFICIAL-SENSITIVE"
	p.SetFont(famSans, "B", w.small)
	p.Text(bandMargin, y, mark)
	ref := "Request " + w.ref
	rw := w.width(ref, false, w.small)
	p.SetFont(famSans, "", w.small)
	p.Text(pw-bandMargin-rw, y, ref)
	gap := w.small
	left := bandMargin + w.width(mark, true, w.small) + gap
	if avail := pw - bandMargin - rw - gap - left; avail > w.small*4 {
		doc = w.truncate(doc, false, w.small, avail)
		p.Text(left+(avail-w.width(doc, false, w.small))/2, y, doc)
	}
}

// bandFooter stamps the bottom band: the disclosure date and "Page N of M".
func (w *writer) bandFooter() {
	p := w.pdf
	pw, ph := p.GetPageSize()
	y := ph - 14
	p.SetTextColor(0, 0, 0)
	p.SetFont(famSans, "", w.small)
	p.Text(bandMargin, y, "Disclosed "+w.date+"   OFFICIAL-SENSITIVE")
	w.pageOf(pw-bandMargin, y)
}
