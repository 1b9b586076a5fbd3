package extract

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// docxWalker turns WordprocessingML parts into blocks. It reads tokens
// without building a tree: paragraphs (w:p) nest only through text boxes,
// tables (w:tbl) through cells.
type docxWalker struct {
	b    textBuilder
	seen map[string]bool // header and footer texts already added

	base   record.BlockKind
	paras  []*docxPara
	conts  []*docxContainer
	tables []docxTable
	dels   []*docxChange
	inss   []*docxChange
	runs   int
	inText bool
	skip   int // depth inside a skipped subtree (mc:Fallback duplicates mc:Choice)

	maxText int // bytes of text read in all parts before walking stops; 0 = no limit
	read    int // bytes of text read so far
}

// errTextLimit stops a walk whose text passed maxText.
var errTextLimit = errors.New("text limit passed")

// docxPara is a paragraph being read.
type docxPara struct {
	text    strings.Builder
	heading bool
	changes []*docxChange
	runs    int // the enclosing paragraph's run depth (text boxes sit in runs)
}

// docxChange is the text of one tracked insertion or deletion.
type docxChange struct {
	kind   record.BlockKind
	author string
	text   strings.Builder
}

// docxContainer is where finished paragraphs go: straight into blocks, or
// gathered into one block (a table cell, a footnote, a comment).
type docxContainer struct {
	kind    record.BlockKind
	label   string
	collect bool
	buf     strings.Builder
	pending []*docxChange
}

type docxTable struct{ row, col int }

// walk reads one part; paragraphs outside any container get kind base
// (headings aside).
func (w *docxWalker) walk(data []byte, base record.BlockKind) error {
	return w.walkReader(bytes.NewReader(data), base)
}

// walkReader reads one part as it is inflated, never holding more of it
// than one XML token: a bomb stops at the text limit, not at the end of
// its hundreds of megabytes.
func (w *docxWalker) walkReader(r io.Reader, base record.BlockKind) error {
	w.base = base
	w.paras, w.tables, w.dels, w.inss = w.paras[:0], w.tables[:0], w.dels[:0], w.inss[:0]
	w.conts = []*docxContainer{{kind: base}}
	w.runs, w.inText, w.skip = 0, false, 0
	dec := xml.NewDecoder(&tokenGuard{r: r})
	var err error
	for {
		if w.maxText > 0 && w.read > w.maxText {
			return errTextLimit
		}
		var tok xml.Token
		tok, err = dec.RawToken()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if w.skip > 0 || t.Name.Local == "Fallback" {
				w.skip++
				continue
			}
			w.start(t)
		case xml.EndElement:
			if w.skip > 0 {
				w.skip--
				continue
			}
			w.end(t.Name.Local)
		case xml.CharData:
			if w.inText && w.skip == 0 {
				w.chars(t)
			}
		}
	}
	// Close whatever a truncated part left open, so its text is kept.
	for len(w.paras) > 0 {
		w.end("p")
	}
	for len(w.conts) > 1 {
		w.popContainer()
	}
	if err == io.EOF {
		return nil
	}
	if errors.Is(err, errTokenLimit) {
		return err
	}
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	if se, ok := err.(*xml.SyntaxError); ok {
		return fmt.Errorf("XML error at line %d", se.Line)
	}
	return err
}

func (w *docxWalker) start(t xml.StartElement) {
	switch t.Name.Local {
	case "p":
		w.paras = append(w.paras, &docxPara{runs: w.runs})
		w.runs = 0
	case "pStyle":
		if len(w.paras) > 0 {
			s := strings.ToLower(attr(t, "val"))
			if strings.HasPrefix(s, "heading") || s == "title" || s == "subtitle" {
				w.paras[len(w.paras)-1].heading = true
			}
		}
	case "r":
		w.runs++
	case "t", "delText":
		w.inText = true
	case "tab":
		w.literal("\t") // inside w:pPr/w:tabs it is a tab stop: literal ignores it outside runs
	case "br", "cr":
		w.literal("\n")
	case "noBreakHyphen":
		w.literal("-")
	case "ins", "moveTo":
		w.inss = append(w.inss, &docxChange{kind: record.BlockInsertion, author: attr(t, "author")})
	case "del", "moveFrom":
		w.dels = append(w.dels, &docxChange{kind: record.BlockDeletion, author: attr(t, "author")})
	case "tbl":
		if c := w.top(); c.collect {
			w.flush(c) // text of the outer cell before the nested table
		}
		w.tables = append(w.tables, docxTable{})
	case "tr":
		if n := len(w.tables); n > 0 {
			w.tables[n-1].row++
			w.tables[n-1].col = 0
		}
	case "tc":
		if n := len(w.tables); n > 0 {
			w.tables[n-1].col++
		}
		kind := record.BlockTableCell
		if w.base != record.BlockParagraph {
			kind = w.base
		}
		w.conts = append(w.conts, &docxContainer{kind: kind, label: w.cellLabel(), collect: true})
	case "footnote", "endnote":
		if w.base == record.BlockFootnote {
			w.conts = append(w.conts, &docxContainer{kind: w.base, label: t.Name.Local + " " + attr(t, "id"), collect: true})
		}
	case "comment":
		if w.base == record.BlockComment {
			w.conts = append(w.conts, &docxContainer{kind: w.base, label: attr(t, "author"), collect: true})
		}
	}
}

