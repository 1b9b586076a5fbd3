package bundle

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold maps the characters a checker treats as the same: curly quotes and
// dashes to straight ones, odd spaces to a space; soft hyphens and
// zero-width characters disappear (as the scoring tools do).
var fold = map[rune]rune{
	0x2018: '\'', 0x2019: '\'', 0x201A: '\'', 0x201B: '\'', 0x2032: '\'',
	0x201C: '"', 0x201D: '"', 0x201E: '"', 0x2033: '"',
	0x2010: '-', 0x2011: '-', 0x2012: '-', 0x2013: '-', 0x2014: '-', 0x2212: '-',
	0x00A0: ' ', 0x2007: ' ', 0x202F: ' ', 0x00AD: -1, 0x200B: -1, 0xFEFF: -1,
}

// normalise folds s for matching: NFKC, quotes and dashes folded, lower
// case, runs of white space as one space. offs[i] is the byte offset in s of
// the character that produced byte i of the result, so a match can be mapped
// back (len(offs) == len(result)+1; the last entry is len(s)).
func normalise(s string, withOffs bool) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	var offs []int
	if withOffs {
		offs = make([]int, 0, len(s)+1)
	}
	space := true // drop leading space
	var tmp [16]byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if f, ok := fold[r]; ok {
			if f < 0 {
				i += n
				continue
			}
			r = f
		}
		if r < utf8.RuneSelf {
			if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v' {
				if !space {
					b.WriteByte(' ')
					if withOffs {
						offs = append(offs, i)
					}
					space = true
				}
				i += n
				continue
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			if withOffs {
				offs = append(offs, i)
			}
			space = false
			i += n
			continue
		}
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
				if withOffs {
					offs = append(offs, i)
				}
				space = true
			}
			i += n
			continue
		}
		k := utf8.EncodeRune(tmp[:], r)
		out := strings.ToLower(string(norm.NFKC.Bytes(tmp[:k])))
		b.WriteString(out)
		if withOffs {
			for range len(out) {
				offs = append(offs, i)
			}
		}
		space = false
		i += n
	}
	res := b.String()
	if withOffs {
		offs = append(offs, len(s))
	}
	return res, offs
}

// alnum is the scorer's word character: a match must not be preceded or
// followed by one.
func alnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// matcher finds many normalised strings in normalised text in one pass: each
// string is keyed by its first word, so the cost grows with the text, not
// with the number of strings.
type matcher struct {
	pats  []string
	first map[string][]patRef
}

type patRef struct {
	idx int // into pats
	off int // where the first word starts in the pattern
}

// newMatcher indexes the given normalised strings; strings without a letter
// or digit cannot be matched on word boundaries and are ignored.
func newMatcher(pats []string) *matcher {
	m := &matcher{pats: pats, first: make(map[string][]patRef, len(pats))}
	for i, p := range pats {
		s := 0
		for s < len(p) && !alnum(p[s]) {
			s++
		}
		if s == len(p) {
			continue
		}
		e := s
		for e < len(p) && alnum(p[e]) {
			e++
		}
		m.first[p[s:e]] = append(m.first[p[s:e]], patRef{idx: i, off: s})
	}
	return m
}

// scan calls fn for every match in text (normalised) with the pattern index
// and the byte range; fn returns false to stop.
func (m *matcher) scan(text string, fn func(idx, start, end int) bool) {
	if len(m.first) == 0 {
		return
	}
	for i := 0; i < len(text); {
		if !alnum(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && alnum(text[j]) {
			j++
		}
		for _, ref := range m.first[text[i:j]] {
			p := m.pats[ref.idx]
			s := i - ref.off
			e := s + len(p)
			if s < 0 || e > len(text) || text[s:e] != p {
				continue
			}
			if s > 0 && alnum(text[s-1]) || e < len(text) && alnum(text[e]) {
				continue
			}
			if !fn(ref.idx, s, e) {
				return
			}
		}
		i = j
	}
}
