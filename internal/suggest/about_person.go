package suggest

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/rules"
)

// ownStory suggests a sentence about a third party whose register role the
// pack's about_person rule covers — another young person in a placement, a
// stranger the record names in passing — when nothing in it points at the
// requester: what that person did, felt or was told is their own story,
// whatever its words ("<initials> punched a door and was given space",
// "<name> went on leave to his dad's flat"). A relative of theirs is theirs
// too ("<name>'s mum rang, drunk"). The sentence from its person on is
// one item (the name's own finding merges into it, keeping its reason). A
// topic carried over from the paragraph before is flagged for a person to
// decide.
func (st *aboutState) ownStory(s, e int, refs []referent, topic referent) {
	w := st.w
	if w.person == nil || topic.kind == 0 {
		return
	}
	rule := st.storyRule(topic)
	if rule == nil {
		if o := topic.owner; topic.who == subjectIdx ||
			topic.kind == refRole && o != nil && o.who == subjectIdx && !st.ownerRightBefore(topic) {
			st.reportedStory(s, e, refs) // "<requester> said …", "She said mum …"
		}
		return
	}
	if g := st.regionAt(s); g != nil && g.author.who == subjectIdx || st.c.fromSubject() || st.subjectQuote(st.sentStart, topic.start, refs, topic) {
		return // the requester's own words about a friend are theirs
	}
	e, refs = st.ownClause(e, refs, topic)
	tg := st.topicGender(topic)
	rs, re := st.describingClause(topic, e)
	for _, r := range refs {
		if r.start >= rs && r.end <= re {
			continue // "<name>, who shares a unit with <requester>, cut …": it says who they are, not what is the requester's
		}
		if st.pointsAtRequester(r, tg) {
			return
		}
	}
	text := st.c.d.Text
	with := func(m map[string]bool) bool { return st.withRequester(s, rs, m) || st.withRequester(re, e, m) }
	if with(st.w.with) || topic.who >= 0 && st.c.e.reg.people[topic.who].Role == RoleCarer && with(st.w.withCarer) {
		return
	}
	if seps, _ := st.recordFields(s, e, refs); seps != nil {
		return // a record line: recordParticulars takes its fields one by one
	}
	from := max(topic.start, s)
	if topic.kind == refRole && st.ownerRightBefore(topic) && topic.owner.start >= s && !st.reported {
		from = topic.owner.start // "His mum …" from its owner on
	} else if topic.kind == refRole && topic.det == "the" && st.opensSentence(topic) {
		from = st.sentStart // "The victim …"
	}
	lo, hi := trimSpan(text, from, e)
	if !saysSomething(text[min(max(lo, topic.end), hi):hi]) {
		return // a name in a list or a heading ("5. The stepfather"): nothing is said of them
	}
	person := max(topic.who, -1)
	if topic.kind == refRole {
		person = -1
	}
	if topic.unsure || rule.Action == ActionFlag {
		st.c.add(rule, lo, hi, ScopeSpan, person, "check this: about "+st.whoLabel(topic)+", their own story", 0.5, ActionFlag)
		return
	}
	st.c.add(rule, lo, hi, ScopeSpan, person, "a sentence about "+st.whoLabel(topic)+": their own story, not the requester's", 0, "")
}

