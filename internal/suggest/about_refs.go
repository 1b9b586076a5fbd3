package suggest

import (
	"sort"
	"strings"
)

// Who a referent is when it is no register person.
const (
	whoNone    = -1 // not resolved
	whoUnnamed = -2 // a third party named only by a role noun ("his nan", "my mum")
	whoSpeaker = -3 // "I" or "you" whose person the text does not say: not taken for a third party
	whoGroup   = -4 // "the children", "the young person": a group that takes in the requester
	whoTold    = -5 // "your mum" in what the council wrote to the requester: told to them already
)

// Referent kinds.
const (
	refName byte = iota + 1
	refPronoun
	refRole
	refFirst  // I, me, my…: the author of the region
	refSecond // you, your…: whom the region is written to
	refGroup  // a group that takes in the requester
)

// referent is one place a sentence points at a person: a name, a pronoun, a
// role noun, or the first or second person of a message.
type referent struct {
	start, end int
	who        int
	gender     byte
	kind       byte
	word       string    // a role noun, for an unnamed person's reason
	owner      *referent // a role noun's possessive: "her" mother, "my" mum, "Sam's" dad
	det        string    // the word before a role noun without an owner: "the", "a", "their"…
	unsure     bool      // the requester is as likely a reading as the third party chosen
	plural     bool      // a family named in the plural ("the Smiths'"): a "they", never a "she" or "he"
}

// thirdParty reports whether the referent is a third party whose private
// life the requester has no right to: not the requester, not council or
// partner staff acting in their role, and not an unknown speaker.
func (c *docCtx) thirdParty(r referent) bool {
	if r.who == whoUnnamed {
		return true
	}
	if r.who < 0 || r.who == subjectIdx {
		return false
	}
	p := c.e.reg.people[r.who]
	return !p.Kept() && p.Role != RolePartnerStaff
}

