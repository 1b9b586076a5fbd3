package bundle

import (
	"cmp"
	"runtime"
	"slices"
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// checkItem says where a searched-for string came from; Text is the
// original string, for the operator's terminal only (never logged).
type checkItem struct {
	DocNumber int
	Code      string
	Kind      string // "redaction" or "withheld text"
	Text      string
	Label     string
	// Local: only from reviewers' own redactions (record.Redaction.Local),
	// which apply where they were decided: never spread.
	Local bool
}

// Watched is a string the finished bundle must not contain although no
// redaction names it (Input.Watch). Text is for the operator's terminal only.
type Watched struct {
	Text  string
	Label string
	Code  string
	Why   string
}

// kindWatched marks check items from Input.Watch.
const kindWatched = "watched"

// checkSet is every string the finished bundle must not contain,
// normalised and distinct.
type checkSet struct {
	pats     []string
	meta     []checkItem
	byNorm   map[string]int
	excluded []bool // part of the requester's own names, or disclosed elsewhere by decision
	skipped  int    // too short to search
	common   int    // only common words: not identifying, neither spread nor searched
	why      map[string]int
	nspread  int      // spread redactions made (docPlan.spread)
	shown    *matcher // names shown on purpose (Input.Shown): a hit inside one is that name
	// shownWords are the words of those names, normalised: a string of
	// them and everyday words identifies no one the bundle hides.
	shownWords map[string]bool
	words      *rules.People
}

func (c *checkSet) add(s string, it checkItem, minWords int) {
	n, _ := normalise(s, false)
	n = strings.TrimSpace(n)
	letters := 0
	for i := 0; i < len(n); i++ {
		if alnum(n[i]) {
			letters++
		}
	}
	if letters < 3 || minWords > 0 && len(strings.Fields(n)) < minWords {
		if minWords == 0 {
			c.skipped++
		}
		return
	}
	if c.commonWords(n) {
		// A reviewer may redact "her" or "the flat" in one sentence; the
		// same words elsewhere are not that person's data, so they are
		// neither spread through the bundle nor treated as a leak. So with
		// a greeting to a member of staff ("Hi <worker>,") cut from a
		// third party's message: the bundle shows the worker's name anyway.
		if minWords == 0 {
			c.common++
		}
		return
	}
	if i, ok := c.byNorm[n]; ok {
		// A string any other redaction removes is spread like that one.
		if c.meta[i].Local && !it.Local {
			it.Text = strings.Clone(it.Text)
			c.meta[i] = it
		}
		return
	}
	// Its own copy: the text is cut from a document's, which would be
	// held for it until the bundle is checked.
	it.Text = strings.Clone(it.Text)
	c.byNorm[n] = len(c.pats)
	c.pats = append(c.pats, n)
	c.meta = append(c.meta, it)
	c.excluded = append(c.excluded, false)
}

// commonWords reports whether normalised text is made only of everyday
// English words that identify nobody, or of them and the words of names
// the bundle shows on purpose (Input.Shown: council staff in their role)
// with at least one everyday word that is no title ("hi <worker>"; not
// "Mr <surname>", nor the name alone).
func (c *checkSet) commonWords(n string) bool {
	words := strings.FieldsFunc(n, func(r rune) bool { return r < 0x80 && !alnum(byte(r)) })
	if len(words) == 0 {
		return false
	}
	shown, plain := false, false
	for _, w := range words {
		switch {
		case everyday[w]:
			plain = plain || !titleWords[w]
		case c.shownWords[w]:
			shown = true
		default:
			return false
		}
	}
	return !shown || plain
}

// titleWords are the everyday words that stand before a name.
var titleWords = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true}

