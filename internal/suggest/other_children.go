package suggest

import "strings"

// markOtherChildren reads the lines of a document that open with one of
// cues and a colon, up to a few words after the cue ("Young people
// resident this month: …", "Other young people present: …"): each person
// the register found only by text, with no role yet, whom such a line
// names is another child in the placement (RoleOtherChild), whose own
// story is theirs (about_person). The requester, staff, family and
// persons.json entries keep their roles.
func (r *register) markOtherChildren(text string, cues []string) {
	if len(cues) == 0 {
		return
	}
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		list, ok := cuedList(line, cues)
		if !ok {
			continue
		}
		for _, p := range r.people {
			if p.Role == RoleOther && p.Source != "persons.json" && containsWord(list, p.Name) {
				p.Role, p.labelStem = RoleOtherChild, "Other child"
			}
		}
		// The label says what its items are: a full name there is
		// another child though no list knows their given name.
		for _, item := range listItems(list) {
			w := strings.Fields(item)
			if len(w) < 2 || len(w) > 4 || r.lookupFull(w) >= 0 || r.subjectTok[fold(w[0])] {
				continue
			}
			name := true
			for _, x := range w {
				name = name && capitalised(x) && !allCaps(x) && !r.words.Everyday[fold(x)] && !strings.ContainsAny(x, "0123456789")
			}
			if name {
				r.add(&Person{Name: item, Role: RoleOtherChild, labelStem: "Other child", Source: sourceOtherChildren})
			}
		}
	}
}

// sourceOtherChildren is the source of a person named in a line listing
// the other children of a placement.
const sourceOtherChildren = "text: other children list"

// listItems splits a written list at commas, semicolons and "and".
func listItems(list string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(list, func(c rune) bool { return c == ',' || c == ';' }) {
		for _, b := range strings.Split(a, " and ") {
			if b = strings.TrimSpace(strings.Trim(b, " .\t")); b != "" {
				out = append(out, b)
			}
		}
	}
	return out
}

// cuedList returns what follows the colon of a line that opens with a cue
// and at most three more words before the colon.
func cuedList(line string, cues []string) (string, bool) {
	l := strings.TrimLeft(line, " \t•*-")
	head, list, ok := strings.Cut(l, ":")
	if !ok || len(head) > 80 {
		return "", false
	}
	h := strings.ToLower(strings.Join(strings.Fields(head), " "))
	for _, c := range cues {
		if rest, ok := strings.CutPrefix(h, c); ok && (rest == "" || rest[0] == ' ' && len(strings.Fields(rest)) <= 3) {
			return list, true
		}
	}
	return "", false
}

// containsWord reports whether s holds w between word boundaries.
func containsWord(s, w string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(w)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return true
		}
		off = i + 1
	}
}

// otherChildFullNames gives a person found by text the role of another
// child whose short form — given name and surname initial, as residential
// logs write them ("Jo S") — is that child's: the same given name and the
// initial of their surname.
func (r *register) otherChildFullNames() {
	short := map[string]bool{}
	for _, p := range r.people {
		if w := strings.Fields(p.Name); p.Role == RoleOtherChild && len(w) == 2 && len(w[1]) == 1 {
			short[w[0]+" "+w[1]] = true
		}
	}
	if len(short) == 0 {
		return
	}
	for _, p := range r.people {
		w := strings.Fields(p.Name)
		if p.Role == RoleOther && p.Source != "persons.json" && len(w) >= 2 && len(w[len(w)-1]) > 1 &&
			short[w[0]+" "+w[len(w)-1][:1]] {
			p.Role, p.labelStem = RoleOtherChild, "Other child"
		}
	}
}