// ownClause ends the topic's clause where a clause about the requester is
// joined to it (", and <requester> asked …", "; she …", "and she is …")
// that says no more
// of the topic's person: "<name> has gone home to his grandmother, and
// <requester> asked where …" is two stories. A joined clause that turns
// back to the topic ("… and he walks her to school") keeps the sentence
// one.
func (st *aboutState) ownClause(e int, refs []referent, topic referent) (int, []referent) {
	text := st.c.d.Text
	kin := topic.who < 0 || st.c.e.reg.people[topic.who].Role == RoleFamily || st.c.e.reg.people[topic.who].Role == RoleCarer
	for i, r := range refs {
		if r.start <= topic.start || r.who != subjectIdx || r.kind != refName && r.kind != refPronoun {
			continue
		}
		gap := strings.TrimRight(text[:r.start], " ")
		at := -1
		switch {
		case strings.HasSuffix(gap, ", and"), strings.HasSuffix(gap, ", but"), strings.HasSuffix(gap, ", so"):
			at = strings.LastIndexByte(gap, ',')
		case strings.HasSuffix(gap, ";"):
			at = len(gap) - 1
		case strings.HasSuffix(gap, " and") && (r.kind == refName && !possessiveAt(text, r) ||
			r.kind == refPronoun && subjectPronoun(text[r.start:r.end]) && st.otherGender(r, topic)):
			at = len(gap) - len(" and") // "… excluded twice and she is trying …": a subject of its own, no comma
		}
		if at < topic.end {
			continue
		}
		for _, x := range refs[i+1:] {
			if x.kind == refPronoun && st.objectPronoun(&x) && !kin {
				// "<another child> was upset, and <requester> watched
				// her": the requester's own doing. With family it is
				// one story ("<cousin> has been staying over, and
				// <requester> takes her to the park").
				continue
			}
			if x.who == topic.who && topic.who != whoUnnamed || x.kind == refRole && x.owner != nil && x.owner.who == topic.who {
				return e, refs // it turns back to the topic's person
			}
		}
		return at, refs[:i]
	}
	return e, refs
}

// otherGender reports whether the pronoun r cannot be the topic's person:
// both genders are known and differ.
func (st *aboutState) otherGender(r, topic referent) bool {
	tg := st.topicGender(topic)
	return tg != genderAny && r.gender != genderAny && r.gender != tg
}

// reportedStory reads what the requester said about someone else: in
// "<requester> said <relative> has been …" (the requester, then no more
// than three words to the relative) the clause after the verb of saying
// opens on the relative, and when it never turns back to the requester it
// is the relative's own story, as it would be told by anyone else.
func (st *aboutState) reportedStory(s, e int, refs []referent) {
	for k, r := range refs {
		if r.who == subjectIdx {
			continue
		}
		at := r.start
		if r.kind == refRole && r.owner != nil && st.ownerRightBefore(r) {
			at = r.owner.start
		}
		if !st.afterSaying(referent{start: at, end: r.end}) && !st.afterSaying(r) {
			continue // someone before what was said ("visited with his cousin; he said …")
		}
		if r.kind == refPronoun {
			return // what the requester said opens on a pronoun: it may be theirs
		}
		if strings.EqualFold(wordAfter(st.c.d.Text, r.end, e), "to") {
			return // "asked her mum to stop": whom they asked, not what they said
		}
		sayer := -1
		for _, x := range refs[:k] {
			if x.who == subjectIdx && x.end <= at {
				sayer = x.end
			}
		}
		if o := r.owner; sayer < 0 && r.kind == refRole && o != nil && o.who == subjectIdx && !st.ownerRightBefore(r) {
			sayer = o.end // "She said mum …": the sayer read as the owner
		}
		if sayer < 0 || st.wordsBetween(sayer, at) > 3 {
			return // "<requester> was quiet after contact and said her mum …": their own story told on
		}
		in := refs[k:]
		for _, x := range in[1:] {
			if x.who == subjectIdx {
				return // "… was proud of her": it turns back to the requester
			}
		}
		if st.mayMeanRequester(r.end, e) {
			return
		}
		keep := st.sentStart
		st.sentStart, st.reported = at, true
		st.ownStory(at, e, in, r)
		st.sentStart, st.reported = keep, false
		return
	}
}

// mayMeanRequester reports whether a pronoun in [s, e) may stand for the
// requester: its gender is theirs, or theirs is not known ("mum was proud
// of her results").
func (st *aboutState) mayMeanRequester(s, e int) bool {
	g := st.genderOf(subjectIdx)
	toks := st.c.toks
	k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= s })
	for ; k < len(toks) && toks[k].end <= e; k++ {
		pg, ok := st.w.pronoun[fold(st.c.d.Text[toks[k].start:toks[k].end])]
		if ok && (g == genderAny || pg == genderAny || pg == g) {
			return true
		}
	}
	return false
}

