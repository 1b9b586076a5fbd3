package bundle

import (
	"context"
	"fmt"
	"image"
	"sort"
	"strings"
	"unicode"

	"github.com/disclose-sar/disclose/internal/record"
)

// scanPage writes a scanned page as its image with every redacted word's
// box burned into the pixels (the original pixels are gone, not covered),
// then an invisible text layer of the words that are kept. It returns false
// when the page must be set as text instead: no renderer, or a redaction
// that the page's word boxes do not cover (so it could not be burned).
func (b *builder) scanPage(ctx context.Context, p *docPlan, page int, bls []record.Block) (bool, error) {
	d := p.doc
	if b.opts.PageImage == nil {
		return false, nil
	}
	words := pageWords(d, page)
	if len(words) == 0 {
		if len(bls) == 0 {
			// Nothing was read from this page, so nothing on it could be
			// checked for other people's information: it is not disclosed.
			b.w.gap(0.5)
			b.w.para([]frag{{text: "Original page " + itoa(page) + " could not be read by our system, so it is not included. Please ask us about it.", bold: true}}, 0, b.w.size)
			b.warn(fmt.Sprintf("document %d page %d: scanned page with no text left out", p.num, page))
			return true, nil
		}
		return false, nil
	}
	if !b.covered(p, words, bls) {
		b.warn(fmt.Sprintf("document %d page %d: a redaction is not located on the scan; page set as text", p.num, page))
		return false, nil
	}
	r, err := b.burnPage(ctx, p, page, words)
	if err != nil {
		b.warn(fmt.Sprintf("document %d page %d: page image: %v; page set as text", p.num, page, err))
		return false, nil
	}
	w := b.w
	// The first scanned page may sit under the document's header when most
	// of the page is left; otherwise each scan has a page of its own.
	if w.pdf.PageNo() == 0 || w.y > w.top+(w.bot-w.top)*0.35 {
		w.newPage()
	}
	availW, availH := pageW-2*marginX, w.bot-w.y
	scale := min(availW/r.pw, availH/r.ph)
	b.placeRaster(p, page, r, marginX+(availW-r.pw*scale)/2, w.y, scale)
	w.y = w.bot
	return true, nil
}

// PageWords is the words of one page of a document with their boxes
// (points, top-left origin): OCR words, or words built from the text
// layer's character boxes (Glyphs) when there are none. The review screen
// draws suggestions on the page image with them; the bundle burns them.
func PageWords(d *record.Document, page int) []record.Word { return pageWords(d, page) }

