package web

import (
	"html/template"
	"strconv"
	"strings"
)

// docTextHTML writes the review screen's document text — plain runs,
// paragraph breaks and highlighted suggestions with their tags — as HTML
// in Go rather than in the template: a 2,000-page request's documents
// have hundreds of segments, and the template spent most of the screen's
// server time on them in reflection. The markup and its escaping are
// byte for byte what html/template made of the range over Segments that
// this replaces (TestDocTextHTMLMatchesTemplate keeps that template and
// compares).
func docTextHTML(segs []Segment2, current *Item) template.HTML {
	var b strings.Builder
	n := 32
	for i := range segs {
		n += len(segs[i].Text) + 24
		if segs[i].Item != nil {
			n += 300
		}
	}
	b.Grow(n)
	b.WriteString("<p>")
	for i := range segs {
		sg := &segs[i]
		switch {
		case sg.Break:
			b.WriteString("</p><p>")
		case sg.Item != nil:
			writeMark(&b, sg, current)
		default:
			b.WriteString(`<span data-o="`)
			b.WriteString(strconv.Itoa(sg.Offset))
			b.WriteString(`">`)
			escapeHTML(&b, sg.Text)
			b.WriteString("</span>")
		}
	}
	b.WriteString("</p>")
	return template.HTML(b.String())
}

// writeMark writes one suggestion's highlight and its tag link.
func writeMark(b *strings.Builder, sg *Segment2, current *Item) {
	it := sg.Item
	b.WriteString(`<mark id="s-`)
	escapeHTML(b, it.ID)
	b.WriteString(`" data-o="`)
	b.WriteString(strconv.Itoa(sg.Offset))
	b.WriteString(`" class="`)
	escapeHTML(b, categoryClass(it.Category))
	if it.Decision != nil {
		b.WriteString(" decided decided-")
		escapeHTML(b, string(it.Decision.Kind))
	}
	if current != nil && it.ID == current.ID {
		b.WriteString(" current")
	}
	b.WriteString(`">`)
	escapeHTML(b, sg.Text)
	b.WriteString(`</mark><a class="tag" href="?s=`)
	escapeURLQuery(b, it.ID)
	b.WriteString(`#current">`)
	if it.PersonLabel != "" {
		escapeHTML(b, it.PersonLabel)
	} else {
		escapeHTML(b, it.Code)
	}
	if it.Decision != nil {
		b.WriteString(" ✓")
	}
	b.WriteString(`<span class="visually-hidden">: `)
	escapeHTML(b, humanize(it.Category))
	if it.Decision != nil {
		b.WriteString(", decided: ")
		escapeHTML(b, humanize(string(it.Decision.Kind)))
	} else {
		b.WriteString(", not decided")
	}
	b.WriteString("</span></a>")
}

// escapeHTML is html/template's escaper for text and quoted attribute
// values: the same six characters and NUL, replaced the same way. (It
// decodes runes, but every character it replaces is ASCII, which no
// other UTF-8 sequence or invalid byte contains, so bytes suffice.)
func escapeHTML(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escapeURLQuery is html/template's escaper for a value in a URL's query:
// every byte but RFC 3986's unreserved ones percent-encoded, lower-case.
func escapeURLQuery(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}
