package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// The record holder: the organisation whose record this is. In England,
// Wales and Scotland it is a council, named by the packs' council-words.
// In Northern Ireland children's social care is run by a Health and Social
// Care Trust (Health and Personal Social Services (NI) Order 1972), whose
// name carries words that elsewhere mark a partner agency ("health",
// "trust") and whose staff write from a health service domain (hscni.net).
// What the record's own social workers work for, and write from, is the
// record holder wherever it is: its letterhead, its headings and its
// staff's messages are its own account, never a partner's to consult.

// homeOrgs are the names (as persons.json writes them) of the organisations
// the record's own staff work for: the agency of every persons.json
// professional whose job title is a council one (the packs'
// job-titles-council: "Social Worker", "Personal Adviser"), and the home
// council. A partner's officer ("Designated Teacher", "Detective
// Constable") adds nothing.
func homeOrgs(v *rules.People, ps []record.Person, home string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(a string) {
		a = strings.TrimSpace(a)
		if k := strings.ToLower(a); a != "" && !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	if home != "" && councilName(v, home) {
		add(home)
	}
	for _, p := range ps {
		if strings.TrimSpace(p.Agency) == "" || councilName(v, p.Agency) && !sameOrgName(p.Agency, home) {
			continue // another council is a partner
		}
		if councilTitled(v, p) {
			add(p.Agency)
		}
	}
	return out
}

// councilTitled reports whether a persons.json entry's job title (its
// relationship or role) is a council one.
func councilTitled(v *rules.People, p record.Person) bool {
	for _, t := range []string{p.Relationship, p.Role} {
		if council, _ := jobTitleKind(v, t); council {
			return true
		}
	}
	return false
}

// orgWords splits an organisation's name into its words, leaving out the
// small words an abbreviation skips ("Health and Social Care Trust" is
// HSC Trust).
func orgWords(name string) []string { return orgWordsN(name, -1) }

// orgWordsN is orgWords reading at most n words (all when n < 0).
func orgWordsN(name string, n int) []string {
	var out []string
	for i := 0; i < len(name) && n != 0; {
		s, e := nextOrgWord(name, i)
		if w := name[s:e]; w != "" && !orgStopWord(w) {
			out = append(out, w)
			n--
		}
		i = e
	}
	return out
}

// nextOrgWord returns the bounds of the first word of s at or after i: letters
// and digits, with an apostrophe inside ("Children's").
func nextOrgWord(s string, i int) (int, int) {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !isWordRune(r) && !(r == '\'' || r == '’') || (r == '\'' || r == '’') && j == i {
			break
		}
		j += n
	}
	return i, j
}

func orgStopWord(w string) bool {
	switch strings.ToLower(w) {
	case "and", "of", "the", "for":
		return true
	}
	return false
}

// acronym returns the letters of a word written as an abbreviation ("HSC",
// "LHSCT"), or "".
func acronym(w string) string {
	if n := len(w); n < 2 || n > 8 {
		return ""
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return ""
		}
	}
	return strings.ToLower(w)
}

// orgPrefix reports whether the words a begin with the organisation named
// by the words b, word by word: equal words, or an abbreviation on either
// side standing for the initials of the words on the other ("Loughside HSC
// Trust" and "Loughside Health and Social Care Trust"). Words spelled out on
// both sides must agree, so "Northshire Community College" is not
// "Northshire County Council". It returns how many words of a it took.
func orgPrefix(a, b []string) (int, bool) {
	i, j := 0, 0
	for j < len(b) {
		if i >= len(a) {
			return 0, false
		}
		switch {
		case strings.EqualFold(trimPossessive(a[i]), trimPossessive(b[j])):
			i, j = i+1, j+1
		case initialsOf(b[j:], acronym(a[i])):
			j += len(acronym(a[i]))
			i++
		case initialsOf(a[i:], acronym(b[j])):
			i += len(acronym(b[j]))
			j++
		default:
			return 0, false
		}
	}
	return i, true
}

// initialsOf reports whether the first len(letters) words of ws begin with
// those letters, in order.
func initialsOf(ws []string, letters string) bool {
	if letters == "" || len(ws) < len(letters) {
		return false
	}
	for k := 0; k < len(letters); k++ {
		if r := []rune(strings.ToLower(ws[k])); len(r) == 0 || string(r[0]) != letters[k:k+1] {
			return false
		}
	}
	return true
}

// sameOrgName reports whether two names are one organisation's.
func sameOrgName(a, b string) bool {
	wa, wb := orgWords(a), orgWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	n, ok := orgPrefix(wa, wb)
	return ok && n == len(wa)
}

// isHomeOrg reports whether an agency (persons.json) is the record
// holder's: one of its names, written the same way or abbreviated.
func (r *register) isHomeOrg(agency string) bool {
	for _, h := range r.homeOrgs {
		if sameOrgName(agency, h) {
			return true
		}
	}
	return false
}

// namesHome reports whether a line names the record holder by one of its
// organisations' names, at any word: "Loughside Health and Social Care
// Trust – Family and Childcare", "Between Loughside HSC Trust (Applicant)".
func (r *register) namesHome(line string) bool {
	for i := 0; i < len(line); {
		s, e := nextOrgWord(line, i)
		w := line[s:e]
		for _, hw := range r.homeWords {
			if w == "" || !strings.EqualFold(w, hw[0]) && !(len(w) >= 2 && w[0] == hw[0][0]&^0x20 && acronym(w) != "") {
				continue
			}
			if _, ok := orgPrefix(orgWordsN(line[s:], len(hw)), hw); ok {
				return true
			}
		}
		i = max(e, i+1)
	}
	return false
}

// staffDomain is the e-mail domain the record holder's staff write from:
// the domain seen most often in headers on the addresses of persons.json
// people who work for it. "" when no header names one of them.
func (r *register) staffDomain(docs []record.Document, staff map[string]bool) string {
	if len(staff) == 0 {
		return ""
	}
	return commonDomain(docs, func(a record.Address) bool {
		return staff[plainKey(strings.Join(r.nameWords(displayName(a.Name)), " "))]
	})
}

// setHome finds the record holder's organisations and the domain its staff
// — its persons.json professionals and its case notes' authors — write
// from (the public-sector domain seen most often when no header names one
// of them).
func (r *register) setHome(docs []record.Document) {
	r.homeOrgs = homeOrgs(r.words, r.persons, r.home)
	r.homeWords = nil
	for _, h := range r.homeOrgs {
		// a name of one word says too little: it may be the place the
		// partner agency serves too
		if hw := orgWords(h); len(hw) >= 2 && hw[0] != "" {
			r.homeWords = append(r.homeWords, hw)
		}
	}
	staff := map[string]bool{}
	for _, p := range r.persons {
		if p.Role == record.RoleSubject || !r.isHomeOrg(p.Agency) {
			continue
		}
		if role, _ := roleFor(r.words, p, r.home); role == RoleProfessional {
			staff[plainKey(strings.Join(r.nameWords(p.Name), " "))] = true
		}
	}
	// Whoever writes the record's case notes works for the record holder
	// too, listed in persons.json or not.
	for i := range docs {
		d := &docs[i]
		if d.Format != record.FormatCaseNote {
			continue
		}
		a := d.Author
		if a == "" && d.Meta != nil {
			a = d.Meta["author"]
		}
		if _, partner := jobTitleKind(r.words, d.Meta["author_role"]); a == "" || partner {
			continue
		}
		staff[plainKey(strings.Join(r.nameWords(a), " "))] = true
	}
	if d := r.staffDomain(docs, staff); d != "" {
		r.homeDomain = d
	}
}
