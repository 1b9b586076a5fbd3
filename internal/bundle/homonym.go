package bundle

import "strings"

// A name that is also an everyday word — Sandy, Rose, Mark, Hope — is
// redacted wherever the name appears, but "the sandy path" or "a mark on her
// arm" is the word, not the person: written in lower case right after an
// article or determiner, which no name takes. Such an occurrence is neither
// spread to nor counted as a leak of a redacted name; the same word
// capitalised, or without the article, still is.

// determiners come before a noun or an adjective, never before a name in
// lower case.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true,
	"those": true, "some": true, "any": true, "every": true, "each": true, "no": true, "its": true}

// capitalisedWord reports whether a redacted string is one capitalised word
// of letters ("Sandy"): a name that may have a lower-case homonym.
func capitalisedWord(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// notTheName reports whether searched-for string i found at text[s:e] is
// not the name it stands for: a capitalised word written as the everyday
// word ("the sandy path", homonymAt), or a word beginning a place's name
// after its head word ("Ysgol <Name> <Word>": rules.People.HeadBefore, the
// rule the person detector reads the same text by).
func (c *checkSet) notTheName(i int, text string, s, e int) bool {
	if !capitalisedWord(c.meta[i].Text) {
		return false
	}
	return homonymAt(text, s, e) || c.words.HeadBefore(text, s)
}

// homonymAt reports whether text[s:e] is a lower-case word right after a
// determiner ("the sandy path"): the everyday word, not a name.
func homonymAt(text string, s, e int) bool {
	if s < 0 || e > len(text) || s >= e {
		return false
	}
	for i := s; i < e; i++ {
		if text[i] < 'a' || text[i] > 'z' {
			return false
		}
	}
	j := s
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\n' || text[j-1] == '\t') {
		j--
	}
	if j == s {
		return false
	}
	k := j
	for k > 0 && (text[k-1] >= 'a' && text[k-1] <= 'z' || text[k-1] >= 'A' && text[k-1] <= 'Z') {
		k--
	}
	return determiners[strings.ToLower(text[k:j])]
}

// oneWord reports whether a normalised pattern is a single run of word
// characters (no spaces or punctuation): loosening it changes nothing.
func oneWord(p string) bool {
	if p == "" {
		return false
	}
	for i := 0; i < len(p); i++ {
		if !alnum(p[i]) && p[i] < 0x80 {
			return false
		}
	}
	return true
}
