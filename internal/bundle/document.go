package bundle

import (
	"context"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// kindPrefix introduces blocks that are not body text, so the reader knows
// what they are looking at.
var kindPrefix = map[record.BlockKind]string{
	record.BlockHeader:    "Page header: ",
	record.BlockFooter:    "Page footer: ",
	record.BlockFootnote:  "Footnote: ",
	record.BlockComment:   "Comment: ",
	record.BlockInsertion: "Inserted text: ",
	record.BlockDeletion:  "Deleted text: ",
}

// docHeader writes the heading every document starts with: number, type,
// date, location, author and title (title and author sanitised; neither
// shown for a withheld document).
func (b *builder) docHeader(p *docPlan) {
	w := b.w
	d := p.doc
	if d.Format == record.FormatCaseNote && b.lastCaseNote && w.y+w.lh*8 < w.bot {
		w.gap(0.5)
		w.rule()
	} else {
		w.newPage()
	}
	p.page = w.pdf.PageNo()
	w.pdf.Bookmark(b.entryText(p), b.docLevel, w.y)
	w.para([]frag{{text: "Document " + itoa(p.num) + ": " + docType(d), bold: true}}, 0, w.size*1.2)
	field := func(k, v string) {
		if v != "" {
			// The value comes from the document (an author, a title): it is
			// not the bundle's wording, so the leak check reads it.
			own := w.own
			w.own = false
			w.para([]frag{{text: k + ": ", bold: true}, {text: v}}, 0, w.size)
			w.own = own
		}
	}
	field("Date", longDate(d.Date))
	field("Where it was kept", LocationName(d.Location))
	if !p.withheld {
		field("Written by", p.author)
		if p.title != "" && p.title != docType(d) {
			field("Title", p.title)
		}
	}
	w.gap(0.3)
	w.rule()
	b.lastCaseNote = d.Format == record.FormatCaseNote
}

// docType is the document's kind in plain words.
func docType(d *record.Document) string {
	if t := strings.TrimSpace(d.Type); t != "" {
		return strings.ToUpper(t[:1]) + t[1:]
	}
	switch d.Format {
	case record.FormatEmail:
		return "Email"
	case record.FormatCaseNote:
		return "Case note"
	case record.FormatScan, record.FormatImage:
		return "Scanned document"
	}
	return "Document"
}

// withheldNotice replaces a whole document: what kind of document, why, and
// that the person may ask — nothing that would identify the third party.
func (b *builder) withheldNotice(p *docPlan) {
	b.notice("This document has been withheld.", p.code, "If you would like to know more about this document, or ask us to look at it again, please contact us quoting reference "+b.opts.Reference+" and document "+itoa(p.num)+".")
	b.res.Withheld++
	for _, ri := range p.reds {
		b.rowAt(p, ri, w2page(b), "withheld document")
	}
}

func w2page(b *builder) int { return b.w.pdf.PageNo() }

// notice writes a grey-ruled notice: a bold first line, the reason in plain
// English with its code, and what the person can do.
func (b *builder) notice(first, code, ask string) {
	w := b.w
	w.gap(0.5)
	why := b.reason(code)
	w.para([]frag{{text: first, bold: true}}, 12, w.size)
	w.para([]frag{{text: "Why: ", bold: true}, {text: why + " (code " + code + ")"}}, 12, w.size)
	if ask != "" {
		w.para([]frag{{text: ask}}, 12, w.size)
	}
	w.gap(0.5)
}

// reason is a code's plain-English explanation.
func (b *builder) reason(code string) string {
	if r, ok := b.in.Reasons[code]; ok && r.Plain != "" {
		return strings.TrimSpace(r.Plain)
	}
	return "This information was removed to protect another person, or because it came from another organisation."
}

// body writes a disclosed document's blocks with its redactions applied.
// Scanned pages go through scanPage (pixels burned); if that cannot be done
// safely the page is set as text instead.
func (b *builder) body(ctx context.Context, p *docPlan) error {
	d := p.doc
	scanned := map[int]bool{}
	for _, pi := range d.PageInfo {
		if pi.Scanned {
			scanned[pi.Number] = true
		}
	}
	if len(scanned) == 0 {
		b.blocks(p, d.Blocks)
		return nil
	}
	byPage := map[int][]record.Block{}
	for _, bl := range d.Blocks {
		byPage[bl.Page] = append(byPage[bl.Page], bl)
	}
	b.blocks(p, byPage[0])
	for pg := 1; pg <= max(d.Pages, len(d.PageInfo)); pg++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if scanned[pg] {
			ok, err := b.scanPage(ctx, p, pg, byPage[pg])
			if err != nil {
				return err
			}
			if ok {
				continue
			}
		}
		b.blocks(p, byPage[pg])
	}
	return nil
}

