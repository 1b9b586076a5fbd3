package suggest

import (
	"sort"
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// nobody is the author or addressee of a message whose person is not
// known: never the requester (whose index is 0, a referent's zero value).
var nobody = referent{who: whoNone}

// region is a message inside a document and who wrote it: the e-mail's own
// body, a forwarded or quoted message, or a block running text introduces
// as someone's message ("text from her dad: …"). "I" in it is the author,
// "you" the addressee.
type region struct {
	start, end        int
	author, addressee referent // kind 0: not known
}

// messageRegions finds the messages of the document: each "From:" line of
// the e-mail's header or of a forwarded or quoted message opens one, up to
// the next message's separator or header, and so does a forwarded message
// whose header gives no address (forwardedHeaders); a message cue of the
// third-party-message rule followed by a person and a colon opens one up to
// the end of its block.
func (st *aboutState) messageRegions() []region {
	c := st.c
	text := c.d.Text
	var out []region
	if strings.Contains(text, "From:") {
		for _, m := range quotedFrom.FindAllStringIndex(text, -1) {
			lineEnd := m[1]
			if nl := strings.IndexByte(text[lineEnd:], '\n'); nl >= 0 {
				lineEnd += nl
			} else {
				lineEnd = len(text)
			}
			g := region{start: m[0], end: len(text), author: st.nameIn(m[0], lineEnd)}
			if n := quoteStart.FindStringIndex(text[lineEnd:]); n != nil {
				g.end = lineEnd + n[0]
			}
			if to := strings.Index(text[lineEnd:g.end], "To:"); to >= 0 && to < 300 {
				a := lineEnd + to
				b := a + strings.IndexByte(text[a:g.end]+"\n", '\n')
				g.addressee = st.nameIn(a, b)
			}
			out = append(out, g)
		}
	}
	for _, f := range c.forwards() {
		if f.hasAddr {
			continue // opened above by its address
		}
		start := f.body
		if f.from >= 0 {
			start = f.from
		}
		out = append(out, region{start: start, end: f.end, author: st.forwardedSender(f), addressee: st.greeted(f.body, f.end)})
	}
	if len(out) == 0 {
		if g, ok := st.letterTo(); ok {
			// A letter to the requester signed by a third party ("Love
			// from Auntie Sahra") is that person's: "I" in it is them.
			if sg, ok := st.signedLetter(); ok && sg.author.who != subjectIdx && sg.author.kind != 0 {
				g.start, g.end, g.author = sg.start, sg.end, sg.author
			}
			out = append(out, g)
		} else if g, ok := st.signedLetter(); ok {
			out = append(out, g)
		}
	}
	if w := st.w.message; w != nil {
		for _, k := range c.kw {
			if c.e.keywordRules[k.e.person] != w {
				continue
			}
			if g, ok := st.cueRegion(k); ok {
				out = append(out, g)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// greeted is whom a message's opening greets ("hi <name>", "hey <name>,",
// "dear <name>") in its first two lines, a person the document names: the
// "you" of the message. Else nobody.
func (st *aboutState) greeted(body, end int) referent {
	text := st.c.d.Text
	lim := min(end, body+200)
	for n, at := 0, body; n < 2 && at < lim; n++ {
		line, _, _ := strings.Cut(text[at:lim], "\n")
		if m := st.greetingIn(line); m != nil {
			if r := st.nameIn(at+m[1], at+len(line)); r.kind == refName && r.start == at+m[1] {
				return r
			}
		}
		at += len(line) + 1
	}
	return nobody
}

// salutation reports whether line is a name alone before a comma, as a
// message opens ("<Name>,", "<Name> <Name>,").
func salutation(line string) bool {
	f := strings.Fields(strings.TrimSuffix(strings.TrimSpace(line), ","))
	if len(f) == 0 || len(f) > 2 {
		return false
	}
	for _, w := range f {
		if !capitalised(w) || strings.ContainsAny(w, ".,;:!?") {
			return false
		}
	}
	return true
}

// greetingIn finds the greeting that opens line (the packs' greetings),
// or nil.
func (st *aboutState) greetingIn(line string) []int {
	if st.w.greeting == nil {
		return nil
	}
	return st.w.greeting.FindStringIndex(line)
}

// letterTo finds a letter to the requester ("Dear <their name>," near the
// top): "you" in it is the requester, and its author is whoever wrote the
// document, not a third party.
func (st *aboutState) letterTo() (region, bool) {
	text := st.c.d.Text
	head := text[:min(len(text), 800)]
	for off := 0; off < len(head); {
		i := strings.Index(head[off:], "Dear ")
		if i < 0 {
			break
		}
		at := off + i
		off = at + 5
		if at > 0 && text[at-1] != '\n' {
			continue
		}
		if r := st.nameIn(at+5, min(len(text), at+60)); r.who == subjectIdx && r.start == at+5 {
			return region{start: at, end: len(text), addressee: r, author: referent{who: whoSpeaker, kind: refFirst}}, true
		}
	}
	return region{}, false
}

// signedLetter finds a letter signed at its foot: it opens "Dear …" near
// the top and closes with a closing ("Love from", "Yours sincerely,") and
// a person's name on the next lines. Its body, from the line after the
// greeting to the closing, is the signer's message.
func (st *aboutState) signedLetter() (region, bool) {
	text := st.c.d.Text
	if len(st.w.closing) == 0 {
		return region{}, false
	}
	head := text[:min(len(text), 800)]
	dear := -1
	for off := 0; off < len(head); {
		i := strings.Index(head[off:], "Dear ")
		if i < 0 {
			break
		}
		if at := off + i; at == 0 || text[at-1] == '\n' {
			dear = at
			break
		}
		off += i + 5
	}
	if dear < 0 {
		// No greeting: a note written in the first person and signed
		// with a name alone ("To whoever reads my file … Sam") is the
		// signer's all the same.
		return st.signedNote()
	}
	start := strings.IndexByte(text[dear:], '\n')
	if start < 0 {
		return region{}, false
	}
	return st.signature(start+dear+1, len(text))
}

// signature finds the closing ("Love from", "Yours sincerely,") and the
// name signing the text [start, end) among its last four lines: the text
// from start to the closing is the signer's message.
func (st *aboutState) signature(start, end int) (region, bool) {
	text := st.c.d.Text[:end]
	if len(st.w.closing) == 0 {
		return region{}, false
	}
	// The closing is among the last four lines; the name follows it, on
	// the next line or after it on the same one ("Love from Nan xx").
	type span struct{ s, e int }
	var lines []span
	for s := max(start, len(text)-400); s < len(text); {
		e := strings.IndexByte(text[s:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += s
		}
		if strings.TrimSpace(text[s:e]) != "" {
			lines = append(lines, span{s, e})
		}
		s = e + 1
	}
	for k := len(lines) - 1; k >= 0 && k >= len(lines)-4; k-- {
		l := strings.TrimRight(strings.TrimSpace(text[lines[k].s:lines[k].e]), ",.!")
		if !st.w.closing[rules.FoldWords(l)] {
			if n := st.closingPrefix(l); n > 0 {
				at := lines[k].s + strings.Index(text[lines[k].s:lines[k].e], l) + n
				if who := st.nameIn(at, lines[k].e); who.kind != 0 {
					if who.kind == refRole && k+1 < len(lines) {
						// "Love from your big brother," over a name: the
						// name signs. A role noun says only how the writer
						// stands to the reader, and the requester may stand
						// so too: a name no one in the record has leaves the
						// writer unknown.
						if n := st.nameIn(lines[k+1].s, lines[k+1].e); n.kind == refName {
							who = n
						} else {
							who = nobody
						}
					}
					return region{start: start, end: lines[k].s, author: who}, true
				}
			}
			continue
		}
		if k+1 >= len(lines) {
			continue
		}
		if who := st.nameIn(lines[k+1].s, lines[k+1].e); who.kind != 0 {
			return region{start: start, end: lines[k].s, author: who}, true
		}
		return region{}, false
	}
	return region{}, false
}

// signedNote finds a note with no greeting signed at its foot: one of its
// last three lines is a person's name, after an optional closing ("Love,
// Sam", "Signed: S. Lee"), the lines below it, if any, give no more than
// the signer's post or organisation ("Northtown Council Fostering
// Service"), and its text speaks in the first person. The text above the
// signature is the signer's message: the requester's own story, or a third
// party's own words.
func (st *aboutState) signedNote() (region, bool) {
	c := st.c
	text := c.d.Text
	if c.d.Email != nil || len(text) > 20000 {
		return region{}, false
	}
	le := len(strings.TrimRight(text, " \t\n\r"))
	for n := 0; n < 3; n++ {
		ls := strings.LastIndexByte(text[:le], '\n') + 1
		if ls == 0 {
			return region{}, false
		}
		if who, ok := st.signatureLine(ls, le); ok {
			if !st.c.firstPerson(0, ls) {
				return region{}, false
			}
			return region{start: titleEnd(text[:ls]), end: ls, author: who}, true
		}
		if !postLine(text[ls:le]) {
			return region{}, false
		}
		le = len(strings.TrimRight(text[:ls], " \t\n\r"))
	}
	return region{}, false
}

// titleEnd is where the text after a note's title lines starts: a title
// ("Weekend notes - Sun 13th Sept") is a few words that end no sentence.
func titleEnd(text string) int {
	at := 0
	for at < len(text) {
		le := strings.IndexByte(text[at:], '\n')
		if le < 0 {
			return at
		}
		l := strings.TrimSpace(text[at : at+le])
		if n := len(strings.Fields(l)); n > 10 || n > 0 && strings.ContainsAny(l[len(l)-1:], ".!?") {
			return at
		}
		at += le + 1
	}
	return at
}

// signatureLine reads text[ls:le] as a signature: a person's name alone,
// after an optional closing, with no more after it than an initial ("Sam
// L.") or another field's label ("Signed: S. Lee. Date: 26/10/2018").
func (st *aboutState) signatureLine(ls, le int) (referent, bool) {
	text := st.c.d.Text
	at := ls
	if n := st.closingPrefix(strings.TrimRight(text[ls:le], ",.!")); n > 0 {
		at += n
	}
	who := st.nameIn(at, le)
	if who.kind != refName || strings.Trim(text[at:who.start], " ,:\t") != "" {
		return nobody, false
	}
	rest := strings.Trim(text[who.end:le], " .!x")
	switch {
	case rest == "", len(rest) == 1 && rest[0] >= 'A' && rest[0] <= 'Z':
		return who, true
	}
	if w, _, ok := strings.Cut(strings.TrimLeft(text[who.end:le], " ."), ":"); ok && capitalised(w) && !strings.Contains(w, " ") {
		return who, true // "<name>. Date: …"
	}
	return nobody, false
}

// postLine reports whether a line under a signature gives no more than a
// post or an organisation: a few capitalised words ("Senior Practitioner",
// "Northtown Council Fostering Service").
func postLine(l string) bool {
	f := strings.Fields(l)
	if len(f) == 0 || len(f) > 8 {
		return false
	}
	for _, w := range f {
		if !capitalised(w) && w != "of" && w != "and" && w != "for" && w != "the" && w != "&" {
			return false
		}
	}
	return true
}

// closingPrefix returns the length of the longest closing that opens the
// line l as whole words, followed by a comma, a colon or a space ("Love from Nan
// xx", "Love, Dad"), or 0.
func (st *aboutState) closingPrefix(l string) int {
	best := 0
	fl := rules.FoldWords(l)
	if len(fl) != len(l) {
		return 0 // spacing or case changed the length: offsets would not hold
	}
	for c := range st.w.closing {
		if len(c) > best && len(fl) > len(c) && strings.HasPrefix(fl, c) && (fl[len(c)] == ' ' || fl[len(c)] == ',' || fl[len(c)] == ':') {
			best = len(c)
		}
	}
	return best
}

// cueRegion reads "message from <person>:" (the person after the cue),
// "<person> wrote:" (the person before it) or "<person> sent her a text
// message, copied below:" (the person who sent it, first on the line) and
// returns the message after the colon: to the end of its block, or, when
// the colon ends the line, the block below it. A time or date between the
// person and the colon ("text from dad 12.05.20 22:14:") is no colon of the
// cue's.
func (st *aboutState) cueRegion(k match) (region, bool) {
	text := st.c.d.Text
	lineEnd := k.end + strings.IndexByte(text[k.end:]+"\n", '\n')
	colon := -1
	for i := k.end; i < lineEnd && i-k.end <= 60; i++ {
		if text[i] == ':' && (i+1 >= lineEnd || text[i+1] == ' ' || text[i+1] == '\t') {
			colon = i
			break
		}
	}
	if colon < 0 {
		return region{}, false
	}
	who := st.nameIn(k.end, colon)
	if who.kind == 0 {
		ls := strings.LastIndexByte(text[:k.start], '\n') + 1
		who = st.nameIn(ls, k.start)
		if who.kind == 0 || !sentBetween(text[who.end:k.start]) {
			return region{}, false
		}
	}
	start, end := colon+1, 0
	if strings.TrimSpace(text[colon+1:lineEnd]) == "" {
		if lineEnd >= len(text) {
			return region{}, false
		}
		start = lineEnd + 1
		_, end = st.c.blockAround(start)
	} else {
		_, end = st.c.blockAround(k.start)
	}
	if end <= start {
		return region{}, false
	}
	// A message given in quotation marks ends at the closing mark: what the
	// note says after it is the worker's again.
	q := start
	for q < end && (text[q] == ' ' || text[q] == '\t' || text[q] == '\n') {
		q++
	}
	for _, m := range [][2]string{{"\"", "\""}, {"“", "”"}} {
		if strings.HasPrefix(text[q:end], m[0]) {
			if c := strings.Index(text[q+len(m[0]):end], m[1]); c >= 0 {
				end = q + len(m[0]) + c + len(m[1])
			}
			break
		}
	}
	return region{start: start, end: end, author: who}, true
}

// sentBetween reports whether the words between a person and a message cue
// make the person its sender: nothing ("Jo wrote:"), or a sending verb
// ("Jo sent Sam a text message").
func sentBetween(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch w {
		case "sent", "posted", "left", "forwarded", "sends", "posts", "leaves":
			return true
		}
	}
	return false
}

// nameIn is the first person named in text[a:b]: a register name, or a
// role noun ("her dad") resolved as a referent; nobody when none is.
func (st *aboutState) nameIn(a, b int) referent {
	i := sort.Search(len(st.names), func(i int) bool { return st.names[i].start >= a })
	if i < len(st.names) && st.names[i].end <= b {
		r := st.names[i]
		r.gender = st.genderOf(r.who)
		return r
	}
	for _, r := range st.sentenceRefs(a, b) {
		if r.kind == refRole {
			st.resolve(&r, false)
			return r
		}
	}
	return nobody
}

// messages returns the document's messages (messageRegions), read once.
func (c *docCtx) messages() []region {
	if !c.regRead && c.e.about != nil {
		st := &aboutState{c: c, w: c.e.about, names: c.nameSpans(), gender: map[int]byte{}}
		c.regions = st.messageRegions()
	}
	c.regRead = true
	return c.regions
}

// ownStory reports whether the clause [s, e) is the requester telling of
// themself: it is in a message they wrote and speaks in the first person
// ("me and my ex split up in the spring"). A third party named in it stays
// an item of its own; the clause is the requester's story.
func (c *docCtx) ownStory(s, e int) bool {
	g := regionAt(c.messages(), s)
	if g == nil || g.author.who != subjectIdx || c.e.about == nil {
		return false
	}
	toks := c.toks
	for k := sort.Search(len(toks), func(i int) bool { return toks[i].start >= s }); k < len(toks) && toks[k].end <= e; k++ {
		if !c.e.about.first[fold(c.d.Text[toks[k].start:toks[k].end])] {
			continue
		}
		if ownerPronoun[fold(c.d.Text[toks[k].start:toks[k].end])] && c.ownsRelative(k, e) {
			continue // "my mum is in hospital again", "my little sister has stopped": about them, not the writer
		}
		return true
	}
	return false
}

// ownsRelative reports whether the possessive at token k owns a family
// word, after up to two describing words, before e ("my mum", "our little
// sister").
func (c *docCtx) ownsRelative(k, e int) bool {
	text, toks := c.d.Text, c.toks
	for q := k + 1; q < len(toks) && toks[q].end <= e && q <= k+3; q++ {
		if c.e.reg.words.Family[fold(text[toks[q].start:toks[q].end])] != "" {
			return true
		}
		if !c.e.reg.describing(text, toks[q]) {
			return false
		}
	}
	return false
}

// regionAt is the innermost message holding off, or nil.
func (st *aboutState) regionAt(off int) *region { return regionAt(st.regions, off) }

func regionAt(regions []region, off int) *region {
	var in *region
	for i := range regions {
		g := &regions[i]
		if g.start > off {
			break
		}
		if off < g.end {
			in = g
		}
	}
	return in
}

// message adds the sentence to the run of a third party's own words when
// it is in a message they wrote and not about the requester; a sentence
// about the requester (named, "you" to them, a pronoun resolved to them)
// ends the run and stays. Header lines end it too.
func (st *aboutState) message(s, e int, refs []referent) {
	g := st.regionAt(e - 1)
	if g != nil && g.start > s {
		s = e - len(strings.TrimLeft(st.c.d.Text[g.start:e], " ")) // a message that starts inside the line
	}
	if g == nil || g.author.kind == 0 || !st.c.thirdParty(g.author) || st.w.message == nil || headerLine(st.c.d.Text[s:e]) {
		st.flushRun()
		st.keptReq = false
		return
	}
	// a greeting line ("Sat Sri Akal <worker> Bhenji,") says hello, no more
	if line, rest, nl := strings.Cut(st.c.d.Text[s:e], "\n"); strings.HasSuffix(strings.TrimSpace(line), ",") && (st.greetingIn(line) != nil || salutation(line)) {
		if !nl || strings.TrimSpace(rest) == "" {
			return // the greeting alone
		}
		s += len(line) + 1
	}
	for _, r := range refs {
		// the requester, or someone of theirs ("phone call with her mum")
		if r.who == subjectIdx || r.owner != nil && r.owner.who == subjectIdx {
			st.flushRun()
			st.keptReq = true
			return
		}
	}
	if len(refs) == 0 && (st.keptReq && st.wordsBetween(s, e) <= 4 || g.addressee.kind != 0 && g.addressee.who == subjectIdx) {
		// a message to the requester: what names no one ("Happy
		// birthday!") is said to them; and a few words naming no one
		// right after a sentence about them go on about them ("She
		// showed me. Unknown numbers."), where a longer sentence is
		// likelier the writer's own, its "I" lost to a scan ("| have had
		// heart trouble")
		st.flushRun()
		return
	}
	st.keptReq = false
	if st.run[1] > 0 && !sameWho(st.runWho, g.author) {
		st.flushRun()
	}
	if st.run[1] == 0 {
		st.run[0], st.runWho = s, g.author
	}
	st.run[1] = e
}

// flushRun suggests the open run for withholding, flagged for the officer:
// what a third party wrote about themselves and others is theirs (DPA 2018
// Sch 2 Pt 3 para 16).
func (st *aboutState) flushRun() {
	if st.run[1] == 0 {
		return
	}
	who := st.runWho.who
	if who < 0 {
		who = -1
	}
	st.c.add(st.w.message, st.run[0], st.run[1], ScopeSpan, who,
		"written by "+st.whoLabel(st.runWho)+": their own words; consider withholding their message as a whole", 0, rules.ActionFlag)
	st.run = [2]int{}
}

// headerLine reports whether a line is a message header ("From: …").
func headerLine(line string) bool {
	line = strings.TrimLeft(line, "> \t")
	for _, h := range []string{"From:", "To:", "Cc:", "Sent:", "Date:", "Subject:"} {
		if strings.HasPrefix(line, h) {
			return true
		}
	}
	return false
}
