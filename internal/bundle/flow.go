package bundle

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// frag is a piece of a paragraph: text in a face, or a redaction box whose
// label (the person's pseudonym or the reason code) is the only text written
// for it. A box's replaced text is only measured, never written.
type frag struct {
	text  string
	bold  bool
	box   bool
	label string
	w     float64 // box width
	span  int     // 1 + index of the document's span a box stands for
}

type piece struct {
	text  string
	bold  bool
	box   bool
	label string
	w     float64
	span  int
}

type word struct {
	pieces []piece
	w      float64
}

// boxFrag makes a box as wide as the text it replaces (so the page keeps its
// shape), and never narrower than its label.
func (w *writer) boxFrag(replaced, label string, size float64) frag {
	lw := w.width(label, true, size*0.8) + size*0.6
	rw := w.width(replaced, false, size)
	return frag{box: true, label: label, w: max(lw, min(rw, (pageW-2*marginX)*0.9), size*2)}
}

// words splits frags into words on white space; a box with no space beside
// it belongs to the word it touches ("[TP]'s").
func (w *writer) words(frags []frag, size float64) []word {
	var out []word
	var cur word
	flush := func() {
		if len(cur.pieces) > 0 {
			out = append(out, cur)
			cur = word{}
		}
	}
	for _, f := range frags {
		if f.box {
			cur.pieces = append(cur.pieces, piece{box: true, label: f.label, w: f.w, span: f.span})
			cur.w += f.w
			continue
		}
		start := -1
		add := func(s string) {
			pw := w.width(s, f.bold, size)
			cur.pieces = append(cur.pieces, piece{text: s, bold: f.bold, w: pw})
			cur.w += pw
		}
		for i, r := range f.text {
			if unicode.IsSpace(r) {
				if start >= 0 {
					add(f.text[start:i])
					start = -1
				}
				flush()
			} else if start < 0 {
				start = i
			}
		}
		if start >= 0 {
			add(f.text[start:])
		}
	}
	flush()
	return out
}

// para writes a paragraph wrapped on spaces at the given indent. Only a word
// longer than a whole line is broken, between characters.
func (w *writer) para(frags []frag, indent, size float64) {
	avail := pageW - 2*marginX - indent
	lh := size * 1.4
	sw := w.width(" ", false, size)
	ws := w.words(frags, size)
	var line []word
	lw := 0.0
	emit := func() {
		w.room(lh)
		w.drawLine(line, marginX+indent, w.y+size*0.95, size, sw)
		w.y += lh
		line, lw = line[:0], 0
	}
	for _, wd := range ws {
		need := wd.w
		if len(line) > 0 {
			need += sw
		}
		if lw+need <= avail {
			line = append(line, wd)
			lw += need
			continue
		}
		if len(line) > 0 {
			emit()
		}
		for wd.w > avail {
			head, rest := w.splitWord(wd, avail, size)
			line = append(line, head)
			emit()
			wd = rest
		}
		line = append(line, wd)
		lw = wd.w
	}
	if len(line) > 0 {
		emit()
	}
}

// splitWord cuts an over-long word so its head fits avail.
func (w *writer) splitWord(wd word, avail, size float64) (word, word) {
	var head, rest word
	used := 0.0
	for i, p := range wd.pieces {
		if len(rest.pieces) > 0 {
			rest.pieces = append(rest.pieces, p)
			rest.w += p.w
			continue
		}
		if used+p.w <= avail {
			head.pieces = append(head.pieces, p)
			head.w += p.w
			used += p.w
			continue
		}
		if p.box {
			if len(head.pieces) == 0 { // a box wider than the line: shrink it
				p.w = avail
				head.pieces = append(head.pieces, p)
				head.w = avail
				rest.pieces = append(rest.pieces, wd.pieces[i+1:]...)
				for _, q := range wd.pieces[i+1:] {
					rest.w += q.w
				}
				return head, rest
			}
			rest.pieces = append(rest.pieces, p)
			rest.w += p.w
			continue
		}
		cut := 0
		for j, r := range p.text {
			cw := w.width(string(r), p.bold, size)
			if used+cw > avail && (j > 0 || len(head.pieces) > 0) {
				break
			}
			used += cw
			cut = j + utf8.RuneLen(r)
		}
		if cut > 0 {
			hp := piece{text: p.text[:cut], bold: p.bold, w: w.width(p.text[:cut], p.bold, size)}
			head.pieces = append(head.pieces, hp)
			head.w += hp.w
		}
		if cut < len(p.text) {
			rp := piece{text: p.text[cut:], bold: p.bold, w: w.width(p.text[cut:], p.bold, size)}
			rest.pieces = append(rest.pieces, rp)
			rest.w += rp.w
		}
	}
	return head, rest
}

// drawLine writes one line: consecutive text in one face goes out as one
// string with its spaces (so extracted text keeps words and spaces whole);
// boxes are filled rectangles with their label in white.
func (w *writer) drawLine(line []word, x, base, size, sw float64) {
	var run strings.Builder
	runX, runBold, open := 0.0, false, false
	flush := func() {
		if open && run.Len() > 0 {
			w.text(runX, base, run.String(), runBold, size)
		}
		run.Reset()
		open = false
	}
	for i, wd := range line {
		if i > 0 {
			if open && len(wd.pieces) > 0 && !wd.pieces[0].box && wd.pieces[0].bold == runBold {
				run.WriteByte(' ')
			} else {
				flush()
			}
			x += sw
		}
		for _, p := range wd.pieces {
			if p.box {
				flush()
				w.box(x, base, p.w, size, p.label)
				if p.span > 0 && w.onBox != nil {
					w.onBox(p.span - 1)
				}
			} else {
				if !open || p.bold != runBold {
					flush()
					runX, runBold, open = x, p.bold, true
				}
				run.WriteString(p.text)
			}
			x += p.w
		}
	}
	flush()
}

// box draws a solid box over the line at x with the label inside in white.
func (w *writer) box(x, base, bw, size float64, label string) {
	p := w.pdf
	p.SetFillColor(0, 0, 0)
	p.Rect(x, base-size*0.92, bw, size*1.16, "F")
	ls := size * 0.8
	lw := w.width(label, true, ls)
	for lw > bw-2 && ls > 4 {
		ls *= 0.85
		lw = w.width(label, true, ls)
	}
	p.SetTextColor(255, 255, 255)
	own := w.own
	w.own = true
	w.text(x+(bw-lw)/2, base-size*0.05, label, true, ls)
	w.own = own
	p.SetTextColor(0, 0, 0)
}
