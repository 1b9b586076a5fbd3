package bundle

import (
	"bytes"
	"fmt"
	"image/color"
	"image/jpeg"
	"strconv"
	"strings"
	"time"
)

// The drawing calls of pdfDoc: text, shapes and images on the page being
// drawn, in points from its top left, and the document's Info entries.

// SetFont selects the face ("B": bold) and size for Text.
func (d *pdfDoc) SetFont(_ string, style string, size float64) {
	d.face = 0
	if strings.Contains(style, "B") {
		d.face = 1
	}
	d.size = size
}

// SetTextColor, SetFillColor and SetDrawColor set colours for text,
// filled shapes and lines.
func (d *pdfDoc) SetTextColor(r, g, b int) { d.textRGB = [3]uint8{uint8(r), uint8(g), uint8(b)} }

func (d *pdfDoc) SetFillColor(r, g, b int) { d.fillRGB = [3]uint8{uint8(r), uint8(g), uint8(b)} }

func (d *pdfDoc) SetDrawColor(r, g, b int) { d.strokeRGB = [3]uint8{uint8(r), uint8(g), uint8(b)} }

// SetLineWidth sets the width of lines.
func (d *pdfDoc) SetLineWidth(w float64) { d.lineWidth = w }

func (p *pdfPage) setFill(c [3]uint8) {
	if p.fillSet && p.fill == c {
		return
	}
	p.fill, p.fillSet = c, true
	fmt.Fprintf(&p.buf, "%s %s %s rg\n", colour(c[0]), colour(c[1]), colour(c[2]))
}

func colour(v uint8) string { return strconv.FormatFloat(float64(v)/255, 'f', 3, 64) }

