package suggest

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// aboutState is one document's reading of who each sentence is about.
type aboutState struct {
	c         *docCtx
	w         *aboutWords
	names     []referent // the document's names, sorted
	regions   []region   // messages and who wrote them
	recent    []referent // resolved referents, most recent last: what a pronoun may point at
	prev      referent   // the previous sentence's topic (kind 0: none)
	cur       referent   // this sentence's topic while its referents are resolved
	last      *sensitive // the previous sentence's sensitive third party, if any
	here      []referent // this sentence's referents resolved so far
	gender    map[int]byte
	run       [2]int // the open run of a third party's own words not about the requester
	keptReq   bool   // the last sentence of a third party's message was kept as about the requester
	runWho    referent
	block     int  // the block being read
	sentStart int  // where the sentence being read starts (its first letter)
	reported  bool // reading what the requester said (reportedStory)
	prevAt    int  // the block of prev
	lastStart int  // where the last sentence read starts: its mentions are the last ones in recent
	// opener: prev is a name that opened its sentence, which names no one
	// else ("Sam is another matter.", "Sam had cut his arm.")
	opener   bool
	detached bool   // the block is a comment or footnote
	row      string // the table row of the cell being read ("" outside tables)
	author   bool   // the cell being read is in an author column ("By")
	// authorHeads: the first-row cells heading an author column, by label
	authorHeads map[string]bool
	rowWho      referent       // the first person named in that row: whom its cells are about
	lineWho     referent       // the person a record line opens with ("<name> — <date> — …"): whom its sentences are about
	roles       map[string]int // role nouns a form labels a person's field with (formRole); nil until asked
}

// about gives every sentence who it is about and what category of private
// life it touches (ARCHITECTURE.md, "Direction"): a clause whose topic is a
// third party — named, or a pronoun or role noun resolved to the last
// fitting mention — and that holds a word of a sensitive-category lexicon
// is redacted under that category's rule; a clause whose topic is the
// requester stays, even with a relative in it. When the topic could as well
// be the requester, the clause is flagged for a person to decide. What a
// third party wrote (messageRegions) is flagged for withholding, all but
// the sentences about the requester.
func (c *docCtx) about() {
	w := c.e.about
	if w == nil || len(w.rules) == 0 && w.message == nil && w.person == nil {
		return
	}
	st := &aboutState{c: c, w: w, names: c.nameSpans(), gender: map[int]byte{}}
	st.regions = c.messages()
	st.subjectGender()
	text := c.d.Text
	for i, b := range st.blocks() {
		st.block = i
		st.enterRow(b)
		st.lineWho = referent{}
		switch st.detached = false; b.kind {
		case record.BlockComment, record.BlockFootnote, record.BlockHeader, record.BlockFooter:
			// A reviewer's comment or a footnote is about text we cannot
			// see: a pronoun in it points at no one we know.
			st.recent, st.prev, st.detached = st.recent[:0], referent{}, true
		case record.BlockHeading:
			st.prev = referent{}
		}
		for _, sn := range c.sentences(text, b.start, b.end) {
			st.sentence(sn[0], sn[1])
		}
	}
	st.flushRun()
}

type aboutBlock struct {
	start, end int
	kind       record.BlockKind
	label      string // a table cell's "r2c3"
}

func (st *aboutState) blocks() []aboutBlock {
	d := st.c.d
	if len(d.Blocks) == 0 || st.c.wrapped() {
		return []aboutBlock{{0, len(d.Text), record.BlockParagraph, ""}}
	}
	out := make([]aboutBlock, len(d.Blocks))
	for i, b := range d.Blocks {
		out[i] = aboutBlock{b.Start, b.End, b.Kind, b.Label}
	}
	return out
}

// sentence reads text[s:e]: resolves its referents, finds its topic and
// each sensitive clause's topic, and suggests what they call for.
func (st *aboutState) sentence(s, e int) {
	st.sentStart = leadIn(st.c.d.Text, s, e)
	refs := st.sentenceRefs(s, e)
	st.cur = referent{}
	ms, mi := st.mainClause(s, e, refs)
	for i := range refs {
		st.here = refs[:i]
		st.resolve(&refs[i], i == mi && refs[i].start-ms < 4)
		if i == mi && st.wordsBetween(ms, refs[mi].start) <= 3 {
			st.cur = refs[mi]
		}
	}
	topic := st.sentenceTopic(ms, refs[mi:])
	topic = st.rowTopic(s, refs, topic)
	topic = st.lineTopic(s, refs, topic)
	st.decide(s, e, refs, topic)
	st.ownPlace(s, e, refs, topic)
	st.ownStory(s, e, refs, topic)
	st.recordParticulars(s, e, refs)
	st.placeAfterName(refs)
	st.placeAfterRole(s, e)
	st.message(s, e, refs)
	st.learnGender(refs, topic)
	for _, r := range refs {
		if r.kind != refFirst && r.kind != refSecond && r.who != whoNone {
			st.recent = append(st.recent, r)
		}
	}
	if n := len(st.recent); n > 12 {
		st.recent = append(st.recent[:0], st.recent[n-8:]...)
	}
	st.lastStart = s
	if topic.kind != 0 {
		st.prev, st.prevAt = topic, st.block
		st.opener = topic.kind == refName && st.sentStart == topic.start && alone(refs, topic)
	}
}

