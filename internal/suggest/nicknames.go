package suggest

import (
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// alias is a nickname seen in the text with the name it belongs to: "Sam
// Smith, known as Smudge", `Sam "Smudge" Smith`, "everyone calls him
// Smudge". It is resolved to a register person once every document has
// been read, since the owner may be found later.
type alias struct {
	owner []string // the name words before the cue
	nick  string
}

// findAliases records the nicknames introduced at toks[i] (fw is its folded word).
func (r *register) findAliases(text string, toks []token, i int, fw string) {
	// `Sam "Smudge" Smith`: a quoted capitalised word between two name words
	if i >= 1 && i+1 < len(toks) && openQuoteBefore(text, toks[i].start) {
		if !quoteGap(text[toks[i-1].end:toks[i].start], true) || !quoteGap(text[toks[i].end:toks[i+1].start], false) {
			return
		}
		prev, nick, next := text[toks[i-1].start:toks[i-1].end], text[toks[i].start:toks[i].end], text[toks[i+1].start:toks[i+1].end]
		if capitalised(prev) && capitalised(nick) && capitalised(next) && r.words.GivenNames[fold(prev)] && r.nickOK(nick) {
			r.aliases = append(r.aliases, alias{owner: []string{prev, trimPossessive(next)}, nick: nick})
		}
		return
	}
	if !r.cueFirst[fw] {
		return
	}
	for _, cue := range r.words.NicknameCues {
		if i+len(cue) >= len(toks) {
			continue
		}
		ok := true
		for k, w := range cue {
			if fold(text[toks[i+k].start:toks[i+k].end]) != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		j := i + len(cue)
		gap := strings.Trim(text[toks[j-1].end:toks[j].start], " \"'“‘")
		nick := text[toks[j].start:toks[j].end]
		if gap != "" || !capitalised(nick) || !r.nickOK(nick) {
			return
		}
		if owner := r.ownerBefore(text, toks, i); owner != nil {
			r.aliases = append(r.aliases, alias{owner: owner, nick: nick})
		}
		return
	}
}

// openQuoteBefore reports whether an opening quotation mark ends at off.
func openQuoteBefore(text string, off int) bool {
	for _, q := range []string{`"`, "'", "“", "‘"} {
		if strings.HasSuffix(text[:off], q) {
			return true
		}
	}
	return false
}

// quoteGap reports whether the text between two words opens (or closes) a
// quotation: ` "`, ` “`, ` '` before, `" `, `” `, `' ` after.
func quoteGap(g string, open bool) bool {
	g = strings.TrimSpace(g)
	if open {
		return g == `"` || g == "“" || g == "'" || g == "‘"
	}
	return g == `"` || g == "”" || g == "'" || g == "’"
}

// ownerBefore returns the nearest capitalised name before toks[i] in the
// same sentence (up to 15 words back), or nil.
func (r *register) ownerBefore(text string, toks []token, i int) []string {
	for k := i - 1; k >= 0 && k >= i-15; k-- {
		if g := text[toks[k].end:toks[k+1].start]; strings.ContainsAny(g, ".!?\n") {
			return nil
		}
		w := text[toks[k].start:toks[k].end]
		if !capitalised(w) || r.words.Titles[fold(w)] {
			continue
		}
		s := k
		for s > 0 && s > k-2 && text[toks[s-1].end:toks[s].start] == " " && r.nameAt(text, toks, s-1, 3) > k-s+1 {
			s--
		}
		if n := r.nameAt(text, toks, s, k-s+1); n > 0 {
			var words []string
			for x := s; x < s+n; x++ {
				words = append(words, trimPossessive(text[toks[x].start:toks[x].end]))
			}
			return words
		}
	}
	return nil
}

// cuedNicknames returns the names a description introduces with a
// nickname cue: "uncle; carer 2014-2017 (known as Sandy)" → Sandy.
func (r *register) cuedNicknames(desc string) []string {
	toks := tokenize(desc)
	var out []string
	for i := range toks {
		for _, cue := range r.words.NicknameCues {
			n := i + len(cue)
			if n >= len(toks) {
				continue
			}
			ok := true
			for k, w := range cue {
				ok = ok && fold(desc[toks[i+k].start:toks[i+k].end]) == w
			}
			// A relationship word before the name is no part of it:
			// "known as Nanna Pat" is Pat.
			for ok && n+1 < len(toks) && r.words.Family[fold(desc[toks[n].start:toks[n].end])] != "" && desc[toks[n].end:toks[n+1].start] == " " {
				n++
			}
			if nick := desc[toks[n].start:toks[n].end]; ok && capitalised(nick) && r.nickOK(nick) && r.words.Family[fold(nick)] == "" {
				out = append(out, nick)
			}
		}
	}
	return out
}

// nickOK rules out words that cannot be a nickname.
func (r *register) nickOK(w string) bool {
	f := fold(w)
	// A name in capitals is a nickname as police write one ("street name
	// WRAITH") when it is three letters or more and no everyday
	// abbreviation; two capitals are initials.
	caps := allCaps(w) && (len(f) < 3 || r.notInitials[f])
	return len(f) >= 2 && !r.words.NotName[f] && !r.words.Function[f] && !r.words.Titles[f] && !calendarWords[f] && !caps
}

// resolveAliases gives each recorded nickname to its owner: a person whose
// full name, or (alone) first name or surname, matches one register person.
func (r *register) resolveAliases() {
	for _, a := range r.aliases {
		if r.subjectTok[fold(a.nick)] || r.firstNameKnown(fold(a.nick)) {
			continue
		}
		i := r.lookupFull(a.owner)
		if i < 0 && len(a.owner) == 1 {
			i = r.uniqueByWord(fold(a.owner[0]))
		}
		if i <= subjectIdx || r.people[i].Staff() {
			continue
		}
		p := r.people[i]
		dup := false
		for _, n := range p.nicknames {
			dup = dup || fold(n) == fold(a.nick)
		}
		if !dup {
			p.nicknames = append(p.nicknames, a.nick)
		}
	}
}

// uniqueByWord returns the one non-subject person whose first name or
// surname is f, or -1.
func (r *register) uniqueByWord(f string) int {
	found := -1
	for i, p := range r.people {
		if i == subjectIdx {
			continue
		}
		w := r.personWords(p)
		if len(w) > 0 && (fold(w[0]) == f || fold(w[len(w)-1]) == f) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// calendarWords are month and day abbreviations, never short names.
var calendarWords = map[string]bool{"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "mon": true, "tue": true,
	"tues": true, "wed": true, "thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true}

// diminutiveTable reads the "diminutives" word list of the rule packs
// (redaction-rules/names.yaml): entries "name: Form Form ...", keyed by
// the name folded and without diacritics.
func diminutiveTable(entries []string) map[string][]string {
	t := make(map[string][]string, len(entries))
	for _, e := range entries {
		name, forms, ok := strings.Cut(e, ":")
		if !ok {
			continue
		}
		k := plainKey(strings.TrimSpace(name))
		t[k] = append(t[k], strings.Fields(forms)...)
	}
	return t
}

// plainKey folds a name and drops its diacritics ("Łukasz" → "lukasz"):
// rules.PlainLetters of its folded form.
func plainKey(w string) string {
	if isLowerASCII(w) {
		return w
	}
	return rules.PlainLetters(fold(w))
}

// diminutives returns the short forms of a first name: the table's, and the
// general forms "first three or four letters" (only when that is itself a
// known short name: Greg, Stef), "first four letters or more + o, y or ie"
// (Marty, Stevo), the Slavic -ia, -ka and -ek forms (Halka, Radek) and the
// clipped forms that keep a Baltic ending (clipped).
func diminutives(table map[string][]string, given map[string]bool, first string) []string {
	f := fold(first)
	out := append([]string(nil), table[plainKey(first)]...)
	out = append(out, clipped(given, plainKey(first))...)
	if len(f) < 4 || !isLowerASCII(f) {
		return out
	}
	for k := 3; k <= 4 && k < len(f); k++ {
		if given[f[:k]] {
			out = append(out, strings.ToUpper(f[:1])+f[1:k])
		}
	}
	for k := 4; k <= len(f); k++ {
		for _, suf := range []string{"o", "y", "ie"} {
			if f[k-1] == suf[0] || k < len(f) && f[k] == suf[0] {
				continue // "Jord"+"y" yes; "Tony"+"y", "Mari"+"ie" no
			}
			out = append(out, strings.ToUpper(f[:1])+f[1:k]+suf)
		}
	}
	// Slavic short forms: the first three to five letters and -ia or -ka
	// for a name ending in a ("Halina" → Halka), -ek for one ending in a
	// consonant ("Radomir" → Radek). A form that is a given name of its
	// own ("Maria", "Marek") is somebody else's name, not this one's.
	last := f[len(f)-1]
	for k := 3; k <= 5 && k < len(f); k++ {
		stem := f[:k]
		if strings.IndexByte("aeiouy", stem[k-1]) >= 0 {
			continue
		}
		var sufs []string
		switch {
		case last == 'a':
			sufs = []string{"ia", "ka"}
		case strings.IndexByte("aeiouy", last) < 0:
			sufs = []string{"ek"}
		}
		for _, suf := range sufs {
			if form := stem + suf; !given[form] {
				out = append(out, strings.ToUpper(f[:1])+form[1:])
			}
		}
	}
	return out
}

// clipped returns the short forms of a Baltic given name that keep its
// ending: its first three to five letters, up to a consonant, and the
// ending -as, -is, -ys, -us or -os ("Aleksandras" → Aleksas, "Mindaugas"
// → Mindas). p is the name folded without diacritics (the matcher
// compares names so); a form that is a given name of its own is somebody
// else's.
func clipped(given map[string]bool, p string) []string {
	if len(p) < 6 || !isLowerASCII(p) {
		return nil
	}
	end := p[len(p)-2:]
	if end[1] != 's' || strings.IndexByte("aiuyo", end[0]) < 0 {
		return nil
	}
	var out []string
	for k := 3; k <= 5 && k < len(p)-3; k++ {
		if strings.IndexByte("aeiouy", p[k-1]) >= 0 {
			continue
		}
		if form := p[:k] + end; !given[form] {
			out = append(out, strings.ToUpper(p[:1])+form[1:])
		}
	}
	return out
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
