package search

import (
	"regexp"
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
		name string
		re   *regexp.Regexp
	}
	var list []known
	add := func(n string) {
		if strings.TrimSpace(n) == "" || len(strings.Fields(n)) < 2 {
			return // a lone first name is too weak to label a document with
		}
		list = append(list, known{name: n, re: variantPattern(n)})
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
		for _, k := range list {
			for _, loc := range k.re.FindAllStringIndex(d.Text, -1) {
				if boundary(d.Text, loc[0], loc[1]) {
					put(k.name)
					break
				}
			}
		}
		sort.Strings(out)
		return out
	}
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
