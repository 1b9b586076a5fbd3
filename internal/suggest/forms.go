package suggest

import "strings"

// SureForms are the forms of a person's name that identify them wherever
// they appear, in any case: the full name, every variant of two words or
// more ("Ms Okafor", "J. Okafor"), and each word of the name itself that is
// three letters or more and no everyday English word. Guessed short forms
// and single-word nicknames are left out: the suggestion step matches them
// only in context, so finding one elsewhere proves nothing. The bundle's
// independent leak check searches the finished file for these.
func (p *Person) SureForms() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" || seen[strings.ToLower(s)] {
			return
		}
		seen[strings.ToLower(s)] = true
		out = append(out, s)
	}
	if len(nameWords(p.Name)) > 1 {
		add(p.Name)
	}
	for _, v := range p.Variants {
		if ws := strings.Fields(v); len(ws) > 1 && !allInitialsOrTitles(ws) {
			add(v)
		}
	}
	for _, w := range nameWords(p.Name) {
		w = trimPossessive(w)
		if len([]rune(w)) >= 3 && !englishWords[fold(w)] && !titleWord(w) {
			add(w)
		}
	}
	return out
}

// allInitialsOrTitles reports whether every word is an initial or a title
// ("Mr J."): such a form names nobody in particular.
func allInitialsOrTitles(ws []string) bool {
	for _, w := range ws {
		t := strings.TrimRight(w, ".")
		if len([]rune(t)) > 1 && !titleWord(t) {
			return false
		}
	}
	return true
}

// titleWord reports whether w is an honorific.
func titleWord(w string) bool {
	switch strings.ToLower(strings.TrimRight(w, ".")) {
	case "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "cllr", "pc", "ds", "dc", "sgt", "insp":
		return true
	}
	return false
}
