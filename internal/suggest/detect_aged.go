package suggest

import (
	"strings"
	"unicode"
)

// agedName detects a person introduced with an age: "Sam Smith (14), her
// cousin", "Sam (14)", "Sam Smith, aged 14". A family word after the age
// gives the label. It returns the name's length in words, or 0.
func (r *register) agedName(text string, toks []token, i int) int {
	w := text[toks[i].start:toks[i].end]
	if !capitalised(w) || r.subjectTok[fold(w)] || allCaps(w) {
		return 0
	}
	n := r.nameAt(text, toks, i, 3)
	if n == 0 {
		return 0
	}
	e := i + n
	if e >= len(toks) {
		return 0
	}
	rest := text[toks[e-1].end:]
	if len(rest) > 160 {
		rest = rest[:160] // room for a list: "(14), Jo (10) and Al (8), her ..."
	}
	after, ok := ageAfter(rest)
	if !ok {
		return 0
	}
	var words []string
	for k := i; k < e; k++ {
		words = append(words, trimPossessive(text[toks[k].start:toks[k].end]))
	}
	if r.lookupFull(words) >= 0 || n == 1 && r.firstNameKnown(fold(words[0])) {
		return n
	}
	stem, role := "Person", RoleOther
	// "Sam (14) and Jo (10)": names listed with their ages are children
	// named alongside each other — siblings or other children in a
	// placement — even when a name is in no name list.
	// An unknown word is taken for a name only beside a known given name
	// and when it is no count word ("Children (3) and Adults (2)").
	tail, more, known := r.skipAgeList(after)
	prev, before := ageListBefore(text[:toks[i].start])
	known = known || r.words.GivenNames[fold(prev)]
	if w := fold(words[0]); (more || before) && (r.words.GivenNames[w] || known && !r.countWord(words[0])) {
		stem, role = "Other child", RoleOtherChild
		after = tail
	} else if n == 1 && !r.words.GivenNames[w] {
		return 0 // "Year (6)": only a known given name stands alone
	}
	after = strings.TrimLeft(after, " ,")
	for _, p := range []string{"her ", "his ", "their ", "the "} {
		after = strings.TrimPrefix(after, p)
	}
	if f := strings.Fields(after); len(f) > 0 {
		if s := r.words.Family[strings.ToLower(strings.Trim(f[0], ",.;)"))]; s != "" {
			stem, role = s, roleOfStem(s)
		}
	}
	r.add(&Person{Name: strings.Join(words, " "), Role: role, labelStem: stem, Source: "text: name with age"})
	return n
}