// storyRule is the about_person rule that covers the topic's person by
// their register role, or that of a relation named by role noun whose
// owner it covers ("<name>'s mum"; "his mum" where "his" is someone
// outside the requester's family); nil when none does.
func (st *aboutState) storyRule(t referent) *rules.Rule {
	people := st.c.e.reg.people
	who := -1
	switch t.kind {
	case refName, refPronoun:
		who = t.who
	case refRole:
		if t.who > subjectIdx && st.opensSentence(t) && !possessiveAt(st.c.d.Text, t) {
			who = t.who // "Her mum …", "Mum …": the register's person of that relationship
		} else if t.who == whoUnnamed && (t.owner == nil || t.owner.who == subjectIdx) && st.opensSentence(t) && !possessiveAt(st.c.d.Text, t) {
			// a relative of the requester's the register lacks, opening
			// the sentence ("His grandfather retired…", "Mum is …"): the
			// role of their relationship word; a role noun that is no
			// relationship ("The victim …", "Her friend …") is someone else
			role := st.c.e.reg.roleOfWord(t.word)
			if role == "" {
				role = RoleOther
			}
			return st.w.story[role]
		} else if o := t.owner; o != nil && o.kind == refName {
			who = o.who
		} else if o != nil && o.kind == refPronoun && o.who > subjectIdx && people[o.who].Role != RoleFamily {
			// "his mum" where "his" is another child: a relative of the
			// requester's own relative may be theirs too, so only an
			// owner outside the family is read through a pronoun
			who = o.who
		}
	}
	if who < 0 || who == subjectIdx {
		return nil
	}
	return st.w.story[people[who].Role]
}

// opensSentence reports whether r, with its owner, opens its sentence
// ("Her mum …", "Mum …").
func (st *aboutState) opensSentence(r referent) bool {
	if r.owner != nil && st.ownerRightBefore(r) {
		return r.owner.start == st.sentStart
	}
	// with no owner, a verb after it: "Mum is …", "The victim believes
	// …", not a table's "Mother Seven times a year"
	text := st.c.d.Text
	at := r.start == st.sentStart ||
		r.det == "the" && strings.EqualFold(strings.TrimSpace(text[st.sentStart:r.start]), "the")
	return at && isLowerASCII(wordAfter(text, r.end, len(text)))
}

// ownerRightBefore reports whether r's owner stands right before it ("Her
// mum"), not a sayer read as one ("She said mum …").
func (st *aboutState) ownerRightBefore(r referent) bool {
	o := r.owner
	return o != nil && o.end <= r.start && strings.TrimSpace(st.c.d.Text[o.end:r.start]) == ""
}

// possessiveAt reports whether the referent is a possessive ("cousin's
// school": the topic is the school).
func possessiveAt(text string, r referent) bool {
	w := text[r.start:r.end]
	after := text[r.end:]
	return possessive(strings.ToLower(w)) || strings.HasPrefix(after, "'s") || strings.HasPrefix(after, "’s") || strings.HasPrefix(after, "s'")
}

// pointsAtRequester reports whether a referent takes in the requester: their
// name, "you" outside any message, a group they are part of, what the
// council told them of their own family, a person pronoun resolved to them
// ("winds him up"), or a relation of theirs named with their name
// ("<requester>'s mum"). A possessive pronoun ("his room", "her dad") is no
// evidence: it belongs, most likely, to the sentence's own subject,
// whatever the resolver chose — unless its gender is not the topic's (tg,
// when known: "<a boy> helps her with her homework").
func (st *aboutState) pointsAtRequester(r referent, tg byte) bool {
	switch {
	case r.kind == refPronoun && st.possessivePronoun(r) && r.who == subjectIdx && tg != genderAny && r.gender != genderAny && r.gender != tg:
		return true
	case r.who == whoGroup:
		return st.groupNoun(r)
	case r.who == whoTold:
		return true
	case r.kind == refSecond && r.who == whoSpeaker:
		// "you" that no message gives to anyone: a life story book's or a
		// letter's reader, who is the requester ("She used to make you
		// jam sandwiches").
		return true
	case r.kind == refRole:
		return r.owner != nil && r.owner.kind != refPronoun && r.owner.who == subjectIdx
	case r.kind == refPronoun && st.possessivePronoun(r):
		return false
	}
	return r.who == subjectIdx
}

