package rules

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Find returns the spans of text the detector matches, after its validator,
// boundary and context checks. It is defined for the kinds this package can
// run alone: regex, keywords, person_context (its keywords), doc_marker
// (within the head window), section_marker and sender_domain.
func (d *Detector) Find(text string) []Span {
	if d.re == nil {
		return nil
	}
	switch d.Kind {
	case KindDocMarker:
		if w := d.Window; w > 0 && len(text) > w {
			text = text[:w]
		}
	case KindSenderDomain:
		if at := strings.LastIndexByte(text, '@'); at >= 0 {
			text = text[at+1:]
		}
		text = strings.ToLower(strings.TrimSpace(text))
	}
	var out []Span
	for _, m := range d.findAll(text) {
		s, e := m[0], m[1]
		if d.Group > 0 {
			s, e = m[2*d.Group], m[2*d.Group+1]
			if s < 0 {
				continue
			}
		}
		if d.Bounded && !bounded(text, s, e) {
			continue
		}
		if d.Validator != "" && !Validators[d.Validator](text[s:e]) {
			continue
		}
		if d.Context != nil && !d.Context.near(text, s, e) {
			continue
		}
		out = append(out, Span{s, e})
	}
	return out
}

// findAll is the pattern's matches in text, as FindAllString(Submatch)Index
// gives them. Sub-matches cost the matcher time: they are asked for only
// when the span is a group of the match. A pattern whose matches start at
// a line's start is tried, anchored, at each line start.
func (d *Detector) findAll(text string) [][]int {
	if d.lineRe == nil {
		if d.Group > 0 {
			return d.re.FindAllStringSubmatchIndex(text, -1)
		}
		return d.re.FindAllStringIndex(text, -1)
	}
	var ms [][]int
	prevEnd := -1
	for ls := 0; ls <= len(text); {
		var m []int
		if d.Group > 0 {
			m = d.lineRe.FindStringSubmatchIndex(text[ls:])
		} else {
			m = d.lineRe.FindStringIndex(text[ls:])
		}
		next := ls + 1
		if m != nil {
			for i := range m {
				if m[i] >= 0 {
					m[i] += ls
				}
			}
			if m[1] > m[0] || m[0] != prevEnd { // as FindAll: no empty match right after a match
				ms = append(ms, m)
				prevEnd = m[1]
				next = max(m[1], ls+1)
			}
		}
		// the next line start at or after next
		if next > len(text) {
			break
		}
		if next > 0 && text[next-1] != '\n' {
			k := strings.IndexByte(text[next:], '\n')
			if k < 0 {
				break
			}
			next += k + 1
		}
		ls = next
	}
	return ms
}

// FindNear is Find for long texts: with Needs set, only windows of radius
// bytes (or the detector's Near) around each needed character are searched (merged where they
// meet), so a rule costs time only where a match could be. A match must
// lie within radius of a needed character.
func (d *Detector) FindNear(text string, radius int) []Span {
	return d.FindNearIn(NewAnchors(text), radius)
}

// FindNearIn is FindNear over a's text, reading the needed characters and
// context words a has already located for other detectors.
func (d *Detector) FindNearIn(a *Anchors, radius int) []Span {
	text := a.text
	if d.Near > 0 {
		radius = d.Near
	}
	var ctx []Span
	ctxKnown := d.Context != nil && asciiWords(d.Context.Words)
	if ctxKnown {
		ctx = a.contextHits(d.Context)
	}
	if ctxKnown && len(ctx) == 0 || d.Context != nil && !ctxKnown && !d.Context.anywhere(text) {
		return nil // a match needs a context word, and the text has none
	}
	if d.Needs == "" || len(text) < 4*radius {
		return d.Find(text)
	}
	var out []Span
	lastEnd := 0
	for _, w := range windowsAt(text, a.positions(d.Needs), radius) {
		// A window with fewer digits than a match holds, or with no
		// context word (Find would reject every match in it): skip it.
		if countDigits(text[w.Start:w.End], d.minDigits) < d.minDigits || ctxKnown && !holdsSpan(ctx, w) {
			continue
		}
		for _, sp := range d.Find(text[w.Start:w.End]) {
			if s := w.Start + sp.Start; s >= lastEnd {
				out = append(out, Span{s, w.Start + sp.End})
				lastEnd = w.Start + sp.End
			}
		}
	}
	return out
}

