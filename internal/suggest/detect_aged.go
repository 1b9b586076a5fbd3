package suggest

import (
	"strings"
)

// agedName detects a person introduced with an age: "Sam Smith (14), her
// cousin", "Sam (14)", "Sam Smith, aged 14". A family word after the age
// gives the label. It returns the name's length in words, or 0.
func (r *register) agedName(text string, toks []token, i int) int {
	w := text[toks[i].start:toks[i].end]
	if !capitalised(w) || r.subjectTok[fold(w)] || allCaps(w) {
		return 0
	}
	n := nameAt(text, toks, i, 3)
	if n == 0 {
		return 0
	}
	e := i + n
	if e >= len(toks) {
		return 0
	}
	rest := text[toks[e-1].end:]
	if len(rest) > 40 {
		rest = rest[:40]
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
	if n == 1 && !firstNames[fold(words[0])] {
		return 0 // "Year (6)": only a known given name stands alone
	}
	stem, role := "Person", RoleOther
	after = strings.TrimLeft(after, " ,")
	for _, p := range []string{"her ", "his ", "their ", "the "} {
		after = strings.TrimPrefix(after, p)
	}
	if f := strings.Fields(after); len(f) > 0 {
		if s := familyWords[strings.ToLower(strings.Trim(f[0], ",.;)"))]; s != "" {
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