// withRequester reports whether text[s:e] holds a word of with: one that
// takes the requester in without naming them ("visits", "too"), or, said
// of a carer, one of their care of the requester ("the placement").
func (st *aboutState) withRequester(s, e int, with map[string]bool) bool {
	toks := st.c.toks
	k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= s })
	for ; k < len(toks) && toks[k].end <= e; k++ {
		if with[fold(st.c.d.Text[toks[k].start:toks[k].end])] {
			return true
		}
	}
	return false
}

// topicGender is the gender of the topic's person, when known.
func (st *aboutState) topicGender(t referent) byte {
	if t.kind == refName || t.kind == refPronoun {
		if g := st.genderOf(t.who); g != genderAny {
			return g
		}
	}
	return t.gender
}

// groupNoun reports whether a group word is a noun phrase of its own ("the
// children", "both young people"), not a word describing another ("child
// sexual exploitation", "child protection").
func (st *aboutState) groupNoun(r referent) bool {
	b := strings.TrimRight(st.c.d.Text[:r.start], " ")
	i := strings.LastIndexAny(b, " \n\t(") + 1
	w := strings.ToLower(b[i:])
	return st.c.e.reg.words.Determiners[w] || w == "both" || w == "all" || w == "other"
}

// possessivePronoun reports whether a pronoun owns the word after it: "his"
// always, "her" when a word that is not a function word follows ("her
// room", not "told her that").
func (st *aboutState) possessivePronoun(r referent) bool {
	text := st.c.d.Text
	switch strings.ToLower(text[r.start:r.end]) {
	case "his", "their":
		return true
	case "her":
		rest := strings.TrimLeft(text[r.end:], " ")
		i := 0
		// a word or a number it owns ("her 12-week scan")
		for i < len(rest) && (rest[i] >= 'a' && rest[i] <= 'z' || rest[i] >= '0' && rest[i] <= '9') {
			i++
		}
		return i > 0 && !st.c.e.reg.words.Function[rest[:i]] && !st.w.object[rest[:i]]
	}
	return false
}

// saysSomething reports whether s says something of the people it names:
// a word in lower case outside brackets that does not only join the items
// of a list. "<carer> and <carer>; <name> (Social Worker)" lists people
// present; "<carer> is retiring" tells of one.
func saysSomething(s string) bool {
	depth := 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == ';' || r == ','
	}) {
		open := depth
		depth += strings.Count(f, "(") - strings.Count(f, ")")
		if open > 0 || strings.HasPrefix(f, "(") || depth < 0 {
			depth = max(depth, 0)
			continue
		}
		if f[0] >= 'a' && f[0] <= 'z' && f != "and" && f != "or" {
			return true
		}
	}
	return false
}

// hasLowerWord reports whether s holds a word in lower case: something is
// said, not only a name listed.
func hasLowerWord(s string) bool {
	for _, f := range strings.Fields(s) {
		if f[0] >= 'a' && f[0] <= 'z' {
			return true
		}
	}
	return false
}

