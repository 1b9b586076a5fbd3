package suggest

import (
	"strings"
	"unicode"

	"github.com/disclose-sar/disclose/internal/rules"
)

// matcher finds every occurrence of a set of name variants in one pass over
// a document's words: each variant is a word sequence keyed by its first
// word; at each word the longest variant wins (leftmost-longest), so "Jo
// Smith" beats "Jo" and a third party's full name beats the requester's
// surname inside it. Time is linear in the words times the (small) number of
// variants sharing a first word.
type matcher struct {
	byFirst map[string][]entry
	// inflect (keyword matchers) compares words by their inflect stem, so
	// "conviction" finds "convictions"; names are compared exactly.
	inflect bool
	// suffixes are keyword word endings ("-azepam"), each with its entry.
	suffixes []suffixEntry
	// words is the packs' person vocabulary (name matchers; nil for
	// keyword matchers, whose entries are never strict).
	words *rules.People
	// bySpell indexes a name matcher's entries again by the spelling key of
	// their first word (spell.go): a capitalised word no entry starts with
	// is looked up by its own, so "Faadumo" finds Fadumo.
	bySpell map[string][]entry
	// bySkeleton indexes them by their first word's skeleton (spell.go):
	// a capitalised word that no list knows as a name or a word, found
	// neither way above, is looked up by its consonants ("Woldemichael"
	// finds Weldemichael).
	bySkeleton map[string][]entry
}

type suffixEntry struct {
	suffix string
	e      entry
}

// entry is one variant: its folded words and the person it names.
type entry struct {
	words  []string
	person int  // index into the register
	strict bool // one word: must be Capitalised or ALL CAPS in the text
	// lower lets a strict one-word name also match in all lower case
	// ("went to see priya"): a person's own name that is no English word.
	lower bool
	// caps: initials, matched only with two capitals or more ("SB",
	// "KMcA"; not "Sb", and "THE" is never a sentence's "The").
	caps bool
	kind string
}

// match is one occurrence.
type match struct {
	start, end int
	e          *entry
}

// newMatcher makes a name matcher reading the packs' person vocabulary.
func newMatcher(v *rules.People) *matcher {
	return &matcher{byFirst: map[string][]entry{}, words: v}
}

// newKeywordMatcher matches keyword phrases by word stem and "-ending" keywords
// by suffix.
// title reports whether w is one of the packs' name titles.
func (m *matcher) title(w string) bool { return m.words != nil && m.words.Titles[w] }

func newKeywordMatcher() *matcher { return &matcher{byFirst: map[string][]entry{}, inflect: true} }

// key is the form a word is indexed and compared by.
func (m *matcher) key(w string) string {
	if m.inflect {
		return inflect(w)
	}
	return plainKey(w) // names: "Malgorzata" finds "Małgorzata"
}

// add registers a variant for a person. Variants of one word match only
// when capitalised, so "hope" or "mason" in lower case are not names.
func (m *matcher) add(variant string, person int, kind string) {
	m.addWords(variant, person, kind, true)
}

// addWords registers a phrase; strict makes a one-word phrase match only
// when capitalised (names), off for keywords.
func (m *matcher) addWords(variant string, person int, kind string, strict bool) {
	if suf, ok := strings.CutPrefix(variant, "-"); ok && m.inflect && !strings.Contains(suf, " ") {
		m.suffixes = append(m.suffixes, suffixEntry{fold(suf), entry{words: []string{fold(suf)}, person: person, kind: kind}})
		return
	}
	toks := tokenize(variant)
	if len(toks) == 0 {
		return
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = m.key(fold(variant[t.start:t.end]))
	}
	for _, e := range m.byFirst[words[0]] {
		if e.person == person && strings.Join(e.words, " ") == strings.Join(words, " ") {
			return
		}
	}
	one := strict && len(words) == 1
	e := entry{words: words, person: person, strict: one,
		lower: one && lowerNameKind(kind) && len(words[0]) >= 3 && !m.words.Everyday[words[0]], kind: kind,
		caps: one && kind == vInitials}
	m.byFirst[words[0]] = append(m.byFirst[words[0]], e)
	if !m.inflect && len(words[0]) >= 3 {
		if m.bySpell == nil {
			m.bySpell = map[string][]entry{}
		}
		k := spellKey(words[0])
		m.bySpell[k] = append(m.bySpell[k], e)
		if sk := skeleton(words[0]); sk != "" {
			if m.bySkeleton == nil {
				m.bySkeleton = map[string][]entry{}
			}
			m.bySkeleton[sk] = append(m.bySkeleton[sk], e)
		}
	}
}

