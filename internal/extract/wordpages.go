package extract

import (
	"context"
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/disclose-sar/disclose/internal/record"
)

// toWriterPDF is LibreOffice's PDF export of a text document: its pages as
// Word or Writer would print them.
var toWriterPDF = convertTarget{".pdf", "pdf:writer_pdf_Export"}

// wordExts are the word-processor formats shown as their pages.
var wordExts = map[string]bool{".docx": true, ".doc": true, ".odt": true, ".rtf": true}

// ErrNoPages is returned for a document that has no pages of its own to lay
// out (not a word-processor file, or a part of another file).
var ErrNoPages = errors.New("no pages of its own")

// minAligned is the share of a document's words that must be found, in
// order, on its printed pages for the pages to be shown: below it the
// reader's text and LibreOffice's layout disagree too much to trust where
// a redaction falls.
const minAligned = 0.9

// WordPages returns the paginator of word-processor documents (.docx,
// .doc, .odt, .rtf) that both bundle drivers use: the source file (read
// with open) is laid out as PDF by LibreOffice, and the document's own
// text (as the reader read it, which every redaction refers to) is placed
// on those pages word by word. It returns a copy of the document with a
// box for every character it placed (Glyphs), its pages (PageInfo) and its
// blocks split at page ends (blocks not printed on any page, such as
// comments, keep page 0); per page, the printed text that is not in the
// document's text (list numbers, fields, text boxes the reader does not
// read); and the renderer of its pages, PDFium as for every PDF.
func (x *Extractor) WordPages(open func(*record.Document) ([]byte, error)) func(context.Context, *record.Document) (*record.Document, map[int]string, func(context.Context, int, int) (image.Image, error), error) {
	return func(ctx context.Context, d *record.Document) (*record.Document, map[int]string, func(context.Context, int, int) (image.Image, error), error) {
		ext := strings.ToLower(filepath.Ext(d.Path))
		if !wordExts[ext] || d.Part != "" {
			return nil, nil, nil, ErrNoPages
		}
		src, err := open(d)
		if err != nil {
			return nil, nil, nil, err
		}
		pdf, err := x.convertTo(ctx, d.Path, ext, toWriterPDF, src)
		if err != nil {
			return nil, nil, nil, err
		}
		docs, errs := x.pdfFile(ctx, d.Path, pdf)
		if len(errs) > 0 || len(docs) != 1 {
			return nil, nil, nil, fmt.Errorf("document %s laid out as PDF: %d documents, %v", d.ID, len(docs), errors.Join(errs...))
		}
		paged, extra, err := placeText(d, &docs[0])
		if err != nil {
			return nil, nil, nil, fmt.Errorf("document %s: %w", d.ID, err)
		}
		if page, ok := offPage(paged); ok {
			// A table or picture wider than the page: its text runs past the
			// edge, where no page shows it. Typeset, every word is read.
			return nil, nil, nil, fmt.Errorf("document %s: text runs off page %d as the file is laid out", d.ID, page)
		}
		render := func(ctx context.Context, page, dpi int) (image.Image, error) {
			return x.RenderPage(ctx, pdf, page, dpi)
		}
		return paged, extra, render, nil
	}
}

// convertTo converts with LibreOffice to target, whatever the format's
// usual target for reading is.
func (x *Extractor) convertTo(ctx context.Context, rel, ext string, target convertTarget, data []byte) ([]byte, error) {
	p, err := x.converters()
	if err != nil {
		return nil, err
	}
	out, err := p.convert(ctx, ext, target, data)
	if err != nil {
		return nil, fmt.Errorf("lay out %s as PDF: %w", ext, err)
	}
	return out, nil
}

// token is a run of non-space characters: its byte range in its text and
// its folded form for comparing.
type token struct {
	start, end int
	key        string
}

func tokens(text string) []token {
	var out []token
	start := -1
	for i, r := range text {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, token{start: start, end: i, key: foldToken(text[start:i])})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, token{start: start, end: len(text), key: foldToken(text[start:])})
	}
	return out
}

// foldToken folds what a PDF's text may spell differently from the
// document's XML: compatibility forms (ligatures), quotes and dashes.
func foldToken(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u2032':
			return '\''
		case '\u201c', '\u201d', '\u201e':
			return '"'
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
			return '-'
		case '\u00ad', '\u200b', '\ufeff':
			return -1
		}
		return r
	}, s)
}