// recordParticulars reads a record line that opens with a third party's
// name — a genogram or family list written as lines, "<name> ("<known
// as>"), <relationship> — <dob> — <conditions>" — as its table would be
// read: every field after the first spaced dash is that person's
// particulars (dates, conditions, where they live, what they have done),
// whatever its words, and is redacted as theirs. A field that names the
// requester stays: it tells the requester's story too. A line needs two
// such dashes, at most five words between the name and the first, to be a
// record rather than a sentence with a dash in it. The requester's own
// writing is theirs. Lines with no full stop at their ends are one
// sentence to the splitter: each line of it is read.
func (st *aboutState) recordParticulars(s, e int, refs []referent) {
	if st.w.person == nil || len(refs) == 0 {
		return
	}
	if g := st.regionAt(s); g != nil && g.author.who == subjectIdx || st.c.fromSubject() {
		return
	}
	text := st.c.d.Text
	for ls := s; ls < e; {
		le := e
		if k := strings.IndexByte(text[ls:e], '\n'); k >= 0 {
			le = ls + k
		}
		i := sort.Search(len(refs), func(i int) bool { return refs[i].start >= ls })
		if i < len(refs) && refs[i].start < le {
			st.recordLine(ls, le, refs[i:])
		}
		ls = le + 1
	}
}

// recordLine reads one line of recordParticulars: text[s:e], refs from
// its first referent on.
func (st *aboutState) recordLine(s, e int, refs []referent) {
	w := st.w
	seps, end := st.recordFields(s, e, refs)
	if seps == nil {
		return
	}
	text := st.c.d.Text
	who := refs[0]
	for f := range seps {
		lo, hi := seps[f][1], end
		if f+1 < len(seps) {
			hi = seps[f+1][0]
		}
		if st.namesRequester(lo, hi, refs) {
			continue
		}
		if lo, hi = trimSpan(text, lo, hi); lo < hi {
			st.c.add(w.person, lo, hi, ScopeSpan, max(who.who, -1),
				"a record line about "+st.whoLabel(who)+": their particulars (dates, conditions, circumstances)", 0, "")
		}
	}
}

// recordFields reads the line at s as a third party's record line: their
// name first, then at least two spaced dashes, the first at most five
// words after the name. It returns each dash's start and end and the
// line's end, or nil when the line is no record line.
func (st *aboutState) recordFields(s, e int, refs []referent) ([][2]int, int) {
	if len(refs) == 0 || refs[0].kind != refName || !st.c.thirdParty(refs[0]) || refs[0].end >= e || st.wordsBetween(s, refs[0].start) != 0 {
		return nil, 0
	}
	text := st.c.d.Text
	end := e
	if k := strings.IndexByte(text[refs[0].end:e], '\n'); k >= 0 {
		end = refs[0].end + k
	}
	var seps [][2]int // each spaced dash: its start and end
	for i := refs[0].end; i < end; {
		k, n := nextSpacedDash(text[i:end])
		if k < 0 {
			break
		}
		seps = append(seps, [2]int{i + k, i + k + n})
		i += k + n
	}
	if len(seps) < 2 || st.wordsBetween(refs[0].end, seps[0][0]) > 5 {
		return nil, 0
	}
	return seps, end
}

// nextSpacedDash finds the first dash with a space on each side in t
// (" — ", " – ", " - "): its offset and length, or -1.
func nextSpacedDash(t string) (int, int) {
	best, n := -1, 0
	for _, d := range []string{" — ", " – ", " - "} {
		if k := strings.Index(t, d); k >= 0 && (best < 0 || k < best) {
			best, n = k, len(d)
		}
	}
	return best, n
}

// namesRequester reports whether a referent in text[lo:hi] is the
// requester.
func (st *aboutState) namesRequester(lo, hi int, refs []referent) bool {
	for _, r := range refs {
		if r.start >= lo && r.end <= hi && r.who == subjectIdx && r.kind != refFirst && r.kind != refSecond {
			return true
		}
	}
	return false
}

