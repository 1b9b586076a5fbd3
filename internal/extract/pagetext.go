package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
)

// pageText builds a paginated document's text line by line, keeping a box
// for every rune (Glyphs) and, for scanned pages, for every word (Words), so
// a redaction of Text[i:j] can be found on the page and burned in.
type pageText struct {
	sb     strings.Builder
	blocks []record.Block
	glyphs []record.Glyph
	words  []record.Word
}

// startLine begins a new line block; it returns the byte offset it starts at.
func (t *pageText) startLine() int {
	if t.sb.Len() > 0 {
		t.sb.WriteByte('\n')
	}
	return t.sb.Len()
}

func (t *pageText) endLine(kind record.BlockKind, page, start int) {
	if t.sb.Len() > start {
		t.blocks = append(t.blocks, record.Block{Kind: kind, Page: page, Start: start, End: t.sb.Len()})
	}
}

// addLayerLine adds a line of a PDF text layer. With words set (a scanned
// page whose text layer came from the scanner's OCR) the runes are also
// grouped into Words.
func (t *pageText) addLayerLine(kind record.BlockKind, page int, l pdfLine, words bool) {
	start := t.startLine()
	wordStart := -1
	var wordBox record.Box
	endWord := func() {
		if wordStart >= 0 {
			// A text layer's words are taken as read: there is no OCR
			// confidence to carry.
			t.words = append(t.words, record.Word{Page: page, Start: wordStart, End: t.sb.Len(), Box: wordBox, Conf: 100})
			wordStart = -1
		}
	}
	for i, r := range l.runes {
		off := t.sb.Len()
		if words {
			if r == ' ' {
				endWord()
			} else if wordStart < 0 {
				wordStart, wordBox = off, l.boxes[i]
			} else {
				wordBox = union(wordBox, l.boxes[i])
			}
		}
		t.sb.WriteRune(r)
		t.glyphs = append(t.glyphs, record.Glyph{Page: int32(page), Start: int32(off), End: int32(t.sb.Len()), Box: l.boxes[i]})
	}
	if words {
		endWord()
	}
	t.endLine(kind, page, start)
}

// ocrText is one recognised word, its box already in page points.
type ocrText struct {
	text string
	box  record.Box
	conf float32
}

// addOCRLine adds one OCR'd line: words separated by single spaces, a Word
// each, and a Glyph per rune made by sharing the word's box out evenly
// (OCR gives no letter positions; this is close enough to find a name
// inside a longer word such as a possessive).
func (t *pageText) addOCRLine(page int, line []ocrText) {
	t.addMarkedOCRLine(page, line, "", "")
}

// addMarkedOCRLine adds an OCR'd line between prefix and suffix (which say
// where the text came from), their characters boxed at the line's ends.
func (t *pageText) addMarkedOCRLine(page int, line []ocrText, prefix, suffix string) {
	start := t.startLine()
	mark := func(s string, x float32) {
		if len(line) == 0 {
			return
		}
		b := line[0].box
		for _, r := range s {
			off := t.sb.Len()
			t.sb.WriteRune(r)
			t.glyphs = append(t.glyphs, record.Glyph{Page: int32(page), Start: int32(off), End: int32(t.sb.Len()),
				Box: record.Box{X0: x, Y0: b.Y0, X1: x, Y1: b.Y1}})
		}
	}
	if len(line) > 0 {
		mark(prefix, line[0].box.X0)
	}
	for i, w := range line {
		if i > 0 {
			t.sb.WriteByte(' ')
		}
		ws := t.sb.Len()
		n := utf8.RuneCountInString(w.text)
		step := (w.box.X1 - w.box.X0) / float32(max(n, 1))
		k := 0
		for _, r := range w.text {
			off := t.sb.Len()
			t.sb.WriteRune(r)
			x0 := w.box.X0 + step*float32(k)
			t.glyphs = append(t.glyphs, record.Glyph{Page: int32(page), Start: int32(off), End: int32(t.sb.Len()),
				Box: record.Box{X0: x0, Y0: w.box.Y0, X1: x0 + step, Y1: w.box.Y1}})
			k++
		}
		t.words = append(t.words, record.Word{Page: page, Start: ws, End: t.sb.Len(), Box: w.box, Conf: w.conf})
	}
	if len(line) > 0 {
		mark(suffix, line[len(line)-1].box.X1)
	}
	t.endLine(record.BlockLine, page, start)
}

func (t *pageText) fill(d *record.Document) {
	d.Text = t.sb.String()
	d.Blocks = t.blocks
	d.Glyphs = t.glyphs
	d.Words = t.words
	d.TextHash = TextHash(d.Text)
}

func union(a, b record.Box) record.Box {
	return record.Box{X0: min(a.X0, b.X0), Y0: min(a.Y0, b.Y0), X1: max(a.X1, b.X1), Y1: max(a.Y1, b.Y1)}
}