// nameSpans returns the requester's and third parties' names in the
// document, sorted, as referents.
func (c *docCtx) nameSpans() []referent {
	out := make([]referent, 0, len(c.mentions)+len(c.subjAt))
	for _, m := range c.mentions {
		out = append(out, referent{start: m.start, end: m.end, who: m.person, kind: refName, plural: m.plural})
	}
	for _, p := range c.protected {
		i := sort.SearchInts(c.subjAt, p[0])
		if i < len(c.subjAt) && c.subjAt[i] == p[0] {
			out = append(out, referent{start: p[0], end: p[1], who: subjectIdx, kind: refName})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	// Overlaps (a pair joined by "and", initials inside a name): keep the first.
	k := 0
	for _, r := range out {
		if k > 0 && r.start < out[k-1].end {
			continue
		}
		out[k] = r
		k++
	}
	return out[:k]
}

// apposed reports whether the name n stands in apposition to a role noun
// ending at off: right after it ("stepmother Jo"), or between commas
// ("Her father, Jo Smith, has …").
func (st *aboutState) apposed(off int, n referent) bool {
	text := st.c.d.Text
	gap := text[off:n.start]
	if strings.TrimSpace(gap) == "" {
		return true
	}
	return strings.TrimSpace(gap) == "," && strings.HasPrefix(text[n.end:], ",")
}

// otherThan are the words before a group noun ("child", "young people")
// that leave the requester out of it: "another child", "a young person".
var otherThan = map[string]bool{"another": true, "other": true, "a": true, "an": true}

// sentenceRefs lists the referents of text[s:e] in order, unresolved:
// names from names (sorted), and pronouns, role nouns and the first and
// second person from the words. A possessive before a role noun ("her
// mother", "Sam's dad") is the noun's owner, not a referent of its own; a
// role noun right before a name ("stepmother Jo") is that name.
func (st *aboutState) sentenceRefs(s, e int) []referent {
	c, w := st.c, st.w
	text := c.d.Text
	toks := c.toks
	ni := sort.Search(len(st.names), func(i int) bool { return st.names[i].end > s })
	var out []referent
	k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= s })
	for ; k < len(toks) && toks[k].end <= e; k++ {
		t := toks[k]
		for ni < len(st.names) && st.names[ni].end <= t.start {
			ni++
		}
		if ni < len(st.names) && st.names[ni].start <= t.start {
			n := st.names[ni]
			if len(out) == 0 || out[len(out)-1].start != n.start {
				out = append(out, n)
			}
			continue
		}
		if t.end-t.start > w.maxLen || text[t.start] >= '0' && text[t.start] <= '9' {
			continue // longer than any person word, or a number
		}
		word := fold(text[t.start:t.end])
		switch {
		case w.first[word]:
			out = append(out, st.speaker(t.start, t.end, refFirst))
		case w.second[word]:
			out = append(out, st.speaker(t.start, t.end, refSecond))
		case (w.role[trimPossessive(word)] != genderAny || hasKey(w.role, trimPossessive(word))) && !placeOwner(text, toks, k, s, word):
			// "Mum's depression": the role noun owns what follows it.
			word = trimPossessive(word)
			r := referent{start: t.start, end: t.end, who: whoNone, gender: w.role[word], kind: refRole, word: word}
			if ni < len(st.names) && st.names[ni].start > t.end && st.apposed(t.end, st.names[ni]) {
				// "stepmother Jo": the name is the referent, and an owner
				// before the noun ("Robin's half-brother Jo", "her friend
				// Jo", "Her father, Jo Smith, …") is no referent of its
				// own: Jo is who it is about.
				if st.ownerBefore(k, s, out) {
					out = out[:len(out)-1]
				}
				continue
			}
			if st.indefinitePlural(k, s, word) {
				continue // "has made two close friends": no one in particular
			}
			if st.ownerBefore(k, s, out) {
				o := out[len(out)-1] // "her mother", "my mum", "Sam's dad"
				r.owner = &o
				out = out[:len(out)-1]
			} else if k > 0 && toks[k-1].start >= s {
				r.det = fold(text[toks[k-1].start:toks[k-1].end])
			}
			out = append(out, r)
		case w.household[trimPossessive(word)] && st.householdHead(k, e):
			r := referent{start: t.start, end: t.end, who: whoGroup, kind: refGroup, word: trimPossessive(word)}
			if n := len(out); n > 0 && k > 0 && out[n-1].end == toks[k-1].end &&
				(out[n-1].kind == refPronoun || out[n-1].kind == refName && possessive(text[out[n-1].start:out[n-1].end])) {
				r.start = out[n-1].start // "his family", "Robin's family": the household, owner and all
				out = out[:n-1]
			}
			out = append(out, r)
		case w.group[word] || k+1 < len(toks) && toks[k+1].end <= e && w.group[word+" "+fold(text[toks[k+1].start:toks[k+1].end])]:
			if ni < len(st.names) && st.names[ni].start > t.end && st.apposed(t.end, st.names[ni]) || k > 0 && toks[k-1].start >= s && otherThan[fold(text[toks[k-1].start:toks[k-1].end])] {
				continue // "another child, <name>,": someone else, and named
			}
			if k+1 < len(toks) && text[t.end:toks[k+1].start] == " " && w.groupCompound[fold(text[toks[k+1].start:toks[k+1].end])] {
				continue // "the child protection register": no group of people
			}
			out = append(out, referent{start: t.start, end: t.end, who: whoGroup, kind: refGroup})
		case w.pronoun[word] != genderAny:
			out = append(out, referent{start: t.start, end: t.end, who: whoNone, gender: w.pronoun[word], kind: refPronoun})
		case w.plural[word] && t.start == st.sentStart:
			out = append(out, referent{start: t.start, end: t.end, who: whoNone, kind: refPronoun, plural: true})
		}
	}
	if len(out) > 1 && out[0].kind == refPronoun && out[0].plural {
		// "They took my phone": what others did to the writer or the
		// reader is their story, whoever "they" are
		for _, r := range out[1:] {
			if r.kind == refFirst || r.kind == refSecond {
				return out[1:]
			}
		}
	}
	return out
}

func hasKey(m map[string]byte, k string) bool { _, ok := m[k]; return ok }

// placeOwner reports whether the possessive word at token k names a place
// by its owner after a preposition ("at Granny's", "round to Nan's house"):
// where something happened, not a person the sentence is about.
func placeOwner(text string, toks []token, k, s int, word string) bool {
	if trimPossessive(word) == word || k == 0 || toks[k-1].start < s {
		return false
	}
	switch fold(text[toks[k-1].start:toks[k-1].end]) {
	case "at", "to", "from", "round", "near", "in", "by", "outside", "inside", "into", "over", "past", "towards":
		return true
	}
	return false
}