// alone reports whether the sentence's referents are its topic and no one
// else but the writer and the reader.
func alone(refs []referent, topic referent) bool {
	for _, r := range refs {
		if r.start != topic.start && r.kind != refFirst && r.kind != refSecond {
			return false
		}
	}
	return true
}

// mainClause is where the sentence's main clause starts, and the index of
// its first referent: after a fronted clause that opens with a word of the
// pack's about-fronting list and ends at a comma ("While <requester> was
// drawing, Mum told me …": the topic is Mum), else the sentence's start.
func (st *aboutState) mainClause(s, e int, refs []referent) (int, int) {
	text := st.c.d.Text
	w := s
	for w < e && isWordByte(text[w]) {
		w++
	}
	if w == s || !st.w.fronting[strings.ToLower(text[s:w])] {
		return s, 0
	}
	k := strings.Index(text[w:e], ", ")
	if k < 0 {
		return s, 0
	}
	ms := w + k + 2
	i := 0
	for i < len(refs) && refs[i].start < ms {
		i++
	}
	if i == len(refs) {
		return s, 0
	}
	return ms, i
}

// sentenceTopic is who the sentence is about: a referent among its first
// words (a label that starts it: "Sam: …", a genogram or composition line
// "Sam — 1990 — …"), else, when the sentence has no subject of its own
// ("missed his appointment", "Treated for …"), the previous sentence's
// topic — surely within a paragraph, only perhaps across one.
func (st *aboutState) sentenceTopic(s int, refs []referent) referent {
	if st.writersAction(s) {
		return referent{} // "Advised her that …", "Discussed with <name>: …": what the writer did
	}
	if len(refs) > 0 && st.wordsBetween(s, refs[0].start) <= 3 {
		// a possessive that owns a person named right after it is not
		// whom the sentence is about: "<name>'s nephew <Name> has been
		// sent …" is about the nephew
		if len(refs) > 1 && refs[1].kind == refName && possessiveAt(st.c.d.Text, refs[0]) &&
			st.wordsBetween(refs[0].end, refs[1].start) <= 2 {
			return refs[1]
		}
		return refs[0]
	}
	if st.prev.kind == 0 || !subjectless(st.c.d.Text[s:], st.c.e.reg.words.Function) {
		return referent{}
	}
	p := st.prev
	p.start, p.end = s, s
	if st.prevAt != st.block {
		p.unsure = true
	}
	return p
}

// lineTopic is the topic of a sentence in a record line that names no one
// near its start: the person the line opens with, when a record
// separator follows their name ("<name> — <date> — sister. Lives alone;
// has ADHD.", "<name> (14): asthma"). A genogram or family list written
// as paragraphs is read as its table would be (rowTopic).
func (st *aboutState) lineTopic(s int, refs []referent, topic referent) referent {
	text := st.c.d.Text
	opens := len(refs) > 0 && refs[0].kind == refName && refs[0].who != subjectIdx && st.wordsBetween(s, refs[0].start) == 0 &&
		recordSeparated(text[refs[0].end:min(len(text), refs[0].end+60)])
	return st.carried(s, refs, topic, &st.lineWho, opens)
}

// carried is the topic of a sentence in a stretch whose sentences are all
// about one person (a table row, a record line) when it names no one near
// its start: *who, which the first sentence that opens the stretch with a
// name sets.
func (st *aboutState) carried(s int, refs []referent, topic referent, who *referent, opens bool) referent {
	if who.kind == 0 {
		if opens {
			*who = refs[0]
		}
		return topic
	}
	if len(refs) > 0 && st.wordsBetween(s, refs[0].start) <= 3 {
		return topic // the sentence names its own topic
	}
	t := *who
	t.start, t.end, t.unsure = s, s, false
	return t
}