// ageAfter reports whether s (the text after a name) starts with an age:
// " (14)", ", aged 14", " aged 14", " (age 14)"; it returns what follows.
func ageAfter(s string) (string, bool) {
	t := strings.TrimLeft(s, " ")
	switch {
	case strings.HasPrefix(t, "("):
		t = strings.TrimPrefix(strings.TrimPrefix(t[1:], "aged "), "age ")
		d := leadingDigits(t)
		if d == 0 || d > 2 || !strings.HasPrefix(t[d:], ")") {
			return "", false
		}
		return t[d+1:], true
	case strings.HasPrefix(t, ", aged ") || strings.HasPrefix(t, "aged "):
		t = t[strings.Index(t, "aged ")+5:]
		d := leadingDigits(t)
		if d == 0 || d > 2 {
			return "", false
		}
		return t[d:], true
	}
	return "", false
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// listJoins are what join names in a list: "Sam (14), Jo (10) and Al (8)".
var listJoins = []string{", and ", " and ", " & ", ", "}

// skipAgeList skips, in the text after a name's age, further given names
// each with an age ("and Jo (10), Al (8)"). It returns what follows the
// last one, whether there was any and whether any is a known given name.
func (r *register) skipAgeList(after string) (rest string, more, known bool) {
	for {
		t, ok := cutJoin(after)
		if !ok {
			return after, more, known
		}
		if n := leadingInitials(t); n > 0 {
			// "and F.O'K. (9)": a person written as initials, with an age
			if a, ok := ageAfter(t[n:]); ok {
				after, more = a, true
				continue
			}
		}
		w := leadingWord(t)
		if w == "" || !capitalised(w) || allCaps(w) {
			return after, more, known
		}
		a, ok := ageAfter(t[len(w):])
		if r := t[len(w):]; !ok && strings.HasPrefix(r, " ") {
			// a surname too: "and Jo Bloggs (10)"
			if w2 := leadingWord(r[1:]); w2 != "" && capitalised(w2) {
				a, ok = ageAfter(r[1+len(w2):])
			}
		}
		if !ok {
			return after, more, known
		}
		after, more, known = a, true, known || r.words.GivenNames[fold(w)]
	}
}

// ageListBefore reports whether the text before a name ends with another
// name's age and a list join ("Sam (14) and " before "Jo (10)"), and
// returns that name's last word.
func ageListBefore(before string) (string, bool) {
	for _, j := range listJoins {
		if b, ok := strings.CutSuffix(before, j); ok {
			b, paren := strings.CutSuffix(b, ")")
			d := 0
			for d < len(b) && d < 3 && b[len(b)-1-d] >= '0' && b[len(b)-1-d] <= '9' {
				d++
			}
			if d == 0 || d > 2 || len(b) == d {
				return "", false
			}
			b = b[:len(b)-d]
			if !paren {
				b, ok = strings.CutSuffix(b, " aged ")
			} else {
				b = strings.TrimSuffix(strings.TrimSuffix(b, "aged "), "age ")
				b, ok = strings.CutSuffix(b, "(")
			}
			if !ok {
				return "", false
			}
			b = strings.TrimRight(b, " ,")
			return b[strings.LastIndexAny(b, " \n\t(,")+1:], true
		}
	}
	return "", false
}

// countWord reports whether w is a word that counts things in a form
// ("Children (3)", "Adults (2)", "Rooms (4)") rather than a given name:
// an everyday word, a plural, or a heading word.
func (r *register) countWord(w string) bool {
	f := fold(w)
	return r.words.Everyday[f] || strings.HasSuffix(f, "s") || countWords[f]
}

var countWords = map[string]bool{"year": true, "room": true, "group": true, "page": true, "item": true,
	"table": true, "section": true, "part": true, "stage": true, "level": true, "step": true, "phase": true,
	"bed": true, "child": true, "adult": true, "total": true, "appendix": true, "question": true, "note": true}

func cutJoin(s string) (string, bool) {
	for _, j := range listJoins {
		if t, ok := strings.CutPrefix(s, j); ok {
			return t, true
		}
	}
	return s, false
}

// leadingWord returns the letters (and apostrophes or hyphens) s starts with.
func leadingWord(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) && r != '\'' && r != '-' {
			return s[:i]
		}
	}
	return s
}

// agedInitials detects a person written as initials with an age, as a
// household or placement list gives the people no note names in full
// ("Household: AB, N.O'K. (13), F.O'K. (9)"). They enter the register
// under their initials alone (the matcher and the initials reader know
// them by those); beside another person with an age they are other
// children, as agedName reads a list of names. It returns the initials'
// length in tokens, or 0.
func (r *register) agedInitials(text string, toks []token, i int) int {
	if c := text[toks[i].start]; c < 'A' || c > 'Z' {
		return 0
	}
	w, k := initialsAt(text, toks, i)
	if !initialsShape(w) || k == i && !allCaps(w) {
		return 0
	}
	end := toks[k].end
	if end < len(text) && text[end] == '.' {
		end++
	}
	rest := text[end:]
	if len(rest) > 160 {
		rest = rest[:160]
	}
	after, ok := ageAfter(rest)
	if !ok {
		return 0
	}
	key := strings.ReplaceAll(w, "'", "")
	for _, p := range r.people {
		if p.initialsOnly == w || p.initialsOnly == key {
			return k - i + 1
		}
	}
	stem, role := "Person", RoleOther
	_, more, _ := r.skipAgeList(after)
	if _, before := ageListBefore(text[:toks[i].start]); more || before {
		stem, role = "Other child", RoleOtherChild
	}
	r.add(&Person{Name: text[toks[i].start:end], Role: role, labelStem: stem, Source: "text: initials with age", initialsOnly: w})
	return k - i + 1
}

// leadingInitials returns the length of the initials s starts with
// ("F.O'K.", "B.T.", "BT", "AR-W"), or 0.
func leadingInitials(s string) int {
	n, letters := 0, 0
	for n < len(s) {
		if c := s[n]; c >= 'A' && c <= 'Z' {
			letters++
		} else if c != '.' && c != '\'' && c != '-' && !strings.HasPrefix(s[n:], "’") {
			break
		}
		if strings.HasPrefix(s[n:], "’") {
			n += len("’")
		} else {
			n++
		}
	}
	if letters < 2 || letters > 5 || n < len(s) && unicode.IsLetter(rune(s[n])) {
		return 0
	}
	return n
}
