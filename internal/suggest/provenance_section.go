package suggest

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// maxSection bounds a section under one heading, so a heading whose
// section never ends cannot take the rest of a long document.
const maxSection = 8000

// bodyBlock is a block of the document's body (page headers and footers
// left out).
type bodyBlock struct {
	start, end int
	kind       record.BlockKind
}

func (c *docCtx) bodyBlocks() []bodyBlock {
	var out []bodyBlock
	if len(c.d.Blocks) == 0 {
		for _, b := range c.blocks2() {
			out = append(out, bodyBlock{b[0], b[1], ""})
		}
		return out
	}
	for _, b := range c.d.Blocks {
		if b.Kind != record.BlockHeader && b.Kind != record.BlockFooter {
			out = append(out, bodyBlock{b.Start, b.End, b.Kind})
		}
	}
	return out
}

// agencySections withholds what an agency contributed to a council
// document: the section under a heading naming it ("Police Scotland",
// "Health visitor", "Information from the school"), up to the next
// heading, and a paragraph or chronology entry opened by its speaker label
// ("POLICE: officers attended…"). A bare word the council also uses for
// its own headings ("Health", "Education") counts only when the section
// opens by attributing what follows to an agency, so a review's own
// "Health" section about the requester stays. A heading in a table cell
// is a column value (an attendee's agency, a chronology's source), not a
// section.
func (c *docCtx) agencySections() {
	a, p := c.e.set.Agencies, c.e.prov
	if a.Empty() || len(p.heading) == 0 || c.fromSubject() {
		return
	}
	text := c.d.Text
	bs := c.bodyBlocks()
	var attending map[string][]string
	attendingRead := false
	layout, layoutRead := false, false
	labels := func() bool { // laid out by labels (labelLayout)
		if !layoutRead {
			layout, layoutRead = c.labelLayout(bs), true
		}
		return layout
	}
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.start < c.carePlan {
			continue // the letterhead above a care-plan title (carePlanHead)
		}
		ls := leadIn(text, b.start, b.end)
		t, body, ok := a.Heading(text[ls:b.end])
		if !ok && b.kind != record.BlockTableCell {
			t, body, ok = c.localLabel(text[ls:b.end])
		}
		credited := false
		if !ok && b.kind != record.BlockTableCell {
			t, ok = c.creditedHeading(text[ls:b.end])
			credited = ok
		}
		if !ok && b.kind != record.BlockTableCell {
			t, ok = c.orgHeading(text[ls:b.end])
		}
		if !ok || c.e.reg.namesHome(text[ls:b.end]) {
			continue // the record holder's own name heads its own sections
		}
		if k := strings.Index(text[ls:b.end], ": "); body == 0 && !credited && k > 0 && b.kind != record.BlockTableCell && labelled(text[ls:b.end]) {
			body = k + 2 // a qualified label: "Education (school): what it said"
		}
		var speakers []string // officers of the agency who attended the meeting minuted
		generic := t.Generic
		if t.Generic {
			// A bare word the council uses too is the agency's when the
			// heading says so ("Health (shared by the health visitor)"), or
			// when one of its officers who attended speaks first under it.
			hl := text[ls:b.end]
			if body > 0 {
				hl = text[ls : ls+body]
			}
			if st, ok := staffTerm(a, hl); ok && st.Kind == t.Kind {
				t.Generic = false
			} else {
				if !attendingRead {
					attending, attendingRead = c.attendees(), true
				}
				speakers = attending[t.Kind]
				if len(speakers) > 0 && c.agencyLaidOut(bs, i) {
					// minutes set out by agency, the agency's officer
					// present: its bare heading is its section
					t.Generic = false
				}
			}
		}
		r := forAgency(p.heading, t.Kind)
		if body > 0 {
			j := i
			for c.wrapped() && j+1 < len(bs) && c.runsOn(bs[j].end) {
				j++
			}
			if t.Generic && !c.opensWithAttribution(ls+body, bs[j].end) && !c.opensWithAttendee(ls+body, bs[j].end, speakers) {
				continue
			}
			if b.kind != record.BlockTableCell {
				// A label heading what follows ("Section 2: Designated
				// teacher's comments") holds the paragraphs under it; one
				// opening a paragraph of its own ("Police update: officers
				// …") holds more only in minutes laid out by label.
				heads := !strings.ContainsAny(strings.TrimSpace(text[ls+body:bs[j].end]), ".!?")
				j = c.labelRun(bs, j, heads || labels())
			}
			c.add(r, b.start, bs[j].end, ScopeSection, -1, agencyWhy("what a partner agency said, after its speaker label", t), 0, "")
			i = j
			continue
		}
		if b.kind == record.BlockTableCell {
			// a table of agencies and what each said: the next cell of
			// the row is the agency's (a bare word only in minutes set out
			// by agency)
			if k, ok := c.rowNext(bs, i); ok && !t.Generic {
				c.add(r, bs[k].start, bs[k].end, ScopeSection, -1, agencyWhy("what a partner agency said, in the cell after its name", t), 0, "")
				i = k
			}
			continue
		}
		j := i + 1
		if credited {
			// a credited section is often a table (grades, targets): its
			// cells are the agency's up to the next heading outside it
			for j < len(bs) && (bs[j].kind == record.BlockTableCell || !c.headingAt(bs, j)) && bs[j].end-b.start <= maxSection {
				j++
			}
			if j > i+1 {
				c.add(r, b.start, bs[j-1].end, ScopeSection, -1, agencyWhy("section its heading credits to a partner agency", t), 0, "")
				i = j - 1
			}
			continue
		}
		for j < len(bs) && !c.headingAt(bs, j) && bs[j].end-b.start <= maxSection &&
			!(labels() && labelled(text[leadIn(text, bs[j].start, bs[j].end):bs[j].end])) {
			j++
		}
		if j == i+1 || !strings.ContainsAny(text[bs[i+1].start:bs[j-1].end], ".!?") ||
			t.Generic && !c.opensWithAttribution(bs[i+1].start, bs[j-1].end) && !c.opensWithAttendee(bs[i+1].start, bs[j-1].end, speakers) {
			continue // nothing under it but an address or list, or the council's own section
		}
		end := bs[j-1].end
		if generic {
			end = c.beforeRequesterSays(bs[i+1].start, end)
		}
		c.add(r, b.start, end, ScopeSection, -1, agencyWhy("section under a partner agency's heading", t), 0, "")
		i = j - 1
	}
}