// placeAfterName suggests where a third party is when the record writes a
// place just after their name and one of the packs' person-place-words
// ("visit her gran <Name> in <Town>", "placed with <carer> in <Village>"):
// the name and the place together, one item, so the same words elsewhere —
// the requester's own town — are left alone. The place is one or two
// capitalised words that are no everyday word, given name, month or
// organisation, and no name the register knows.
func (st *aboutState) placeAfterName(refs []referent) {
	w, c := st.w, st.c
	if w.contact == nil || len(w.placeWord) == 0 {
		return
	}
	text, toks := c.d.Text, c.toks
	for _, r := range refs {
		if r.kind != refName || !c.thirdParty(r) {
			continue
		}
		k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= r.end })
		if k+1 >= len(toks) || text[r.end:toks[k].start] != " " || text[toks[k].end:toks[k+1].start] != " " ||
			!w.placeWord[fold(text[toks[k].start:toks[k].end])] {
			continue
		}
		n := 0
		for n < 2 && k+1+n < len(toks) && (n == 0 || text[toks[k+n].end:toks[k+1+n].start] == " ") && st.placeName(k+1+n) {
			n++
		}
		if n == 0 || c.e.reg.orgAfter(text, toks, k+1+n) {
			continue
		}
		c.add(w.contact, r.start, toks[k+n].end, ScopeSpan, max(r.who, -1),
			"where "+st.whoLabel(r)+" is: a place written just after their name", 0, "")
	}
}

// placeAfterRole suggests where a relative named by role lives when the
// record writes their home as a possessive with its town after one of the
// packs' person-place-words ("going to my sister's in <Town>", "stays at
// his nan's in <Town>"): the home and the town together, one item, as
// placeAfterName does for a name.
func (st *aboutState) placeAfterRole(s, e int) {
	w, c := st.w, st.c
	if w.contact == nil || len(w.placeWord) == 0 {
		return
	}
	text, toks := c.d.Text, c.toks
	k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= s })
	for ; k+2 < len(toks) && toks[k+2].end <= e; k++ {
		raw := text[toks[k].start:toks[k].end]
		if trimPossessive(raw) == raw {
			continue // not "<role>'s": read no further (most words)
		}
		base := trimPossessive(fold(raw))
		if _, ok := w.role[base]; !ok || w.pluralRole(base) {
			continue
		}
		if text[toks[k].end:toks[k+1].start] != " " || text[toks[k+1].end:toks[k+2].start] != " " ||
			!w.placeWord[fold(text[toks[k+1].start:toks[k+1].end])] {
			continue
		}
		n := 0
		for n < 2 && k+2+n < len(toks) && toks[k+2+n].end <= e &&
			(n == 0 || text[toks[k+1+n].end:toks[k+2+n].start] == " ") && st.placeName(k+2+n) {
			n++
		}
		if n == 0 || c.e.reg.orgAfter(text, toks, k+2+n) {
			continue
		}
		from := toks[k].start
		if k > 0 && toks[k-1].start >= s && text[toks[k-1].end:toks[k].start] == " " {
			if d := fold(text[toks[k-1].start:toks[k-1].end]); c.e.reg.words.Determiners[d] && d != "the" && d != "a" && d != "an" {
				from = toks[k-1].start // "my sister's"
			}
		}
		c.add(w.contact, from, toks[k+1+n].end, ScopeSpan, -1,
			"where a relative ("+base+") lives: their home and its town", 0, "")
	}
}

// placeName reports whether toks[i] may be a town's or village's name: a
// capitalised word, not all capitals, that is no everyday, function or
// not-name word, no given name, and no surname the register knows.
func (st *aboutState) placeName(i int) bool {
	reg := st.c.e.reg
	w := st.c.d.Text[st.c.toks[i].start:st.c.toks[i].end]
	f := fold(w)
	return utf8.RuneCountInString(w) >= 3 && capitalised(w) && !allCaps(w) && !strings.ContainsRune(w, '\'') &&
		!reg.words.Everyday[f] && !reg.words.NotName[f] && !reg.words.Function[f] && !reg.words.GivenNames[f] &&
		!reg.surnameKnown(f) && !reg.subjectTok[f]
}