// placeText places the document's text on the pages of its PDF layout:
// the words of both, in order, are aligned (a word the layout adds, such
// as a list number, or one it does not print, such as a comment, is
// skipped), and each character of an aligned word gets the box of its
// printed character. Header and footer words printed again on later pages
// are placed there too.
func placeText(d, pd *record.Document) (*record.Document, map[int]string, error) {
	a, b := tokens(d.Text), tokens(pd.Text)
	glyphAt := make(map[int]int, len(pd.Glyphs)) // pd.Text offset -> glyph
	for i, g := range pd.Glyphs {
		glyphAt[int(g.Start)] = i
	}
	pairs := alignTokens(a, b)
	if len(a) > 0 && float64(len(pairs)) < minAligned*float64(len(a)) {
		return nil, nil, fmt.Errorf("only %d of %d words found on the laid-out pages", len(pairs), len(a))
	}
	usedB := make([]bool, len(b))
	out := *d
	out.Glyphs = nil
	out.Words = nil
	primary := map[int]int32{} // d.Text offset -> page, from the in-order alignment
	place := func(ta, tb token, first bool) {
		ar := runeOffsets(d.Text, ta.start, ta.end)
		br := runeOffsets(pd.Text, tb.start, tb.end)
		var box record.Box
		var page int32
		for k, o := range br {
			if gi, ok := glyphAt[o]; ok {
				g := pd.Glyphs[gi]
				page = g.Page
				if k == 0 {
					box = g.Box
				}
				box = union(box, g.Box)
			}
		}
		for k, o := range ar {
			gb := box
			if len(ar) == len(br) {
				if gi, ok := glyphAt[br[k]]; ok {
					gb, page = pd.Glyphs[gi].Box, pd.Glyphs[gi].Page
				}
			}
			if page == 0 {
				continue
			}
			_, n := utf8.DecodeRuneInString(d.Text[o:])
			out.Glyphs = append(out.Glyphs, record.Glyph{Page: page, Start: int32(o), End: int32(o + n), Box: gb})
			if first {
				primary[o] = page
			}
		}
	}
	for _, p := range pairs {
		usedB[p[1]] = true
		place(a[p[0]], b[p[1]], true)
	}
	// Running heads: a header or footer block's words printed on a page
	// where the in-order alignment did not place them.
	for _, bl := range d.Blocks {
		if bl.Kind != record.BlockHeader && bl.Kind != record.BlockFooter {
			continue
		}
		var run []token
		for _, t := range a {
			if t.start >= bl.Start && t.end <= bl.End {
				run = append(run, t)
			}
		}
		if len(run) == 0 {
			continue
		}
		for j := 0; j+len(run) <= len(b); j++ {
			if usedB[j] {
				continue
			}
			same := true
			for k := range run {
				if usedB[j+k] || b[j+k].key != run[k].key {
					same = false
					break
				}
			}
			if !same {
				continue
			}
			for k := range run {
				usedB[j+k] = true
				place(run[k], b[j+k], false)
			}
		}
	}
	sort.SliceStable(out.Glyphs, func(i, j int) bool {
		gi, gj := out.Glyphs[i], out.Glyphs[j]
		if gi.Page != gj.Page {
			return gi.Page < gj.Page
		}
		return gi.Start < gj.Start
	})
	extra := map[int]string{}
	for j, t := range b {
		if usedB[j] {
			continue
		}
		if gi, ok := glyphAt[t.start]; ok {
			pg := int(pd.Glyphs[gi].Page)
			extra[pg] += pd.Text[t.start:t.end] + " "
		}
	}
	out.Blocks = splitBlocks(d.Text, d.Blocks, primary)
	out.PageInfo = pd.PageInfo
	out.Pages = pd.Pages
	return &out, extra, nil
}

// runeOffsets is the byte offset of each rune of text[s:e].
func runeOffsets(text string, s, e int) []int {
	var out []int
	for i := range text[s:e] {
		out = append(out, s+i)
	}
	return out
}

// alignTokens pairs the tokens of a and b in order: equal tokens are
// paired; at a difference it looks ahead for the nearest place where three
// tokens agree again and skips to it on both sides.
func alignTokens(a, b []token) [][2]int {
	const look = 120
	agree := func(i, j int) bool {
		for t := 0; t < 3; t++ {
			if i+t >= len(a) || j+t >= len(b) {
				return t > 0
			}
			if a[i+t].key != b[j+t].key {
				return false
			}
		}
		return true
	}
	var out [][2]int
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i].key == b[j].key {
			out = append(out, [2]int{i, j})
			i++
			j++
			continue
		}
		found := false
		for k := 1; k <= look && !found; k++ {
			for da := 0; da <= k; da++ {
				if agree(i+da, j+k-da) {
					i, j, found = i+da, j+k-da, true
					break
				}
			}
		}
		if !found {
			i++
			j++
		}
	}
	return out
}

// splitBlocks gives each block the page its characters were placed on,
// splitting a block printed across a page end into one block a page;
// characters not placed stay with the piece they sit in, and a block with
// nothing placed keeps page 0.
func splitBlocks(text string, bls []record.Block, page map[int]int32) []record.Block {
	var out []record.Block
	for _, bl := range bls {
		cur := bl
		cur.Page = 0
		for o := range text[bl.Start:bl.End] {
			o += bl.Start
			pg, ok := page[o]
			if !ok {
				continue
			}
			switch {
			case cur.Page == 0:
				cur.Page = int(pg)
			case int(pg) != cur.Page:
				piece := cur
				piece.End = o
				out = append(out, piece)
				cur.Start, cur.Page = o, int(pg)
			}
		}
		out = append(out, cur)
	}
	return out
}

// offPage reports the first page on which a placed character lies outside
// the page (more than a point past an edge).
func offPage(d *record.Document) (int, bool) {
	size := map[int32]record.PageInfo{}
	for _, p := range d.PageInfo {
		size[int32(p.Number)] = p
	}
	for _, g := range d.Glyphs {
		p, ok := size[g.Page]
		if !ok || p.Width <= 0 || p.Height <= 0 {
			continue
		}
		if g.Box.X0 < -1 || g.Box.Y0 < -1 || g.Box.X1 > p.Width+1 || g.Box.Y1 > p.Height+1 {
			return int(g.Page), true
		}
	}
	return 0, false
}