// beforeRequesterSays returns where the first sentence of [s, e) that opens
// with the requester saying something starts ("<requester> said he is
// proud of …"), or e: under a bare heading the council shares with an
// agency ("Education"), the requester's own words after the agency's
// report are the council's record of them, not the agency's.
func (c *docCtx) beforeRequesterSays(s, e int) int {
	w := c.e.about
	if w == nil {
		return e
	}
	text := c.d.Text
	for _, sn := range c.sentences(text, s, e) {
		ls := leadIn(text, sn[0], sn[1])
		k := sort.Search(len(c.protected), func(k int) bool { return c.protected[k][0] >= ls })
		if k == len(c.protected) || c.protected[k][0] != ls {
			continue
		}
		if i := sort.SearchInts(c.subjAt, ls); i == len(c.subjAt) || c.subjAt[i] != ls {
			continue // protected, but not the requester's name
		}
		if v := wordAfter(text, c.protected[k][1], sn[1]); w.saying[fold(v)] {
			return sn[0]
		}
	}
	return e
}

// headingAt reports whether block j starts a new section: a heading block,
// or a short capitalised line that does not continue the sentence of the
// line before it.
func (c *docCtx) headingAt(bs []bodyBlock, j int) bool {
	b := bs[j]
	if b.kind == record.BlockHeading {
		return true
	}
	if c.wrapped() && j > 0 && c.runsOn(bs[j-1].end) {
		return false
	}
	if headingLike(c.d.Text[b.start:b.end], b.kind) {
		return true
	}
	// Another agency's heading ("Health (shared by the health visitor)")
	// ends the section before it.
	ls := leadIn(c.d.Text, b.start, b.end)
	_, body, ok := c.e.set.Agencies.Heading(c.d.Text[ls:b.end])
	return ok && body == 0
}