// recordSeparated reports whether the text after a name goes on as a
// record line: an optional bracket ("(known as Ned)", "(14)"), then a dash
// or a colon.
func recordSeparated(after string) bool {
	a := strings.TrimLeft(after, " ")
	if strings.HasPrefix(a, "(") {
		k := strings.IndexByte(a, ')')
		if k < 0 {
			return false
		}
		a = strings.TrimLeft(a[k+1:], " ")
	}
	for _, sep := range []string{"— ", "– ", "- ", ": ", "—", "–"} {
		if strings.HasPrefix(a, sep) {
			return true
		}
	}
	return false
}

// writersAction reports whether a sentence opens on what its writer did,
// their subject left out as a note leaves it: a verb in the past (a
// capitalised first word a participle could be) and then the person it
// was done to or with — an object pronoun or a person right after it
// ("Advised her that …", "Visited <name> at home"), or after "with" or
// "to" ("Discussed with <name>: …", "Spoke to <name>"). That person is
// not the sentence's topic, and neither is the sentence before's: a
// passive note ("Seen by <name>", "Treated for …") is neither.
func (st *aboutState) writersAction(s int) bool {
	text := st.c.d.Text
	if !subjectless(text[s:], st.c.e.reg.words.Function) {
		return false
	}
	toks := st.c.toks
	k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= s })
	if k+1 >= len(toks) || !capitalised(text[toks[k].start:toks[k].end]) ||
		strings.ContainsAny(text[toks[k].end:toks[k+1].start], ".,;:!?\n") {
		return false // a note in lower case ("missed …"), or a participle set before its clause
	}
	next := toks[k+1]
	if w := fold(text[next.start:next.end]); w == "with" || w == "to" {
		if k+2 >= len(toks) || strings.ContainsAny(text[next.end:toks[k+2].start], ".,;:!?\n") {
			return false
		}
		next = toks[k+2]
	}
	return objectWord(st.c.e, st.c.e.reg, text, next.start, next.end) || st.c.personAt(next.start)
}

// personAt reports whether a person the document names (a third party,
// a member of staff or the requester) starts at off.
func (c *docCtx) personAt(off int) bool {
	for _, ms := range [][]mention{c.mentions, c.staff} {
		i := sort.Search(len(ms), func(i int) bool { return ms[i].start >= off })
		if i < len(ms) && ms[i].start == off {
			return true
		}
	}
	i := sort.SearchInts(c.subjAt, off)
	return i < len(c.subjAt) && c.subjAt[i] == off
}

// subjectless reports whether a sentence starts without a subject of its
// own: with a word in lower case (a note's "back on …", "missed …") or a
// participle ("Treated for …", "Seen at …").
func subjectless(sent string, function map[string]bool) bool {
	sent = strings.TrimLeft(sent, "-•*> \t")
	i := 0
	for i < len(sent) && (sent[i] >= 'a' && sent[i] <= 'z' || sent[i] >= 'A' && sent[i] <= 'Z') {
		i++
	}
	if i == 0 {
		return false
	}
	w := sent[:i]
	if w[0] >= 'a' && w[0] <= 'z' {
		return true
	}
	lw := strings.ToLower(w)
	// "During the session": a small word ending so is no participle
	return len(lw) > 4 && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")) && !function[lw]
}