// find returns every leftmost-longest occurrence in text.
func (m *matcher) find(text string, toks []token) []match {
	var out []match
	for i := 0; i < len(toks); i++ {
		w := fold(text[toks[i].start:toks[i].end])
		best, bestLen, bestEnd := -1, 0, 0
		var cands []entry
		if m.inflect {
			cands = m.byFirst[inflect(w)]
			if len(cands) == 0 && len(m.suffixes) > 0 {
				if se := m.suffixAt(w); se != nil {
					out = append(out, match{start: toks[i].start, end: toks[i].end, e: se})
					continue
				}
			}
		} else if c, ok := m.byFirst[m.key(w)]; ok {
			cands = c
		} else if s, ok := stem(w); ok {
			cands = m.byFirst[m.key(s)]
		} else if s, ok := lowerPossessive(w); ok && isLowerASCII(text[toks[i].start:toks[i].end]) && len(m.byFirst[m.key(s)]) > 0 {
			cands = m.byFirst[m.key(s)] // "at <name>s": a possessive written without its apostrophe
		} else if f, ok := ocrFix(w); ok {
			cands = m.byFirst[m.key(f)]
		} else if len(w) >= 3 && m.bySpell != nil && capitalised(text[toks[i].start:toks[i].end]) {
			cands = m.bySpell[spellKey(m.key(w))]
			if len(cands) == 0 && m.bySkeleton != nil && m.unknownWord(m.key(w)) {
				var sk [32]byte
				cands = m.bySkeleton[string(appendSkeleton(sk[:0], m.key(w)))] // no allocation for the lookup
			}
		}
		for ci := range cands {
			e := &cands[ci]
			n := len(e.words)
			if n <= bestLen || i+n > len(toks) {
				continue
			}
			if end, ok := m.matchAt(text, toks, i, e); ok {
				best, bestLen, bestEnd = ci, n, end
			}
		}
		if best >= 0 {
			out = append(out, match{start: toks[i].start, end: bestEnd, e: &cands[best]})
			i += bestLen - 1
		}
	}
	return out
}

func (m *matcher) matchAt(text string, toks []token, i int, e *entry) (int, bool) {
	for k, want := range e.words {
		t := toks[i+k]
		raw := text[t.start:t.end]
		// A plain ASCII word equal to the entry's but for case is its key
		// already: most comparisons end here without folding a copy.
		if m.inflect || !asciiFoldEqual(raw, want) {
			got := m.key(fold(raw))
			if got != want {
				s, ok := stem(got)
				if !ok && e.lower && isLowerASCII(raw) && k == len(e.words)-1 {
					s, ok = lowerPossessive(got)
				}
				if !ok || s != want || k != len(e.words)-1 {
					if m.inflect {
						return 0, false
					}
					if f, ok := ocrFix(got); (!ok || m.key(f) != want) && !sameSpelling(got, want) &&
						!(capitalised(raw) && sameSkeleton(got, want) && m.unknownWord(got)) {
						return 0, false
					}
				}
			}
		}
		if k > 0 {
			// a full stop joins an initial to the next word ("J. Smith"),
			// never a whole word to the next sentence ("…Jo. Smith said")
			gap, prev := text[toks[i+k-1].end:t.start], toks[i+k-1]
			if !gapOK(gap) || strings.IndexByte(gap, '.') >= 0 && prev.end-prev.start > 1 && !m.title(e.words[k-1]) {
				return 0, false
			}
		}
		if e.caps && upperLetters(raw) < 2 {
			return 0, false
		}
		if e.strict && !capitalised(raw) && !(e.lower && isLowerASCII(trimPossessive(raw))) {
			return 0, false
		}
		if e.strict && !capitalised(raw) && i > 0 && m.words.Determiners[fold(text[toks[i-1].start:toks[i-1].end])] && e.kind != vPlural {
			return 0, false // "the sandy path", "a rose bush": a name takes no article in lower case
		}
	}
	if len(e.words) == 1 && calendarWords[e.words[0]] && (digitTok(text, toks, i-1) || digitTok(text, toks, i+1)) {
		return 0, false // a name that is also a month's short form, in a date ("3 Dec 2019")
	}
	if len(e.words) == 1 && monthInDate(text, toks[i].start, toks[i].end) {
		return 0, false // "since May", "in June 2019": the month, not May or June
	}
	return toks[i+len(e.words)-1].end, true
}

