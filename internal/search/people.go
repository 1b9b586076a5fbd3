package search

import (
	"sort"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// KnownPeople is a PeopleFunc for when no name detector is wired in: the
// display names in an email's From/To/Cc, and every listed person (the
// subject's names included) whose full name appears in the text. The suggest
// engine supplies a richer one later.
func KnownPeople(subject record.Subject, persons []record.Person) PeopleFunc {
	type known struct {
		name  string
		lower string // folded, single spaces
	}
	var list []known
	add := func(n string) {
		if strings.TrimSpace(n) == "" || len(strings.Fields(n)) < 2 {
			return // a lone first name is too weak to label a document with
		}
		list = append(list, known{name: n, lower: fold(n)})
	}
	for _, n := range subject.Names() {
		add(n)
	}
	for _, p := range persons {
		add(p.Name)
	}
	return func(d *record.Document) []string {
		seen := map[string]bool{}
		var out []string
		put := func(n string) {
			n = strings.Join(strings.Fields(n), " ")
			if n != "" && !seen[strings.ToLower(n)] {
				seen[strings.ToLower(n)] = true
				out = append(out, n)
			}
		}
		if d.Email != nil {
			for _, as := range [][]record.Address{d.Email.From, d.Email.To, d.Email.Cc} {
				for _, a := range as {
					put(displayName(a.Name))
				}
			}
		}
		// One folded copy of the text per document, then plain substring
		// search: a case-insensitive regexp per name cost most of indexing.
		text := fold(d.Text)
		for _, k := range list {
			for from := 0; from < len(text); {
				i := strings.Index(text[from:], k.lower)
				if i < 0 {
					break
				}
				start := from + i
				if boundary(text, start, start+len(k.lower)) {
					put(k.name)
					break
				}
				from = start + 1
			}
		}
		sort.Strings(out)
		return out
	}
}

// fold lower-cases s and collapses runs of white space to one space.
func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// displayName turns "Surname, First" (Outlook's form) into "First Surname".
func displayName(n string) string {
	n = strings.Trim(strings.TrimSpace(n), `"'`)
	if i := strings.IndexByte(n, ','); i > 0 && strings.Count(n, ",") == 1 {
		last, first := strings.TrimSpace(n[:i]), strings.TrimSpace(n[i+1:])
		if first != "" && last != "" {
			return first + " " + last
		}
	}
	return n
}