// wordsBetween counts the words in text[a:b].
func (st *aboutState) wordsBetween(a, b int) int {
	if b <= a {
		return 0
	}
	n, in := 0, false
	for _, ch := range []byte(st.c.d.Text[a:b]) {
		sp := ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// clauseTopic is who the clause [cs, ce) holding a category word at kw is
// about: the possessive right before the word, else a referent in the
// clause before the word, else a label topic of
// the sentence, else a referent after the word, else the sentence's topic.
func (st *aboutState) clauseTopic(cs, ce, kw int, refs []referent, topic referent) referent {
	text := st.c.d.Text
	var after *referent
	var before *referent
	var opens *referent                                     // the subject opening the keyword's own clause: after "that", or what someone said
	defer func(here []referent) { st.here = here }(st.here) // sayer reads st.here; the sentence's stays as it was
	for i := range refs {
		r := &refs[i]
		if gap := strings.TrimSpace(text[min(r.end, kw):kw]); r.start >= cs && r.end <= kw && (gap == "" || gap == "own") &&
			(r.kind != refName || possessive(text[r.start:r.end])) && r.kind != refRole && r.kind != refGroup {
			return *r // the owner of the thing: "his lungs", "Sam's operation"
		}
		if r.start < cs || r.start >= ce {
			continue
		}
		if r.start < kw && before == nil {
			before = r
		}
		if r.start < kw && (r.kind == refName && !possessive(text[r.start:r.end]) || r.kind == refPronoun && subjectPronoun(text[r.start:r.end])) &&
			r.who != whoNone && (st.afterThat(r.start) || r.kind == refName && st.afterSaying(*r)) {
			opens = r // a clause of its own: "… and that Petra has started …"
		}
		if r.start < kw && r.kind == refGroup && st.w.household[r.word] && (st.afterThat(r.start) || st.afterSaying(*r)) {
			opens = r // "Robin says his family owe …"
		}
		if r.start < kw && r.kind == refRole {
			// "<requester> said his mum has relapsed", "… said mum has
			// relapsed", "… said the father has": what was said is about
			// the person named by role, from their owner or article on.
			whole := referent{start: r.start, end: r.end}
			if r.owner != nil {
				whole.start = r.owner.start
			} else if st.w.definite[r.det] {
				if b := strings.TrimRight(text[:r.start], " "); len(b) >= len(r.det) && fold(b[len(b)-len(r.det):]) == r.det {
					whole.start = len(b) - len(r.det)
				}
			}
			if st.afterThat(whole.start) || st.afterSaying(whole) {
				opens = r
			}
		}
		if r.start < kw && r.kind == refPronoun && r.who != whoNone {
			st.here = refs[:i]
			if _, _, ok := st.sayer(r.start); ok {
				opens = r // what someone said is about its own subject: "Sam said Jo told her [she …]"
			}
		}
		if r.start >= kw && after == nil {
			after = r
		}
	}
	if before != nil && opens == nil && before.kind == refPronoun && objectWord(st.c.e, st.c.e.reg, text, before.start, before.end) &&
		st.thatBetween(before.end, kw) {
		// "Advised her that the plan is for …": the one told is not what
		// the clause told them is about; a person in that clause is
		var next *referent
		for i := range refs {
			if r := &refs[i]; r.start > before.end && r.start < kw && r.start >= cs && st.thatBetween(before.end, r.start) {
				next = r
				break
			}
		}
		before = next
	}
	if before == nil && opens == nil {
		// "<name>, who has …": a relative clause is about the person
		// named right before it.
		if w := strings.TrimLeft(text[cs:kw], " "); strings.HasPrefix(w, "who ") || strings.HasPrefix(w, "whose ") {
			for i := len(refs) - 1; i >= 0; i-- {
				if r := refs[i]; r.end <= cs && strings.TrimSpace(text[r.end:cs]) == "," {
					return r
				}
			}
		}
	}
	if before != nil && opens == nil && topic.who == subjectIdx && topic.start < cs && before.kind == refPronoun &&
		objectPronoun(text[before.start:before.end]) {
		// "<requester> found him …, and then sat with him until the
		// ambulance came": an object is no clause's subject; the
		// requester's doing goes on.
		return topic
	}
	if before != nil && opens == nil && topic.kind != 0 && topic.start < cs && st.circumstance(cs, *before) {
		// "<requester> could not go home after Mum's operation": a
		// relative's event as the circumstance of the sentence's own
		// subject is that subject's story.
		return topic
	}
	switch {
	case opens != nil:
		return *opens
	case before != nil:
		return *before
	case topic.kind != 0 && topic.start < cs:
		return topic
	case after != nil:
		return *after
	case topic.kind == 0 && len(refs) > 0:
		return refs[0] // "Treated for depression; says she is well": the person the sentence names
	}
	return topic
}

// questionWord reports whether w opens an indirect question ("does not
// know who …", "… whether …").
func questionWord(w string) bool {
	switch w {
	case "who", "what", "where", "why", "how", "when", "whether", "if", "which", "whose":
		return true
	}
	return false
}

// objectPronoun reports whether w can only be a pronoun's object form.
func objectPronoun(w string) bool {
	switch strings.ToLower(w) {
	case "him", "them", "himself", "themselves":
		return true
	}
	return false
}

// circumstance reports whether the role noun r, in the possessive, opens
// the clause starting at cs after only a preposition of time or cause and
// its owner ("after Mum's operation", "following her nan's stroke"): a
// phrase, not a clause with a subject of its own.
func (st *aboutState) circumstance(cs int, r referent) bool {
	text := st.c.d.Text
	if r.kind != refRole || !possessive(text[r.start:r.end]) {
		return false
	}
	at := r.start
	if r.owner != nil {
		at = r.owner.start
	}
	pre := strings.ToLower(strings.TrimSpace(text[cs:at]))
	if pre == "" {
		// the clause break was the preposition itself (" after ")
		b := strings.TrimRight(text[:cs], " ")
		pre = strings.ToLower(b[strings.LastIndexAny(b, " \n\t")+1:])
	}
	switch pre {
	case "after", "following", "since", "before", "during", "because of", "due to", "over", "about", "despite":
		return true
	}
	return false
}

// decide suggests every sensitive clause of the sentence whose topic is a
// third party: redacted when the topic is sure, flagged when the requester
// is as likely.
func (st *aboutState) decide(s, e int, refs []referent, topic referent) {
	c := st.c
	text := c.d.Text
	type span struct {
		lo, hi int
		r      *rules.Rule
		who    referent
	}
	var spans []span
	for _, k := range c.keywordsIn(s, e) {
		r := st.w.ruleFor(c.e.keywordRules[k.e.person])
		if r == nil {
			continue
		}
		if st.subjectQuote(s, k.start, refs, topic) {
			continue // the requester's own words, quoted: their account stays
		}
		cs, ce := clauseAround(text, s, e, k.start, k.end)
		if c.ownStory(cs, ce) {
			continue // the requester's own writing, in the first person: their account stays
		}
		if c.agencyName(cs, ce) {
			continue // a chronology's "Source" cell, "Police": where it came from, not what a person did
		}
		t := st.clauseTopic(cs, ce, k.start, refs, topic)
		ce = st.requesterJoined(k.end, ce, refs, st.topicGender(t))
		if t.kind == refRole && t.start < k.end && k.start < t.end && (t.owner == nil || t.owner.who == subjectIdx) {
			// The category word is the person's own role noun ("the
			// adoptive parents will write"): naming the requester's
			// family is no fact about its private life. Another's
			// ("her sister's adoptive parents") is.
			continue
		}
		if t.kind == refGroup && st.w.household[t.word] && !c.namesService(k.end) {
			if ar := st.w.adultsRule(text[k.start:k.end]); ar != nil {
				r, t.who = ar, whoUnnamed // the household's money is its adults': "the family have rent arrears"
			}
		}
		if st.detached && t.kind == refPronoun && t.who == whoNone && len(c.mentions) > 0 {
			t.who, t.unsure = whoUnnamed, true
		}
		if !c.thirdParty(t) {
			continue
		}
		if st.jointWithRequester(t, refs) {
			continue // "Robin, his brother and his sister should be subject to …": the requester's as much as theirs
		}
		if st.w.shared[r.Category] && st.sharedWithRequester(t, k.end, ce, refs) {
			continue // "Gail is living with Robin": a tie with the requester is their story too
		}
		if st.requesterObject(t, k.start, refs) || st.w.doneTo[r.Category] && st.doneToRequester(k.end, refs) {
			continue // "the carer took Robin to hospital", "he punched Robin": what happened is the requester's
		}
		if t.start >= cs && t.start < k.start {
			// From the person on ("Sam's [mum missed …]"), from their
			// first mention in the clause ("[Mum to restart her
			// medication]", not "Mum to restart [her medication]"); after
			// a name, which stays an item of its own for the officer.
			for _, r := range refs {
				if r.start >= cs && r.start < t.start && r.who == t.who && r.who >= 0 && r.kind != refFirst && r.kind != refSecond {
					t = r
					break
				}
			}
			cs = t.start
			if t.kind == refName {
				cs = t.end
				for cs < ce && text[cs] == ' ' {
					cs++
				}
			}
		}
		ce = st.sameTopicClauses(s, e, ce, t, refs)
		if n := len(spans); n > 0 && spans[n-1].r == r && strings.Trim(text[min(spans[n-1].hi, cs):cs], " ,;:—–-") == "" {
			spans[n-1].hi = max(spans[n-1].hi, ce)
			continue
		}
		spans = append(spans, span{cs, ce, r, t})
	}
	if len(spans) == 0 {
		if !st.keptFromRequester(s, e, refs) {
			st.goesOn(s, e, refs)
		}
		st.last = nil
	} else {
		st.last = &sensitive{who: spans[len(spans)-1].who, r: spans[len(spans)-1].r}
	}
	for _, sp := range spans {
		person := sp.who.who
		if person < 0 {
			person = -1
		}
		cat := aboutCategory(sp.r.Category)
		if sp.who.unsure {
			c.add(sp.r, sp.lo, sp.hi, ScopeSpan, person, "check this: about "+st.whoLabel(sp.who)+", "+cat, 0.5, ActionFlag)
			continue
		}
		c.add(sp.r, sp.lo, sp.hi, ScopeSpan, person, "a sentence about "+st.whoLabel(sp.who)+" and their "+cat, 0, "")
	}
}

// agencyName reports whether text[s:e] is an agency's name and nothing
// else ("Police", "GP", "Family Court"): it says where something came
// from, not what anyone did, so it is no sentence about a person, and a
// redaction of it would be spread wherever the agency is named.
func (c *docCtx) agencyName(s, e int) bool {
	line := strings.Trim(c.d.Text[s:e], " \t\n.:;,")
	if line == "" || hasLowerWord(line) || len(strings.Fields(line)) > 4 {
		return false
	}
	_, body, ok := c.e.set.Agencies.Heading(line)
	return ok && body == 0
}

// subjectQuote reports whether off is inside a quotation in the sentence
// starting at s whose speaker — the last person named before it in the
// sentence, else the sentence's topic — is the requester.
func (st *aboutState) subjectQuote(s, off int, refs []referent, topic referent) bool {
	text := st.c.d.Text
	open := -1
	for i := s; i < off; {
		switch {
		case strings.HasPrefix(text[i:], "“"):
			open = i
			i += len("“")
		case strings.HasPrefix(text[i:], "”"):
			open = -1
			i += len("”")
		case text[i] == '"':
			if open >= 0 && text[open] == '"' {
				open = -1
			} else {
				open = i
			}
			i++
		default:
			i++
		}
	}
	if open < 0 {
		return false
	}
	speaker := topic
	for _, r := range refs {
		if r.start >= open {
			break
		}
		if r.who != whoSpeaker {
			speaker = r
		}
	}
	return speaker.who == subjectIdx
}

// sensitive is the last sentence's third party and category.
type sensitive struct {
	who referent
	r   *rules.Rule
}

// goesOn flags the clause of a sentence with no category word that goes
// on, by a pronoun, about the third party whose private life the sentence
// before was about, and does not turn to the requester ("He is back in hospital. They said he might not come
// home."): no lexicon settles it, so a person should.
func (st *aboutState) goesOn(s, e int, refs []referent) {
	if st.last == nil {
		return
	}
	for _, r := range refs {
		if r.who == subjectIdx || r.who == whoGroup {
			return // the requester's own story goes on
		}
	}
	text := st.c.d.Text
	other := false // another person named before the pronoun
	for _, r := range refs {
		if r.kind != refPronoun || !sameWho(r, st.last.who) {
			other = other || (r.kind == refName || r.kind == refRole) && !sameWho(r, st.last.who)
			continue
		}
		if other && !subjectPronoun(text[r.start:r.end]) {
			// "Her nan gave her a bracelet": after another person, an
			// object or possessive pronoun is that person's doing, not
			// the third party's story going on.
			return
		}
		_, ce := clauseAround(text, s, e, r.start, r.end)
		person := max(r.who, -1)
		st.c.add(st.last.r, r.start, ce, ScopeSpan, person,
			"check this: about "+st.whoLabel(st.last.who)+", "+aboutCategory(st.last.r.Category)+", going on from the sentence before", 0.5, ActionFlag)
		return
	}
}

// keptFromRequester flags a sentence with no category word that asks for
// something to be kept from the requester and names them ("Please don't
// mention this to <requester>; it is on our file only because …",
// "<requester> does not know"), straight after a sentence about a third
// party's private life: it refers back to that and tells the requester it
// exists. The frames are the packs' "kept-from-frames".
func (st *aboutState) keptFromRequester(s, e int, refs []referent) bool {
	if st.last == nil || len(st.w.keptFrom) == 0 {
		return false
	}
	if !st.namesRequester(s, e, refs) {
		return false
	}
	text := st.c.d.Text
	k := sort.Search(len(st.c.toks), func(i int) bool { return st.c.toks[i].start >= s })
	var words []string
	for ; k < len(st.c.toks) && st.c.toks[k].end <= e; k++ {
		words = append(words, rules.FoldWords(text[st.c.toks[k].start:st.c.toks[k].end]))
	}
	for _, f := range st.w.keptFrom {
		for i := 0; i+len(f) <= len(words); i++ {
			if slices.Equal(words[i:i+len(f)], f) {
				if j := i + len(f); j < len(words) && questionWord(words[j]) {
					continue // "<requester> does not know who paid": their own question, not a secret
				}
				st.c.add(st.last.r, s, e, ScopeSpan, max(st.last.who.who, -1),
					"check this: asks that something about "+st.whoLabel(st.last.who)+" ("+aboutCategory(st.last.r.Category)+
						", the sentence before) be kept from the requester", 0.5, ActionFlag)
				return true
			}
		}
	}
	return false
}

// sameTopicClauses extends a clause ending at hi over the next clauses of
// the sentence that go on about the same person ("…on sertraline, and she
// says it helps", "angina, awaiting a review", "drunk, asking for <name>"),
// over a name in apposition ("a new partner, <name>, who …"), stopping
// at one that turns to someone else: a person among its first two words.
func (st *aboutState) sameTopicClauses(s, e, hi int, t referent, refs []referent) int {
	text := st.c.d.Text
	for n := 0; n < 3 && hi < e; n++ {
		next := -1
		for _, b := range clauseBreaks {
			if strings.HasPrefix(text[hi:e], b) {
				next = hi + len(b)
				break
			}
		}
		if next < 0 {
			return hi
		}
		_, ce := clauseAround(text, s, e, next, next+1)
		if ce <= next {
			return hi
		}
		var first *referent
		for i := range refs {
			if refs[i].start >= next && refs[i].start < ce {
				first = &refs[i]
				break
			}
		}
		if first != nil && first.end > ce {
			return hi // a mention running past the clause's end: not a clause of its own
		}
		if first != nil && first.kind == refName && strings.Trim(text[next:first.start]+text[first.end:ce], " ,;") == "" {
			hi = ce // a name in apposition ("a new partner, <name>, who …"): what follows goes on
			continue
		}
		if first != nil && !sameWho(*first, t) && st.wordsBetween(next, first.start) <= 1 {
			return hi // turns to someone else
		}
		hi = ce
	}
	return hi
}

func sameWho(a, b referent) bool {
	if a.who == whoUnnamed || b.who == whoUnnamed {
		return a.who == b.who && a.word == b.word
	}
	return a.who == b.who && a.who >= 0
}

// whoLabel names a referent in a reason: the register label (filled in
// once labels are given) or the role word of a person the register lacks.
func (st *aboutState) whoLabel(r referent) string {
	switch {
	case r.who >= 0:
		return labelMark(r.who)
	case r.word == senderWord:
		return "the sender of a forwarded message"
	case r.kind == refRole:
		return "a person named only as a relation (" + r.word + ")"
	case r.kind == refGroup && r.who == whoUnnamed:
		return "the adults of the household (" + r.word + ")"
	}
	return "someone the text does not name"
}

// enterRow notes the table row of block b: a family composition or
// genogram table gives each person a row, and every cell of the row is
// about the person its first name cell names.
func (st *aboutState) enterRow(b aboutBlock) {
	row := ""
	if b.kind == record.BlockTableCell {
		if r, _, ok := cellPos(b.label); ok {
			row = r
		}
	}
	if row != st.row {
		st.row, st.rowWho = row, referent{}
	}
	st.author = row != "" && st.authorColumn(b.label)
}

// authorColumn reports whether the table cell labelled label lies in a
// column whose heading (the same column's cell in the table's first row)
// names who wrote the row: "By", "Recorded by", "Author".
func (st *aboutState) authorColumn(label string) bool {
	row, col, ok := cellPos(label)
	if !ok || len(st.w.authorCol) == 0 {
		return false
	}
	k := strings.LastIndexByte(row, 'r')
	head := row[:k] + "r1c" + strconv.Itoa(col)
	if head == label {
		return false
	}
	if st.authorHeads == nil {
		// Every table's first-row cells that head an author column, once.
		st.authorHeads = map[string]bool{}
		d := st.c.d
		for _, b := range d.Blocks {
			if r, _, ok := cellPos(b.Label); ok && strings.HasSuffix(r, "r1") &&
				st.w.authorCol[rules.FoldWords(strings.Trim(d.Text[b.Start:b.End], " \t\n:"))] {
				st.authorHeads[b.Label] = true
			}
		}
	}
	return st.authorHeads[head]
}

// rowTopic is the topic of a sentence in a table cell that names no one
// near its start ("COPD, on oxygen at night", "prescribed sertraline"):
// the person of its row. The row's first named person is recorded here.
func (st *aboutState) rowTopic(s int, refs []referent, topic referent) referent {
	if st.row == "" {
		return topic
	}
	// The name in a row's "By" cell is its author: the row's cells are not
	// about them.
	opens := len(refs) > 0 && refs[0].kind == refName && st.wordsBetween(s, refs[0].start) <= 3 && !st.author
	return st.carried(s, refs, topic, &st.rowWho, opens)
}

// requesterJoined returns where the clause holding a category word (ending
// at ce) stops when a clause of the requester's own is joined to it by
// "and" with no comma ("<name> has been excluded twice and she is trying
// to help him", she being the requester): at that "and". A pronoun opens
// the requester's clause only when it cannot be the clause's own person
// (tg, their gender): "her hip is sore and she is on the waiting list" goes
// on about her.
func (st *aboutState) requesterJoined(from, ce int, refs []referent, tg byte) int {
	text := st.c.d.Text
	for _, r := range refs {
		if r.start < from || r.start >= ce || r.who != subjectIdx {
			continue
		}
		if !(r.kind == refName && !possessiveAt(text, r) ||
			r.kind == refPronoun && subjectPronoun(text[r.start:r.end]) && tg != genderAny && r.gender != genderAny && r.gender != tg) {
			continue
		}
		gap := strings.TrimRight(text[:r.start], " ")
		gap = strings.TrimSuffix(gap, " that") // "… since his separation and that <requester> does …": a second thing said
		if strings.HasSuffix(gap, " and") && len(gap)-len(" and") >= from {
			return len(gap) - len(" and")
		}
	}
	return ce
}

// jointWithRequester reports whether t is named in one list with the
// requester ("Robin, his brother and his sister", "his sister and Robin"):
// the people of the list are one subject, and what is said of them is
// said of the requester too. A possessive is an owner, not one of the
// list ("Gail and Robin's dad").
func (st *aboutState) jointWithRequester(t referent, refs []referent) bool {
	text := st.c.d.Text
	startOf := func(r referent) int {
		if r.kind == refRole && st.ownerRightBefore(r) {
			return r.owner.start
		}
		return r.start
	}
	joined := func(a, b referent) bool { // a, then b, in one list
		g := strings.TrimSpace(text[a.end:startOf(b)])
		return g == "," || g == "and" || g == ", and" || g == "&"
	}
	i := -1
	for k := range refs {
		if refs[k].start == t.start && refs[k].end == t.end {
			i = k
		}
	}
	if i < 0 {
		return false
	}
	isRequester := func(r referent) bool { return r.who == subjectIdx && !possessiveAt(text, r) }
	for k := i; k > 0 && joined(refs[k-1], refs[k]); k-- {
		if isRequester(refs[k-1]) {
			return true
		}
	}
	for k := i; k+1 < len(refs) && joined(refs[k], refs[k+1]); k++ {
		if isRequester(refs[k+1]) {
			return true
		}
	}
	return false
}

// thatBetween reports whether "that", "whether" or "if" opens a clause
// between a and b.
func (st *aboutState) thatBetween(a, b int) bool {
	toks := st.c.toks
	for k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= a }); k < len(toks) && toks[k].end <= b; k++ {
		switch fold(st.c.d.Text[toks[k].start:toks[k].end]) {
		case "that", "whether", "if":
			return true
		}
	}
	return false
}

