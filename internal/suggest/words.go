package suggest

import (
	_ "embed"
	"strings"
)

//go:embed data/english-words.txt
var englishWordsData string

// englishWords are everyday English words, folded (see data/english-words.txt),
// together with the stop and function words. A person's name that is one of
// them is matched only capitalised, and suggested as a flag when it comes from
// the text rather than persons.json.
var englishWords = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(englishWordsData, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		for _, w := range strings.Fields(l) {
			m[fold(w)] = true
		}
	}
	for w := range stopWords {
		m[w] = true
	}
	for w := range functionWords {
		m[w] = true
	}
	return m
}()
