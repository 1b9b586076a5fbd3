package suggest

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Given names written alone. Notes call people the record never names in
// full by their given name only ("Sam stayed in her room all evening",
// "School rang about Jo"): a foster carer's own children, another child in
// the placement, a friend. A capitalised word the packs know as a given
// name, written on its own (no capitalised word joined to it), that is no
// register person's name, nickname or short form once the whole record has
// been read, is a third party of its own, in the register for the officer
// like anyone else. Left alone:
//   - a word that is never a name in the packs;
//   - a word that is also everyday English ("Dean", "Holly", "Grace"),
//     unless it stands where a person does at least once — after a word
//     such as "told" or "with", or before one such as "said" or "hits"
//     (personSlot, the packs' person-slot lists): "Robin said that Dean
//     hits mum". Such a person is flagged wherever the name is written,
//     not redacted, as the word may still be the word elsewhere;
//   - a name only ever written after a word that places it ("in", "at",
//     "from" — the packs' "place-before" list): a town or a house;
//   - a pet: a name written just after one of the packs' "pet-words"
//     ("the dog, Rolo");
//   - a word of another language in a sentence written in it (the packs'
//     "other-language-words": Welsh "Mae", is);
//   - the requester's own child: a name written after one of the packs'
//     "own-child-words" ("baby Sam") that no one else owns — a care
//     leaver's baby is their own story. "Mum's baby Sam" and "her baby
//     Sam" are someone else's child.

// The sources of a person found as a given name written alone.
const (
	sourceLone     = "text: given name alone"
	sourceLoneWord = "text: given name alone, also an everyday word"
	// sourceLoneLower: a given name written alone and in lower case in
	// informal writing; it is matched in lower case wherever it is written.
	sourceLoneLower = "text: given name alone, in lower case"
)

// loneName is a given name the record writes alone.
type loneName struct {
	form   string // as first written
	person bool   // written at least once where no place word comes before it
	child  bool   // written as the requester's own child
	word   bool   // also an everyday word: taken only from a person's place
	lower  bool   // written in lower case in informal writing: matched so too
}

// noteLoneName records the word at toks[i] when it is a known given name
// written alone (findPeople calls it where no other reading took the word).
func (r *register) noteLoneName(text string, toks []token, i int) {
	w := text[toks[i].start:toks[i].end]
	if r.informal && isLowerASCII(trimPossessive(w)) {
		r.noteLowerName(text, toks, i)
		return
	}
	w = trimPossessive(w) // "Jade's mum": the name is Jade
	fw := fold(w)
	if !capitalised(w) || allCaps(w) || utf8.RuneCountInString(fw) < 3 || !r.words.Given(fw) ||
		r.words.NotName[fw] || r.subjectTok[fw] || r.nameAt(text, toks, i, 3) != 1 {
		return
	}
	word := r.words.Everyday[fw]
	if word && !r.personSlot(text, toks, i, i) {
		return
	}
	if handlePart(text, toks[i]) || r.eponym(text, toks, i) {
		return
	}
	prev, prev2 := "", ""
	if i > 0 {
		prev = text[toks[i-1].start:toks[i-1].end]
		gap := text[toks[i-1].end:toks[i].start]
		// The second word of a name no list knows ("Port Sam", "Ann Sam"),
		// not a sentence's first word before it.
		if gap == " " && capitalised(prev) && !r.words.Function[fold(prev)] && !r.words.Determiners[fold(prev)] &&
			!r.ownChild[fold(prev)] {
			return
		}
		if i > 1 {
			prev2 = text[toks[i-2].start:toks[i-2].end]
		}
	}
	if r.petName(text, toks, i) || r.otherLanguageWord(text, toks, i) {
		return
	}
	key := plainKey(w) // "Sian" is the "Siân" the register knows
	l := r.lone[key]
	if l == nil {
		l = &loneName{form: w, word: word}
		r.lone[key] = l
	}
	if !r.placeBefore[fold(prev)] {
		l.person = true
	}
	if r.ownChild[fold(prev)] {
		// "baby Sam", "my baby Sam", "<requester>'s baby Sam"; not "Mum's
		// baby Sam" or "her baby Sam".
		if prev2 == "" || !possessive(prev2) && !ownerPronoun[fold(prev2)] ||
			possessive(prev2) && r.subjectTok[fold(trimPossessive(prev2))] {
			l.child = true
		}
	}
}

// eponym reports whether the name at toks[i] names a kind of thing, not a
// person: an article before it and a noun in lower case straight after
// ("a Moses basket", "an Oxford shirt", "the Victoria sponge"). A person
// is not written so; "a Sam who …" has a function word after it.
func (r *register) eponym(text string, toks []token, i int) bool {
	if i == 0 || i+1 >= len(toks) || text[toks[i-1].end:toks[i].start] != " " || text[toks[i].end:toks[i+1].start] != " " {
		return false
	}
	switch fold(text[toks[i-1].start:toks[i-1].end]) {
	case "a", "an", "the":
	default:
		return false
	}
	next := text[toks[i+1].start:toks[i+1].end]
	return isLowerASCII(next) && !r.words.Function[next] && !r.words.Determiners[next]
}

// handlePart reports whether a word is part of an address, a file or a
// handle: "jo.smith@", "/Jo/", "Jo_2".
func handlePart(text string, t token) bool {
	if s := t.start; s > 0 && strings.IndexByte("@./_\\", text[s-1]) >= 0 {
		return true
	}
	e := t.end
	return e < len(text) && (strings.IndexByte("@_/\\", text[e]) >= 0 ||
		text[e] == '.' && e+1 < len(text) && isWordByte(text[e+1]))
}

