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
