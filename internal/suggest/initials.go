package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Initials: case notes and chronologies often call people by their
// initials ("JB and MK attended", "AR-W rang"). Every register person gets
// the initials of their name — a hyphenated surname's parts ("AR-W"), an
// apostrophe surname's prefix ("BO'D"), a Mc or Mac surname's prefix
// ("CMcN") — and a third party's initials are suggested where a document
// shows it uses initials for people: it holds the initials of at least two
// register people (the requester's and staff's count), so one stray
// abbreviation is never taken for a person. Initials shared with the
// requester or staff, or listed as everyday abbreviations in the packs
// ("initialisms" list), are left alone.

// initialsOf returns a name's initials in the forms records write them.
func (r *register) initialsOf(name string) []string {
	w := r.nameWords(name)
	if len(w) < 2 {
		return nil
	}
	var given strings.Builder
	for _, x := range w[:len(w)-1] {
		r, _ := utf8.DecodeRuneInString(x)
		if !unicode.IsLetter(r) {
			return nil
		}
		given.WriteRune(unicode.ToUpper(r))
	}
	sur := trimPossessive(w[len(w)-1])
	first := given.String()[:utf8.RuneLen([]rune(given.String())[0])]
	var out []string
	add := func(g, s string) {
		if s != "" {
			out = append(out, g+s)
		}
	}
	surInit := surnameInitials(sur)
	for _, s := range surInit {
		add(given.String(), s)
		if given.String() != first {
			add(first, s)
		}
	}
	return out
}

// surnameInitials: "Rowe-West" → R-W and RW; "O'Dowd" → O'D and O;
// "McNab" → McN and M; "MacKay" → MacK and M; "Smith" → S.
func surnameInitials(s string) []string {
	s = strings.ReplaceAll(s, "’", "'")
	up := func(x string) string {
		r, _ := utf8.DecodeRuneInString(x)
		return string(unicode.ToUpper(r))
	}
	if parts := strings.Split(s, "-"); len(parts) == 2 && parts[0] != "" && parts[1] != "" {
		return []string{up(parts[0]) + "-" + up(parts[1]), up(parts[0]) + up(parts[1])}
	}
	if i := strings.IndexByte(s, '\''); i == 1 && len(s) > 2 {
		return []string{up(s) + "'" + up(s[2:]), up(s)}
	}
	for _, pre := range []string{"Mac", "Mc"} {
		if strings.HasPrefix(s, pre) && len(s) > len(pre) {
			if r, _ := utf8.DecodeRuneInString(s[len(pre):]); unicode.IsUpper(r) {
				return []string{pre + string(r), up(s)}
			}
		}
	}
	if s == "" {
		return nil
	}
	return []string{up(s)}
}

// initialsIndex maps each initials form to the register people who have it.
func (r *register) initialsIndex() map[string][]int {
	idx := map[string][]int{}
	for i, p := range r.people {
		names := []string{p.Name}
		if i == subjectIdx {
			names = r.subjectNames()
		} else if w := r.personWords(p); len(w) >= 2 {
			// The name they go by with their surname: "Alexander Fenn,
			// known as Sandy" is also "SF".
			for _, n := range p.nicknames {
				if len(r.nameWords(n)) == 1 {
					names = append(names, n+" "+w[len(w)-1])
				}
			}
		}
		for _, n := range names {
			for _, f := range r.initialsOf(n) {
				if len([]rune(strings.NewReplacer("-", "", "'", "").Replace(f))) < 2 {
					continue
				}
				idx[f] = appendOnce(idx[f], i)
			}
		}
	}
	return idx
}

func appendOnce(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// initials suggests third parties' initials in a document that uses
// initials for people.
func (c *docCtx) initials() {
	e := c.e
	if e.initials == nil || e.personRule == nil {
		return
	}
	text := c.d.Text
	type hit struct{ start, end, person int }
	var hits []hit
	seen := map[string]bool{} // distinct register initials in this document
	toks := e.toks[c.idx]
	for k := 0; k < len(toks); k++ {
		start, end := toks[k].start, toks[k].end
		// A token may continue over ' or - ("BO'D", "AR-W").
		for k+1 < len(toks) && toks[k+1].start == end+1 && (text[end] == '-' || text[end] == '\'') {
			k++
			end = toks[k].end
		}
		if end+3 <= len(text) && text[end:end+3] == "’" && k+1 < len(toks) && toks[k+1].start == end+3 {
			k++
			end = toks[k].end
		}
		w := strings.ReplaceAll(text[start:end], "’", "'")
		if !initialsShape(w) || e.notInitials[strings.ToLower(w)] {
			continue
		}
		owners := e.initials[w]
		if len(owners) == 0 {
			continue
		}
		seen[w] = true
		who := -1
		for _, o := range owners {
			p := e.reg.people[o]
			if o == subjectIdx || p.Staff() {
				who = -1
				break // the requester's or staff's initials too: not suggested
			}
			if who < 0 {
				who = o
			}
		}
		if who >= 0 && !c.isProtected(start, end) {
			hits = append(hits, hit{start, end, who})
		}
	}
	if len(seen) < 2 {
		return
	}
	for _, h := range hits {
		p := e.reg.people[h.person]
		rule := e.personRule
		if p.Role == RolePartnerStaff {
			rule = e.partnerPersonRule
		}
		c.mentions = append(c.mentions, mention{h.start, h.end, h.person})
		c.add(rule, h.start, h.end, ScopeSpan, h.person, personWhy(p, vInitials), 0.8, "")
	}
}

// initialsShape: two to five letters, upper case but for a Mc/Mac prefix's
// small letters, with at most one hyphen or apostrophe between them.
func initialsShape(w string) bool {
	letters, upper, marks := 0, 0, 0
	for _, r := range w {
		switch {
		case r == '-' || r == '\'':
			marks++
		case unicode.IsUpper(r):
			letters++
			upper++
		case unicode.IsLower(r):
			letters++
		default:
			return false
		}
	}
	if marks > 1 || letters < 2 || letters > 5 || upper < 2 {
		return false
	}
	lower := letters - upper
	return lower == 0 || strings.Contains(w, "Mc") && lower == 1 || strings.Contains(w, "Mac") && lower == 2
}
