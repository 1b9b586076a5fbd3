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
	// Sub-matches cost the matcher time: ask for them only when the span
	// is a group of the match.
	var ms [][]int
	if d.Group > 0 {
		ms = d.re.FindAllStringSubmatchIndex(text, -1)
	} else {
		ms = d.re.FindAllStringIndex(text, -1)
	}
	for _, m := range ms {
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

// FindNear is Find for long texts: with Needs set, only windows of radius
// bytes (or the detector's Near) around each needed character are searched (merged where they
// meet), so a rule costs time only where a match could be. A match must
// lie within radius of a needed character.
func (d *Detector) FindNear(text string, radius int) []Span {
	if d.Near > 0 {
		radius = d.Near
	}
	if d.Context != nil && !d.Context.anywhere(text) {
		return nil // a match needs a context word, and the text has none
	}
	if d.Needs == "" || len(text) < 4*radius {
		return d.Find(text)
	}
	var out []Span
	lastEnd := 0
	for _, w := range Windows(text, d.Needs, radius) {
		for _, sp := range d.Find(text[w.Start:w.End]) {
			if s := w.Start + sp.Start; s >= lastEnd {
				out = append(out, Span{s, w.Start + sp.End})
				lastEnd = w.Start + sp.End
			}
		}
	}
	return out
}

// Windows returns the parts of text within radius bytes of a needed
// character (or word), merged where they meet and widened to word breaks.
func Windows(text, need string, radius int) []Span {
	var out []Span
	next := needFinder(text, need)
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

// needFinder returns a function giving the first needed position at or
// after from, or -1. Word lists are located once, so the cost stays linear
// in the text times the number of words.
func needFinder(text, need string) func(from int) int {
	if !needWords(need) {
		return func(from int) int {
			if from >= len(text) {
				return -1
			}
			if k := NeedIndex(text[from:], need); k >= 0 {
				return from + k
			}
			return -1
		}
	}
	var pos []int
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
	return func(from int) int {
		i := sort.SearchInts(pos, from)
		if i < len(pos) {
			return pos[i]
		}
		return -1
	}
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