func (w *docxWalker) end(local string) {
	switch local {
	case "p":
		if n := len(w.paras); n > 0 {
			p := w.paras[n-1]
			w.paras = w.paras[:n-1]
			w.runs = p.runs
			w.emit(p)
		}
	case "r":
		w.runs = max(0, w.runs-1)
	case "t", "delText":
		w.inText = false
	case "ins", "moveTo":
		w.inss = w.endChange(w.inss)
	case "del", "moveFrom":
		w.dels = w.endChange(w.dels)
	case "tbl":
		if n := len(w.tables); n > 0 {
			w.tables = w.tables[:n-1]
		}
	case "tc":
		w.popContainer()
	case "footnote", "endnote":
		if w.base == record.BlockFootnote {
			w.popContainer()
		}
	case "comment":
		if w.base == record.BlockComment {
			w.popContainer()
		}
	}
}

// chars adds text of a w:t or w:delText. Deleted text goes only to its
// deletion; inserted text is part of the paragraph and of its insertion.
func (w *docxWalker) chars(b []byte) {
	if len(w.paras) == 0 {
		return
	}
	w.read += len(b)
	if n := len(w.dels); n > 0 {
		w.dels[n-1].text.Write(b)
		return
	}
	w.paras[len(w.paras)-1].text.Write(b)
	if n := len(w.inss); n > 0 {
		w.inss[n-1].text.Write(b)
	}
}

// literal adds a tab or line break met inside a run.
func (w *docxWalker) literal(s string) {
	if w.runs > 0 && !w.inText {
		w.chars([]byte(s))
	}
}

func (w *docxWalker) endChange(stack []*docxChange) []*docxChange {
	n := len(stack)
	if n == 0 {
		return stack
	}
	c := stack[n-1]
	if strings.TrimSpace(c.text.String()) != "" {
		if len(w.paras) > 0 {
			p := w.paras[len(w.paras)-1]
			p.changes = append(p.changes, c)
		} else {
			top := w.top()
			top.pending = append(top.pending, c)
		}
	}
	return stack[:n-1]
}

func (w *docxWalker) top() *docxContainer { return w.conts[len(w.conts)-1] }

// emit places a finished paragraph in the current container.
func (w *docxWalker) emit(p *docxPara) {
	c := w.top()
	text := strings.TrimRight(p.text.String(), " \t\r\n")
	if c.collect {
		if strings.TrimSpace(text) != "" {
			if c.buf.Len() > 0 {
				c.buf.WriteByte('\n')
			}
			c.buf.WriteString(text)
		}
		c.pending = append(c.pending, p.changes...)
		return
	}
	kind := c.kind
	if p.heading && kind == record.BlockParagraph {
		kind = record.BlockHeading
	}
	w.add(kind, "", text)
	w.addChanges(p.changes)
}

func (w *docxWalker) popContainer() {
	if len(w.conts) <= 1 {
		return
	}
	c := w.top()
	w.conts = w.conts[:len(w.conts)-1]
	w.flush(c)
}

// flush adds a container's gathered text as one block, then its changes.
func (w *docxWalker) flush(c *docxContainer) {
	w.add(c.kind, c.label, c.buf.String())
	c.buf.Reset()
	w.addChanges(c.pending)
	c.pending = nil
}

func (w *docxWalker) addChanges(cs []*docxChange) {
	for _, ch := range cs {
		w.b.add(ch.kind, 0, ch.author, ch.text.String())
	}
}

// add adds a block; a header or footer repeated (first-page and default
// headers often say the same) is added once.
func (w *docxWalker) add(kind record.BlockKind, label, text string) {
	if kind == record.BlockHeader || kind == record.BlockFooter {
		key := string(kind) + "\x00" + strings.TrimSpace(text)
		if w.seen[key] {
			return
		}
		if w.seen == nil {
			w.seen = map[string]bool{}
		}
		w.seen[key] = true
	}
	w.b.add(kind, 0, label, text)
}

// cellLabel is "r{row}c{col}" of the current cell, outer tables first
// ("r2c1/r1c3" for a cell of a table nested in row 2, column 1).
func (w *docxWalker) cellLabel() string {
	var sb strings.Builder
	for i, t := range w.tables {
		if i > 0 {
			sb.WriteByte('/')
		}
		fmt.Fprintf(&sb, "r%dc%d", t.row, t.col)
	}
	return sb.String()
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// maxToken bounds one XML token (text, a tag with its attributes): Word
// writes none near it, and encoding/xml holds a whole token in memory.
const maxToken = 16 << 20

var errTokenLimit = fmt.Errorf("an XML token longer than %d bytes (a zip bomb?)", maxToken)

// tokenGuard fails a read once more than maxToken bytes pass without a
// '<' or '>', which bounds what the XML decoder holds at once.
type tokenGuard struct {
	r   io.Reader
	run int
}

func (g *tokenGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	for _, c := range p[:n] {
		if c == '<' || c == '>' {
			g.run = 0
		} else if g.run++; g.run > maxToken {
			return 0, errTokenLimit
		}
	}
	return n, err
}
