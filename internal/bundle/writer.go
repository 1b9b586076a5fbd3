package bundle

import (
	"io"
	"strconv"
	"strings"
	"time"
)

// Page geometry, in points (A4).
const (
	pageW   = 595.28
	pageH   = 841.89
	marginX = 56.7 // 20 mm
)

// writer lays text out on the pages of a pdfDoc: it keeps the position,
// wraps on spaces (never hyphenates), starts pages with the stamps, and
// measures text from the faces' advance widths.
type writer struct {
	pdf      *pdfDoc
	faces    [2]*ttFont // regular, bold
	size     float64    // body size
	small    float64    // stamps, labels in boxes
	lh       float64    // line height
	top, bot float64    // content area
	y        float64    // top of the next line
	ref      string
	date     string
	onBox    func(span int) // told when a box of the current document is drawn
	own      bool           // writing the bundle's own wording, not record text
	ownText  ownWording     // the bundle's own wording, for the leak check
	// bands holds, by page number, the band line of each original page
	// (stamped in bands outside the page image instead of the margins).
	bands map[int]string
}

const (
	famSans = "sans"
)

// newWriter starts a document on out, encrypted with crypt unless it is
// nil.
func newWriter(f *fonts, opts *Options, out io.Writer, crypt *pdfCrypt) (*writer, error) {
	size := 11.0
	if opts.LargePrint {
		size = 16
	}
	w := &writer{size: size, small: max(8, size*0.75), lh: size * 1.4, ref: opts.Reference, date: longDate(opts.Date), bands: map[int]string{}}
	w.top = 36 + w.small*3
	w.bot = pageH - 36 - w.small*3
	pdf, err := newPDFDoc(out, f, crypt)
	if err != nil {
		return nil, err
	}
	pdf.header, pdf.footer = w.header, w.footer
	pdf.SetFont(famSans, "", size)
	w.pdf = pdf
	w.faces = pdf.fonts
	return w, nil
}

// header stamps the top of every page: the protective marking (Government
// Security Classifications: OFFICIAL-SENSITIVE for personal care records)
// and the request reference.
func (w *writer) header() {
	p := w.pdf
	if doc, ok := w.bands[p.PageNo()]; ok {
		w.bandHeader(doc)
		return
	}
	p.SetTextColor(0, 0, 0)
	p.SetFont(famSans, "B", w.small)
	p.Text(marginX, 36+w.small, "OFFICIAL-SENSITIVE")
	p.SetFont(famSans, "", w.small)
	ref := "Request " + w.ref
	p.Text(pageW-marginX-w.width(ref, false, w.small), 36+w.small, ref)
	p.SetDrawColor(160, 160, 160)
	p.SetLineWidth(0.5)
	p.Line(marginX, 36+w.small*1.7, pageW-marginX, 36+w.small*1.7)
}

// footer stamps the disclosure date and "Page N of M" ({nb} is replaced
// with the page count when the file is written).
func (w *writer) footer() {
	p := w.pdf
	if _, ok := w.bands[p.PageNo()]; ok {
		w.bandFooter()
		return
	}
	p.SetTextColor(0, 0, 0)
	p.SetFont(famSans, "", w.small)
	y := pageH - 36
	p.Text(marginX, y, "Disclosed "+w.date+"   OFFICIAL-SENSITIVE")
	w.pageOf(pageW-marginX, y)
}

// pageOf writes "Page N of M" ending at most at right: M is at most 5
// digits wide, and is written by the document once it is known.
func (w *writer) pageOf(right, y float64) {
	p := w.pdf
	pg := "Page " + strconv.Itoa(p.PageNo()) + " of "
	x := right - w.width(pg+"00000", false, w.small)
	p.Text(x, y, pg)
	p.PageTotal(x+w.width(pg, false, w.small), y)
}

// newPage starts a page and puts the cursor at the top of the content area.
func (w *writer) newPage() {
	w.pdf.AddPage()
	w.pdf.SetFont(famSans, "", w.size)
	w.y = w.top
}

// room starts a new page unless h points fit above the bottom margin.
func (w *writer) room(h float64) {
	if w.pdf.PageNo() == 0 || w.y+h > w.bot {
		w.newPage()
	}
}

// width of s in the regular or bold face at size, from the rune cache
// (fpdf applies no kerning, so the sum of advances is exact).
func (w *writer) width(s string, bold bool, size float64) float64 {
	f := w.faces[0]
	if bold {
		f = w.faces[1]
	}
	total := 0.0
	for _, r := range s {
		total += f.width(r)
	}
	return total * size
}

// setFont selects a face and size on the page being written.
func (w *writer) setFont(bold bool, size float64) {
	st := ""
	if bold {
		st = "B"
	}
	w.pdf.SetFont(famSans, st, size)
}

// text writes s with its left baseline at (x, y).
func (w *writer) text(x, y float64, s string, bold bool, size float64) {
	if w.own {
		w.ownText.add(s)
	}
	w.setFont(bold, size)
	w.pdf.Text(x, y, s)
}

// rule draws a thin grey line across the content width.
func (w *writer) rule() {
	w.pdf.SetDrawColor(180, 180, 180)
	w.pdf.SetLineWidth(0.5)
	w.pdf.Line(marginX, w.y, pageW-marginX, w.y)
	w.y += w.lh * 0.5
}

// lines writes plain text (no redactions) wrapped to the content width.
func (w *writer) lines(s string, bold bool, size float64) {
	w.para([]frag{{text: s, bold: bold}}, 0, size)
}

// gap leaves vertical space of n lines (not at the top of a page).
func (w *writer) gap(n float64) {
	if w.y > w.top {
		w.y += w.lh * n
	}
}

// longDate is "3 March 2014".
func longDate(t time.Time) string {
	if t.IsZero() {
		return "date not known"
	}
	return t.Format("2 January 2006")
}

func itoa(n int) string { return strconv.Itoa(n) }

// truncate shortens s to fit width at size, ending with an ellipsis.
func (w *writer) truncate(s string, bold bool, size, width float64) string {
	if w.width(s, bold, size) <= width {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && w.width(string(rs)+"…", bold, size) > width {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimSpace(string(rs)) + "…"
}

// ownWording is each distinct piece of the bundle's own wording once, in
// the order first written: a box label or a stamp is written on thousands
// of pages, and the leak check needs to know only that it is wording
// (a 50,000-page bundle's wording was 90 MiB written out in full).
type ownWording struct {
	seen   map[string]bool
	pieces []string
}

func (o *ownWording) add(s string) {
	if o.seen[s] {
		return
	}
	if o.seen == nil {
		o.seen = map[string]bool{}
	}
	o.seen[s] = true
	o.pieces = append(o.pieces, s)
}

// addAll adds another writer's wording (a document laid out on its own).
func (o *ownWording) addAll(from *ownWording) {
	for _, s := range from.pieces {
		o.add(s)
	}
}

// String is the wording, a piece a line.
func (o *ownWording) String() string { return strings.Join(o.pieces, "\n") + "\n" }
