package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
)

// makeStorable makes every string of d valid UTF-8 without NUL bytes.
// PostgreSQL's text and jsonb refuse both, and one such document fails the
// whole batch it is saved in (an ingestion job retried until it gives up),
// so a stray byte in one file would lose the record's other documents.
// Readers decode what they can; this is the net under them.
func makeStorable(d *record.Document) {
	d.Text = storable(d.Text)
	d.Title, d.Author, d.Type = storable(d.Title), storable(d.Author), storable(d.Type)
	for i := range d.Blocks {
		d.Blocks[i].Label = storable(d.Blocks[i].Label)
	}
	if len(d.Meta) > 0 {
		m := make(map[string]string, len(d.Meta))
		for k, v := range d.Meta {
			m[storable(k)] = storable(v)
		}
		d.Meta = m
	}
	if e := d.Email; e != nil {
		e.Subject, e.MessageID, e.InReplyTo = storable(e.Subject), storable(e.MessageID), storable(e.InReplyTo)
		for i := range e.References {
			e.References[i] = storable(e.References[i])
		}
		for _, as := range [][]record.Address{e.From, e.To, e.Cc} {
			for i := range as {
				as[i].Name, as[i].Email = storable(as[i].Name), storable(as[i].Email)
			}
		}
	}
}

// storable replaces each byte that is not part of valid UTF-8 with '?' and
// each NUL with a space. The length stays the same, so the offsets of
// blocks, glyphs and words into the text still hold.
func storable(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b[i] = '?'
		case r == 0:
			b[i] = ' '
		}
		i += n
	}
	return string(b)
}
