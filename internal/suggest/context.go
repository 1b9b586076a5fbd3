package suggest

import (
	"sort"
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"

	"github.com/disclose-sar/disclose/internal/record"
)

// context flags a third party's health, criminal or private-life details:
// a rule keyword in the same sentence as a third party's name, or in a
// sentence that begins with a pronoun right after one that named them.
// The flag covers the clause from the person to the keyword, not the whole
// paragraph, so the requester's own story around it stays.
func (c *docCtx) context() {
	if len(c.e.contextRules) == 0 || len(c.mentions) == 0 {
		return
	}
	text := c.d.Text
	mi := 0
	for _, b := range c.blocks() {
		prevPerson, prevPlural, prevSubj, prevMany := -1, false, false, false
		var prevLed byte // the gender of the pronoun the last sentence's requester-subject took
		for _, sn := range c.sentences(text, b[0], b[1]) {
			s, e := sn[0], sn[1]
			for mi < len(c.mentions) && c.mentions[mi].end <= s {
				mi++
			}
			var here []mention
			for k := mi; k < len(c.mentions) && c.mentions[k].start < e; k++ {
				// A partner agency's officer in the sentence is at work:
				// the health or police words near them are not their
				// private life ("registered with Dr Lee at the surgery").
				if c.e.reg.people[c.mentions[k].person].Role != RolePartnerStaff {
					here = append(here, c.mentions[k])
				}
			}
			subj := c.subjectIn(s, e)
			led := c.subjectLeads(s, e, here)
			anchor, person := -1, -1
			if len(here) > 0 {
				anchor, person = here[0].start, here[0].person
				if k := c.firstContextKeyword(s, e); k >= 0 {
					for _, m := range here {
						if m.start <= k {
							anchor, person = m.start, m.person
						}
					}
				}
			} else if off, ok := pronounStart(text[s:e]); ok && prevPerson >= 0 && !subj && prevLed != genderAny && c.requesterFirst(text[s+off:e], prevPerson, prevLed) {
				// "<requester> said she … because <name> …. She agreed
				// to go": the pronoun the requester took last sentence,
				// where the other person is not known to fit it.
				subj, led = true, prevLed
			} else if off, ok := pronounStart(text[s:e]); ok && prevPerson >= 0 && !subj && c.pronounFits(text[s+off:e], prevPerson, prevPlural) {
				anchor, person = s+off, prevPerson
			} else if off, ok := bothStart(text[s:e]); ok && prevMany && !prevSubj && !subj {
				// "… with two men, <name> and <name>. Both were arrested":
				// the people just named, when the requester was not.
				anchor, person = s+off, prevPerson
			}
			if len(here) > 0 {
				prevPerson, prevPlural = here[len(here)-1].person, here[len(here)-1].plural
				prevMany = len(here) > 1 && here[0].person != here[len(here)-1].person || here[len(here)-1].plural
			} else if subj {
				prevPerson = -1
			}
			prevSubj, prevLed = subj, led
			if anchor < 0 {
				continue
			}
			for _, r := range c.e.contextRules {
				lo, hi, found := anchor, anchor, false
				for _, k := range c.keywordsIn(s, e) {
					if c.e.keywordRules[k.e.person] != r {
						continue
					}
					cs, ce := clauseAround(text, s, e, k.start, k.end)
					if c.ownStory(cs, ce) {
						continue
					}
					found = true
					lo, hi = min(lo, cs), max(hi, ce)
				}
				if !found {
					continue
				}
				if a := c.mentionEnd(anchor); a > hi {
					hi = a
				}
				hi = c.pronounClauses(s, hi, e)
				if hi-lo > 400 {
					continue // not a sentence but a run of table cells: too loose to flag
				}
				c.add(r, lo, hi, ScopeSpan, person, "a third party's "+categoryWord(r.Category)+" details in the same sentence as their name", 0, "")
			}
		}
	}
}

// pronounFits reports whether the pronoun opening sent can point at
// register person pi: "She told me…" after a sentence naming a brother is
// about someone else (the requester, most often), and so is one after a
// family named in the plural (plural: "the Smiths' home … She brought").
func (c *docCtx) pronounFits(sent string, pi int, plural bool) bool {
	w := c.e.about
	if w == nil {
		return true
	}
	first, _, _ := strings.Cut(sent, " ")
	g := w.pronoun[fold(first)]
	if g == genderAny {
		return true
	}
	if plural {
		return false
	}
	pg := w.genderOf(c.e.reg.people[pi])
	return pg == genderAny || pg == g
}

