package bundle

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"

	"github.com/disclose-sar/disclose/internal/record"
)

// rasterDPI is the resolution page images are rendered at, scanned or
// born-digital: 11 pt text is ~23 pixels high, readable on screen and in
// print and enough for OCR; a text page is ~100–200 KB as JPEG.
const rasterDPI = 150

// rasterQuality is the JPEG quality of page images: text edges stay sharp
// enough for OCR at 150 dpi without the size of a lossless image.
const rasterQuality = 75

// burnPad is how far (pixels at rasterDPI) a burned box reaches past the
// words it covers, so anti-aliased edges and accents go too.
const burnPad = 3

// raster is one page image with every redacted word burned in, encoded and
// ready to place; it holds no pixel of a redacted word.
type raster struct {
	jpeg     []byte
	pw, ph   float64 // the page's size in points
	words    []record.Word
	redacted []bool
	boxes    []burned // in page points, as burned
}

// burned is one black box on a page image: a run of redacted words on one
// line and the span it stands for, or an area an officer drew.
type burned struct {
	box  record.Box
	span int
	area int // 1 + the index of the drawn area (builder.areas); 0: none
}

// burnPage renders page of the document's source at rasterDPI and burns a
// box over every run of words that overlaps a span, and every area drawn on
// the page: the pixels under them are replaced, not covered. A word under
// an area is redacted whatever the spans say (its text is in them already
// when the page's words were known as the bundle was planned). Colour is
// kept only when the page has any.
func (b *builder) burnPage(ctx context.Context, p *docPlan, page int, words []record.Word) (*raster, error) {
	src, err := b.pageImage(ctx, p, page, rasterDPI)
	if err != nil {
		return nil, err
	}
	bounds := src.Bounds()
	pw, ph := pageSize(p.doc, page, bounds, rasterDPI)
	r := &raster{pw: pw, ph: ph, words: words, redacted: make([]bool, len(words))}
	areas := b.areas.on(p.doc.ID, page)
	for i, wd := range words {
		r.redacted[i] = b.overlaps(p, wd.Start, wd.End)
		for _, ai := range areas {
			r.redacted[i] = r.redacted[i] || wd.Box.Meets(b.areas.list[ai].Box)
		}
	}
	r.boxes = burnBoxes(p, b, words, r.redacted)
	for _, ai := range areas {
		r.boxes = append(r.boxes, burned{box: b.areas.list[ai].Box, span: -1, area: ai + 1})
	}
	var img draw.Image
	if colourful(src) {
		img = image.NewRGBA(bounds)
		draw.Draw(img, bounds, src, bounds.Min, draw.Src)
	} else {
		img = toGray(src)
	}
	sx, sy := float64(bounds.Dx())/pw, float64(bounds.Dy())/ph
	for _, bx := range r.boxes {
		rc := image.Rect(int(float64(bx.box.X0)*sx-burnPad), int(float64(bx.box.Y0)*sy-burnPad),
			int(float64(bx.box.X1)*sx+burnPad+1), int(float64(bx.box.Y1)*sy+burnPad+1)).Add(bounds.Min)
		draw.Draw(img, rc.Intersect(bounds), image.Black, image.Point{}, draw.Src)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: rasterQuality}); err != nil {
		return nil, fmt.Errorf("document %d page %d: encode page image: %w", p.num, page, err)
	}
	r.jpeg = buf.Bytes()
	return r, nil
}

// burnBoxes joins each run of redacted words on one line into one box, so
// the number and length of the words under it do not show.
func burnBoxes(p *docPlan, b *builder, words []record.Word, redacted []bool) []burned {
	var out []burned
	for i, wd := range words {
		if !redacted[i] {
			continue
		}
		if n := len(out); n > 0 && i > 0 && redacted[i-1] && sameLine(words[i-1].Box, wd.Box) {
			out[n-1].box = union(out[n-1].box, wd.Box)
			continue
		}
		out = append(out, burned{box: wd.Box, span: b.spanAt(p, wd.Start, wd.End)})
	}
	return out
}

func union(a, c record.Box) record.Box {
	return record.Box{X0: min(a.X0, c.X0), Y0: min(a.Y0, c.Y0), X1: max(a.X1, c.X1), Y1: max(a.Y1, c.Y1)}
}

