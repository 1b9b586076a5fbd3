package suggest

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// documentRules proposes withholding a whole document that came from a
// partner agency (restricted case note, sender's domain, letterhead or
// heading at the top) or that carries an exemption cue. A council document
// that merely mentions the police is not matched: markers must start a
// line within the document's head or be in its page header.
func (c *docCtx) documentRules(councilHead bool) {
	d := c.d
	head, headRead := "", false
	for _, r := range c.e.docRules {
		why := ""
		switch r.Detector.Kind {
		case rules.KindRestricted:
			if d.Restricted {
				why = "marked restricted in the case system"
			}
		case rules.KindSenderDomain:
			if d.Email != nil && len(d.Email.From) > 0 {
				why = c.e.partnerSender(r, d.Email.From[0].Email)
			}
		case rules.KindDocMarker:
			if d.Format == record.FormatCaseNote || councilHead {
				// A case note is the council's own entry: its title ("Contact
				// from police") is not a letterhead. Notes holding partner
				// information carry the case system's restricted flag. A
				// document headed as the council's is the council's, whatever
				// agency's heading comes near its top.
				continue
			}
			if !headRead {
				head, headRead = c.markerHead(), true
			}
			if c.partnerMarker(r, head) {
				why = "letterhead or heading at the top of the document"
			} else {
				for _, b := range d.Blocks {
					if b.Kind == record.BlockHeader && c.partnerMarker(r, d.Text[b.Start:b.End]) {
						why = "page header of the document"
						break
					}
				}
			}
		}
		if why == "" {
			continue
		}
		if r.Detector.Kind == rules.KindSenderDomain {
			c.addPartnerMessage(r, why)
		} else {
			c.add(r, 0, len(d.Text), ScopeDocument, -1, why, 0, "")
		}
	}
}

// addPartnerMessage withholds a message a partner agency sent: the whole
// document, or, when it quotes the council's own message below its reply,
// everything above that quote. What the council wrote is the council's,
// wherever it is quoted ("<worker> asked me to pass on that he …").
func (c *docCtx) addPartnerMessage(r *rules.Rule, why string) {
	text := c.d.Text
	if q := c.councilQuote(); q > 0 {
		c.add(r, 0, q, ScopeSection, -1, why+"; the council's own message quoted below it stays", 0, "")
		return
	}
	c.add(r, 0, len(text), ScopeDocument, -1, why, 0, "")
}

// councilQuote returns where the first message quoted in an e-mail's body
// starts when a member of the council sent it (its "On …, <name> <address>
// wrote:" line or "From:" header gives an address at the council's own
// domain) and no other quoted message comes before it; 0 when none.
func (c *docCtx) councilQuote() int {
	home, text := c.e.reg.homeDomain, c.d.Text
	if home == "" || c.d.Email == nil {
		return 0
	}
	body := 0 // below the message's own header lines
	for body < len(text) {
		le := strings.IndexByte(text[body:], '\n')
		if le < 0 || !headerLine(text[body:body+le]) {
			break
		}
		body += le + 1
	}
	n := quoteStart.FindStringIndex(text[body:])
	if n == nil {
		return 0
	}
	at := body + n[0]
	line := text[at:]
	if nl := strings.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	if m := emailIn.FindString(line); m != "" && domainOf(strings.ToLower(m)) == home {
		return at
	}
	return 0
}

// partnerSender says why a message from addr is a partner agency's under
// the sender_domain rule r — its domain is one of the rule's, or another
// public body's gov.uk domain — or "" when it is not: the requester's own
// addresses and the record holder's domain never are, whatever service the
// domain belongs to (a trust's hscni.net: home.go).
func (e *engine) partnerSender(r *rules.Rule, addr string) string {
	addr = strings.ToLower(strings.TrimSpace(addr))
	dom := domainOf(addr)
	switch home := e.reg.homeDomain; {
	case dom == "" || e.subjectEmails[addr] || dom == home:
		return ""
	case r.Detector.Matches(addr):
		return "sent from a partner agency's email domain"
	case r.Detector.OtherCouncils && strings.HasSuffix(dom, ".gov.uk") && home != "" && !strings.HasSuffix(dom, "."+home):
		return "sent from another public body's gov.uk domain"
	}
	return ""
}