// requesterFirst reports whether the pronoun opening sent is the
// requester's rather than register person pi's: the last sentence opened
// with the requester, who took that pronoun (g) before anyone else was
// named, and pi is not known to fit it. A person whose gender is known to
// fit keeps the pronoun: a wrong guess there would leave their details
// unflagged.
func (c *docCtx) requesterFirst(sent string, pi int, g byte) bool {
	w := c.e.about
	if w == nil {
		return false
	}
	first, _, _ := strings.Cut(sent, " ")
	return w.pronoun[fold(first)] == g && w.genderOf(c.e.reg.people[pi]) != g
}

// pronounClauses extends a flag ending at hi over the clauses of the
// sentence [s, e) that go on about the same person ("…works nights at the
// depot so he is back at six"), stopping at a clause that names the
// requester.
func (c *docCtx) pronounClauses(s, hi, e int) int {
	text := c.d.Text
	for n := 0; n < 3 && hi < e; n++ {
		next := -1
		for _, b := range clauseBreaks {
			if strings.HasPrefix(text[hi:e], b) {
				if _, ok := pronounStart(text[hi+len(b) : e]); ok {
					next = hi + len(b)
				}
				break
			}
		}
		if next < 0 {
			return hi
		}
		_, ce := clauseAround(text, s, e, next, next+1)
		if ce <= next || c.subjectIn(next, ce) {
			return hi
		}
		hi = ce
	}
	return hi
}

func (c *docCtx) mentionEnd(start int) int {
	i := sort.Search(len(c.mentions), func(i int) bool { return c.mentions[i].start >= start })
	if i < len(c.mentions) && c.mentions[i].start == start {
		return c.mentions[i].end
	}
	return start
}

// subjectIn reports whether the requester is named in [s, e); subjAt is sorted.
func (c *docCtx) subjectIn(s, e int) bool {
	i := sort.SearchInts(c.subjAt, s)
	return i < len(c.subjAt) && c.subjAt[i] < e
}

// subjectLeads reads the sentence [s, e) as opening with the requester's
// name, after any date or bullet, followed by a pronoun of theirs before
// anyone in here is named ("<requester> said she …"): it returns that
// pronoun's gender, or genderAny.
func (c *docCtx) subjectLeads(s, e int, here []mention) byte {
	i := sort.SearchInts(c.subjAt, s)
	w := c.e.about
	if w == nil || i >= len(c.subjAt) || c.subjAt[i] >= e || c.subjAt[i] != leadIn(c.d.Text, s, e) {
		return genderAny
	}
	stop := e
	if len(here) > 0 {
		stop = here[0].start
	}
	k0 := sort.Search(len(c.toks), func(j int) bool { return c.toks[j].start > c.subjAt[i] })
	for k := k0; k < len(c.toks) && c.toks[k].end <= stop && k < k0+12; k++ {
		if g := w.pronoun[fold(c.d.Text[c.toks[k].start:c.toks[k].end])]; g != genderAny {
			return g
		}
	}
	return genderAny
}

// wrapped reports whether the document's blocks are lines of a page (PDF
// text or OCR), whose sentences run across line breaks.
// sentences splits text[lo:hi] as this document's lines are written (see
// splitSentences).
func (c *docCtx) sentences(text string, lo, hi int) [][2]int {
	return splitSentences(text, lo, hi, c.wrapped(), c.e.reg.words.Titles)
}

func (c *docCtx) wrapped() bool {
	return len(c.d.Blocks) > 0 && c.d.Blocks[0].Kind == record.BlockLine
}

// blocks returns the document's block ranges, or one range for all of it
// (also for wrapped lines, which are read as running text).
func (c *docCtx) blocks() [][2]int {
	if len(c.d.Blocks) == 0 || c.wrapped() {
		return [][2]int{{0, len(c.d.Text)}}
	}
	out := make([][2]int, len(c.d.Blocks))
	for i, b := range c.d.Blocks {
		out[i] = [2]int{b.Start, b.End}
	}
	return out
}

func categoryWord(cat string) string {
	switch cat {
	case "third_party_health":
		return "health"
	case "third_party_criminal":
		return "criminal"
	}
	return "private"
}

// keywordsIn returns the keyword matches inside [s, e).
func (c *docCtx) keywordsIn(s, e int) []match {
	i := sort.Search(len(c.kw), func(i int) bool { return c.kw[i].start >= s })
	j := i
	for j < len(c.kw) && c.kw[j].end <= e {
		j++
	}
	return c.kw[i:j]
}

// firstContextKeyword returns the offset of the first context keyword in
// [s, e), or -1.
func (c *docCtx) firstContextKeyword(s, e int) int {
	for _, k := range c.keywordsIn(s, e) {
		if c.e.keywordRules[k.e.person].Detector.Kind == rules.KindPersonContext {
			return k.start
		}
	}
	return -1
}