// indefinitePlural reports whether the role noun word at token k is a
// plural that is no one in particular: not at the start of the sentence
// starting at s (notes drop the article: "Parents were …"), and not after
// a word of about-definite or a possessive ("the carers", "her friends",
// "Robin's friends"): "stays with friends", "two close friends".
func (st *aboutState) indefinitePlural(k, s int, word string) bool {
	if !st.w.pluralRole(word) {
		return false
	}
	toks, text := st.c.toks, st.c.d.Text
	if k == 0 || toks[k-1].start < s {
		return false
	}
	// Up to two describing words may stand before the noun ("her two
	// oldest friends").
	for q := k - 1; q >= 0 && q >= k-3 && toks[q].start >= s; q-- {
		w := fold(text[toks[q].start:toks[q].end])
		if st.w.definite[w] || possessive(w) {
			return false
		}
		if q < k-1 && !st.c.e.reg.describing(text, toks[q+1]) {
			break
		}
	}
	return true
}

// ownerBefore reports whether the last referent in out owns the role noun
// at token k of the sentence starting at s: it ends right before the noun,
// or before up to two describing words ("Sam's older sister", "her late
// father"), and is a possessive name, a pronoun or the first or second
// person ("her mother", "my mum", "Sam's dad").
func (st *aboutState) ownerBefore(k, s int, out []referent) bool {
	n := len(out)
	toks, text := st.c.toks, st.c.d.Text
	if n == 0 || k == 0 || toks[k-1].start < s {
		return false
	}
	prev := toks[k-1]
	for back, q := 0, k-1; back < 2 && q > 0 && toks[q-1].start >= s && st.c.e.reg.describing(text, toks[q]); back, q = back+1, q-1 {
		if out[n-1].end == toks[q-1].end {
			prev = toks[q-1]
			break
		}
	}
	o := out[n-1]
	return (o.end == prev.end || o.start == prev.start) && (o.kind != refName || possessive(text[o.start:o.end])) &&
		o.kind != refRole && o.kind != refGroup
}

// householdHead reports whether the household word at token k ends its
// noun phrase ("the family have …", "the family's debts", "the family owe
// …"), so it names the household, not what a noun after it is ("family
// time", "the family support worker"): the sentence ends or punctuation
// follows it, or it is possessive, or a function word or a category word
// comes next.
func (st *aboutState) householdHead(k, e int) bool {
	c := st.c
	text, toks := c.d.Text, c.toks
	t := toks[k]
	if w := fold(text[t.start:t.end]); trimPossessive(w) != w {
		return true
	}
	if k+1 >= len(toks) || toks[k+1].end > e || strings.TrimSpace(text[t.end:toks[k+1].start]) != "" {
		return true
	}
	n := toks[k+1]
	if c.e.reg.words.Function[fold(text[n.start:n.end])] {
		return true
	}
	i := sort.Search(len(c.kw), func(i int) bool { return c.kw[i].start >= n.start })
	return i < len(c.kw) && c.kw[i].start == n.start
}

// possessive reports whether a name ends in 's or ’s.
func possessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'")
}

// speaker is "I" or "you" in the region at off: its author or addressee,
// or an unknown speaker outside any message.
func (st *aboutState) speaker(s, e int, kind byte) referent {
	r := referent{start: s, end: e, who: whoSpeaker, kind: kind}
	if g := st.regionAt(s); g != nil {
		a := g.author
		if kind == refSecond {
			a = g.addressee
		}
		if a.kind != 0 {
			r.who, r.gender, r.word = a.who, a.gender, a.word
		}
	}
	return r
}

// describing reports whether a token can be a describing word between an
// owner and a relationship noun: a lower-case word joined by a space
// ("older", "late", "new", "little").
func (r *register) describing(text string, t token) bool {
	w := text[t.start:t.end]
	return isLowerASCII(w) && t.start > 0 && text[t.start-1] == ' ' && !r.words.Function[w] && !r.words.NotName[w]
}

// namesService reports whether the word after off ends an organisation's
// name (organisation-words: "service", "project"): a keyword right before
// it names a service ("referred to the debt service"), not a circumstance.
func (c *docCtx) namesService(off int) bool {
	k := sort.Search(len(c.toks), func(i int) bool { return c.toks[i].start >= off })
	return k < len(c.toks) && strings.TrimSpace(c.d.Text[off:c.toks[k].start]) == "" &&
		c.e.prov.orgWords[fold(c.d.Text[c.toks[k].start:c.toks[k].end])]
}