func num(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// Text writes s with its left baseline at (x, y) in the current face, size
// and text colour.
func (d *pdfDoc) Text(x, y float64, s string) {
	p := d.cur
	f := d.fonts[d.face]
	p.setFill(d.textRGB)
	p.buf.WriteString("BT ")
	if p.face != d.face+1 || p.size != d.size {
		p.face, p.size = d.face+1, d.size
		p.buf.WriteString("/F" + strconv.Itoa(d.face+1) + " " + num(d.size) + " Tf ")
	}
	p.buf.WriteString(num(x) + " " + num(p.h-y) + " Td <")
	if strings.Contains(s, nbAlias) && (p.held || p == d.last) {
		if !p.held {
			p.held = true
			if !d.private {
				d.held[p.no] = p
			}
		}
		f.use("0123456789")
		parts := strings.Split(s, nbAlias)
		for i, part := range parts {
			if i > 0 {
				p.buf.WriteString(nbMark)
			}
			f.use(part)
			p.buf.WriteString(hexCodes(part))
		}
	} else {
		f.use(s)
		p.buf.WriteString(hexCodes(s))
	}
	p.buf.WriteString("> Tj ET\n")
}

// hexCodes is s as two-byte character codes in hex.
func hexCodes(s string) string {
	const hexd = "0123456789ABCDEF"
	b := make([]byte, 0, 4*len(s))
	for _, r := range s {
		c := textCode(r)
		b = append(b, hexd[c>>12], hexd[c>>8&15], hexd[c>>4&15], hexd[c&15])
	}
	return string(b)
}

// PageTotal writes the document's page count with its left baseline at
// (x, y), regular face, at the current size: a form XObject made at the
// end, when the count is known.
func (d *pdfDoc) PageTotal(x, y float64) {
	if d.private {
		if d.err == nil {
			d.err = fmt.Errorf("PDF writer: the page count on a page made apart")
		}
		return
	}
	p := d.cur
	obj, ok := d.totals[d.size]
	if !ok {
		obj = d.alloc()
		d.totals[d.size] = obj
	}
	name := "/Nb" + strconv.Itoa(obj)
	ref := name + " " + strconv.Itoa(obj) + " 0 R"
	found := false
	for _, r := range p.xobjs {
		found = found || r == ref
	}
	if !found {
		p.xobjs = append(p.xobjs, ref)
	}
	p.setFill(d.textRGB)
	p.buf.WriteString("q 1 0 0 1 " + num(x) + " " + num(p.h-y) + " cm " + name + " Do Q\n")
}

// Rect fills a rectangle (style "F") or strokes it.
func (d *pdfDoc) Rect(x, y, w, h float64, style string) {
	p := d.cur
	if style == "F" {
		p.setFill(d.fillRGB)
		p.buf.WriteString(num(x) + " " + num(p.h-y-h) + " " + num(w) + " " + num(h) + " re f\n")
		return
	}
	d.stroke(p)
	p.buf.WriteString(num(x) + " " + num(p.h-y-h) + " " + num(w) + " " + num(h) + " re S\n")
}

func (d *pdfDoc) stroke(p *pdfPage) {
	if !p.strkSet || p.stroke != d.strokeRGB {
		p.stroke, p.strkSet = d.strokeRGB, true
		c := d.strokeRGB
		fmt.Fprintf(&p.buf, "%s %s %s RG\n", colour(c[0]), colour(c[1]), colour(c[2]))
	}
	if p.lineW != d.lineWidth {
		p.lineW = d.lineWidth
		p.buf.WriteString(num(d.lineWidth) + " w\n")
	}
}

// Line draws a line in the draw colour and line width.
func (d *pdfDoc) Line(x1, y1, x2, y2 float64) {
	p := d.cur
	d.stroke(p)
	p.buf.WriteString(num(x1) + " " + num(p.h-y1) + " m " + num(x2) + " " + num(p.h-y2) + " l S\n")
}

// SetTextRenderingMode sets how text is drawn (3: invisible).
func (d *pdfDoc) SetTextRenderingMode(m int) { d.cur.buf.WriteString(strconv.Itoa(m) + " Tr\n") }

// RawWriteStr adds operators to the page as they are.
func (d *pdfDoc) RawWriteStr(s string) {
	d.cur.buf.WriteString(s)
	d.cur.buf.WriteByte('\n')
}

// JPEG places a JPEG image at (x, y) with size w × h; it is written to the
// file now.
func (d *pdfDoc) JPEG(data []byte, x, y, w, h float64) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if d.err == nil {
			d.err = fmt.Errorf("PDF writer: page image: %w", err)
		}
		return
	}
	cs := "/DeviceRGB"
	switch cfg.ColorModel {
	case color.GrayModel:
		cs = "/DeviceGray"
	case color.CMYKModel:
		cs = "/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]"
	}
	dict := fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode",
		cfg.Width, cfg.Height, cs)
	p := d.cur
	var name string
	if d.private {
		name = "/Ip" + strconv.Itoa(len(p.images)+1)
		p.images = append(p.images, pendingImage{name: name, dict: dict, data: data})
	} else {
		obj := d.alloc()
		d.streamObject(obj, dict, data)
		name = "/Im" + strconv.Itoa(obj)
		p.xobjs = append(p.xobjs, name+" "+strconv.Itoa(obj)+" 0 R")
	}
	p.buf.WriteString("q " + num(w) + " 0 0 " + num(h) + " " + num(x) + " " + num(p.h-y-h) + " cm " + name + " Do Q\n")
}

// Bookmark adds an outline entry at y on the current page.
func (d *pdfDoc) Bookmark(title string, level int, y float64) {
	page := d.cur.obj
	if d.private {
		page = d.cur.no
	}
	d.outlines = append(d.outlines, outline{title: title, level: level, page: page, y: d.cur.h - y})
}

// SetTitle and the other Info setters; the bool is fpdf's "is UTF-8".
func (d *pdfDoc) SetTitle(s string, _ bool) { d.title = s }

func (d *pdfDoc) SetSubject(s string, _ bool) { d.subject = s }

func (d *pdfDoc) SetProducer(s string, _ bool) { d.producer = s }

func (d *pdfDoc) SetCreationDate(t time.Time) { d.created = t }

func (d *pdfDoc) SetModificationDate(t time.Time) { d.modified = t }

func (d *pdfDoc) SetLang(s string) { d.lang = s }
