package suggest

import "strings"

// mailboxWords mark a shared mailbox's display name ("Duty Team", "West
// MASH", "Children's Services", "Finance Team"): not a person, so none of
// its words become a name variant.
var mailboxWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`team teams duty mash hub inbox mailbox enquiries enquiry admin administration
finance office desk unit department dept reception noreply no-reply donotreply support helpdesk referrals referral
contact centre center services service council police constabulary safeguarding front door triage intake
school academy college trust nhs board panel court cafcass clinic practice surgery hospital records archive
scanning post mailroom notifications alerts system`) {
		m[w] = true
	}
	return m
}()

// mailboxName reports whether an email display name is a team or agency
// mailbox rather than a person.
func mailboxName(name string) bool {
	for _, t := range tokenize(name) {
		w := fold(trimPossessive(name[t.start:t.end]))
		if mailboxWords[w] {
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
	w := nameWords(name)
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