// Anchors is one text's needed characters and context words, located once
// for every detector that searches the text near them.
type Anchors struct {
	text string
	pos  map[string][]int
	ctx  map[*Context][]Span
}

// NewAnchors returns the anchors of text, found as detectors ask for them.
func NewAnchors(text string) *Anchors { return &Anchors{text: text} }

// positions returns, in order, every place in the text a detector's need
// is written (see needPositions).
func (a *Anchors) positions(need string) []int {
	if p, ok := a.pos[need]; ok {
		return p
	}
	if a.pos == nil {
		a.pos = map[string][]int{}
	}
	p := needPositions(a.text, need)
	a.pos[need] = p
	return p
}

// contextHits returns every occurrence of c's words (ASCII, any case) in
// the text, ordered by start.
func (a *Anchors) contextHits(c *Context) []Span {
	if h, ok := a.ctx[c]; ok {
		return h
	}
	if a.ctx == nil {
		a.ctx = map[*Context][]Span{}
	}
	// One pass over the text, trying at each byte the words that start
	// with it in either case (as indexFoldASCII compares them).
	t := c.firstBytes()
	text := a.text
	var h []Span
	for i := 0; i < len(text); i++ {
		b := text[i]
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		for _, w := range t[b] {
			if i+len(w) <= len(text) && foldEqualASCII(text[i+1:i+len(w)], w[1:]) {
				h = append(h, Span{i, i + len(w)})
			}
		}
	}
	a.ctx[c] = h
	return h
}

// firstBytes returns c's words by their first byte.
func (c *Context) firstBytes() *[256][]string {
	c.firstOnce.Do(func() {
		t := new([256][]string)
		for _, w := range c.Words {
			if w != "" {
				t[w[0]] = append(t[w[0]], w)
			}
		}
		c.first = t
	})
	return c.first
}

// foldEqualASCII reports whether s is w (lower case) but for the case of
// its ASCII letters.
func foldEqualASCII(s, w string) bool {
	for k := 0; k < len(w); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[k] {
			return false
		}
	}
	return true
}

// holdsSpan reports whether one of hits (ordered by start) lies wholly
// inside w.
func holdsSpan(hits []Span, w Span) bool {
	for i := sort.Search(len(hits), func(i int) bool { return hits[i].Start >= w.Start }); i < len(hits) && hits[i].Start < w.End; i++ {
		if hits[i].End <= w.End {
			return true
		}
	}
	return false
}

// asciiWords reports whether every word is ASCII: contextHits finds such
// words as Context.near compares them.
func asciiWords(ws []string) bool {
	for _, w := range ws {
		if !asciiOnly(w) {
			return false
		}
	}
	return true
}

// windowsAt returns the parts of text within radius bytes of the needed
// positions pos (in order), merged where they meet and widened to word
// breaks.
func windowsAt(text string, pos []int, radius int) []Span {
	var out []Span
	i := 0
	next := func(from int) int {
		for i < len(pos) && pos[i] < from {
			i++
		}
		if i < len(pos) {
			return pos[i]
		}
		return -1
	}
	for c := next(0); c >= 0; {
		lo, hi := max(c-radius, 0), min(c+radius, len(text))
		for {
			c2 := next(c + 1)
			if c2 < 0 || c2 >= hi {
				c = c2
				break
			}
			c = c2
			hi = min(c+radius, len(text))
		}
		for n := 0; lo > 0 && n < radius && !isBreak(text[lo-1]); n++ {
			lo--
		}
		for n := 0; hi < len(text) && n < radius && !isBreak(text[hi]); n++ {
			hi++
		}
		out = append(out, Span{lo, hi})
		if c >= 0 && c < hi {
			c = next(hi)
		}
	}
	return out
}

// needPositions returns, in order, every place need is written in text:
// each digit for "digit", each start of one of a word list's words as a
// word of its own or its plural, or each occurrence of a plain string.
func needPositions(text, need string) []int {
	var pos []int
	switch {
	case needWords(need):
		t := needTableFor(need)
		for i := 0; i < len(text); i++ {
			if len(t[text[i]]) == 0 || i > 0 && needWordByte(text[i-1]) {
				continue
			}
			for _, w := range t[text[i]] {
				if needWordAt(text, i, w) {
					pos = append(pos, i)
					break
				}
			}
		}
	case need == "digit":
		for i := 0; i < len(text); i++ {
			if c := text[i]; c >= '0' && c <= '9' {
				pos = append(pos, i)
			}
		}
	case need != "":
		for from := 0; from < len(text); {
			k := strings.Index(text[from:], need)
			if k < 0 {
				break
			}
			pos = append(pos, from+k)
			from += k + 1
		}
	}
	return pos
}