// colourful reports whether a page image has colour worth keeping: more
// than one pixel in a thousand visibly off grey (a logo, a photo, a
// drawing). Grey pages are stored grey, a third of the size.
func colourful(img image.Image) bool {
	rgba, ok := img.(*image.RGBA)
	if !ok {
		_, gray := img.(*image.Gray)
		return !gray
	}
	b := rgba.Bounds()
	limit := b.Dx() * b.Dy() / 1000
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		row := rgba.Pix[rgba.PixOffset(b.Min.X, y):rgba.PixOffset(b.Max.X, y)]
		for x := 0; x+3 < len(row); x += 8 { // every other pixel of every other row
			r, g, bl := int(row[x]), int(row[x+1]), int(row[x+2])
			if max(r, g, bl)-min(r, g, bl) > 32 {
				n += 4
				if n > limit {
					return true
				}
			}
		}
	}
	return false
}

// toGray copies a page image into a fresh grey image we own; the RGBA
// pages PDFium renders are converted in one pass over their pixels
// (draw.Draw converts pixel by pixel through interfaces, ~5× slower).
func toGray(src image.Image) *image.Gray {
	b := src.Bounds()
	g := image.NewGray(b)
	rgba, ok := src.(*image.RGBA)
	if !ok {
		draw.Draw(g, b, src, b.Min, draw.Src)
		return g
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		in := rgba.Pix[rgba.PixOffset(b.Min.X, y):]
		out := g.Pix[g.PixOffset(b.Min.X, y) : g.PixOffset(b.Min.X, y)+b.Dx()]
		for x := range out {
			r, gr, bl := uint32(in[4*x])*0x101, uint32(in[4*x+1])*0x101, uint32(in[4*x+2])*0x101
			out[x] = uint8((19595*r + 38470*gr + 7471*bl + 1<<15) >> 24) // as color.GrayModel
		}
	}
	return g
}

// rasterPage is a bundle page that carries a page image, and the document
// page it shows: a leak the OCR check finds there is named by both.
type rasterPage struct{ page, doc, docPage int }

// placeRaster draws a burned page image at (x0, y0) scaled from points by
// scale, labels each box, and writes the invisible text layer of the words
// that are kept.
func (b *builder) placeRaster(p *docPlan, page int, r *raster, x0, y0, scale float64) {
	w := b.w
	w.pdf.JPEG(r.jpeg, x0, y0, r.pw*scale, r.ph*scale)
	b.rasterPages = append(b.rasterPages, rasterPage{w.pdf.PageNo(), p.num, page})
	labelled := map[int]bool{}
	for _, bx := range r.boxes {
		var label string
		switch {
		case bx.area > 0:
			if _, ok := b.areas.page[bx.area-1]; !ok {
				b.areas.page[bx.area-1] = w.pdf.PageNo()
			}
			label = b.areas.list[bx.area-1].Code
		case bx.span < 0 || labelled[bx.span]:
			continue
		default:
			sp := p.spans[bx.span]
			if _, ok := p.boxPages[bx.span]; !ok {
				p.boxPages[bx.span] = w.pdf.PageNo()
				if sp.withhold {
					b.res.Withheld++
				}
			}
			if b.areasOnly(sp) && len(b.areas.on(p.doc.ID, page)) > 0 {
				continue // the area's own box is labelled
			}
			label = sp.label
			if label == "" {
				label = sp.code
			}
			if sp.withhold {
				label = "withheld " + sp.code
			}
		}
		hb := float64(bx.box.Y1-bx.box.Y0) * scale
		size := min(max(hb*0.7, 5), 10)
		// The label sits a little inside the box: OCR reads a label that
		// touches the text before the box as one word with it.
		inset := size * 0.4
		if lw := w.width("["+label+"]", true, size); lw+inset <= float64(bx.box.X1-bx.box.X0)*scale+4 {
			w.pdf.SetTextColor(255, 255, 255)
			own := w.own
			w.own = true
			w.text(x0+float64(bx.box.X0)*scale+inset, y0+float64(bx.box.Y1)*scale-hb*0.2, "["+label+"]", true, size)
			w.own = own
			w.pdf.SetTextColor(0, 0, 0)
			if bx.area == 0 {
				labelled[bx.span] = true // once a page is enough
			}
		}
	}
	// The invisible text layer (render mode 3) makes the kept words
	// searchable and selectable; redacted words are simply not in it.
	w.pdf.SetTextRenderingMode(3)
	b.textLayer(p.doc, r.words, r.redacted, x0, y0, scale)
	w.pdf.SetTextRenderingMode(0)
}