// pageWords is the words of one page: OCR words, or words built from a
// scanner's text layer (glyphs) when there are none.
func pageWords(d *record.Document, page int) []record.Word {
	var out []record.Word
	for _, wd := range d.Words {
		if wd.Page == page && wd.Start >= 0 && wd.End > wd.Start && wd.End <= len(d.Text) {
			out = append(out, wd)
		}
	}
	if len(out) > 0 {
		return out
	}
	var cur *record.Word
	for _, g := range d.Glyphs {
		if int(g.Page) != page || g.Start < 0 || g.End <= g.Start || int(g.End) > len(d.Text) {
			continue
		}
		isSpace := strings.IndexFunc(d.Text[g.Start:g.End], func(r rune) bool { return !unicode.IsSpace(r) }) < 0
		if isSpace || cur == nil || int(g.Start) != cur.End {
			if cur != nil {
				out = append(out, *cur)
				cur = nil
			}
			if isSpace {
				continue
			}
			cur = &record.Word{Page: page, Start: int(g.Start), End: int(g.End), Box: g.Box}
			continue
		}
		cur.End = int(g.End)
		cur.Box.X0, cur.Box.Y0 = min(cur.Box.X0, g.Box.X0), min(cur.Box.Y0, g.Box.Y0)
		cur.Box.X1, cur.Box.Y1 = max(cur.Box.X1, g.Box.X1), max(cur.Box.Y1, g.Box.Y1)
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out
}

// covered reports whether every non-space character of every span that
// touches the page's blocks lies inside a word box, so burning the boxes of
// the overlapping words removes all of it.
func (b *builder) covered(p *docPlan, words []record.Word, bls []record.Block) bool {
	rs := make([][2]int, len(words))
	for i, wd := range words {
		rs[i] = [2]int{wd.Start, wd.End}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	merged := rs[:0]
	for _, r := range rs {
		if n := len(merged); n > 0 && r[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	in := func(o int) bool {
		i := sort.Search(len(merged), func(i int) bool { return merged[i][0] > o }) - 1
		return i >= 0 && o < merged[i][1]
	}
	text := p.doc.Text
	for _, bl := range bls {
		for i := b.firstSpan(p, bl.Start); i < len(p.spans) && p.spans[i].start < bl.End; i++ {
			sp := p.spans[i]
			for o := max(sp.start, bl.Start); o < min(sp.end, bl.End); o++ {
				if c := text[o]; c == ' ' || c == '\n' || c == '\t' || c == '\r' {
					continue
				}
				if !in(o) {
					return false
				}
			}
		}
	}
	return true
}

// overlaps reports whether [s, e) overlaps any span of the document.
func (b *builder) overlaps(p *docPlan, s, e int) bool { return b.spanAt(p, s, e) >= 0 }

// spanAt is the index of the first span overlapping [s, e), or -1.
func (b *builder) spanAt(p *docPlan, s, e int) int {
	i := b.firstSpan(p, s)
	if i < len(p.spans) && p.spans[i].start < e {
		return i
	}
	return -1
}

// pageSize is the page's size in points, from PageInfo or the image.
func pageSize(d *record.Document, page int, r image.Rectangle, dpi int) (float64, float64) {
	for _, pi := range d.PageInfo {
		if pi.Number == page && pi.Width > 0 && pi.Height > 0 {
			return float64(pi.Width), float64(pi.Height)
		}
	}
	return float64(r.Dx()) * 72 / float64(dpi), float64(r.Dy()) * 72 / float64(dpi)
}

// textLayer writes the kept words invisibly where they sit on the image, a
// line at a time with one size and baseline per line so text extraction
// keeps the line's words together and in order.
func (b *builder) textLayer(d *record.Document, words []record.Word, redacted []bool, x0, y0, scale float64) {
	w := b.w
	for i := 0; i < len(words); {
		j := i + 1
		for j < len(words) && sameLine(words[j-1].Box, words[j].Box) {
			j++
		}
		var hs []float64
		base := 0.0
		for k := i; k < j; k++ {
			hs = append(hs, float64(words[k].Box.Y1-words[k].Box.Y0)*scale)
			base = max(base, float64(words[k].Box.Y1)*scale)
		}
		sort.Float64s(hs)
		size := max(hs[len(hs)/2]*0.9, 1)
		// Runs of kept words go out as one string, stretched (Tz) to span
		// the run on the image, so extraction sees ordinary spaced text.
		for k := i; k < j; {
			if redacted[k] {
				k++
				continue
			}
			e := k
			var parts []string
			for e < j && !redacted[e] {
				if t := strings.TrimSpace(stripControl(d.Text[words[e].Start:words[e].End])); t != "" {
					parts = append(parts, t)
				}
				e++
			}
			if len(parts) > 0 {
				run := strings.Join(parts, " ")
				span := float64(words[e-1].Box.X1-words[k].Box.X0) * scale
				tz := 100.0
				if nat := w.width(run, false, size); nat > 0 && span > 0 {
					tz = min(max(span/nat*100, 30), 300)
				}
				w.pdf.RawWriteStr(fmt.Sprintf("%.1f Tz", tz))
				w.text(x0+float64(words[k].Box.X0)*scale, y0+base-size*0.2, run, false, size)
				w.pdf.RawWriteStr("100 Tz")
			}
			k = e
		}
		i = j
	}
}

// sameLine reports whether b follows a on the same text line.
func sameLine(a, b record.Box) bool {
	mid := (b.Y0 + b.Y1) / 2
	return b.X0 >= a.X0 && mid > a.Y0 && mid < a.Y1
}
