package suggest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
)

// Initials: case notes and chronologies often call people by their
// initials ("JB and MK attended", "AR-W rang"). Every register person gets
// the initials of their name — a hyphenated surname's parts ("AR-W"), an
// apostrophe surname's prefix ("BO'D"), a Mc or Mac surname's prefix
// ("CMcN") — and a third party's initials are suggested where a document
// shows it uses initials for people: it holds the initials of at least two
// register people (the requester's and staff's count), so one stray
// abbreviation is never taken for a person. Initials shared with the
// requester or staff, or listed as everyday abbreviations in the packs
// ("initialisms" list), are left alone.

// initialsOf returns a name's initials in the forms records write them.
func (r *register) initialsOf(name string) []string {
	w := r.nameWords(name)
	if len(w) < 2 {
		return nil
	}
	var given strings.Builder
	for _, x := range w[:len(w)-1] {
		for _, part := range strings.Split(x, "-") { // "Mary-Beth": MB
			r, _ := utf8.DecodeRuneInString(part)
			if part == "" || !unicode.IsLetter(r) {
				return nil
			}
			given.WriteRune(unicode.ToUpper(r))
		}
	}
	sur := trimPossessive(w[len(w)-1])
	first := given.String()[:utf8.RuneLen([]rune(given.String())[0])]
	var out []string
	add := func(g, s string) {
		if s != "" {
			out = append(out, g+s)
		}
	}
	surInit := surnameInitials(sur)
	if parts := strings.Split(w[0], "-"); len(parts) == 2 && parts[0] != "" && parts[1] != "" {
		// A hyphenated given name is written by its initials alone
		// ("Mary-Beth" → M-B); the hyphen marks it as a name.
		a, _ := utf8.DecodeRuneInString(parts[0])
		b, _ := utf8.DecodeRuneInString(parts[1])
		if unicode.IsLetter(a) && unicode.IsLetter(b) {
			out = append(out, string(unicode.ToUpper(a))+"-"+string(unicode.ToUpper(b)))
		}
	}
	for _, s := range surInit {
		add(given.String(), s)
		if given.String() != first {
			add(first, s)
		}
	}
	return out
}

// surnameInitials: "Pryce-Vaughan" → P-V and PV; "O'Dowd" → O'D, OD and O;
// "McNab" → McN and M; "MacKay" → MacK and M; "Smith" → S.
func surnameInitials(s string) []string {
	s = strings.ReplaceAll(s, "’", "'")
	up := func(x string) string {
		r, _ := utf8.DecodeRuneInString(x)
		return string(unicode.ToUpper(r))
	}
	if parts := strings.Split(s, "-"); len(parts) == 2 && parts[0] != "" && parts[1] != "" {
		return []string{up(parts[0]) + "-" + up(parts[1]), up(parts[0]) + up(parts[1])}
	}
	if i := strings.IndexByte(s, '\''); i == 1 && len(s) > 2 {
		return []string{up(s) + "'" + up(s[2:]), up(s) + up(s[2:]), up(s)} // O'D, OD, O
	}
	for _, pre := range []string{"Mac", "Mc"} {
		if strings.HasPrefix(s, pre) && len(s) > len(pre) {
			if r, _ := utf8.DecodeRuneInString(s[len(pre):]); unicode.IsUpper(r) {
				return []string{pre + string(r), up(s)}
			}
		}
	}
	if s == "" {
		return nil
	}
	return []string{up(s)}
}

// initialsIndex maps each initials form to the register people who have it.
func (r *register) initialsIndex() map[string][]int {
	idx := map[string][]int{}
	for i, p := range r.people {
		if p.initialsOnly != "" {
			for _, f := range []string{p.initialsOnly, strings.ReplaceAll(p.initialsOnly, "'", "")} {
				idx[f] = appendOnce(idx[f], i)
			}
			continue
		}
		names := []string{p.Name}
		if i == subjectIdx {
			names = r.subjectNames()
		} else if w := r.personWords(p); len(w) >= 2 {
			// The name they go by with their surname: "Alexander Fenn,
			// known as Sandy" is also "SF".
			for _, n := range p.nicknames {
				if len(r.nameWords(n)) == 1 {
					names = append(names, n+" "+w[len(w)-1])
				}
			}
		}
		for _, n := range names {
			for _, f := range r.initialsOf(n) {
				if len([]rune(strings.NewReplacer("-", "", "'", "").Replace(f))) < 2 {
					continue
				}
				idx[f] = appendOnce(idx[f], i)
			}
		}
	}
	return idx
}

