package bundle

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// pdfDoc writes a PDF to a file as it is made, page by page: a page's
// content stream is compressed (and encrypted) on a worker and written once
// the next page starts, an image as soon as it is placed, so memory holds
// the open page and a few finished ones, never the document. What only the
// end knows is written at the end: the page tree, the bookmarks, the fonts
// (subset to the characters used), and the page count, which every page's
// footer shows through one shared form XObject ("Page 3 of" + the total).
// Pages that print the count in their own text (the cover letter: "It has
// {nb} pages") and pages filled in last (the contents) are held in memory
// until then. It has the drawing calls of the fpdf subset the bundle used,
// in points with the origin at the page's top left.
type pdfDoc struct {
	pdfOut

	fonts   [2]*ttFont // regular, bold
	fontObj [2]int
	totals  map[float64]int // the page-count XObject by text size

	title, subject, producer, lang string
	created, modified              time.Time

	pageObjs  []int // by page number - 1
	nodes     []int // intermediate page-tree nodes
	rootPages int
	cur, last *pdfPage
	held      map[int]*pdfPage
	outlines  []outline

	header, footer func()

	// private: pages made apart from the file, on another goroutine (a
	// document laid out ahead); they are numbered from 1 here and the
	// document that adopts them gives them their place, their images'
	// objects and their footers.
	private bool
	made    []*pdfPage

	// The drawing state, as fpdf keeps it across pages.
	face                         int
	size                         float64
	textRGB, fillRGB, strokeRGB  [3]uint8
	lineWidth                    float64
	workers                      chan *pdfJob
	pending                      []*pdfJob
	compressLevel, maxPending, n int
}

// pagesPerNode is the fan-out of the page tree's lower level.
const pagesPerNode = 128

// nbAlias is replaced by the page count in the text of held pages.
const nbAlias = "{nb}"

// nbMark stands for the page count inside a held page's hex string.
const nbMark = "\x00NB\x00"

type pdfPage struct {
	no, obj, contentObj int
	w, h                float64
	buf                 bytes.Buffer
	xobjs               []string       // resource names, "/Im12 12 0 R"
	images              []pendingImage // a private page's, written when adopted
	held                bool
	// What the content stream has set so far (it starts from the default
	// graphics state).
	fill, stroke     [3]uint8
	fillSet, strkSet bool
	face             int
	size             float64
	lineW            float64
}

type outline struct {
	title string
	level int
	page  int // page object (a private document's: page number)
	y     float64
}

type pdfJob struct {
	obj  int
	dict string
	data []byte
	done chan struct{}
	out  []byte
}

// newPDFDoc starts a PDF on out, encrypted for user unless crypt is nil.
func newPDFDoc(out io.Writer, f *fonts, crypt *pdfCrypt) (*pdfDoc, error) {
	reg, err := parseTTF("LiberationSans", f.regular)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFont, err)
	}
	bold, err := parseTTF("LiberationSans-Bold", f.bold)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFont, err)
	}
	d := &pdfDoc{pdfOut: newPDFOut(out, crypt), fonts: [2]*ttFont{reg, bold},
		held: map[int]*pdfPage{}, totals: map[float64]int{}, size: 11, lineWidth: 1, compressLevel: zlib.DefaultCompression}
	d.maxPending = 2 * runtime.GOMAXPROCS(0)
	d.rootPages = d.alloc()
	d.fontObj = [2]int{d.alloc(), d.alloc()}
	return d, nil
}

// width is r's advance in thousandths of the text size, rounded to whole
// thousandths as fpdf measured (so lines break where they did).
func (f *ttFont) width(r rune) float64 { return float64(f.w1000[textCode(r)]) }

// textString is a text string for a dictionary (the Info entries, a
// bookmark's title): PDFDocEncoding-safe ASCII as it is, anything else
// UTF-16BE with a byte-order mark; encrypted when the file is.
func (d *pdfDoc) textString(s string) string {
	var b []byte
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			ascii = false
		}
	}
	if ascii {
		b = []byte(s)
	} else {
		b = []byte{0xfe, 0xff}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u>>8), byte(u))
		}
	}
	return d.str(b)
}

// Error is the first error met writing.
func (d *pdfDoc) Error() error { return d.err }

// PageNo is the number of the page being drawn on (SetPage changes it).
func (d *pdfDoc) PageNo() int {
	if d.cur == nil {
		return 0
	}
	return d.cur.no
}

