package ingest

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// ProblemBadName is the report's reason for a file whose name is not
// valid UTF-8 (a name written by an old system in a legacy code page).
const ProblemBadName = "the file name is not valid UTF-8 (invalid bytes shown as \\xNN): rename the file and ingest the folder again"

// SafeName is a path fit to store and show: valid UTF-8 is kept, each
// invalid byte becomes \xNN, and control characters are escaped the same
// way, so two different names never look alike.
func SafeName(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || isControl(r) {
			for _, c := range []byte(s[i : i+n]) {
				fmt.Fprintf(&b, `\x%02x`, c)
			}
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// keepStorable is the net under the readers: a document with a string
// PostgreSQL would refuse (invalid UTF-8 or a NUL, in text or in JSON)
// would fail the whole batch it is saved in and with it the job, losing
// every other file of the record. Such a document is dropped and its file
// gets a problem naming the field; the rest of the file is kept.
func keepStorable(rel string, docs []record.Document, errs []error) ([]record.Document, []error) {
	out := docs[:0]
	for _, d := range docs {
		if field := unstorable(&d); field != "" {
			what := "the document"
			if d.Part != "" {
				what = "part " + SafeName(d.Part)
			}
			errs = append(errs, &extract.Error{Path: rel, Kind: extract.ErrCorrupt,
				Msg: fmt.Sprintf("%s has %s that cannot be stored (invalid UTF-8 or a NUL byte)", what, field)})
			continue
		}
		out = append(out, d)
	}
	return out, errs
}

// unstorable names the first field of d that PostgreSQL would refuse, or
// returns "".
func unstorable(d *record.Document) string {
	for _, f := range []struct{ name, v string }{
		{"its location", d.Location}, {"its path", d.Path}, {"its part name", d.Part}, {"its ID", d.ID},
		{"its parent", d.Parent}, {"its type", d.Type}, {"its title", d.Title}, {"its author", d.Author},
		{"its text", d.Text},
	} {
		if badString(f.v) {
			return f.name
		}
	}
	for k, v := range d.Meta {
		if badString(k) || badString(v) {
			return "a property"
		}
	}
	for _, b := range d.Blocks {
		if badString(b.Label) {
			return "a block label"
		}
	}
	if e := d.Email; e != nil {
		strs := append([]string{e.Subject, e.MessageID, e.InReplyTo}, e.References...)
		for _, as := range [][]record.Address{e.From, e.To, e.Cc} {
			for _, a := range as {
				strs = append(strs, a.Name, a.Email)
			}
		}
		for _, s := range strs {
			if badString(s) {
				return "an email header"
			}
		}
	}
	return ""
}

func badString(s string) bool { return !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 }