// blocks writes blocks in order, with a marker where the original page
// changes and table rows joined into one line.
func (b *builder) blocks(p *docPlan, bls []record.Block) {
	w := b.w
	d := p.doc
	lastPage := -1
	for i := 0; i < len(bls); i++ {
		bl := bls[i]
		if d.Pages > 1 && bl.Page != lastPage && bl.Page > 0 {
			w.gap(0.3)
			w.para([]frag{{text: "Original page " + itoa(bl.Page)}}, 0, w.small)
			lastPage = bl.Page
		}
		var frags []frag
		if pre := kindPrefix[bl.Kind]; pre != "" {
			frags = append(frags, frag{text: pre, bold: true})
		}
		if bl.Kind == record.BlockField && bl.Label != "" && !hasLabel(clip(d.Text, bl.Start, bl.End), bl.Label) {
			if l := b.san.clean(bl.Label); l != "" {
				frags = append(frags, frag{text: l + ": ", bold: true})
			}
		}
		bold := bl.Kind == record.BlockHeading
		if bold {
			w.gap(0.4)
		}
		if bl.Kind == record.BlockTableCell {
			row := rowOf(bl.Label)
			for {
				frags = b.spanFrags(p, bl.Start, bl.End, false, frags)
				if i+1 >= len(bls) || bls[i+1].Kind != record.BlockTableCell || row == "" || rowOf(bls[i+1].Label) != row {
					break
				}
				i++
				bl = bls[i]
				frags = append(frags, frag{text: "  |  "})
			}
		} else {
			frags = b.spanFrags(p, bl.Start, bl.End, bold, frags)
		}
		b.flushFrags(frags)
		if bl.Kind != record.BlockLine && bl.Kind != record.BlockField {
			w.y += w.lh * 0.3
		}
	}
}

// clip is text[s:e] with the offsets (stored, so untrusted) clamped to the
// text; "" when they are crossed.
func clip(text string, s, e int) string {
	s, e = max(0, min(s, len(text))), max(0, min(e, len(text)))
	if s >= e {
		return ""
	}
	return text[s:e]
}

// rowOf is "r2" for a table cell labelled "r2c3".
func rowOf(label string) string {
	if i := strings.IndexByte(label, 'c'); i > 1 && label[0] == 'r' {
		return label[:i]
	}
	return ""
}

// spanFrags appends the frags of Text[s:e]: kept text, boxes for redacted
// spans, and a notice marker (a frag with label "\x00w", span index in w) for a withheld
// section, written by flushFrags. Line breaks in the text become markers too.
func (b *builder) spanFrags(p *docPlan, s, e int, bold bool, frags []frag) []frag {
	text := p.doc.Text
	s, e = max(0, s), min(len(text), e)
	pos := s
	for i := b.firstSpan(p, s); i < len(p.spans) && p.spans[i].start < e; i++ {
		sp := p.spans[i]
		if sp.end <= s {
			continue
		}
		if sp.start > pos {
			frags = appendText(frags, text[pos:sp.start], bold)
		}
		cs, ce := max(sp.start, s), min(sp.end, e)
		if sp.withhold {
			frags = append(frags, frag{label: "\x00w", w: float64(i)})
		} else {
			label := sp.label
			if label == "" {
				label = sp.code
			}
			f := b.w.boxFrag(text[cs:ce], "["+label+"]", b.w.size)
			f.span = i + 1
			frags = append(frags, f)
		}
		pos = ce
	}
	if pos < e {
		frags = appendText(frags, text[pos:e], bold)
	}
	return frags
}

// firstSpan is the index of the first span that ends after s.
func (b *builder) firstSpan(p *docPlan, s int) int {
	lo, hi := 0, len(p.spans)
	for lo < hi {
		m := (lo + hi) / 2
		if p.spans[m].end <= s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// appendText splits text at line breaks into frags and break markers.
func appendText(frags []frag, s string, bold bool) []frag {
	s = strings.ReplaceAll(s, "\r", "")
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			break
		}
		if i > 0 {
			frags = append(frags, frag{text: stripControl(s[:i]), bold: bold})
		}
		frags = append(frags, frag{label: "\x00n"})
		s = s[i+1:]
	}
	if s != "" {
		frags = append(frags, frag{text: stripControl(s), bold: bold})
	}
	return frags
}

// flushFrags writes frags as paragraphs, splitting at line-break markers and
// writing a section notice (once per span) where a section is withheld.
func (b *builder) flushFrags(frags []frag) {
	p := b.cur
	var para []frag
	out := func() {
		if len(para) > 0 {
			b.w.para(para, 0, b.w.size)
			para = para[:0]
		}
	}
	for _, f := range frags {
		switch {
		case f.label == "\x00n":
			out()
		case f.label == "\x00w":
			out()
			i := int(f.w)
			if !b.noticed[i] {
				b.noticed[i] = true
				sp := p.spans[i]
				b.notice("A section of this document has been withheld here.", sp.code, "You may ask us about it, quoting reference "+b.opts.Reference+" and document "+itoa(p.num)+".")
				b.res.Withheld++
				p.boxPages[i] = b.w.pdf.PageNo()
			}
		default:
			para = append(para, f)
		}
	}
	out()
}

// hasLabel reports whether a field's text already starts with its label
// ("From: ..."), so it is not printed twice.
func hasLabel(text, label string) bool {
	return len(text) > len(label) && strings.EqualFold(text[:len(label)], label) && strings.HasPrefix(strings.TrimLeft(text[len(label):], " "), ":")
}
