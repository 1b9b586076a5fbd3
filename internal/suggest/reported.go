package suggest

import (
	"sort"
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// reportedAux are the words after a person's name that make what follows a
// statement about them ("Sam had been sleeping in the car", "Sam is back").
var reportedAux = map[string]bool{"had": true, "has": true, "is": true, "was": true, "were": true, "would": true,
	"will": true, "could": true, "used": true, "never": true, "still": true, "keeps": true, "kept": true,
	"hasn't": true, "isn't": true, "wasn't": true, "hadn't": true, "now": true, "often": true, "sometimes": true}

// reported flags a sentence in which someone passes on a third party's
// private life: "<reporter> told me <third party> had been sleeping in the
// car". The flag runs from the reporter (when a third party) or the person
// reported on to the end of the clause, and is skipped when the requester
// is named in it: their own story stays.
func (c *docCtx) reported() {
	if len(c.e.reportedRules) == 0 || len(c.mentions) == 0 {
		return
	}
	text := c.d.Text
	for _, k := range c.kw {
		r := c.e.keywordRules[k.e.person]
		if r.Detector.Kind != rules.KindReportedSpeech {
			continue
		}
		p := k.end
		for p < len(text) && text[p] == ' ' {
			p++
		}
		if strings.HasPrefix(text[p:], "that ") {
			p += len("that ")
		}
		mi := sort.Search(len(c.mentions), func(i int) bool { return c.mentions[i].start >= p })
		if mi >= len(c.mentions) || c.mentions[mi].start != p {
			continue
		}
		m := c.mentions[mi]
		lo, hi := c.blockAround(k.start)
		if !statementAfter(text, m.end) || c.subjectEndsAt(k.start) || c.requesterPronounAt(lo, k.start) {
			continue // the requester's own account is theirs to read
		}
		var s, e int
		for _, sn := range c.sentences(text, lo, hi) {
			if sn[0] <= k.start && k.start < sn[1] {
				s, e = sn[0], sn[1]
				break
			}
		}
		if e <= m.end {
			continue
		}
		_, ce := clauseAround(text, s, e, m.start, m.end)
		if c.subjectIn(m.end, ce) {
			continue
		}
		start := m.start
		if mi > 0 {
			if rep := c.mentions[mi-1]; rep.end <= k.start && rep.start >= s && strings.TrimSpace(text[rep.end:k.start]) == "" {
				start = rep.start // the reporter is a third party too
			}
		}
		c.add(r, start, ce, ScopeSpan, m.person, "another person's account of a third party's private life", 0, "")
	}
}

// statementAfter reports whether the word after a name at text[end:] starts
// a statement about that person: an auxiliary or a verb in -s or -ed.
func statementAfter(text string, end int) bool {
	if end >= len(text) || text[end] != ' ' {
		return false
	}
	rest := text[end+1:]
	i := strings.IndexAny(rest, " ,.;:\n")
	if i < 0 {
		i = len(rest)
	}
	w := fold(rest[:i])
	if reportedAux[w] {
		return true
	}
	return len(w) > 3 && isLowerASCII(w) && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"))
}

// requesterPronounAt reports whether the word just before off is a
// personal pronoun ("He said …") whose nearest person named before it in
// the block (from lo) is the requester: "<requester> told me … He said
// <sibling> stayed next to him all day" is the requester's own account.
func (c *docCtx) requesterPronounAt(lo, off int) bool {
	text := c.d.Text
	e := off
	for e > lo && text[e-1] == ' ' {
		e--
	}
	b := e
	for b > lo && isASCIILetter(text[b-1]) {
		b--
	}
	if b == e || c.e.about == nil || c.e.about.pronoun[fold(text[b:e])] == 0 {
		return false
	}
	subj := -1 // the requester's last mention before the pronoun
	if k := sort.SearchInts(c.subjAt, b); k > 0 && c.subjAt[k-1] >= lo {
		subj = c.subjAt[k-1]
	}
	if subj < 0 {
		return false
	}
	k := sort.Search(len(c.mentions), func(i int) bool { return c.mentions[i].start >= b })
	return k == 0 || c.mentions[k-1].start < subj
}

// subjectEndsAt reports whether one of the requester's names ends right
// before off (only spaces between).
func (c *docCtx) subjectEndsAt(off int) bool {
	i := sort.Search(len(c.protected), func(i int) bool { return c.protected[i][0] >= off })
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if p := c.protected[k]; p[1] <= off && strings.TrimSpace(c.d.Text[p[1]:off]) == "" {
			return true
		}
	}
	return false
}