func appendOnce(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// initialsHit is a register initials form written in a document.
type initialsHit struct {
	start, end int
	w          string
	abbrev     bool // also an everyday abbreviation (the packs' initialisms)
	slot       bool // written where a person stands in the sentence (personSlot)
}

// findInitials lists the register initials written in text. An everyday
// abbreviation ("MW", midwife) that is also someone's initials is kept,
// marked, unless a determiner or possessive makes it the role ("the MW").
func (e *engine) findInitials(text string, toks []token) []initialsHit {
	var out []initialsHit
	for k := 0; k < len(toks); k++ {
		if c := text[toks[k].start]; c < 0x80 && (c < 'A' || c > 'Z') {
			continue // initials start with a capital
		}
		start, first := toks[k].start, k
		var w string
		w, k = initialsAt(text, toks, k)
		poss := ""
		for _, p := range []string{"'s", "'S"} {
			if b, ok := strings.CutSuffix(w, p); ok && len(b) >= 2 {
				w, poss = b, p // "SKR's social worker": the initials without the possessive
			}
		}
		if !initialsShape(w) || len(e.initials[w]) == 0 {
			continue
		}
		abbrev := e.notInitials[strings.ToLower(w)]
		if abbrev && start > 0 {
			if j := k - 1; j >= 0 {
				for j >= 0 && toks[j].start >= start {
					j--
				}
				if j >= 0 {
					prev := text[toks[j].start:toks[j].end]
					if e.reg.words.Determiners[fold(prev)] || possessive(prev) {
						continue
					}
				}
			}
		}
		end := toks[k].end
		if poss != "" {
			end = start + strings.LastIndexAny(text[start:end], "'’")
		}
		if end < len(text) && text[end] == '.' && strings.Contains(text[start:end], ".") {
			end++ // "K.S.": the last stop of stopped initials is theirs
		}
		out = append(out, initialsHit{start, end, w, abbrev, !abbrev && e.reg.personSlot(text, toks, first, k)})
	}
	return out
}

// initialsFiles counts, for each source file, the distinct register
// initials (not everyday abbreviations) its documents write: a case-notes
// export whose notes call people by initials uses them in every note,
// even one that names a single person so.
func (e *engine) initialsFiles(docs []record.Document) map[string]int {
	seen := map[string]map[string]bool{}
	e.initialHits = make([][]initialsHit, len(docs))
	if len(e.initials) == 0 {
		return map[string]int{}
	}
	var toks []token
	for i := range docs {
		toks = tokenizeInto(toks[:0], docs[i].Text)
		e.initialHits[i] = e.findInitials(docs[i].Text, toks)
		for _, h := range e.initialHits[i] {
			if h.abbrev {
				continue
			}
			f := docs[i].Location + "/" + docs[i].Path
			if seen[f] == nil {
				seen[f] = map[string]bool{}
			}
			seen[f][h.w] = true
		}
	}
	out := map[string]int{}
	e.initialsUsed = map[string]bool{}
	for f, m := range seen {
		out[f] = len(m)
		if len(m) >= 2 {
			for w := range m {
				e.initialsUsed[w] = true
			}
		}
	}
	return out
}

// initials suggests third parties' initials in a document that uses
// initials for people: two register people's, or one's and an everyday
// abbreviation that is another's — in the document or across the file it
// came from (a case-notes export).
func (c *docCtx) initials() {
	e := c.e
	if e.initials == nil || e.personRule == nil || c.idx >= len(e.initialHits) {
		return
	}
	type hit struct {
		start, end, person int
		abbrev, slot       bool
		w                  string
	}
	var hits []hit
	seen := map[string]bool{} // distinct register initials in this document
	abbrevs := 0
	for _, h := range e.initialHits[c.idx] {
		if !h.abbrev {
			seen[h.w] = true
		} else {
			abbrevs++
		}
		if own := e.initials[h.w]; len(own) == 1 && own[0] == subjectIdx && !h.abbrev {
			// the requester's own initials ("… hit HG on the shoulder"):
			// they are the requester in what the sentence is about
			c.protected = append(c.protected, [2]int{h.start, h.end})
			c.subjAt = append(c.subjAt, h.start)
			continue
		}
		who := -1
		for _, o := range e.initials[h.w] {
			p := e.reg.people[o]
			if o == subjectIdx || p.Staff() {
				who = -1
				break // the requester's or staff's initials too: not suggested
			}
			if who < 0 {
				who = o
			}
		}
		if who >= 0 && !c.isProtected(h.start, h.end) {
			hits = append(hits, hit{h.start, h.end, who, h.abbrev, h.slot, h.w})
		}
	}
	inFile := e.initialsFile[c.d.Location+"/"+c.d.Path]
	used := len(seen) >= 2 || len(seen) == 1 && abbrevs > 0 || inFile >= 2
	// Initials another file of the record writes for a person are theirs
	// here too when this document names another third party beside them
	// ("present: B.O. and Kacey Stanforth"); alone, they stay a stray
	// abbreviation.
	named := false
	for _, m := range c.mentions {
		if p := e.reg.people[m.person]; m.person != subjectIdx && !p.Staff() {
			named = true
			break
		}
	}
	for _, h := range hits {
		if !used && !h.slot && (h.abbrev || !named || !e.initialsUsed[h.w]) {
			continue // one stray abbreviation, in a document that calls nobody else so
		}
		p := e.reg.people[h.person]
		rule := e.personRule
		if p.Role == RolePartnerStaff {
			rule = e.partnerPersonRule
		}
		c.mentions = append(c.mentions, mention{start: h.start, end: h.end, person: h.person})
		if h.abbrev {
			c.add(rule, h.start, h.end, ScopeSpan, h.person, "check this: "+personWhy(p, vInitials)+", and also an everyday abbreviation", 0.5, ActionFlag)
			continue
		}
		c.add(rule, h.start, h.end, ScopeSpan, h.person, personWhy(p, vInitials), 0.8, "")
	}
}

// initialsAt reads the initials written from toks[k]: letters joined over
// ' or - ("BO'D", "AR-W"), and single letters spaced or stopped before them
// ("R J-H", "M. W.", "M.W"). It returns them without spaces and stops, and
// the index of their last token.
func initialsAt(text string, toks []token, k int) (string, int) {
	var sb strings.Builder
	for {
		start, end := toks[k].start, toks[k].end
		// A token may continue over ' or - ("BO'D", "AR-W").
		for k+1 < len(toks) && toks[k+1].start == end+1 && (text[end] == '-' || text[end] == '\'') {
			k++
			end = toks[k].end
		}
		if end+3 <= len(text) && text[end:end+3] == "’" && k+1 < len(toks) && toks[k+1].start == end+3 {
			k++
			end = toks[k].end
		}
		sb.WriteString(strings.ReplaceAll(text[start:end], "’", "'"))
		// One capital letter, then a space, a stop or both, then more
		// capitals: the same initials spaced out.
		if end-start != 1 || !isUpperASCII(text[start]) || k+1 >= len(toks) {
			return sb.String(), k
		}
		gap, next := text[end:toks[k+1].start], text[toks[k+1].start:toks[k+1].end]
		if gap != " " && gap != "." && gap != ". " || !isUpperASCII(next[0]) || len(next) > 1 && !allCaps(next) {
			return sb.String(), k
		}
		k++
	}
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

// initialsShape: two to five letters, upper case but for a Mc/Mac prefix's
// small letters, with at most one hyphen or apostrophe between them.
func initialsShape(w string) bool {
	letters, upper, marks := 0, 0, 0
	for _, r := range w {
		switch {
		case r == '-' || r == '\'':
			marks++
		case unicode.IsUpper(r):
			letters++
			upper++
		case unicode.IsLower(r):
			letters++
		default:
			return false
		}
	}
	if marks > 1 || letters < 2 || letters > 5 || upper < 2 {
		return false
	}
	lower := letters - upper
	return lower == 0 || strings.Contains(w, "Mc") && lower == 1 || strings.Contains(w, "Mac") && lower == 2
}

// personSlot reports whether the initials toks[i..k] stand where a person
// does in the sentence: after a word that takes one ("a text from <X>",
// "told <X>") or before one that says what a person did or said ("<X>
// rang", "<X> threw", "<X> and <Name> played") — the packs'
// "person-slot-before" and "person-slot-next" lists — or joined by "and"
// to a given name before it ("<Name> and <X> often stay"). One stray
// abbreviation in such a place is not enough on its own: the initials must
// also be a register person's, or marked as a surname's (slotInitials).
// A line in capitals is a heading, where no one acts.
func (r *register) personSlot(text string, toks []token, i, k int) bool {
	lo := strings.LastIndexByte(text[:toks[i].start], '\n') + 1
	hi := strings.IndexByte(text[toks[k].end:], '\n')
	if hi < 0 {
		hi = len(text)
	} else {
		hi += toks[k].end
	}
	if !hasLowerWord(text[lo:hi]) {
		return false
	}
	joined := func(a, b int) bool { return strings.TrimSpace(text[toks[a].end:toks[b].start]) == "" }
	if i > 0 && joined(i-1, i) && r.slotBefore[fold(text[toks[i-1].start:toks[i-1].end])] {
		return true
	}
	if i > 1 && joined(i-2, i-1) && joined(i-1, i) && text[toks[i-1].start:toks[i-1].end] == "and" {
		// "<Name> and <X> often stay": joined to a given name
		p := text[toks[i-2].start:toks[i-2].end]
		if capitalised(p) && !allCaps(p) && r.words.GivenNames[fold(p)] && !r.words.Everyday[fold(p)] {
			return true
		}
	}
	// "L.D. was upset": the initials' own stop before a word in lower case
	if k+1 >= len(toks) || !joined(k, k+1) && !(k > i && text[toks[k].end:toks[k+1].start] == ". ") {
		return false
	}
	next := text[toks[k+1].start:toks[k+1].end]
	if possessive(text[toks[k].start:toks[k].end]) && r.words.Family[fold(next)] != "" {
		return true // "<Name>'s mum": only a person has a mum
	}
	if next == "and" {
		// "<X> and <Name> played": another person, named, does it with them
		if k+2 >= len(toks) || !joined(k+1, k+2) {
			return false
		}
		n2 := text[toks[k+2].start:toks[k+2].end]
		return capitalised(n2) && !allCaps(n2) && !r.words.Function[fold(n2)] && !r.words.NotName[fold(n2)]
	}
	return !capitalised(next) && r.slotNext[inflect(fold(next))]
}

// slotInitials notes initials marked as a surname's — a hyphen or an
// apostrophe inside them ("JS-K", "CO'H") — written where a person stands
// ("<X> was returned by police"): case notes name other young people so
// without ever naming them in full. They join the register once the record
// is read (addSlotInitials), unless a person it names in full has them. It
// returns the initials' length in tokens, or 0.
func (r *register) slotInitials(text string, toks []token, i int) int {
	if c := text[toks[i].start]; c < 'A' || c > 'Z' {
		return 0
	}
	w, k := initialsAt(text, toks, i)
	// An everyday word in capitals ("THE") is no initials unless it is
	// spelled out with stops or spaces ("A.S."), which no word is.
	if !initialsShape(w) || !allCaps(w) || r.notInitials[strings.ToLower(w)] || k == i && r.words.Everyday[strings.ToLower(w)] {
		return 0 // "THE", "AND" in a heading in capitals: words, not initials
	}
	marked := strings.ContainsAny(w, "-'")
	if !marked {
		// Plain capitals are as often an organisation's or a service's
		// letters as someone's initials: the record shows which when it
		// writes them as a thing ("the YOS", "our PA", "(DWP)") anywhere.
		if r.thingLetters(text, toks, i, k) {
			r.lettersThing[w] = true
			return 0
		}
		// Plain initials are one word of two or three letters ("SB"), or
		// two or three letters each with its stop ("S.B.").
		dotted := k > i && strings.Count(text[toks[i].start:toks[k].end], ".") == k-i
		if k != i && !dotted || len(w) > 3 {
			return 0
		}
	}
	if !r.personSlot(text, toks, i, k) {
		return 0
	}
	if marked {
		if !slices.Contains(r.slotInits, w) {
			r.slotInits = append(r.slotInits, w)
		}
	} else if !slices.Contains(r.plainSlotInits, w) {
		r.plainSlotInits = append(r.plainSlotInits, w)
	}
	return k - i + 1
}

// thingLetters reports whether the capitals toks[i..k] are written as a
// thing here, not a person: after a determiner or possessive ("the YOS",
// "our PA", "Kim's IRO") or a word describing them ("full scale IQ"),
// before a capitalised name they begin ("HMP Marsh Lane"), or alone in
// brackets after the words they abbreviate ("Youth Offending Service
// (YOS)").
func (r *register) thingLetters(text string, toks []token, i, k int) bool {
	if i > 0 && strings.TrimSpace(text[toks[i-1].end:toks[i].start]) == "" {
		prev := text[toks[i-1].start:toks[i-1].end]
		fp := fold(prev)
		if r.words.Determiners[fp] || possessive(prev) {
			return true
		}
		if !capitalised(prev) && !r.slotBefore[fp] && !r.words.Function[fp] && fp != "and" {
			return true // "full scale IQ": a noun's letters, after a word describing it
		}
	}
	if k+1 < len(toks) && text[toks[k].end:toks[k+1].start] == " " {
		if next := text[toks[k+1].start:toks[k+1].end]; capitalised(next) && !allCaps(next) && !r.words.Function[fold(next)] {
			return true // "HMP Marsh Lane": the letters begin a name
		}
	}
	s, e := toks[i].start, toks[k].end
	return s > 0 && text[s-1] == '(' && e < len(text) && text[e] == ')'
}

// addSlotInitials adds the person-slot initials no register person has
// (initialsIndex): someone the record names only so.
func (r *register) addSlotInitials() {
	if len(r.slotInits) == 0 && len(r.plainSlotInits) == 0 {
		return
	}
	known := r.initialsIndex()
	add := func(w string) {
		r.add(&Person{Name: w, Role: RoleOther, labelStem: "Person", Source: "text: initials in a person's place", initialsOnly: w})
	}
	for _, w := range r.slotInits {
		if len(known[w]) == 0 && len(known[strings.ReplaceAll(w, "'", "")]) == 0 {
			add(w)
		}
	}
	for _, w := range r.plainSlotInits {
		if len(known[w]) == 0 && !r.lettersThing[w] {
			add(w)
		}
	}
}