// PageCount is the number of pages added.
func (d *pdfDoc) PageCount() int { return len(d.pageObjs) }

// GetPageSize is the current page's size.
func (d *pdfDoc) GetPageSize() (float64, float64) { return d.cur.w, d.cur.h }

// AddPage adds an A4 page.
func (d *pdfDoc) AddPage() { d.AddPageSize(pageW, pageH) }

// AddPageSize finishes the last page (its footer, then out to the file
// unless held) and starts a page of the given size with its header.
func (d *pdfDoc) AddPageSize(w, h float64) {
	if d.private {
		if d.last != nil {
			d.made = append(d.made, d.last)
		}
		p := &pdfPage{no: len(d.made) + 1, w: w, h: h}
		d.cur, d.last = p, p
		if d.header != nil {
			st := d.state()
			d.header()
			d.restore(st)
		}
		return
	}
	if d.last != nil {
		d.finish(d.last)
	}
	p := &pdfPage{no: len(d.pageObjs) + 1, w: w, h: h}
	p.obj, p.contentObj = d.alloc(), d.alloc()
	if (p.no-1)%pagesPerNode == 0 {
		d.nodes = append(d.nodes, d.alloc())
	}
	d.pageObjs = append(d.pageObjs, p.obj)
	d.cur, d.last = p, p
	if d.header != nil {
		st := d.state()
		d.header()
		d.restore(st)
	}
}

// drawState is what header and footer may change and the page's own
// drawing keeps (fpdf restored it around them too).
type drawState struct {
	face                        int
	size, lineWidth             float64
	textRGB, fillRGB, strokeRGB [3]uint8
}

func (d *pdfDoc) state() drawState {
	return drawState{d.face, d.size, d.lineWidth, d.textRGB, d.fillRGB, d.strokeRGB}
}

func (d *pdfDoc) restore(s drawState) {
	d.face, d.size, d.lineWidth, d.textRGB, d.fillRGB, d.strokeRGB = s.face, s.size, s.lineWidth, s.textRGB, s.fillRGB, s.strokeRGB
}

// finish draws the footer of p and writes it out unless it is held.
func (d *pdfDoc) finish(p *pdfPage) {
	cur := d.cur
	d.cur = p
	if d.footer != nil {
		st := d.state()
		d.footer()
		d.restore(st)
	}
	d.cur = cur
	if !p.held {
		d.flush(p)
	}
}

// Hold keeps the current page in memory until Close, so SetPage can come
// back to it.
func (d *pdfDoc) Hold() {
	d.cur.held = true
	d.held[d.cur.no] = d.cur
}

// SetPage makes page n the one drawn on: a held page, or the last.
func (d *pdfDoc) SetPage(n int) {
	if d.last != nil && n == d.last.no {
		d.cur = d.last
		return
	}
	p := d.held[n]
	if p == nil {
		if d.err == nil {
			d.err = fmt.Errorf("PDF writer: page %d was already written", n)
		}
		return
	}
	d.cur = p
}

// flush writes page p's object now and its content stream once a worker
// has compressed it.
func (d *pdfDoc) flush(p *pdfPage) {
	parent := d.nodes[(p.no-1)/pagesPerNode]
	xo := ""
	if len(p.xobjs) > 0 {
		xo = " /XObject << " + strings.Join(p.xobjs, " ") + " >>"
	}
	d.object(p.obj, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >>%s >> /Contents %d 0 R >>",
		parent, p.w, p.h, d.fontObj[0], d.fontObj[1], xo, p.contentObj))
	data := p.buf.Bytes()
	if p.held {
		data = bytes.ReplaceAll(data, []byte(nbMark), []byte(hexCodes(strconv.Itoa(len(d.pageObjs)))))
	}
	d.compress(p.contentObj, "/Filter /FlateDecode", data)
	p.buf = bytes.Buffer{}
}

