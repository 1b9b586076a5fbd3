package bundle

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Leak is one redacted string found in a finished bundle. Text is for the
// operator's terminal only: never log it.
type Leak struct {
	DocNumber int
	Code      string
	Kind      string
	Where     string // "page text", "content stream", "object 12"
	Text      string
}

// LeakError is returned when the leak check finds a redacted string in the
// bundle; no bundle is written. Its message names documents and codes, not
// the strings.
type LeakError struct {
	Leaks []Leak
}

func (e *LeakError) Error() string {
	var parts []string
	redacted, watched := 0, 0
	for _, l := range e.Leaks {
		if l.Kind == kindWatched {
			watched++
		} else {
			redacted++
		}
	}
	for i, l := range e.Leaks {
		if i == 10 {
			parts = append(parts, fmt.Sprintf("and %d more", len(e.Leaks)-10))
			break
		}
		if l.Kind == kindWatched {
			parts = append(parts, fmt.Sprintf("a third party's name or identifier (%s) in %s", l.Code, l.Where))
			continue
		}
		parts = append(parts, fmt.Sprintf("document %d %s %s in %s", l.DocNumber, l.Code, l.Kind, l.Where))
	}
	return fmt.Sprintf("bundle leak check failed: %d redacted strings and %d third-party name forms or identifiers no decision released "+
		"found in the finished bundle (%s); the bundle was not written", redacted, watched, strings.Join(parts, "; "))
}

// Watched counts the leaks that are watched strings (third-party name forms
// and detector finds no decision released) rather than redacted strings.
func (e *LeakError) Watched() int {
	n := 0
	for _, l := range e.Leaks {
		if l.Kind == kindWatched {
			n++
		}
	}
	return n
}

// leakCheck reopens the finished (encrypted) bundle, decrypts it, and
// searches every object — content streams decompressed and their strings
// decoded, the Info dictionary, XMP, outlines, annotations, form fields,
// attachments — and, with Options.PDFText, the extracted text of every page,
// for every redacted string.
func (b *builder) leakCheck(ctx context.Context, f *os.File, pw string) (*Certificate, error) {
	c := b.check
	data, err := os.ReadFile(f.Name())
	if err != nil {
		return nil, fmt.Errorf("bundle leak check: reopen: %w", err)
	}
	// A string that is also the bundle's own wording (a cover-letter word,
	// a glossary term) cannot be told apart from it: it is not searched for.
	// Values the operator typed (reference, names) are not wording: a
	// redacted string in them is a leak like any other.
	ownText := b.w.ownText.String()
	o := b.opts
	// DefaultCouncil's values were typed by nobody: they are wording.
	def := map[string]bool{}
	for _, v := range append([]string{DefaultCouncil.Name, DefaultCouncil.Team, DefaultCouncil.Support}, DefaultCouncil.Address...) {
		def[v] = true
	}
	for _, v := range append([]string{o.Reference, o.SubjectName, o.Council.Name, o.Council.Team, o.Council.Support, o.Council.Phone, o.Council.Email}, o.Council.Address...) {
		if strings.TrimSpace(v) != "" && !def[v] {
			ownText = strings.ReplaceAll(ownText, v, "\n")
		}
	}
	own, _ := normalise(ownText, false)
	newMatcher(c.pats).scan(own, func(i, _, _ int) bool {
		if !c.excluded[i] {
			c.excluded[i] = true
			c.why["part of the bundle's standard wording"]++
			b.warn(fmt.Sprintf("document %d: a redacted string (%s) is also part of the bundle's standard wording and was not searched for", c.meta[i].DocNumber, c.meta[i].Code))
		}
		return true
	})
	var pats []string
	var idx []int
	for i, p := range c.pats {
		if !c.excluded[i] {
			pats = append(pats, p)
			idx = append(idx, i)
		}
	}
	cert := &Certificate{Strings: len(pats), Skipped: c.skipped + len(c.pats) - len(pats), SkippedWhy: map[string]int{}}
	if c.common > 0 {
		cert.Skipped += c.common
		cert.SkippedWhy["only common words, identifying nobody"] = c.common
	}
	if c.skipped > 0 {
		cert.SkippedWhy["under 3 letters or digits"] = c.skipped
	}
	for k, v := range c.why {
		cert.SkippedWhy[k] = v
	}
	m := newMatcher(pats)
	found := map[int]string{}
	search := func(where, text string) {
		n, offs := normalise(text, true)
		var shown []span
		if c.shown != nil {
			c.shown.scan(n, func(_, s, e int) bool {
				shown = append(shown, span{start: s, end: e})
				return true
			})
		}
		m.scan(n, func(i, s, e int) bool {
			if inside(shown, s, e) {
				return true // part of a name the bundle shows on purpose
			}
			if capitalisedWord(c.meta[idx[i]].Text) && homonymAt(text, offs[s], offs[e]) {
				return true // "the sandy path": the word, not the name (homonym.go)
			}
			if _, ok := found[idx[i]]; !ok {
				found[idx[i]] = where
			}
			return true
		})
	}
	pieces, objects, err := rawPieces(data, pw)
	if err != nil {
		return nil, err
	}
	cert.Objects = objects
	for _, p := range pieces {
		search(p.where, p.text)
	}
	if b.opts.PDFText != nil {
		pages, err := b.opts.PDFText(ctx, data, pw)
		if err != nil {
			return nil, fmt.Errorf("bundle leak check: read text: %w", err)
		}
		cert.Pages = len(pages)
		for i, t := range pages {
			search("text of page "+itoa(i+1), t)
		}
	}
	texts, tpages, err := b.imageTexts(ctx, data, pw)
	if err != nil {
		return nil, err
	}
	cert.OCRPages = len(texts)
	if len(texts) > 0 {
		lm := newMatcher(loosePats(pats))
		var ls *matcher
		if c.shown != nil {
			ls = newMatcher(loosePats(c.shown.pats))
		}
		for k, t := range texts {
			where := "page image " + itoa(tpages[k]) + " (OCR)"
			search(where, t)
			n, _ := normalise(t, false)
			n = looseText(n)
			var shown []span
			if ls != nil {
				ls.scan(n, func(_, s, e int) bool {
					shown = append(shown, span{start: s, end: e})
					return true
				})
			}
			lm.scan(n, func(i, s, e int) bool {
				if _, ok := found[idx[i]]; !ok && !inside(shown, s, e) {
					found[idx[i]] = where
				}
				return true
			})
		}
	}
	if len(found) > 0 {
		e := &LeakError{}
		for i, where := range found {
			it := c.meta[i]
			e.Leaks = append(e.Leaks, Leak{DocNumber: it.DocNumber, Code: it.Code, Kind: it.Kind, Where: where, Text: it.Text})
		}
		sort.Slice(e.Leaks, func(i, j int) bool { return e.Leaks[i].DocNumber < e.Leaks[j].DocNumber })
		return nil, e
	}
	return cert, nil
}

