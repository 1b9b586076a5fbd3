package suggest

import (
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// SureForms are the forms of a person's name that identify them wherever
// they appear, in any case: the full name, every variant of two words or
// more ("Ms Okafor", "J. Okafor"), and each word of the name itself that is
// three letters or more and no everyday English word. Guessed short forms
// and single-word nicknames are left out: the suggestion step matches them
// only in context, so finding one elsewhere proves nothing. The bundle's
// independent leak check searches the finished file for these. v is the
// packs' person vocabulary (everyday words and titles are no sure form).
func (p *Person) SureForms(v *rules.People) []string {
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
	words := nameWordsOf(p.Name, v.Titles)
	if len(words) > 1 {
		add(p.Name)
	}
	for _, f := range p.Variants {
		if ws := strings.Fields(f); len(ws) > 1 && !allInitialsOrTitles(ws, v.Titles) {
			add(f)
		}
	}
	for _, w := range words {
		w = trimPossessive(w)
		if len([]rune(w)) >= 3 && !v.Everyday[fold(w)] && !v.Titles[fold(strings.TrimRight(w, "."))] {
			add(w)
		}
	}
	return out
}

// allInitialsOrTitles reports whether every word is an initial or one of
// titles ("Mr J."): such a form names nobody in particular.
func allInitialsOrTitles(ws []string, titles map[string]bool) bool {
	for _, w := range ws {
		t := strings.TrimRight(w, ".")
		if len([]rune(t)) > 1 && !titles[fold(t)] {
			return false
		}
	}
	return true
}