// runsOn reports whether the wrapped line ending at off continues on the next line.
func (c *docCtx) runsOn(off int) bool {
	t := c.d.Text
	return off < len(t) && t[off] == '\n' && continues(t, 0, off, len(t))
}

// opensWithAttribution reports whether the first sentence of [s, e) is an
// agency passing on what it knows.
func (c *docCtx) opensWithAttribution(s, e int) bool {
	ss := c.sentences(c.d.Text, s, e)
	if len(ss) == 0 {
		return false
	}
	_, ok := c.attributionAt(ss[0][0], ss[0][1])
	return ok
}

// attributions withholds sentences that pass on what an agency said: an
// attribution frame ("Police Scotland have recorded…", "the school say…",
// "<a partner agency's officer> reported that…"), at the sentence's start
// or after a colon ("E-mail from the SENCO: school report that…"), and the
// sentences after it that open the same way. The requester's own messages
// are theirs.
func (c *docCtx) attributions() {
	a, p := c.e.set.Agencies, c.e.prov
	if a.Empty() || len(p.attribution) == 0 || c.fromSubject() {
		return
	}
	text := c.d.Text
	for _, b := range c.blocks() {
		ss := c.sentences(text, b[0], b[1])
		for k := 0; k < len(ss); k++ {
			s, e := ss[k][0], ss[k][1]
			t, ok := c.attributionAt(s, e)
			if !ok {
				// a note's lead-in, then what the agency said: "E-mail from
				// the SENCO (on file): school report that …"
				if j := strings.Index(text[s:e], ": "); j > 0 {
					if t, ok = c.attributionAt(s+j+2, e); ok {
						s += j + 2
					}
				}
			}
			if !ok {
				continue
			}
			for k+1 < len(ss) {
				if _, more := c.attributionAt(ss[k+1][0], ss[k+1][1]); !more {
					break
				}
				k++
				e = ss[k][1]
			}
			c.add(forAgency(p.attribution, t.Kind), s, e, ScopeSpan, -1, agencyWhy("what a partner agency told the council", t), 0, "")
		}
	}
}

// attributionAt reads the sentence [s, e) as an attribution: by the
// vocabulary, or a register person working for a partner agency named at
// its start with an attribution verb after the name.
func (c *docCtx) attributionAt(s, e int) (rules.AgencyTerm, bool) {
	a := c.e.set.Agencies
	s = leadIn(c.d.Text, s, e)
	if t, _, ok := a.Attribution(c.d.Text[s:e]); ok && !c.e.reg.namesHome(c.d.Text[s:e]) {
		return t, true
	}
	if t, ok := c.localAttribution(s, e); ok {
		return t, true
	}
	i := sort.Search(len(c.mentions), func(i int) bool { return c.mentions[i].start >= s })
	if i < len(c.mentions) && c.mentions[i].start == s && c.mentions[i].end < e {
		m := c.mentions[i]
		if c.e.reg.people[m.person].Role == RolePartnerStaff {
			if _, ok := a.Reports(skipWhere(c.d.Text[m.end:e])); ok {
				return rules.AgencyTerm{Kind: "partner agency staff"}, true
			}
		}
	}
	return rules.AgencyTerm{}, false
}

