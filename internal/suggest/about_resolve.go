package suggest

import (
	"slices"
	"sort"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// resolve says who a referent is. A name is its register person; a
// pronoun is the last fitting mention (the gender agrees where the register
// or the document says it), or at the start of a sentence the previous
// sentence's topic when that fits; a role noun is the register person of
// that relationship when its owner is the requester and just one fits, else
// a third party the register lacks. A pronoun is unsure when it chose a
// third party though the requester fits as well.
func (st *aboutState) resolve(r *referent, topicPos bool) {
	switch r.kind {
	case refName:
		r.gender = st.genderOf(r.who)
		// "Mrs <surname>" says the gender a register entry may lack
		if w, _, ok := strings.Cut(st.c.d.Text[r.start:r.end], " "); ok && r.who >= 0 && r.gender == genderAny {
			if g := st.w.gender[fold(strings.TrimSuffix(w, "."))]; g != genderAny {
				r.gender, st.gender[r.who] = g, g
			}
		}
	case refPronoun:
		if r.plural {
			st.resolvePlural(r)
			return
		}
		st.resolvePronoun(r, topicPos)
	case refRole:
		owner := subjectIdx
		if o := r.owner; o != nil {
			if o.kind == refPronoun {
				st.resolvePronoun(o, false)
			}
			owner = o.who
			if o.kind == refSecond && o.who == subjectIdx {
				if g := st.regionAt(r.start); g != nil && !st.c.thirdParty(g.author) && g.author.who != subjectIdx {
					r.who = whoTold // the council telling the requester about their own family
					return
				}
			}
		} else if r.det == "a" || r.det == "an" {
			owner = whoNone
		} else if g := st.regionAt(r.start); g != nil && g.author.kind != 0 && st.c.thirdParty(g.author) {
			owner = whoNone // "mum" in a third party's own message is theirs
		}
		r.who = whoUnnamed
		if owner == subjectIdx {
			p := st.registerRole(r.word, r.gender)
			if p < 0 && r.owner == nil {
				p = st.formRole(r.word)
			}
			if p >= 0 {
				r.who = p
				if g := st.genderOf(p); g != genderAny {
					r.gender = g
				}
			}
		}
	}
}

func (st *aboutState) resolvePronoun(r *referent, topicPos bool) {
	if r.who != whoNone {
		return
	}
	gender := func(x referent) byte {
		if x.kind == refName && x.who >= 0 {
			return st.genderOf(x.who)
		}
		return x.gender
	}
	// An object pronoun right after its clause's verb is never that
	// clause's subject: in "her mum took her to hospital" the second "her"
	// is not the mum.
	bound := st.boundSubject(r)
	usable := func(x referent) bool {
		g := gender(x)
		if bound != nil && (x.start == bound.start || bound.who >= 0 && x.who == bound.who) {
			return false
		}
		if x.kind == refRole && st.w.pluralRole(x.word) || x.plural && r.gender != genderAny {
			return false // "carers report she …", "the Smiths' home … she": she is one person
		}
		return x.kind != 0 && x.kind != refFirst && x.kind != refSecond && x.kind != refGroup &&
			x.who != whoNone && x.who != whoSpeaker && (g == genderAny || g == r.gender)
	}
	// A pronoun that opens what someone said is the sayer ("Jo told Sam
	// she had been unwell"): the person before the verb, not the one
	// after it, though that one is nearer.
	if x, obj, ok := st.sayer(r.start); ok && usable(x) && (gender(x) == r.gender || gender(x) == genderAny) {
		// A sayer whose gender is not known yields to anyone else whose
		// gender is known to agree, but never to the person told.
		other := false
		if gender(x) == genderAny {
			for _, y := range append(append([]referent{st.cur, st.prev}, st.here...), st.recent...) {
				if y.kind != 0 && y.who != obj && y.who != x.who && usable(y) && gender(y) == r.gender {
					other = true
					break
				}
			}
		}
		if !other {
			st.choose(r, &x, usable)
			return
		}
	}
	// Candidates in order of preference: this sentence's topic, the
	// previous sentence's, then the mentions before, most recent first.
	// Earlier in the same sentence first: "Sam agreed; she will …" — but a
	// person whose gender is known to agree beats one whose gender is not
	// known ("Jo said he might not come home": he is the man mentioned
	// before, not Jo).
	var inSentence *referent
	for i := len(st.here) - 1; i >= 0; i-- {
		if x := st.here[i]; x.start < r.start && usable(x) {
			if gender(x) == r.gender {
				st.choose(r, &x, usable)
				return
			}
			if inSentence == nil {
				inSentence = &x
			}
		}
	}
	// A pronoun opening a clause after a semicolon carries on the
	// sentence's subject whose gender is not known ("Sam wet the bed; she
	// has a GP appointment"), where one after a verb of saying may not.
	// Only a third party is carried so: the choice can only withhold more.
	carry := st.cur // the clause before, in this sentence or (read as one) the last
	if carry.kind == 0 && topicPos {
		carry = st.prev
	}
	if carry.kind != 0 && carry.start < r.start && carry.who != subjectIdx && usable(carry) &&
		strings.HasSuffix(strings.TrimRight(st.c.d.Text[:r.start], " "), ";") {
		st.choose(r, &carry, usable)
		return
	}
	// A sentence that opens on a name and names no one else is about
	// that person, and so is a "he" or "she" opening the next sentence in
	// the same paragraph, unless their gender is known to differ ("<Name>
	// is another matter. He has been …", "<Name> had cut his arm. He had
	// heard that day …"), though someone named before is known to fit.
	if p := st.prev; topicPos && st.opener && st.prevAt == st.block && st.cur.kind == 0 && usable(p) && gender(p) == genderAny {
		st.choose(r, &p, usable)
		if p.who >= 0 && r.gender != genderAny {
			st.gender[p.who] = r.gender
		}
		return
	}
	cands := make([]referent, 0, 8)
	if st.cur.kind != 0 && st.cur.start < r.start {
		cands = append(cands, st.cur)
	}
	if !topicPos || st.cur.kind == 0 {
		cands = append(cands, st.prev)
	} else {
		cands = append([]referent{st.prev}, cands...)
	}
	for i := len(st.recent) - 1; i >= 0 && i >= len(st.recent)-6; i-- {
		cands = append(cands, st.recent[i])
	}
	var chosen, loose *referent
	if inSentence != nil {
		loose = inSentence
	}
	for i := range cands {
		x := &cands[i]
		if !usable(*x) {
			continue
		}
		if gender(*x) == r.gender {
			chosen = x
			if topicPos && st.obliqueRef(*x) {
				// "I told <requester> with her mum. She said …": the
				// last sentence's object before a person on its side
				for j := i + 1; j < len(cands); j++ {
					if y := &cands[j]; y.start >= st.lastStart && usable(*y) && gender(*y) == r.gender && !st.obliqueRef(*y) {
						chosen = y
						break
					}
				}
			}
			break
		}
		if loose == nil {
			loose = x
		}
	}
	if chosen == nil {
		chosen = loose
	}
	if chosen == nil {
		// No one named before fits: a "he" in a note about a girl, or a
		// "she" about a boy, is someone else the text does not name. A note
		// that never says the requester's gender reads it from the rest of
		// the record; only here, so that the requester, whose gender is
		// then known, does not win every pronoun over a person whose gender
		// the note does not say.
		g := st.genderOf(subjectIdx)
		if g == genderAny {
			g = st.c.e.subjectGender
		}
		if g != genderAny && r.gender != genderAny && g != r.gender {
			r.who = whoUnnamed
		}
		return
	}
	st.choose(r, chosen, usable)
	if st.c.thirdParty(*chosen) {
		for _, x := range cands {
			if x.who == subjectIdx && usable(x) {
				r.unsure = true
				break
			}
		}
	}
}

// resolvePlural points a plural pronoun opening a sentence ("They will
// stop fostering", "Their joint income is …") at the two people named last
// when both are third parties: the most recent mentions, read back, are
// two people's, and the writer's own are the only others among them; or
// at a family named in the plural, or the "they" before, just before it. A
// mention of the requester, of anyone at work or of a group, before two
// are found, leaves it unresolved: "they" may take the requester in, or be
// an agency's staff.
func (st *aboutState) resolvePlural(r *referent) {
	var found []int
	for i := len(st.recent) - 1; i >= 0 && i >= len(st.recent)-8 && len(found) < 2; i-- {
		x := st.recent[i]
		switch {
		case x.kind == refFirst:
			continue // the writer: "I visited <carer> and <carer>"
		case x.who < 0 && x.who != whoUnnamed || !st.c.thirdParty(x):
			return
		case x.plural && len(found) == 0:
			r.who = x.who // a family named in the plural, or the last "they"
			return
		case x.who == whoUnnamed || x.plural:
			return // a role noun alone: not a person named
		case len(found) == 0 || found[0] != x.who:
			found = append(found, x.who)
		}
	}
	if len(found) == 2 {
		r.who = found[0]
	}
}

// obliqueRef reports whether x, a mention of the last sentence, stands on
// its side: after a word of about-oblique-before, past the packs'
// determiners ("with her mum", "to the foster carer").
func (st *aboutState) obliqueRef(x referent) bool {
	if x.start < st.lastStart {
		return false
	}
	text := st.c.d.Text
	toks := st.c.toks
	k := sort.Search(len(toks), func(j int) bool { return toks[j].start >= x.start }) - 1
	for ; k >= 0 && toks[k].start >= st.lastStart; k-- {
		if w := fold(text[toks[k].start:toks[k].end]); !st.c.e.reg.words.Determiners[w] {
			return st.w.oblique[w]
		}
	}
	return false
}

// choose makes r point where chosen does; unsure when chosen is a third
// party and the requester, named earlier in the sentence, fits as well.
func (st *aboutState) choose(r, chosen *referent, usable func(referent) bool) {
	r.who, r.word = chosen.who, chosen.word
	r.unsure = chosen.unsure
	if st.c.thirdParty(*chosen) {
		for _, x := range st.here {
			if x.who == subjectIdx && x.start < r.start && usable(x) {
				r.unsure = true
			}
		}
	}
}

// subjectGender reads the requester's gender from the document: the first
// pronoun after each of their names, before anyone else is named ("Sam
// asked her worker", "Sam said he …"); the majority, when there is one.
func (st *aboutState) subjectGender() {
	text := st.c.d.Text
	toks := st.c.toks
	votes := [3]int{}
	for i, n := range st.names {
		if n.who != subjectIdx {
			continue
		}
		next := len(text)
		if i+1 < len(st.names) {
			next = st.names[i+1].start
		}
		k := sort.Search(len(toks), func(j int) bool { return toks[j].start >= n.end })
		for j := k; j < len(toks) && j < k+8 && toks[j].end <= next; j++ {
			if g := st.w.pronoun[fold(text[toks[j].start:toks[j].end])]; g != genderAny {
				if j != k+1 || !objectWord(st.c.e, st.c.e.reg, text, toks[j].start, toks[j].end) {
					votes[g]++ // not "<name> asked him …": that is someone else
				}
				break
			}
		}
	}
	switch {
	case votes[genderF] > votes[genderM]:
		st.gender[subjectIdx] = genderF
	case votes[genderM] > votes[genderF]:
		st.gender[subjectIdx] = genderM
	}
}

// subjectGiven is the requester's given names, folded: the first word of
// their name and of each alias (a one-word alias is a given name or a
// short form of one).
func subjectGiven(s record.Subject) []string {
	var out []string
	for _, n := range s.Names() {
		if f := strings.Fields(n); len(f) > 0 {
			if w := fold(strings.Trim(f[0], ".,")); len(w) >= 2 && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// givenAt reports whether w is one of the requester's given names, in any
// case, without making a folded copy of every capitalised word.
func givenAt(w string, given []string) bool {
	for _, g := range given {
		if len(g) == len(w) && strings.EqualFold(w, g) {
			return true
		}
	}
	return false
}

// voteGender counts, in one document, the first gendered pronoun after each
// of the requester's given names in the same sentence, before anyone else
// is named ("Sam said she …", "Sam and her carer …").
func (e *engine) voteGender(reg *register, text string, toks []token, given []string, votes *[3]int) {
	if e.about == nil || len(given) == 0 {
		return
	}
	for i := 0; i < len(toks); i++ {
		w := text[toks[i].start:toks[i].end]
		if !capitalised(w) || !givenAt(w, given) {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+8; j++ {
			if strings.ContainsAny(text[toks[j-1].end:toks[j].start], ".!?\n") {
				break
			}
			n := text[toks[j].start:toks[j].end]
			if g := e.about.pronoun[fold(n)]; g != genderAny {
				if j != i+2 || !objectWord(e, reg, text, toks[j].start, toks[j].end) {
					votes[g]++ // not "<name> asked him …": that is someone else
				}
				break
			}
			if capitalised(n) && !reg.subjectTok[fold(n)] && !reg.words.Function[fold(n)] {
				break // someone else named first
			}
		}
	}
}

// recordGender is the gender most of the record's votes give, when at
// least three do and four in five of them agree.
func recordGender(v [3]int) byte {
	f, m := v[genderF], v[genderM]
	switch {
	case f >= 3 && f*5 >= (f+m)*4:
		return genderF
	case m >= 3 && m*5 >= (f+m)*4:
		return genderM
	}
	return genderAny
}

// genderOf is a register person's gender: from the register's
// relationship and title, else as this document's pronouns show it.
func (st *aboutState) genderOf(who int) byte {
	if who < 0 {
		return genderAny
	}
	if g, ok := st.gender[who]; ok {
		return g
	}
	g := st.w.genderOf(st.c.e.reg.people[who])
	if g != genderAny {
		st.gender[who] = g
	}
	return g
}

// learnGender: a sentence whose topic is a named person and whose next
// person word is a pronoun, with no one else named between, shows that
// person's gender ("Sam asked why she could not …").
func (st *aboutState) learnGender(refs []referent, topic referent) {
	if topic.kind != refName || topic.who < 0 || len(refs) < 2 || refs[0].start != topic.start {
		return
	}
	if _, ok := st.gender[topic.who]; ok {
		return
	}
	// "<name> asked him why …": an object pronoun right after the name's
	// verb is someone else ("tell <name> I love him" is the name)
	if r := refs[1]; r.kind == refPronoun && r.gender != genderAny && (st.wordsBetween(topic.end, r.start) != 1 || !st.objectPronoun(&r)) {
		st.gender[topic.who] = r.gender
	}
}

// registerRole finds the one register third party whose relationship is
// the role noun ("mum" → the person whose relationship or label is
// mother); -1 when none or several fit.
func (st *aboutState) registerRole(word string, g byte) int {
	stem := st.c.e.reg.words.Family[word]
	found := -1
	for i, p := range st.c.e.reg.people {
		if i == subjectIdx || p.Staff() || p.Role == RolePartnerStaff {
			continue
		}
		rel := strings.ToLower(p.Relationship)
		// a whole word: "father" is no "stepfather"
		ok := containsWord(rel, word) || stem != "" && p.labelStem == stem && stem != "Relative" && stem != "Sibling" && stem != "Person"
		if !ok {
			continue
		}
		if pg := st.genderOf(i); g != genderAny && pg != genderAny && pg != g {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = i
	}
	return found
}

// formRole is the person a form names under a role noun as its label:
// "Victim", then "Name", then the name, or "Perpetrator: <name>" — so "the
// victim" in the form's prose is that person. -1 when the document has no
// such label, or gives one role to two people.
func (st *aboutState) formRole(word string) int {
	if st.roles == nil {
		st.roles = map[string]int{}
		for _, n := range st.names {
			if n.who < subjectIdx || n.who != subjectIdx && !st.c.thirdParty(n) {
				continue // staff filling the form in are not its parties
			}
			if w := st.labelRole(n.start); w != "" {
				if p, ok := st.roles[w]; ok && p != n.who {
					st.roles[w] = -1
				} else {
					st.roles[w] = n.who
				}
			}
		}
	}
	if p, ok := st.roles[word]; ok {
		return p
	}
	return -1
}

// labelRole is the role noun that labels a name at off as a form's field:
// the text before it on its line, or the one or two lines above it when
// it stands alone, is a label of at most three words with no sentence in
// it ("Victim", "Name"; "Perpetrator name:"), and one of its words is a
// role noun. "" when it is not so labelled.
func (st *aboutState) labelRole(off int) string {
	text := st.c.d.Text
	lo := strings.LastIndexByte(text[:off], '\n') + 1
	if strings.TrimSpace(text[lo:off]) == "" {
		for k := 0; k < 2 && lo > 0; k++ {
			lo = strings.LastIndexByte(text[:lo-1], '\n') + 1
		}
	}
	label := text[lo:off]
	if strings.ContainsAny(label, ".,;!?()") {
		return ""
	}
	role := ""
	for _, ln := range strings.Split(label, "\n") {
		words := strings.Fields(strings.TrimSuffix(strings.TrimSpace(ln), ":"))
		if len(words) > 3 {
			return ""
		}
		for _, w := range words {
			f := fold(strings.TrimSuffix(w, ":"))
			if _, ok := st.w.role[f]; ok && !st.w.pluralRole(f) && role == "" {
				role = f
			}
		}
	}
	return role
}

// sayer is the person who says what a pronoun at off opens: the text
// before it reads "<person> <verb of saying> [<person>] [that|if|whether]"
// with the verb in the packs' about-saying list and nothing else between
// ("Jo told Sam she …", "Jo said that she …", "Jo asked her worker if
// she …"). A lower-case word or two may stand between the person and the
// verb ("Jo later told …", "Jo has said …").
func (st *aboutState) sayer(off int) (x referent, obj int, ok bool) { // obj: who was told, or whoNone
	text := st.c.d.Text
	obj = whoNone
	if len(st.w.saying) == 0 || len(st.here) == 0 {
		return referent{}, obj, false
	}
	e := off
	for e < len(text) && isWordByte(text[e]) {
		e++
	}
	if !subjectPronoun(text[off:e]) {
		return referent{}, obj, false // "Jo told her …": an object is never the sayer
	}
	i := len(st.here) - 1
	p := off
	// word before p, skipping spaces: its start and the word
	prevWord := func(p int) (int, string) {
		e := p
		for e > 0 && (text[e-1] == ' ' || text[e-1] == '\t') {
			e--
		}
		b := e
		for b > 0 && isWordByte(text[b-1]) {
			b--
		}
		return b, text[b:e]
	}
	b, w := prevWord(p)
	if f := fold(w); f == "that" || f == "if" || f == "whether" {
		p = b
		b, w = prevWord(p)
	}
	// an object: the referent that ends here ("told Sam", "told her nan")
	if i >= 0 && strings.TrimRight(text[st.here[i].end:p], " \t") == "" && st.here[i].end <= p {
		obj = st.here[i].who
		p = st.here[i].start
		if o := st.here[i].owner; o != nil && o.start < p {
			p = o.start
		}
		i--
		b, w = prevWord(p)
	}
	if w == "" || !st.w.saying[fold(w)] {
		return referent{}, obj, false
	}
	p = b
	for k := 0; k < 2; k++ { // "later", "has"
		if i >= 0 && strings.TrimSpace(text[st.here[i].end:p]) == "" {
			break
		}
		b, w = prevWord(p)
		if w == "" || !isLowerASCII(w) {
			return referent{}, obj, false
		}
		p = b
	}
	for ; i >= 0; i-- {
		x := st.here[i]
		if x.end > p {
			continue
		}
		if strings.TrimSpace(text[x.end:p]) != "" {
			return referent{}, obj, false
		}
		return x, obj, x.kind != refFirst && x.kind != refSecond
	}
	return referent{}, obj, false
}

// boundSubject is the subject of the clause whose object the pronoun r is
// ("<subject> <verb> him", "took her to …"), or nil: the referent just
// before r in the sentence, one word (the verb) between them.
func (st *aboutState) boundSubject(r *referent) *referent {
	if len(st.here) == 0 || !st.objectPronoun(r) {
		return nil
	}
	x := st.here[len(st.here)-1]
	text := st.c.d.Text
	if x.kind == refFirst || x.kind == refSecond || x.end > r.start || st.wordsBetween(x.end, r.start) != 1 ||
		strings.ContainsAny(text[x.end:r.start], ",;:.") {
		return nil
	}
	return &x
}

// objectPronoun reports whether the pronoun r is an object: "him", "them",
// or "her" not followed by what it owns ("took her to", "asked her if").
func (st *aboutState) objectPronoun(r *referent) bool {
	return objectWord(st.c.e, st.c.e.reg, st.c.d.Text, r.start, r.end)
}

// objectWord reports whether text[s:end] is "him", "them", or "her" not
// followed by what it owns ("took her to", "asked her if").
func objectWord(e *engine, reg *register, text string, s, end int) bool {
	switch fold(text[s:end]) {
	case "him", "them":
		return true
	case "her":
	default:
		return false
	}
	next := fold(wordAfter(text, end, len(text)))
	return next == "" || e.about.object[next] || reg.words.Function[next]
}

// wordAfter is the word that starts after the spaces at off, read no
// further than limit ("" when none does).
func wordAfter(text string, off, limit int) string {
	a := off
	for a < limit && text[a] == ' ' {
		a++
	}
	z := a
	for z < limit && isWordByte(text[z]) {
		z++
	}
	return text[a:z]
}