// afterThat reports whether the word before off is "that", "whether" or
// "if": the referent at off is the subject of a clause of its own ("she
// said … and that Sam has …", "she asked whether Sam could …").
func (st *aboutState) afterThat(off int) bool {
	text := st.c.d.Text
	e := off
	for e > 0 && text[e-1] == ' ' {
		e--
	}
	for _, w := range []string{"that", "whether", "if"} {
		if n := len(w); e >= n && strings.EqualFold(text[e-n:e], w) && (e == n || !isWordByte(text[e-n-1])) {
			return true
		}
	}
	return false
}

// afterSaying reports whether a name opens what someone says or knows,
// with no "that": a verb of saying or knowing (the packs' about-saying and
// about-knowing) right before it, or with whom it was told between ("told
// me Jo has …"), and a verb after it, not a pronoun ("Sam says Jo has been
// …", "just to let you know Jo was …"; not "Sam told Jo she …", where Jo
// was told).
func (st *aboutState) afterSaying(r referent) bool {
	text := st.c.d.Text
	e := r.start
	for e > 0 && text[e-1] == ' ' {
		e--
	}
	b := e
	for b > 0 && isWordByte(text[b-1]) {
		b--
	}
	if told[fold(text[b:e])] {
		// "told me Jo has been …": whom it was told to, then the verb
		for e = b; e > 0 && text[e-1] == ' '; e-- {
		}
		for b = e; b > 0 && isWordByte(text[b-1]); b-- {
		}
	}
	if b == e || !st.w.saying[fold(text[b:e])] && !st.w.knowing[fold(text[b:e])] {
		return false
	}
	a := r.end
	for a < len(text) && text[a] == ' ' {
		a++
	}
	if a < len(text) && text[a] == '(' { // an age or a role in brackets: "Jo (12) has …"
		if k := strings.IndexByte(text[a:min(len(text), a+40)], ')'); k > 0 {
			a += k + 1
			for a < len(text) && text[a] == ' ' {
				a++
			}
		}
	}
	z := a
	for z < len(text) && isWordByte(text[z]) {
		z++
	}
	next := text[a:z]
	if next == "" || !isLowerASCII(next) || st.w.object[next] {
		return false // "told Jo about …", "tell his brother about …": Jo was told
	}
	_, pron := st.w.pronoun[fold(next)]
	return !pron
}

// subjectPronoun reports whether w is a pronoun that can open a clause as
// its subject (she, he, they), not an owner or object (her, his, them).
func subjectPronoun(w string) bool {
	switch fold(w) {
	case "she", "he", "they":
		return true
	}
	return false
}

// told are the object pronouns that may stand between a verb of saying and
// what was said ("told me", "told us"); "her" is left out, as "told her
// nan" names whom.
var told = map[string]bool{"me": true, "us": true, "him": true, "them": true}