// skipWhere skips, after an officer's name, where they are from: "from
// <Agency Name>", "of <Agency Name>", "at <Agency Name>" (its words
// capitalised) or a bracket ("(Police)"), so the verb after it is read:
// "<officer> from <Force> Police called to say that …".
func skipWhere(rest string) string {
	r := strings.TrimLeft(rest, " ")
	if strings.HasPrefix(r, "(") {
		if k := strings.IndexByte(r, ')'); k > 0 {
			return r[k+1:]
		}
		return rest
	}
	for _, w := range []string{"from ", "of ", "at "} {
		t, ok := strings.CutPrefix(r, w)
		if !ok {
			continue
		}
		n := 0
		for {
			f, more, _ := strings.Cut(t, " ")
			word := strings.TrimSuffix(f, ",")
			if word == "" || !capitalised(word) {
				break
			}
			t, n = more, n+1
			if word != f {
				break // a comma closes the name: "<officer> of <Agency>, rang to say"
			}
		}
		if n > 0 {
			return " " + t
		}
	}
	return rest
}

// leadIn skips what may come before a heading or sentence's first word: a
// date or number, a bullet, brackets and quotes ("30/09/2014 POLICE: …",
// "• The GP said…").
func leadIn(text string, s, e int) int {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:])
		if unicode.IsLetter(r) {
			return s
		}
		s += n
	}
	return s
}

// fromSubject reports whether the document is a message the requester sent
// or a piece whose first lines credit it to them (subjectByline): their own
// words are theirs to read, whatever they say an agency said.
func (c *docCtx) fromSubject() bool {
	d := c.d
	if d.Email != nil && len(d.Email.From) > 0 && c.e.subjectEmails[strings.ToLower(d.Email.From[0].Email)] {
		return true
	}
	if !c.byRead {
		c.byRead, c.byline = true, c.subjectByline()
	}
	return c.byline
}

// dashByline reports whether the line text[ls:le] is a title in the first
// person signed after a dash by the requester: "Things I cook -
// <requester>, March 2026", with no more than a date or a place after the
// name. A title in the third person ("Strategy Discussion – <requester>")
// names whom the document is about, not who wrote it.
func (c *docCtx) dashByline(ls, le int) bool {
	text := c.d.Text
	for _, dash := range []string{" - ", " – ", " — "} {
		k := strings.LastIndex(text[ls:le], dash)
		if k <= 0 || !c.firstPerson(ls, ls+k) {
			continue
		}
		at := ls + k + len(dash)
		i := sort.SearchInts(c.subjAt, at)
		if i == len(c.subjAt) || c.subjAt[i] != at {
			continue
		}
		end := at
		for _, p := range c.protected {
			if p[0] == at {
				end = max(end, p[1])
			}
		}
		rest := strings.Fields(strings.Trim(text[end:le], " ,."))
		if len(rest) > 3 {
			continue
		}
		lower := false
		for _, w := range rest {
			lower = lower || w[0] >= 'a' && w[0] <= 'z'
		}
		if !lower {
			return true
		}
	}
	return false
}

// firstPerson reports whether text[s:e] holds a word of the first person
// ("I", "my": the packs' about-first-person).
func (c *docCtx) firstPerson(s, e int) bool {
	w := c.e.about
	if w == nil {
		return false
	}
	k := sort.Search(len(c.toks), func(i int) bool { return c.toks[i].start >= s })
	for ; k < len(c.toks) && c.toks[k].end <= e; k++ {
		if w.first[fold(c.d.Text[c.toks[k].start:c.toks[k].end])] {
			return true
		}
	}
	return false
}

// subjectByline reports whether one of the document's first lines
// credits it to the requester: "by <requester>, for my life story book",
// "Written by <requester>", "<title> - <requester>, <date>". A poem, a letter or a story of theirs is their
// own writing even where, like a poem, it tells their life as "she".
func (c *docCtx) subjectByline() bool {
	text := c.d.Text
	for ls, n := 0, 0; ls < len(text) && n < 4; n++ {
		le := len(text)
		if k := strings.IndexByte(text[ls:], '\n'); k >= 0 {
			le = ls + k
		}
		line := text[ls:le]
		if f := strings.Fields(line); len(f) > 0 && len(f) <= 12 {
			if c.dashByline(ls, le) {
				return true
			}
			for _, cue := range []string{"by ", "By "} {
				k := strings.Index(line, cue)
				if k < 0 || k > 0 && line[k-1] != ' ' {
					continue
				}
				at := ls + k + len(cue)
				if i := sort.SearchInts(c.subjAt, at); i < len(c.subjAt) && c.subjAt[i] == at && !ownerAfter(text[at:le]) {
					return true
				}
			}
		} else if len(f) == 0 {
			n-- // blank lines do not count
		}
		ls = le + 1
	}
	return false
}

