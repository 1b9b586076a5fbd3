package bundle

import (
	"path"
	"strings"
	"unicode"
)

// sanitiser removes every redacted string from free-text header fields:
// titles, e-mail subjects and authors are personal data too, and a name
// redacted in a body must not survive in a header, the contents or a
// bookmark.
type sanitiser struct {
	m *matcher
}

func newSanitiser(strs []string) *sanitiser {
	return &sanitiser{m: newMatcher(strs)}
}

// clean returns s with every redacted string replaced by "[redacted]", or
// "" when nothing useful is left.
func (z *sanitiser) clean(s string) string {
	s = strings.Join(strings.Fields(stripControl(s)), " ")
	if s == "" {
		return ""
	}
	n, offs := normalise(s, true)
	type rng struct{ s, e int }
	var hits []rng
	z.m.scan(n, func(_, a, b int) bool {
		hits = append(hits, rng{offs[a], offs[b]})
		return true
	})
	if len(hits) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, h := range hits {
		if h.s < last {
			if h.e > last {
				last = h.e
			}
			continue
		}
		b.WriteString(s[last:h.s])
		b.WriteString("[redacted]")
		last = h.e
	}
	b.WriteString(s[last:])
	out := b.String()
	rest := strings.NewReplacer("[redacted]", "", "FW:", "", "Fwd:", "", "RE:", "", "Re:", "").Replace(out)
	letters := 0
	for _, r := range rest {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 3 {
		return ""
	}
	return out
}

// isFileName reports whether a title is just the source file's name (with
// or without its extension, separators as spaces): never printed.
func isFileName(title, p string) bool {
	if title == "" || p == "" {
		return false
	}
	base := path.Base(p)
	stem := strings.TrimSuffix(base, path.Ext(base))
	sq := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if r == '_' || r == '-' || r == '.' {
				return ' '
			}
			return unicode.ToLower(r)
		}, s)
		return strings.Join(strings.Fields(s), " ")
	}
	t := sq(title)
	return t == sq(base) || t == sq(stem)
}

// stripControl drops control characters (keeping tab and newline as space
// material) so nothing odd reaches the PDF.
func stripControl(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return ' '
		case r == '\r' || unicode.IsControl(r) || r == 0xFFFD:
			return -1
		}
		return r
	}, s)
}