// compress hands a stream to the workers; finished ones are written in the
// order they were handed over, and at most maxPending wait.
func (d *pdfDoc) compress(obj int, dict string, data []byte) {
	if d.workers == nil {
		d.workers = make(chan *pdfJob)
		for range runtime.GOMAXPROCS(0) {
			go func() {
				var b bytes.Buffer
				zw, _ := zlib.NewWriterLevel(&b, d.compressLevel) // one a worker: each is ~1 MB
				for j := range d.workers {
					b = bytes.Buffer{}
					zw.Reset(&b)
					zw.Write(j.data)
					zw.Close()
					j.out = b.Bytes()
					if d.crypt != nil {
						j.out = d.crypt.seal(j.out)
					}
					close(j.done)
				}
			}()
		}
	}
	j := &pdfJob{obj: obj, dict: dict, data: data, done: make(chan struct{})}
	d.pending = append(d.pending, j)
	d.workers <- j
	d.drain(d.maxPending)
}

// drain writes streams in the order they were handed over until at most
// keep wait (whatever the workers' timing, so the file is the same from
// one run to the next).
func (d *pdfDoc) drain(keep int) {
	for len(d.pending) > keep {
		j := d.pending[0]
		<-j.done
		d.sealedStream(j.obj, j.dict, j.out)
		d.pending[0] = nil
		d.pending = d.pending[1:]
	}
}

// Close finishes the last page and writes what only the end knows: held
// pages, the page count, the fonts, the page tree, the bookmarks, the
// Info and catalogue, the cross-reference table and the trailer.
func (d *pdfDoc) Close() error {
	if d.last != nil {
		d.finish(d.last)
	}
	for n := 1; n <= len(d.pageObjs); n++ {
		if p := d.held[n]; p != nil {
			d.flush(p)
			delete(d.held, n)
		}
	}
	d.drain(0)
	if d.workers != nil {
		close(d.workers)
	}
	total := strconv.Itoa(len(d.pageObjs))
	for size, obj := range d.totals {
		d.fonts[0].use(total)
		content := "BT /F1 " + num(size) + " Tf 0 0 Td <" + hexCodes(total) + "> Tj ET"
		d.streamObject(obj, fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 %s %s %s] /Resources << /Font << /F1 %d 0 R >> >>",
			num(-size), num(size*float64(len(total))), num(size*1.2), d.fontObj[0]), []byte(content))
	}
	for i, f := range d.fonts {
		d.writeFont(d.fontObj[i], f, [2]string{"DSCLRA", "DSCLBA"}[i])
	}
	var kids []string
	for i, node := range d.nodes {
		var ks []string
		for _, po := range d.pageObjs[i*pagesPerNode : min(len(d.pageObjs), (i+1)*pagesPerNode)] {
			ks = append(ks, strconv.Itoa(po)+" 0 R")
		}
		d.object(node, fmt.Sprintf("<< /Type /Pages /Parent %d 0 R /Kids [%s] /Count %d >>", d.rootPages, strings.Join(ks, " "), len(ks)))
		kids = append(kids, strconv.Itoa(node)+" 0 R")
	}
	d.object(d.rootPages, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(d.pageObjs)))
	outlines := d.writeOutlines()
	info := d.alloc()
	var ib strings.Builder
	ib.WriteString("<< ")
	if d.producer != "" {
		ib.WriteString("/Producer " + d.textString(d.producer) + " ")
	}
	if d.title != "" {
		ib.WriteString("/Title " + d.textString(d.title) + " ")
	}
	if d.subject != "" {
		ib.WriteString("/Subject " + d.textString(d.subject) + " ")
	}
	created, modified := d.created, d.modified
	if created.IsZero() {
		created = time.Now()
	}
	if modified.IsZero() {
		modified = created
	}
	ib.WriteString("/CreationDate " + d.textString("D:"+created.Format("20060102150405")) + " ")
	ib.WriteString("/ModDate " + d.textString("D:"+modified.Format("20060102150405")) + " >>")
	d.object(info, ib.String())
	catalog := d.alloc()
	cat := fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R", d.rootPages)
	if outlines > 0 {
		cat += fmt.Sprintf(" /Outlines %d 0 R /PageMode /UseOutlines", outlines)
	}
	if d.lang != "" {
		cat += " /Lang " + d.textString(d.lang)
	}
	if len(d.pageObjs) > 0 {
		cat += fmt.Sprintf(" /OpenAction [%d 0 R /FitH null]", d.pageObjs[0])
	}
	d.object(catalog, cat+" >>")
	if err := d.end(catalog, info, nil); err != nil {
		return err
	}
	for n, o := range d.xref[1:] {
		if o == 0 && d.err == nil {
			d.err = fmt.Errorf("PDF writer: object %d never written", n+1)
		}
	}
	return d.err
}
