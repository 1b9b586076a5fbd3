package extract

import (
	"context"
	"strconv"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// The marks around text read from a picture inside a document (a photo, a
// pasted scan), so a reviewer sees where it came from and that it was
// OCR'd.
const (
	imageTextOpen  = "[text from an image: "
	imageTextClose = "]"
)

// minPictureShare is the share of a typed page a picture must cover to be
// OCR'd: a pasted scan or a photo of a letter does; a letterhead logo or a
// signature (2–5%) does not, and OCR costs ~1.5 s a page.
const minPictureShare = 0.08

// ocrPictures OCRs the typed pages that hold a large picture and returns,
// per page index, the OCR'd lines that lie inside a picture and not over
// the page's own text. Without OCR the pages are listed in
// Meta["unread_images"] so nothing is left out unsaid.
func (x *Extractor) ocrPictures(ctx context.Context, d *pdfDoc, pages []*pdfPage, doc *record.Document) map[int][][]ocrText {
	var idx []int
	for i, p := range pages {
		if !p.scanned && p.bigPicture() {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	unread := func(list []int) {
		var s []string
		for _, i := range list {
			s = append(s, strconv.Itoa(i+1))
		}
		if doc.Meta == nil {
			doc.Meta = map[string]string{}
		}
		doc.Meta["unread_images"] = "pictures on page(s) " + strings.Join(s, ", ") + " not OCR'd"
	}
	if _, err := x.tesseract(); err != nil {
		unread(idx)
		return nil
	}
	ocr, _ := x.ocrPDFPages(ctx, d, idx)
	out := map[int][][]ocrText{}
	var missed []int
	for _, i := range idx {
		o, ok := ocr[i]
		if !ok {
			missed = append(missed, i)
			continue
		}
		for _, l := range o.lines {
			if pages[i].inPicture(lineBox(l)) {
				out[i] = append(out[i], l)
			}
		}
	}
	if len(missed) > 0 {
		unread(missed)
	}
	return out
}

// bigPicture says whether a picture covers at least minPictureShare of the page.
func (p *pdfPage) bigPicture() bool {
	for _, b := range p.images {
		if clippedArea(b, float64(p.width), float64(p.height)) >= minPictureShare*float64(p.width)*float64(p.height) {
			return true
		}
	}
	return false
}

// inPicture says whether the middle of b lies in one of the page's
// pictures and in none of its text-layer lines (a picture behind typed
// text is not read twice).
func (p *pdfPage) inPicture(b record.Box) bool {
	cx, cy := (b.X0+b.X1)/2, (b.Y0+b.Y1)/2
	inside := func(r record.Box) bool { return cx >= r.X0 && cx <= r.X1 && cy >= r.Y0 && cy <= r.Y1 }
	for _, l := range p.lines {
		if len(l.boxes) > 0 && inside(lineBoxOf(l.boxes)) {
			return false
		}
	}
	for _, r := range p.images {
		if inside(r) {
			return true
		}
	}
	return false
}

func lineBox(l []ocrText) record.Box {
	boxes := make([]record.Box, len(l))
	for i, w := range l {
		boxes[i] = w.box
	}
	return lineBoxOf(boxes)
}

func lineBoxOf(boxes []record.Box) record.Box {
	if len(boxes) == 0 {
		return record.Box{}
	}
	b := boxes[0]
	for _, o := range boxes[1:] {
		b = union(b, o)
	}
	return b
}