// informal reports whether a document is written as people write to each
// other, not as a record is: the first person "i" in lower case ("can i",
// "i'm ok") at least twice. In such writing names go in lower case too.
func informal(text string, toks []token) bool {
	n := 0
	for _, t := range toks {
		if w := text[t.start:t.end]; w == "i" || strings.HasPrefix(w, "i'") || strings.HasPrefix(w, "i’") {
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}

// noteLowerName records a given name written in lower case in informal
// writing ("tiegan said she got hers", "<name>'s due in august"): only
// where a person stands (personSlot) or with a possessive or "is" joined
// to it, and never a word the packs know as an everyday, function or
// family word. A name the record also writes capitalised is matched in
// lower case already; this finds the friend it writes only so.
func (r *register) noteLowerName(text string, toks []token, i int) {
	w := text[toks[i].start:toks[i].end]
	base := trimPossessive(w)
	if len(base) < 3 || !r.words.Given(base) || r.words.Everyday[base] || r.words.NotName[base] ||
		r.words.Function[base] || r.words.Family[base] != "" || r.subjectTok[base] || handlePart(text, toks[i]) {
		return
	}
	if base == w && !r.personSlot(text, toks, i, i) || r.petName(text, toks, i) || r.otherLanguageWord(text, toks, i) {
		return
	}
	key := plainKey(base)
	l := r.lone[key]
	if l == nil {
		l = &loneName{form: strings.ToUpper(base[:1]) + base[1:]}
		r.lone[key] = l
	}
	l.person, l.lower = true, true
}

// petName reports whether the given name at toks[i] is an animal's: just
// after one of the packs' "pet-words", alone or with a comma or "called" /
// "named" between ("the dog, Rolo", "her cat Rolo", "a puppy called
// Rolo").
func (r *register) petName(text string, toks []token, i int) bool {
	if i == 0 {
		return false
	}
	j := i - 1
	gap := text[toks[j].end:toks[i].start]
	if w := fold(text[toks[j].start:toks[j].end]); (w == "called" || w == "named") && gap == " " && j > 0 {
		j--
		gap = text[toks[j].end:toks[j+1].start]
		if gap != " " {
			return false
		}
	} else if gap != " " && gap != ", " {
		return false
	}
	return r.petWords[fold(text[toks[j].start:toks[j].end])]
}

// languageWords reads the packs' "other-language-words" entries,
// "<language>: word word …", into word → language.
func languageWords(entries []string) map[string]string {
	out := map[string]string{}
	for _, e := range entries {
		lang, words, ok := strings.Cut(e, ":")
		if !ok {
			continue
		}
		for _, w := range strings.Fields(words) {
			out[fold(w)] = strings.TrimSpace(lang)
		}
	}
	return out
}

// otherLanguageWord reports whether the word at toks[i] is an everyday
// word of another language in a sentence written in that language: two
// more of its words in the sentence ("Mae croeso i chi …").
func (r *register) otherLanguageWord(text string, toks []token, i int) bool {
	lang := r.langWords[fold(text[toks[i].start:toks[i].end])]
	if lang == "" {
		return false
	}
	ends := func(gap string) bool { return strings.ContainsAny(gap, ".!?\n") }
	n := 0
	for j := i - 1; j >= 0 && !ends(text[toks[j].end:toks[j+1].start]); j-- {
		if r.langWords[fold(text[toks[j].start:toks[j].end])] == lang {
			n++
		}
	}
	for j := i + 1; j < len(toks) && !ends(text[toks[j-1].end:toks[j].start]); j++ {
		if r.langWords[fold(text[toks[j].start:toks[j].end])] == lang {
			n++
		}
	}
	return n >= 2
}

// ownerPronoun: words that give a child to someone the words do not name
// ("her baby Sam" may be the mother's; "my baby Sam" in the mother's letter).
var ownerPronoun = map[string]bool{"her": true, "his": true, "their": true, "my": true, "our": true}

// addLoneNames adds to the register every given name written alone that no
// one in it is called by, once every document has been read.
func (r *register) addLoneNames() {
	if len(r.lone) == 0 {
		return
	}
	known := map[string]bool{}
	addForms := func(name string) {
		w := r.nameWords(name)
		for _, x := range w {
			known[plainKey(trimPossessive(x))] = true
		}
		if len(w) > 0 {
			for _, d := range diminutives(r.dims, r.words.GivenNames, w[0]) {
				known[plainKey(d)] = true
			}
		}
	}
	for _, n := range r.subjectNames() {
		addForms(n)
	}
	for _, p := range r.people {
		addForms(p.Name)
		for _, n := range p.nicknames {
			addForms(n)
		}
	}
	for _, a := range r.aliases {
		known[plainKey(a.nick)] = true
	}
	order := make([]string, 0, len(r.lone))
	for f := range r.lone {
		order = append(order, f)
	}
	sort.Strings(order) // a stable order whatever the map's
	for _, f := range order {
		l := r.lone[f]
		if !l.person || l.child || known[f] {
			continue
		}
		src := sourceLone
		switch {
		case l.word:
			src = sourceLoneWord
		case l.lower:
			src = sourceLoneLower
		}
		r.add(&Person{Name: l.form, Role: RoleOther, labelStem: "Person", Source: src})
	}
}
