package suggest

import (
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// mailboxName reports whether an email display name is a team or agency
// mailbox rather than a person.
func mailboxName(v *rules.People, name string) bool {
	for _, t := range tokenize(name) {
		w := fold(trimPossessive(name[t.start:t.end]))
		if v.Mailbox[w] {
			return true
		}
	}
	return false
}

// subjectShortName reports whether an email display name is the
// requester's own informal one: it starts with one of their names and the
// rest are their other names, initials or short forms of them ("Sam
// Example-Name" as "Sam EN" or "Sam E-N"). A first word that is the
// requester's but a surname that belongs to a known third party is that
// person, not the requester.
func (r *register) subjectShortName(name string) bool {
	w := r.nameWords(name)
	if len(w) == 0 || !r.subjectTok[fold(w[0])] {
		return false
	}
	for _, x := range w[1:] {
		f := fold(x)
		if r.subjectTok[f] {
			continue
		}
		if !r.subjectInitials(f) {
			return false
		}
	}
	return true
}

// subjectInitials reports whether a short word is made of the initials of
// the requester's names ("ab" for a surname "Ash-Brook", "jd" for "Jo Doe").
func (r *register) subjectInitials(f string) bool {
	if len(f) == 0 || len(f) > 4 {
		return false
	}
	for _, name := range r.subjectList {
		var ini []byte
		for _, t := range tokenize(name) {
			ini = append(ini, fold(name[t.start : t.start+1])[0])
		}
		for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
			if part != "" {
				ini = append(ini, fold(part[:1])[0])
			}
		}
		ok := true
		for i := 0; i < len(f); i++ {
			if strings.IndexByte(string(ini), f[i]) < 0 {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
