package bundle

import (
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry, in points (A4).
const (
	pageW   = 595.28
	pageH   = 841.89
	marginX = 56.7 // 20 mm
)

// writer lays text out on fpdf pages: it keeps the position, wraps on
// spaces (never hyphenates), starts pages with the stamps, and measures text
// from a per-rune width cache.
type writer struct {
	pdf      *fpdf.Fpdf
	meas     *fpdf.Fpdf // no pages: measuring there writes nothing
	size     float64    // body size
	small    float64    // stamps, labels in boxes
	lh       float64    // line height
	top, bot float64    // content area
	y        float64    // top of the next line
	widths   [2]map[rune]float64
	ref      string
	date     string
	onBox    func(span int)  // told when a box of the current document is drawn
	own      bool            // writing the bundle's own wording, not record text
	ownText  strings.Builder // the bundle's own wording, for the leak check
	// bands holds, by page number, the band line of each original page
	// (stamped in bands outside the page image instead of the margins).
	bands map[int]string
}

const (
	famSans = "sans"
)

func newWriter(f *fonts, opts *Options) *writer {
	size := 11.0
	if opts.LargePrint {
		size = 16
	}
	w := &writer{size: size, small: max(8, size*0.75), lh: size * 1.4, ref: opts.Reference, date: longDate(opts.Date), bands: map[int]string{}}
	w.top = 36 + w.small*3
	w.bot = pageH - 36 - w.small*3
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(true)
	pdf.AddUTF8FontFromBytes(famSans, "", f.regular)
	pdf.AddUTF8FontFromBytes(famSans, "B", f.bold)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(marginX, w.top, marginX)
	pdf.AliasNbPages("{nb}")
	pdf.SetHeaderFuncMode(w.header, false)
	pdf.SetFooterFunc(w.footer)
	pdf.SetFont(famSans, "", size)
	w.pdf = pdf
	meas := fpdf.New("P", "pt", "A4", "")
	meas.AddUTF8FontFromBytes(famSans, "", f.regular)
	meas.AddUTF8FontFromBytes(famSans, "B", f.bold)
	w.meas = meas
	w.widths = [2]map[rune]float64{{}, {}}
	return w
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
	pg := "Page " + strconv.Itoa(p.PageNo()) + " of {nb}"
	// {nb} is at most 5 digits wide; right-align on that.
	p.Text(pageW-marginX-w.width("Page "+strconv.Itoa(p.PageNo())+" of 00000", false, w.small), y, pg)
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
	b := 0
	if bold {
		b = 1
	}
	m := w.widths[b]
	total := 0.0
	for _, r := range s {
		cw, ok := m[r]
		if !ok {
			st := ""
			if bold {
				st = "B"
			}
			w.meas.SetFont(famSans, st, 1000)
			cw = w.meas.GetStringWidth(string(r)) / 1000
			m[r] = cw
		}
		total += cw
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
		w.ownText.WriteString(s)
		w.ownText.WriteByte('\n')
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