// asciiFoldEqual reports whether raw, ASCII letters, digits and hyphens
// only, is want (folded) but for case.
func asciiFoldEqual(raw, want string) bool {
	if len(raw) != len(want) {
		return false
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		} else if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
		if c != want[i] {
			return false
		}
	}
	return true
}

// monthNames are the months written in full, some of them given names too.
var monthNames = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

// monthInDate reports whether text[s:e] is a month's name used as a date: a
// number next to it ("June 2019", "3 May") or a word that places it in time
// before it ("since May", "in June", "by early August").
func monthInDate(text string, s, e int) bool {
	if !monthNames[fold(text[s:e])] {
		return false
	}
	after := strings.TrimLeft(text[e:], " ")
	before := strings.TrimRight(text[:s], " ")
	if len(after) > 0 && after[0] >= '0' && after[0] <= '9' || len(before) > 0 && before[len(before)-1] >= '0' && before[len(before)-1] <= '9' {
		return true
	}
	w := before[strings.LastIndexAny(before, " \n\t(")+1:]
	switch fold(w) {
	case "since", "in", "from", "until", "till", "by", "during", "early", "late", "mid", "last", "next", "this",
		"before", "after", "of", "to", "through", "throughout", "end", "start", "beginning":
		return true
	}
	return false
}

// suffixAt returns the suffix keyword a word ends with (the word longer than
// the ending by three letters or more), or nil.
func (m *matcher) suffixAt(w string) *entry {
	w = strings.TrimSuffix(w, "s")
	for i := range m.suffixes {
		se := &m.suffixes[i]
		if len(w) >= len(se.suffix)+3 && strings.HasSuffix(w, se.suffix) {
			return &se.e
		}
	}
	return nil
}

// lowerNameKind reports whether a variant kind is a person's own one-word
// name (first name, surname, nickname) that may be written in lower case in
// informal messages. Short forms are guesses and stay capitalised only.
func lowerNameKind(kind string) bool {
	return kind == vFirst || kind == vSurname || kind == vNickname || kind == vPlural
}

// lowerPossessive reads a name written in lower case with a possessive s
// and no apostrophe ("at <name>s"): the name, when it is five letters or
// more, so short words ("bens", "toms") are left alone.
func lowerPossessive(w string) (string, bool) {
	if len(w) < 6 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") {
		return w, false
	}
	return w[:len(w)-1], true
}

// upperLetters counts the upper-case letters of w.
func upperLetters(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// digitTok reports whether toks[i] exists and starts with a digit.
func digitTok(text string, toks []token, i int) bool {
	return i >= 0 && i < len(toks) && text[toks[i].start] >= '0' && text[toks[i].start] <= '9'
}

// ocrFix undoes the misreadings OCR makes of a word of letters — 1 or | for
// l, 0 for o, rn for m, vv for w ("Gai1", "F0ster", "Srnith") — so a name in
// a scanned page is found as typed. ok is false when the word has nothing
// to undo or is a number.
func ocrFix(w string) (string, bool) {
	letters, odd := 0, false
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'a' && c <= 'z':
			letters++
		case c == '1' || c == '0' || c == '|':
			odd = true
		}
	}
	if letters < 2 || !odd && !strings.Contains(w, "rn") && !strings.Contains(w, "vv") {
		return "", false
	}
	f := strings.NewReplacer("1", "l", "|", "l", "0", "o").Replace(w)
	if f == w {
		f = strings.NewReplacer("rn", "m", "vv", "w").Replace(w)
	}
	return f, f != w
}

// unknownWord reports whether a folded word is one the packs know neither
// as a given name nor as an everyday or function word: only such a word is
// taken for a register name by its skeleton ("Sharon" is never "Shireen").
func (m *matcher) unknownWord(w string) bool {
	return m.words != nil && !m.words.GivenNames[w] && !m.words.Everyday[w] && !m.words.NotName[w] && !m.words.Function[w]
}