// partnerMarker reports whether a document marker matches text on a line
// that does not name the record holder: "Between Loughside Health and
// Social Care Trust (Applicant) and …" near the top of a court order names
// the trust as a party (home.go), not as the health service that wrote it.
func (c *docCtx) partnerMarker(r *rules.Rule, text string) bool {
	for _, sp := range r.Detector.Find(text) {
		ls := strings.LastIndexByte(text[:sp.Start], '\n') + 1
		le := strings.IndexByte(text[sp.Start:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += sp.Start
		}
		if le < sp.End {
			le = sp.End
		}
		if !c.e.reg.namesHome(text[ls:le]) {
			return true
		}
	}
	return false
}

// headLines is how many opening lines of a document may hold its
// letterhead or title; a police force named further down is a table cell
// or a sentence of the council's own minutes, not who wrote the document.
const headLines = 5

// markerHead is the head a document marker is looked for in: the first
// headLines lines, leaving out table cells — a force or service named in
// an attendee table near the top is who came, not who wrote.
func (c *docCtx) markerHead() string {
	d := c.d
	if len(d.Blocks) == 0 {
		return docHead(d.Text)
	}
	var b strings.Builder
	n := 0
	for _, bl := range d.Blocks {
		if bl.Kind == record.BlockTableCell || strings.TrimSpace(d.Text[bl.Start:bl.End]) == "" || labelSentence(d.Text[bl.Start:bl.End]) {
			continue
		}
		b.WriteString(d.Text[bl.Start:bl.End])
		b.WriteByte('\n')
		if n++; n == headLines {
			break
		}
	}
	return b.String()
}

// docHead returns the document's first headLines non-blank lines, but
// for the paragraphs of minutes (labelSentence).
func docHead(t string) string {
	var b strings.Builder
	n := 0
	for rest := t; rest != "" && n < headLines; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if strings.TrimSpace(line) == "" || labelSentence(line) {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
		n++
	}
	return b.String()
}

// labelSentence reports whether a line is a speaker's label and what they
// said, to its full stop ("Eastshire Police: two calls were logged."): a
// paragraph of minutes, however early, and no letterhead.
func labelSentence(l string) bool {
	l = strings.TrimSpace(l)
	return l != "" && strings.IndexByte(".!?", l[len(l)-1]) >= 0 && labelled(l)
}

// sections proposes withholding a section of a council document that
// records what a partner agency said: a block starting "Police
// information:" or a heading such as "Health information" or "Information
// from partner agencies" up to the next heading.
func (c *docCtx) sections() {
	if len(c.e.sectionRules) == 0 {
		return
	}
	text := c.d.Text
	bs := c.blocks2()
	var body []bodyBlock // bs with their kinds, for minutes laid out by labels
	layout, layoutRead := false, false
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		bt := text[b[0]:b[1]]
		for _, r := range c.e.sectionRules {
			if !r.Detector.Matches(bt) {
				continue
			}
			end := b[1]
			cell := c.kindAt(b[0]) == record.BlockTableCell
			if cell && headingLike(bt, record.BlockTableCell) {
				// a table cell is its own section: the cell after an
				// attendee's or a chronology's "Health visitor" is another
				// column, not what the health visitor said
				break
			}
			if !layoutRead {
				body = c.bodyBlocks()
				layout, layoutRead = len(body) == len(bs) && c.labelLayout(body), true
			}
			if layout && !cell && labelled(text[leadIn(text, b[0], b[1]):b[1]]) {
				// minutes laid out by labels: the label's paragraph and
				// the unlabelled ones after it, up to the next label
				j := i
				for c.wrapped() && j+1 < len(body) && c.runsOn(body[j].end) {
					j++
				}
				end = body[c.labelRun(body, j, true)].end
			} else if len(strings.TrimSpace(bt)) <= 120 && !cell && !labelSentence(bt) {
				// a heading: the section runs to the next heading (or
				// label, in minutes laid out by labels); a label and what
				// the agency said, to its full stop, is a paragraph of its
				// own
				j := i + 1
				for ; j < len(bs); j++ {
					nt := text[bs[j][0]:bs[j][1]]
					if headingLike(nt, c.kindAt(bs[j][0])) || bs[j][1]-b[0] > 8000 || layout && labelled(nt) {
						break
					}
					end = bs[j][1]
				}
				if end == b[1] && headingLike(bt, c.kindAt(b[0])) {
					// a heading with nothing under it is a table cell
					// ("GP", "Health visitor" in an attendee list)
					break
				}
			}
			c.add(r, b[0], end, ScopeSection, -1, "section headed as information from a partner agency", 0, "")
			break
		}
	}
}

// blocks2 returns every block's range (lines included), or lines when the
// document has no blocks.
func (c *docCtx) blocks2() [][2]int {
	if len(c.d.Blocks) > 0 {
		out := make([][2]int, 0, len(c.d.Blocks))
		for _, b := range c.d.Blocks {
			if b.Kind == record.BlockHeader || b.Kind == record.BlockFooter {
				continue
			}
			out = append(out, [2]int{b.Start, b.End})
		}
		return out
	}
	var out [][2]int
	start := 0
	t := c.d.Text
	for i := 0; i <= len(t); i++ {
		if i == len(t) || t[i] == '\n' {
			if i > start {
				out = append(out, [2]int{start, i})
			}
			start = i + 1
		}
	}
	return out
}

// headingLike reports whether a block reads as a heading: marked so, or a
// short capitalised line without closing punctuation.
func headingLike(s string, kind record.BlockKind) bool {
	if kind == record.BlockHeading {
		return true
	}
	s = sectionNumber(strings.TrimSpace(s))
	if s == "" || len(s) > 60 || len(strings.Fields(s)) > 7 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	last := s[len(s)-1]
	if last == ':' {
		// a label on a line of its own ("Outcome:", "Police:") heads
		// what follows
		return len(strings.Fields(s)) <= 5
	}
	if last == ')' {
		// "Virtual School (<name>)": who wrote it, in brackets after the
		// heading's words
		open := strings.LastIndexByte(s, '(')
		return open > 0 && s[open-1] == ' ' && !strings.ContainsAny(s[open:], ".,;:!?") &&
			len(strings.Fields(s[open:])) <= 4 && headingLike(s[:open-1], kind)
	}
	return strings.IndexByte(".,;\"", last) < 0
}

// sectionNumber drops a heading's number: "6. Views" → "Views", "2.1)
// Health" → "Health". A date is no section number.
func sectionNumber(s string) string {
	i := 0
	for i < len(s) && i <= 6 && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' && i > 0) {
		i++
	}
	if i == 0 || i > 6 || i == len(s) {
		return s
	}
	if s[i] == ')' {
		i++
	} else if s[i-1] != '.' && i > 2 {
		return s // "2019 was …": a year, not a number
	}
	if i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		return strings.TrimLeft(s[i:], " \t")
	}
	return s
}

// kindAt returns the kind of the block starting at off ("" if none).
func (c *docCtx) kindAt(off int) record.BlockKind {
	bs := c.d.Blocks
	i := sort.Search(len(bs), func(i int) bool { return bs[i].Start >= off })
	if i < len(bs) && bs[i].Start == off {
		return bs[i].Kind
	}
	return ""
}
