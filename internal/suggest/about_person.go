package suggest

import (
	"sort"
	"strings"
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
	if w.person == nil || topic.kind == 0 || !st.storyPerson(topic) {
		return
	}
	if g := st.regionAt(s); g != nil && g.author.who == subjectIdx || st.c.fromSubject() {
		return // the requester's own words about a friend are theirs
	}
	tg := st.topicGender(topic)
	for _, r := range refs {
		if st.pointsAtRequester(r, tg) {
			return
		}
	}
	text := st.c.d.Text
	if st.withRequester(s, e) {
		return
	}
	lo, hi := trimSpan(text, max(topic.start, s), e)
	if !hasLowerWord(text[lo:hi]) {
		return // a name in a list or a heading: nothing is said of them
	}
	person := max(topic.who, -1)
	if topic.kind == refRole {
		person = -1
	}
	if topic.unsure {
		st.c.add(w.person, lo, hi, ScopeSpan, person, "check this: about "+st.whoLabel(topic)+", their own story", 0.5, ActionFlag)
		return
	}
	st.c.add(w.person, lo, hi, ScopeSpan, person, "a sentence about "+st.whoLabel(topic)+": their own story, not the requester's", 0, "")
}

// storyPerson reports whether the topic is a person of a role the
// about_person rule covers, or a relation named by role noun whose owner
// is one ("<name>'s mum").
func (st *aboutState) storyPerson(t referent) bool {
	people := st.c.e.reg.people
	switch t.kind {
	case refName, refPronoun:
		return t.who >= 0 && t.who != subjectIdx && st.w.story[people[t.who].Role]
	case refRole:
		o := t.owner
		return o != nil && o.kind == refName && o.who >= 0 && o.who != subjectIdx && st.w.story[people[o.who].Role]
	}
	return false
}

// pointsAtRequester reports whether a referent takes in the requester: their
// name, a group they are part of, what the council told them of their own
// family, a person pronoun resolved to them ("winds him up"), or a relation
// of theirs named with their name ("<requester>'s mum"). A possessive
// pronoun ("his room", "her dad") is no evidence: it belongs, most likely,
// to the sentence's own subject, whatever the resolver chose — unless its
// gender is not the topic's (tg, when known: "<a boy> helps her with her
// homework").
func (st *aboutState) pointsAtRequester(r referent, tg byte) bool {
	switch {
	case r.kind == refPronoun && st.possessivePronoun(r) && r.who == subjectIdx && tg != genderAny && r.gender != genderAny && r.gender != tg:
		return true
	case r.who == whoGroup:
		return st.groupNoun(r)
	case r.who == whoTold:
		return true
	case r.kind == refRole:
		return r.owner != nil && r.owner.kind != refPronoun && r.owner.who == subjectIdx
	case r.kind == refPronoun && st.possessivePronoun(r):
		return false
	}
	return r.who == subjectIdx
}

// withRequester reports whether text[s:e] holds a word that takes the
// requester in without naming them ("visits", "too").
func (st *aboutState) withRequester(s, e int) bool {
	toks := st.c.toks
	k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= s })
	for ; k < len(toks) && toks[k].end <= e; k++ {
		if st.w.with[fold(st.c.d.Text[toks[k].start:toks[k].end])] {
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
		for i < len(rest) && rest[i] >= 'a' && rest[i] <= 'z' {
			i++
		}
		return i > 0 && !st.c.e.reg.words.Function[rest[:i]] && !st.w.object[rest[:i]]
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
