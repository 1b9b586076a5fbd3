package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// scanCover is the share of a page that images must cover for the page to
// count as a scan: a scanner's page image covers all of it, a letterhead
// logo or a photo in a report far less.
const scanCover = 0.6

// pdfLine is one line of a page's text layer: its runes and their boxes (PDF
// points, top-left origin).
type pdfLine struct {
	runes []rune
	boxes []record.Box
}

// pdfPage is what one page of a PDF holds.
type pdfPage struct {
	width, height float32
	lines         []pdfLine
	scanned       bool         // images cover most of the page
	images        []record.Box // where images are drawn
	notes         []pdfNote    // comments and form-field values
}

// affine maps PDF user space to page space with the origin at the top left
// (rotation and crop box applied): x' = a*x + c*y + e, y' = b*x + d*y + f.
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) box(l, t, r, b float64) record.Box {
	x0, y0 := m.a*l+m.c*t+m.e, m.b*l+m.d*t+m.f
	x1, y1 := m.a*r+m.c*b+m.e, m.b*r+m.d*b+m.f
	return record.Box{X0: float32(min(x0, x1)), Y0: float32(min(y0, y1)), X1: float32(max(x0, x1)), Y1: float32(max(y0, y1))}
}

// pageTransform works out the page's user-space → top-left transform from
// three probe points, so rotated pages and offset crop boxes come out right.
func (d *pdfDoc) pageTransform(p requests.Page, w, h float64) (affine, error) {
	const scale, probe = 100, 1000
	dev := func(x, y float64) (float64, float64, error) {
		r, err := d.inst.FPDF_PageToDevice(&requests.FPDF_PageToDevice{
			Page: p, SizeX: int(w * scale), SizeY: int(h * scale), Rotate: enums.FPDF_PAGE_ROTATION_NONE,
			PageX: x, PageY: y,
		})
		if err != nil {
			return 0, 0, err
		}
		return float64(r.DeviceX) / scale, float64(r.DeviceY) / scale, nil
	}
	e, f, err := dev(0, 0)
	if err != nil {
		return affine{}, err
	}
	ax, bx, err := dev(probe, 0)
	if err != nil {
		return affine{}, err
	}
	cy, dy, err := dev(0, probe)
	if err != nil {
		return affine{}, err
	}
	return affine{a: (ax - e) / probe, b: (bx - f) / probe, c: (cy - e) / probe, d: (dy - f) / probe, e: e, f: f}, nil
}

// readPage reads page i (0-based): its size, its text layer line by line
// with a box per rune, and whether it is a scan.
func (d *pdfDoc) readPage(i int) (*pdfPage, error) {
	sz, err := d.inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: d.doc, Index: i})
	if err != nil {
		return nil, err
	}
	pg := &pdfPage{width: float32(sz.Width), height: float32(sz.Height)}
	p := d.page(i)
	m, err := d.pageTransform(p, sz.Width, sz.Height)
	if err != nil {
		return nil, err
	}
	if pg.lines, err = d.pageLines(p, m); err != nil {
		return nil, err
	}
	cover, err := d.imageCover(p, m, sz.Width, sz.Height, &pg.images)
	if err != nil {
		return nil, err
	}
	pg.scanned = cover >= scanCover*sz.Width*sz.Height
	if pg.notes, err = d.pageNotes(p, m); err != nil {
		return nil, err
	}
	return pg, nil
}

// pageLines reads the text layer: the whole page's text in one call, then a
// loose box per character (font ascent to descent, so a redaction box
// covers the whole letter). Measured here on 50 typed pages, a page costs
// ~2.8 ms of CPU either this way or with GetPageTextStructured's per-char
// ink boxes; loading the page and its text dominates.
func (d *pdfDoc) pageLines(p requests.Page, m affine) ([]pdfLine, error) {
	tp, err := d.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: p})
	if err != nil {
		return nil, err
	}
	defer d.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cc, err := d.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil || cc.Count <= 0 {
		return nil, err
	}
	runes, err := d.pageRunes(tp.TextPage, cc.Count)
	if err != nil {
		return nil, err
	}
	var (
		lines []pdfLine
		cur   pdfLine
	)
	flush := func() {
		cur = trimLine(cur)
		if len(cur.runes) > 0 {
			lines = append(lines, cur)
		}
		cur = pdfLine{}
	}
	for i, r := range runes {
		switch {
		case r == '\r' || r == '\n':
			flush()
			continue
		case r == '\t' || r == 0xA0:
			r = ' '
		case r == 0 || r == 0xFFFE || r == 0xFFFF || r == 0xFEFF || unicode.IsControl(r) || !utf8.ValidRune(r):
			continue // unmapped glyphs and soft-hyphen markers carry no text
		}
		var b record.Box
		if bx, err := d.inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i}); err == nil {
			rc := bx.Rect
			b = m.box(float64(rc.Left), float64(rc.Top), float64(rc.Right), float64(rc.Bottom))
		}
		cur.runes = append(cur.runes, r)
		cur.boxes = append(cur.boxes, b)
	}
	flush()
	return lines, nil
}

