package rules

import (
	"strings"
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
	for _, m := range d.re.FindAllStringSubmatchIndex(text, -1) {
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
// character, merged where they meet and widened to word breaks.
func Windows(text, need string, radius int) []Span {
	var out []Span
	for pos := 0; pos < len(text); {
		k := NeedIndex(text[pos:], need)
		if k < 0 {
			break
		}
		c := pos + k
		lo, hi := max(c-radius, 0), min(c+radius, len(text))
		for hi < len(text) {
			k2 := NeedIndex(text[c+1:hi], need)
			if k2 < 0 {
				break
			}
			c = c + 1 + k2
			hi = min(c+radius, len(text))
		}
		for n := 0; lo > 0 && n < radius && !isBreak(text[lo-1]); n++ {
			lo--
		}
		for n := 0; hi < len(text) && n < radius && !isBreak(text[hi]); n++ {
			hi++
		}
		out = append(out, Span{lo, hi})
		pos = hi
	}
	return out
}

func isBreak(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// NeedIndex returns the index of the first needed character in s, or -1.
func NeedIndex(s, need string) int {
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
