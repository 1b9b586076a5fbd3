package bundle

import "strings"

// ownWords redacts, in a document's title, what its own body redacts: a
// title the record made from a note's first words carries the same words,
// and those too short for the bundle-wide sanitiser ("MW", "DK") would
// otherwise survive in the title, the contents and the bookmarks. Words
// are matched whole.
func ownWords(title string, p *docPlan) string {
	if title == "" || len(p.spans) == 0 {
		return title
	}
	if t, ok := derivedTitle(title, p); ok {
		return t
	}
	for _, s := range p.spans {
		if s.start < 0 || s.end > len(p.doc.Text) || s.start >= s.end {
			continue
		}
		t := strings.Join(strings.Fields(p.doc.Text[s.start:s.end]), " ")
		if t == "" || len(t) > len(title) {
			continue
		}
		title = replaceWhole(title, t, "[redacted]")
	}
	return title
}

// replaceWhole replaces every occurrence of w in s that is not part of a
// longer word.
func replaceWhole(s, w, with string) string {
	var b strings.Builder
	last := 0
	for i := 0; i+len(w) <= len(s); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			break
		}
		j += i
		if (j == 0 || !wordByte(s[j-1])) && (j+len(w) == len(s) || !wordByte(s[j+len(w)])) {
			b.WriteString(s[last:j])
			b.WriteString(with)
			last = j + len(w)
			i = last
			continue
		}
		i = j + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// derivedTitle rebuilds a title the record cut from the start of the
// document's own text ("Pat told me she has been diagnosed…"): the same
// words, each redacted or withheld span of the body made one
// "[redacted]", so a span the title cuts short leaves nothing of itself.
// It reports false when the title is not the text's start.
func derivedTitle(title string, p *docPlan) (string, bool) {
	t := strings.TrimSpace(title)
	cut := strings.HasSuffix(t, "…")
	t = strings.TrimSpace(strings.TrimSuffix(t, "…"))
	text := p.doc.Text
	// Walk title and text together, a space matching any run of space.
	i, j := 0, 0
	for j < len(text) && textSpace(text[j]) {
		j++
	}
	start := j
	for i < len(t) {
		switch {
		case j >= len(text):
			return "", false
		case textSpace(t[i]):
			if !textSpace(text[j]) {
				return "", false
			}
			for i < len(t) && textSpace(t[i]) {
				i++
			}
			for j < len(text) && textSpace(text[j]) {
				j++
			}
		case t[i] == text[j]:
			i++
			j++
		default:
			return "", false
		}
	}
	end := j
	if end-start < 8 {
		return "", false // too short to tell a title from the text
	}
	var b strings.Builder
	k := start
	for k < end {
		in := -1
		for n, s := range p.spans {
			if s.start <= k && k < s.end {
				in = n
				break
			}
		}
		if in < 0 {
			b.WriteByte(text[k])
			k++
			continue
		}
		b.WriteString("[redacted]")
		k = p.spans[in].end
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if cut || k > end {
		out += "…"
	}
	return out, true
}

func textSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