// pageRunes returns one rune per PDFium character index: the page's text in
// one call when it maps one to one (it is UTF-16), else char by char.
func (d *pdfDoc) pageRunes(tp references.FPDF_TEXTPAGE, n int) ([]rune, error) {
	t, err := d.inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp, StartIndex: 0, Count: n})
	if err != nil {
		return nil, err
	}
	runes := []rune(t.Text)
	if len(runes) == n {
		return runes, nil
	}
	runes = runes[:0]
	for i := 0; i < n; i++ {
		u, err := d.inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp, Index: i})
		if err != nil {
			return nil, err
		}
		runes = append(runes, rune(u.Unicode))
	}
	return runes, nil
}

// trimLine drops leading and trailing spaces and fills in boxes PDFium does
// not give (the spaces it generates between words) from the neighbours, so
// that every rune of the text has a place on the page.
func trimLine(l pdfLine) pdfLine {
	for len(l.runes) > 0 && l.runes[0] == ' ' {
		l.runes, l.boxes = l.runes[1:], l.boxes[1:]
	}
	for n := len(l.runes); n > 0 && l.runes[n-1] == ' '; n = len(l.runes) {
		l.runes, l.boxes = l.runes[:n-1], l.boxes[:n-1]
	}
	for i := range l.boxes {
		b := l.boxes[i]
		if b.X1 > b.X0 && b.Y1 > b.Y0 {
			continue
		}
		var prev, next record.Box
		if i > 0 {
			prev = l.boxes[i-1]
		}
		for j := i + 1; j < len(l.boxes); j++ {
			if nb := l.boxes[j]; nb.X1 > nb.X0 && nb.Y1 > nb.Y0 {
				next = nb
				break
			}
		}
		switch {
		case i > 0 && next.X1 > next.X0 && next.X0 >= prev.X1:
			l.boxes[i] = record.Box{X0: prev.X1, Y0: min(prev.Y0, next.Y0), X1: next.X0, Y1: max(prev.Y1, next.Y1)}
		case i > 0:
			l.boxes[i] = record.Box{X0: prev.X1, Y0: prev.Y0, X1: prev.X1, Y1: prev.Y1}
		default:
			l.boxes[i] = record.Box{X0: next.X0, Y0: next.Y0, X1: next.X0, Y1: next.Y1}
		}
	}
	return l
}

// imageCover sums the page area covered by image objects (clipped to the
// page), looking one level into form XObjects, where some scanners put the
// page image. The box of each image is appended to boxes.
func (d *pdfDoc) imageCover(p requests.Page, m affine, w, h float64, boxes *[]record.Box) (float64, error) {
	n, err := d.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: p})
	if err != nil {
		return 0, err
	}
	var area float64
	for i := 0; i < n.Count; i++ {
		o, err := d.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: p, Index: i})
		if err != nil {
			return 0, err
		}
		t, err := d.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: o.PageObject})
		if err != nil {
			return 0, err
		}
		switch t.Type {
		case enums.FPDF_PAGEOBJ_IMAGE:
		case enums.FPDF_PAGEOBJ_FORM:
			if !d.formHasImage(o.PageObject, 2) {
				continue
			}
		default:
			continue
		}
		b, err := d.inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: o.PageObject})
		if err != nil {
			return 0, err
		}
		box := m.box(float64(b.Left), float64(b.Top), float64(b.Right), float64(b.Bottom))
		area += clippedArea(box, w, h)
		*boxes = append(*boxes, box)
	}
	return area, nil
}

// clippedArea is the area of b inside a w×h page.
func clippedArea(b record.Box, w, h float64) float64 {
	dx := min(float64(b.X1), w) - max(float64(b.X0), 0)
	dy := min(float64(b.Y1), h) - max(float64(b.Y0), 0)
	if dx <= 0 || dy <= 0 {
		return 0
	}
	return dx * dy
}

func (d *pdfDoc) formHasImage(o references.FPDF_PAGEOBJECT, depth int) bool {
	n, err := d.inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: o})
	if err != nil {
		return false
	}
	for i := 0; i < n.Count; i++ {
		c, err := d.inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: o, Index: uint64(i)})
		if err != nil {
			return false
		}
		t, err := d.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: c.PageObject})
		if err != nil {
			continue
		}
		if t.Type == enums.FPDF_PAGEOBJ_IMAGE || (t.Type == enums.FPDF_PAGEOBJ_FORM && depth > 1 && d.formHasImage(c.PageObject, depth-1)) {
			return true
		}
	}
	return false
}