// needTable holds a word list's words by their first byte, so one pass
// over a text finds every place any of them starts.
type needTable [256][]string

// needTables caches each word list's table: a detector's list is split
// once, not for every document.
var needTables sync.Map // need string → *needTable

func needTableFor(need string) *needTable {
	if t, ok := needTables.Load(need); ok {
		return t.(*needTable)
	}
	t := new(needTable)
	for _, w := range strings.Split(need, "|") {
		if w != "" {
			t[w[0]] = append(t[w[0]], w)
		}
	}
	needTables.Store(need, t)
	return t
}

// needWords reports whether need is a list of words joined by "|".
func needWords(need string) bool { return strings.Contains(need, "|") }

// needWordAt reports whether one of a detector's needed words is written
// at i as a word of its own or its plural: "St" in "St Mary's", not in
// "Staff"; "Orchard" in "The Orchards"; "Court" in "Miller Court", not in
// "Courtney".
func needWordAt(s string, i int, w string) bool {
	if !strings.HasPrefix(s[i:], w) || i > 0 && needWordByte(s[i-1]) {
		return false
	}
	e := i + len(w)
	if e == len(s) || !needWordByte(s[e]) {
		return true
	}
	return (s[e] == 's' || s[e] == 'S') && (e+1 == len(s) || !needWordByte(s[e+1]))
}

// needWordByte reports whether c belongs to a word: an ASCII letter or
// digit, or a byte of a letter outside ASCII.
func needWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isBreak(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// NeedIndex returns the index of the first needed character in s, or -1.
func NeedIndex(s, need string) int {
	if needWords(need) {
		best := -1
		for _, w := range strings.Split(need, "|") {
			for from := 0; from < len(s) && (best < 0 || from < best); {
				k := strings.Index(s[from:], w)
				if k < 0 {
					break
				}
				if k += from; needWordAt(s, k, w) {
					if best < 0 || k < best {
						best = k
					}
					break
				}
				from = k + 1
			}
		}
		return best
	}
	if need != "digit" {
		return strings.Index(s, need)
	}
	return strings.IndexAny(s, "0123456789")
}

// Matches reports whether Find finds anything in text.
func (d *Detector) Matches(text string) bool { return len(d.Find(text)) > 0 }

// bounded reports whether text[s:e] touches no letter or digit either side.
func bounded(text string, s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if e < len(text) {
		r, _ := utf8.DecodeRuneInString(text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// anywhere reports whether one of the context words occurs in text at all
// (ASCII letters in any case, as near compares them).
func (c *Context) anywhere(text string) bool {
	for _, w := range c.Words {
		if indexFoldASCII(text, w) >= 0 || !asciiOnly(w) {
			return true // a word with other letters: left to near
		}
	}
	return false
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// indexFoldASCII is the first index of w (lower case) in s, comparing
// ASCII letters without case; -1 when absent.
func indexFoldASCII(s, w string) int {
	if w == "" {
		return 0
	}
	first, up := w[0], w[0]
	if first >= 'a' && first <= 'z' {
		up = first - 'a' + 'A'
	}
	for i := 0; i+len(w) <= len(s); i++ {
		if c := s[i]; c != first && c != up {
			continue
		}
		k := 1
		for ; k < len(w); k++ {
			c := s[i+k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != w[k] {
				break
			}
		}
		if k == len(w) {
			return i
		}
	}
	return -1
}

// near reports whether one of the context words occurs within Window bytes
// before or after text[s:e].
func (c *Context) near(text string, s, e int) bool {
	lo, hi := s-c.Window, e+c.Window
	if lo < 0 {
		lo = 0
	}
	if hi > len(text) {
		hi = len(text)
	}
	win := strings.ToLower(text[lo:hi])
	for _, w := range c.Words {
		if strings.Contains(win, w) {
			return true
		}
	}
	return false
}