// ownerAfter reports whether the name opening s, before any comma, is an
// owner ("by Robin's social worker"): then someone else wrote it.
func ownerAfter(s string) bool {
	s, _, _ = strings.Cut(s, ",")
	for i, w := range strings.Fields(s) {
		if i >= 4 {
			break
		}
		if possessive(strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// creditedHeading reads a heading that credits its section to an agency
// in a closing bracket: "Attainment and targets (completed by school)",
// "Health needs (provided by the school nurse)" — an author cue (the
// packs' author-cues), then an agency or its officer.
func (c *docCtx) creditedHeading(line string) (rules.AgencyTerm, bool) {
	line = strings.TrimSpace(line)
	if !strings.HasSuffix(line, ")") || len(strings.Fields(line)) > 14 {
		return rules.AgencyTerm{}, false
	}
	open := strings.LastIndexByte(line, '(')
	if open <= 0 {
		return rules.AgencyTerm{}, false
	}
	inner := rules.FoldWords(line[open+1 : len(line)-1])
	a := c.e.set.Agencies
	for _, cue := range c.e.set.List("author-cues") {
		rest, ok := strings.CutPrefix(inner, cue+" ")
		if !ok || a.Council(rest) {
			continue
		}
		for _, t := range a.TermsIn(rest) {
			if !t.Council {
				t.Generic = false
				return t, true
			}
		}
	}
	return rules.AgencyTerm{}, false
}

// speakerSections withholds what a partner agency's officer said in
// minutes that set out each contribution after its speaker's name and a
// colon ("PC <surname>: …", "<First Last>: …", "<First Last> (Youth
// Justice): …"): the speaker is one the register holds as partner-agency
// staff, so the paragraph is their agency's, up to the next label or
// heading. A paragraph the council's own staff speak stays.
func (c *docCtx) speakerSections() {
	if len(c.e.prov.heading) == 0 || len(c.mentions) == 0 || c.fromSubject() {
		return
	}
	text := c.d.Text
	bs := c.bodyBlocks()
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.kind == record.BlockTableCell {
			continue
		}
		ls := leadIn(text, b.start, b.end)
		line := text[ls:b.end]
		colon := strings.Index(line, ": ")
		if colon <= 0 || colon > 80 || !labelled(line) {
			continue
		}
		k := sort.Search(len(c.mentions), func(k int) bool { return c.mentions[k].end > ls })
		if k == len(c.mentions) {
			continue
		}
		m := c.mentions[k]
		p := c.e.reg.people[m.person]
		if p.Role != RolePartnerStaff || m.end > ls+colon {
			continue
		}
		// Only a title before the name ("PC", "DC", "Dr") and a bracket
		// after it may stand in the label beside the speaker.
		before := strings.TrimSpace(text[ls:m.start])
		after := strings.TrimSpace(text[m.end : ls+colon])
		if len(strings.Fields(before)) > 1 || after != "" && !(strings.HasPrefix(after, "(") && strings.HasSuffix(after, ")")) {
			continue
		}
		j := i
		for c.wrapped() && j+1 < len(bs) && c.runsOn(bs[j].end) {
			j++
		}
		j = c.labelRun(bs, j, true)
		t := rules.AgencyTerm{Kind: "partner agency", Term: p.Agency}
		c.add(forAgency(c.e.prov.heading, t.Kind), b.start, bs[j].end, ScopeSection, m.person,
			agencyWhy("what a partner agency's officer said, after their name as speaker", t), 0, "")
		i = j
	}
}
