package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a document: a run of letters and digits, with
// apostrophes and hyphens inside it ("O'Neill", "Smith-Jones", "Smith's").
type token struct {
	start, end int
}

// tokenize splits text into words in one linear pass.
func tokenize(text string) []token { return tokenizeInto(make([]token, 0, len(text)/6), text) }

// tokenizeInto is tokenize appending to toks: a pass that reads the
// documents one after another reuses one slice.
func tokenizeInto(toks []token, text string) []token {
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		i += n
		for i < len(text) {
			r, n = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += n
				continue
			}
			if (r == '\'' || r == '’' || r == '-') && i+n < len(text) {
				r2, _ := utf8.DecodeRuneInString(text[i+n:])
				if isWordRune(r2) {
					i += n
					continue
				}
			}
			break
		}
		toks = append(toks, token{start, i})
	}
	return toks
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// fold is the matching key of a word: lower case, curly apostrophe
// straightened, possessive "'s" kept (callers strip it with stem).
func fold(w string) string {
	if isLowerASCII(w) {
		return w
	}
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}

func isLowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || c >= 'A' && c <= 'Z' || c == '\'' {
			return false
		}
	}
	return true
}

// stem drops a possessive ending: "smith's" → "smith", "jones'" stays.
func stem(w string) (string, bool) {
	if strings.HasSuffix(w, "'s") {
		return w[:len(w)-2], true
	}
	return w, false
}

// inflect reduces a folded word to a crude stem so a keyword finds its
// plurals and verb forms: "convictions" → "conviction", "arrested" →
// "arrest", "drinking" → "drink", "charged" and "charge" → "charg",
// "admitted" → "admit", "injuries" → "injury". Both the keyword and the
// text word are reduced the same way, so the stem need not be a word.
func inflect(w string) string {
	w, _ = stem(w)
	n := len(w)
	if n < 4 || !isLowerASCII(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case strings.HasSuffix(w, "ing") && n > 5:
		return unsuffixed(strings.TrimSuffix(w[:n-3], "e"))
	case strings.HasSuffix(w, "ed") && n > 4:
		return unsuffixed(strings.TrimSuffix(w[:n-2], "e"))
	case strings.HasSuffix(w, "es") && n > 4 && strings.IndexByte("sxz", w[n-3]) >= 0:
		return w[:n-2]
	case w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		return dropE(w[:n-1])
	case w[n-1] == 'e':
		return dropE(w)
	}
	return w
}

// unsuffixed is the stem of a word whose -ing or -ed was cut, leaving r:
// a doubled final consonant is undone ("stopp" → "stop"); a short word
// ending consonant-vowel-consonant that did not double had a silent e
// ("cop" of "coping" → "cope"), so "coping" is not "cops".
func unsuffixed(r string) string {
	if u := undouble(r); u != r {
		return u
	}
	if silentE(r) {
		return r + "e"
	}
	return r
}

// dropE drops a final e, except after a short consonant-vowel-consonant
// stem ("cope", "note" keep theirs: they are not "cop" and "not").
func dropE(w string) string {
	if r, ok := strings.CutSuffix(w, "e"); ok && !silentE(r) {
		return r
	}
	return w
}

// silentE reports whether r is one syllable ending consonant, single
// vowel, consonant (not w, x or y): the stem of a word with a silent e.
func silentE(r string) bool {
	n := len(r)
	if n < 3 || !consonant(r[n-1]) || strings.IndexByte("wxy", r[n-1]) >= 0 || consonant(r[n-2]) || !consonant(r[n-3]) {
		return false
	}
	groups, in := 0, false
	for i := 0; i < n; i++ {
		v := !consonant(r[i])
		if v && !in {
			groups++
		}
		in = v
	}
	return groups == 1
}

// consonant reports whether an ASCII lower-case letter is no vowel.
func consonant(c byte) bool { return strings.IndexByte("aeiou", c) < 0 }

// undouble drops a doubled final consonant left by -ed or -ing
// ("admitt" → "admit", "stopp" → "stop"), keeping ll, ss, ff and zz.
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && strings.IndexByte("aeiouylsfz", w[n-1]) < 0 {
		return w[:n-1]
	}
	return w
}

// capitalised reports whether a word starts with an upper-case letter.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// allCaps reports whether every letter of w is upper case (and w has two or more).
func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// gapOK reports whether the text between two words of a name may join them:
// spaces, at most one line break, a full stop after an initial, a comma.
func gapOK(gap string) bool {
	if len(gap) == 0 || len(gap) > 4 {
		return false
	}
	nl := 0
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case ' ', '\t':
		case '\n':
			nl++
		case '.', ',':
		default:
			return false
		}
	}
	return nl <= 1
}