type piece2 struct{ where, text string }

// rawPieces decrypts the PDF and returns the text of every object: strings
// anywhere, decoded stream contents (not images or font programs), and for
// content streams their string operands decoded from UTF-16 (fpdf's UTF-8
// fonts use Unicode code points as character codes) and joined in order, so
// text split across operators is seen whole.
func rawPieces(data []byte, pw string) ([]piece2, int, error) {
	conf := pdfcpuConf(pw, pw)
	ctx, err := api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil, 0, fmt.Errorf("bundle leak check: reopen: %w", err)
	}
	var out []piece2
	n := 0
	for nr, e := range ctx.XRefTable.Table {
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		n++
		where := "object " + itoa(nr)
		var sb strings.Builder
		collectStrings(e.Object, &sb, 0)
		sd, ok := e.Object.(types.StreamDict)
		if ok {
			if skipStream(sd.Dict) {
				out = append(out, piece2{where, sb.String()})
				continue
			}
			if err := sd.Decode(); err != nil {
				return nil, 0, fmt.Errorf("bundle leak check: %s: decode: %w", where, err)
			}
			content := sd.Content
			sb.WriteString("\n\x00\n")
			sb.Write(latin1(content))
			sb.WriteString("\n\x00\n")
			sb.WriteString(contentText(content))
		}
		out = append(out, piece2{where, sb.String()})
	}
	return out, n, nil
}

// skipStream: images are checked by burning, font programs hold no text.
func skipStream(d types.Dict) bool {
	if st := d.Subtype(); st != nil && (*st == "Image" || *st == "CIDFontType0C" || *st == "Type1C" || *st == "OpenType") {
		return true
	}
	_, l1 := d["Length1"]
	return l1
}

// collectStrings appends every string (and name) in o.
func collectStrings(o types.Object, sb *strings.Builder, depth int) {
	if depth > 50 {
		return
	}
	switch v := o.(type) {
	case types.StringLiteral:
		if s, err := types.StringLiteralToString(v); err == nil {
			sb.WriteString(s)
		} else {
			sb.WriteString(string(v))
		}
		sb.WriteString("\n\x00\n")
	case types.HexLiteral:
		if s, err := types.HexLiteralToString(v); err == nil {
			sb.WriteString(s)
		}
		sb.WriteString("\n\x00\n")
	case types.Name:
		sb.WriteString(string(v))
		sb.WriteString("\n\x00\n")
	case types.Dict:
		for _, x := range v {
			collectStrings(x, sb, depth+1)
		}
	case types.StreamDict:
		collectStrings(v.Dict, sb, depth+1)
	case types.Array:
		for _, x := range v {
			collectStrings(x, sb, depth+1)
		}
	}
}