// everyday is English function words and the commonest words of case
// records: never a name or identifier on their own.
var everyday = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but if of to in on at by for with from into onto
		up down out over under about after before between through during without within as than then
		so not no nor yes is are was were be been being am has have had having do does did doing
		would shall should can could might must i me my mine we us our ours you your yours
		he him his she her hers it its they them their theirs this that these those there here who
		whom whose which what when where why how all any both each few more most other some such
		only own same too very just also again once mum dad mother father brother sister son
		daughter child children baby family home house flat school said told says went came
		mr mrs ms miss dr hi hello hiya dear thanks regards cheers sincerely faithfully morning
		afternoon evening`) {
		m[w] = true
	}
	return m
}()

// spanStrings are the normalised redacted and watched strings (not
// withheld sentences) still searched for: the sanitiser removes them from
// titles, authors and file names, which come from the documents.
func (c *checkSet) spanStrings() []string {
	var out []string
	for i, p := range c.pats {
		if (c.meta[i].Kind == "redaction" || c.meta[i].Kind == kindWatched) && !c.excluded[i] {
			out = append(out, p)
		}
	}
	return out
}

// prepareCheck collects the strings to search for and makes the redactions
// consistent before anything is written: a string redacted in one place is
// redacted wherever else it appears in the disclosed text (a name is
// third-party data on every page), unless it is part of the requester's own
// names. Sentences of withheld material that appear in a disclosed document
// were disclosed there by decision and are not searched for.
func prepareCheck(in *Input, plans []*docPlan) *checkSet {
	c := &checkSet{byNorm: map[string]int{}, why: map[string]int{}, words: in.Words, shownWords: map[string]bool{}}
	for _, name := range in.Shown {
		n, _ := normalise(name, false)
		for _, w := range strings.FieldsFunc(n, func(r rune) bool { return r < 0x80 && !alnum(byte(r)) }) {
			c.shownWords[w] = true
		}
	}
	byID := map[string]*docPlan{}
	for _, p := range plans {
		byID[p.doc.ID] = p
	}
	for _, r := range in.Redactions {
		p := byID[r.DocID]
		if p == nil {
			continue
		}
		text := p.doc.Text
		s, e := max(0, min(r.Start, len(text))), max(0, min(r.End, len(text)))
		if r.Withhold || p.withheld {
			if r.Text != "" && !r.Withhold {
				c.add(r.Text, checkItem{p.num, r.Code, "redaction", r.Text, r.Label, false}, 0)
			}
			part := text[s:e]
			if p.withheld && s == e {
				part = text
			}
			for _, sen := range sentences(part) {
				c.add(sen, checkItem{p.num, r.Code, "withheld text", sen, "", false}, 6)
			}
			continue
		}
		t := r.Text
		if t == "" {
			t = text[s:e]
		}
		c.add(t, checkItem{p.num, r.Code, "redaction", t, r.Label, r.Local}, 0)
		for _, part := range r.Parts {
			c.add(part, checkItem{p.num, r.Code, "redaction", part, r.Label, false}, 0)
		}
	}
	// With no person deciding (Input.SpreadWatched), watched strings are
	// redacted like redacted ones: wherever they appear, unless they are the
	// requester's. Otherwise they are only searched for, below.
	if in.SpreadWatched {
		for _, w := range in.Watch {
			code := w.Code
			if code == "" {
				code = "TP"
			}
			c.add(w.Text, checkItem{0, code, "redaction", w.Text, w.Label, false}, 0)
		}
	}
	// The requester's own names are theirs to see.
	for _, k := range in.Keep {
		kn, _ := normalise(k, false)
		m := newMatcher(c.pats)
		m.scan(kn, func(i, _, _ int) bool {
			if c.meta[i].Kind == "redaction" && !c.excluded[i] {
				c.excluded[i] = true
				c.why["requester's own name"]++
			}
			return true
		})
	}
	m := newMatcher(c.pats)
	var shown *matcher
	if len(in.Shown) > 0 {
		var ns []string
		for _, s := range in.Shown {
			if n, _ := normalise(s, false); strings.TrimSpace(n) != "" {
				ns = append(ns, strings.TrimSpace(n))
			}
		}
		shown = newMatcher(ns)
	}
	c.shown = shown
	// Documents are searched on every core; what each hit means (spread,
	// or the string excluded) is decided in document order, as before.
	inOrder(len(plans), func(k int) []hit {
		if plans[k].withheld {
			return nil
		}
		return c.docHits(m, shown, plans[k])
	}, func(k int, hits []hit) {
		if !plans[k].withheld {
			c.spreadDoc(plans[k], hits)
		}
	})
	// Watched strings come last: searched for, never spread. One that is
	// also a redacted string is already searched for under that.
	if !in.SpreadWatched {
		for _, w := range in.Watch {
			c.add(w.Text, checkItem{0, w.Code, kindWatched, w.Text, w.Label, false}, 0)
		}
	}
	// Like a redacted string, a watched one inside the requester's own
	// names (a relative's surname in a double-barrelled name) is theirs.
	km := newMatcher(c.pats)
	for _, k := range in.Keep {
		kn, _ := normalise(k, false)
		km.scan(kn, func(i, _, _ int) bool {
			if c.meta[i].Kind == kindWatched && !c.excluded[i] {
				c.excluded[i] = true
				c.why["requester's own name"]++
			}
			return true
		})
	}
	return c
}

// hit is a searched-for string found in a document's text outside the
// names it shows on purpose and not as a homonym: pattern i at [os, oe).
type hit struct{ i, os, oe int }

// docHits finds the searched-for strings in a disclosed document's text.
// It only reads the check set, so documents are searched at once.
func (c *checkSet) docHits(m, shown *matcher, p *docPlan) []hit {
	text := p.doc.Text
	n, offs := normalise(text, true)
	var keep []span // occurrences of names shown on purpose
	if shown != nil {
		shown.scan(n, func(_, s, e int) bool {
			keep = append(keep, span{start: offs[s], end: offs[e]})
			return true
		})
	}
	var out []hit
	m.scan(n, func(i, s, e int) bool {
		os, oe := offs[s], offs[e]
		if inside(keep, os, oe) {
			return true
		}
		if c.notTheName(i, text, os, oe) {
			return true
		}
		out = append(out, hit{i, os, oe})
		return true
	})
	return out
}

// spreadDoc redacts the searched-for strings found in a disclosed
// document (docHits) where they are not redacted already, in document
// order: a string that is not a redaction, or an officer's local one,
// found disclosed is no longer searched for.
func (c *checkSet) spreadDoc(p *docPlan, hits []hit) {
	text := p.doc.Text
	var add []span
	for _, h := range hits {
		i, os, oe := h.i, h.os, h.oe
		if c.excluded[i] {
			continue
		}
		for oe > os && (text[oe-1] == ' ' || text[oe-1] == '\n') {
			oe--
		}
		if inside(p.spans, os, oe) {
			continue
		}
		if c.meta[i].Kind != "redaction" {
			c.excluded[i] = true
			c.why["withheld text disclosed in another document"]++
			continue
		}
		if c.meta[i].Local {
			// The officer redacted it only where they chose: another
			// occurrence stays by that decision.
			c.excluded[i] = true
			c.why["redacted by an officer only where they chose"]++
			continue
		}
		c.nspread++
		idx := -c.nspread
		if len(p.spread) == 0 {
			p.spreadFirst = c.nspread
		}
		p.spread = append(p.spread, spreadRed{code: c.meta[i].Code, label: c.labelFor(i)})
		add = append(add, span{start: os, end: oe, code: c.meta[i].Code, label: c.labelFor(i), reds: []int{idx}})
	}
	if len(add) > 0 {
		// Kept at their own length: every document's are held until it is
		// written (issue 16).
		p.spans = slices.Clone(mergeRaw(text, append(p.spans, add...)))
		p.spread = slices.Clone(p.spread)
	}
}

// inOrder runs work(k) for k in [0, n) on every core and gives each
// result to use in order of k, with at most a few results waiting.
func inOrder[T any](n int, work func(k int) T, use func(k int, v T)) {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || n < 2 {
		for k := range n {
			use(k, work(k))
		}
		return
	}
	type slot struct {
		v    T
		done chan struct{}
	}
	slots := make(chan *slot, 2*workers)
	jobs := make(chan func(), workers)
	go func() {
		defer close(slots)
		defer close(jobs)
		for k := range n {
			s := &slot{done: make(chan struct{})}
			slots <- s
			jobs <- func() { s.v = work(k); close(s.done) }
		}
	}()
	for range workers {
		go func() {
			for j := range jobs {
				j()
			}
		}()
	}
	k := 0
	for s := range slots {
		<-s.done
		use(k, s.v)
		s.v = *new(T)
		k++
	}
}

func (c *checkSet) labelFor(i int) string { return c.meta[i].Label }

// inside reports whether [s, e) lies within the union of spans.
func inside(spans []span, s, e int) bool {
	for _, sp := range spans {
		if sp.start <= s && e <= sp.end {
			return true
		}
	}
	return false
}

// sentences splits text into sentences at full stops, question and
// exclamation marks and line breaks.
func sentences(t string) []string {
	return strings.FieldsFunc(t, func(r rune) bool { return r == '.' || r == '?' || r == '!' || r == '\n' })
}

// mergeRaw sorts and merges spans (see mergeSpans).
func mergeRaw(text string, out []span) []span {
	slices.SortFunc(out, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	merged := out[:0]
	for _, sp := range out {
		if n := len(merged); n > 0 {
			last := &merged[n-1]
			if sp.start <= last.end || strings.TrimSpace(text[last.end:sp.start]) == "" && sp.withhold == last.withhold {
				last.end = max(last.end, sp.end)
				last.withhold = last.withhold || sp.withhold
				if last.label == "" {
					last.label = sp.label
				}
				if last.code == "" {
					last.code = sp.code
				}
				last.reds = append(last.reds, sp.reds...)
				continue
			}
		}
		merged = append(merged, sp)
	}
	return merged
}