// sharedWithRequester reports whether the requester is the other person of
// a tie a keyword ending at kwEnd names for the topic t: named, or "you" in
// what is written to them, within three words after it ("living with
// Robin"), or joined to the topic by "and" ("Gail and Robin have a volatile
// relationship").
func (st *aboutState) sharedWithRequester(t referent, kwEnd, ce int, refs []referent) bool {
	text := st.c.d.Text
	for _, r := range refs {
		if r.who != subjectIdx || r.kind != refName && r.kind != refSecond || possessive(text[r.start:r.end]) {
			// By name, or as "you" in what is written to them: a pronoun
			// may be the topic's own ("fell out with her friends"), and
			// "fell out with Robin's friend" is a tie with the friend.
			continue
		}
		if r.start >= kwEnd && r.start < ce && st.wordsBetween(kwEnd, r.start) <= 3 && !strings.ContainsAny(text[kwEnd:r.start], ",;:.") {
			return true
		}
		if r.start >= t.end && strings.TrimSpace(text[t.end:r.start]) == "and" {
			return true
		}
	}
	return false
}

// requesterObject reports whether the requester is the object of what the
// topic t did, before the keyword at kw: named (or "you" in what is written
// to them, or a pronoun surely theirs) within two words after t, with no
// clause break between, and followed by a word of about-taken-to ("the
// carer took Robin to the GP", "her mum took her to hospital"). What the
// keyword says then happened to the requester; "<relative> rang Robin
// drunk" stays the relative's.
func (st *aboutState) requesterObject(t referent, kw int, refs []referent) bool {
	if t.end <= t.start || t.end > kw {
		return false
	}
	text := st.c.d.Text
	for _, r := range refs {
		if r.start < t.end || r.start >= kw {
			continue
		}
		if r.who != subjectIdx || r.unsure || r.kind == refGroup || r.kind == refName && possessive(text[r.start:r.end]) ||
			r.kind == refPronoun && !st.objectPronoun(&r) {
			return false // someone else, or the owner of a noun ("stayed in her room")
		}
		if st.wordsBetween(t.end, r.start) > 2 || strings.ContainsAny(text[t.end:r.start], ",;:.") {
			return false
		}
		return st.w.takenTo[fold(wordAfter(text, r.end, kw))]
	}
	return false
}

// doneToRequester reports whether the requester is the object of the
// keyword ending at ke, straight after it: "<name> punched <requester> in
// the face", "hit <initials> on the shoulder", "grabbed him" (him the
// requester). What was done to them is their own story — why they came
// into care, what they lived through — and stays; who did it is taken out
// by name. A pronoun inside the keyword ("hit her") is not read: whose
// "her" it is decides too much to rest on. decide asks it only in the
// packs' about-done-to-categories (an offence): "did not recognise
// <requester>" is the doer's health.
func (st *aboutState) doneToRequester(ke int, refs []referent) bool {
	text := st.c.d.Text
	for _, r := range refs {
		if r.start < ke {
			continue
		}
		if r.start != ke+1 || text[ke] != ' ' || r.who != subjectIdx || r.unsure {
			return false
		}
		return r.kind == refName && !possessive(text[r.start:r.end]) || r.kind == refPronoun && st.objectPronoun(&r)
	}
	return false
}

// describingClause returns the clause set off by commas straight after the
// topic that says who they are (", who shares a unit with <requester>,",
// ", whose mum …,"), or an empty span at e. What the sentence goes on to
// say is still the topic's own.
func (st *aboutState) describingClause(topic referent, e int) (int, int) {
	text := st.c.d.Text
	if topic.kind == 0 || topic.end >= e {
		return e, e
	}
	rest := text[topic.end:e]
	for _, w := range []string{", who ", ", whose "} {
		if !strings.HasPrefix(rest, w) {
			continue
		}
		if k := strings.IndexByte(rest[len(w):], ','); k >= 0 {
			return topic.end, topic.end + len(w) + k + 1
		}
	}
	return e, e
}
