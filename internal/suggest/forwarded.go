package suggest

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/disclose-sar/disclose/internal/rules"
)

// forwardSep is the line a mail or phone client puts above a message it
// forwards or copies: "---------- Forwarded message ---------",
// "-----Original Message-----", "-------- Forwarded text message --------",
// "---- Text message ----", "---- Facebook Messenger ----", "Begin
// forwarded message:".
var forwardSep = regexp.MustCompile(`(?mi)^[ \t>]*(?:` + forwardSepAlt + `)[ \t]*$`)

// forwardSepAlt is forwardSep's separators, which also end a quoted message.
// Besides the clients' own, a dashed line naming what was copied, in up to
// three words either side ("------ letter as received ------", "--- copy
// of her note ---"), opens one.
const forwardSepAlt = `-{2,}[ \t]*(?:original message|forwarded(?: text| e-?mail| sms)? message|(?:text|sms|whatsapp|facebook|messenger|instagram|snapchat|signal|telegram|tiktok)(?:[ \t]+(?:messenger|message|chat))*|(?:[a-z']+[ \t]+){0,3}` + copiedThing + `(?:[ \t]+[a-z']+){0,3})[ \t]*-{2,}|begin forwarded message:`

// copiedThing is what a separator or an introduction names as copied: a
// letter, a message, a note, a card, an e-mail, a text, a voicemail.
const copiedThing = `(?:letter|message|note|card|e-?mail|text|voicemail|transcript)s?`

// introducedFrom is an introduction above a copied message naming whom it
// is from ("Letter below from her mother", "a note from the father, copied
// below"): the person follows "from".
var introducedFrom = regexp.MustCompile(`(?i)\b` + copiedThing + `[ \t]+(?:(?:below|attached|copied below|as received|typed up)[ \t]+)?from[ \t]+`)

// forwarded is a message copied into a document below a forwardSep line.
type forwarded struct {
	from, fromEnd      int // its "From:" line, or -1
	nameStart, nameEnd int // the sender's display name in that line (empty when it gives none)
	hasAddr            bool
	body, end          int // its text after the header lines
	sep                int // the separator line's start
}

// forwardedHeaders lists the forwarded or copied messages in text: each
// separator, the header lines under it ("From:", "Sent:", "Received:"…),
// and the body up to the next message's separator or header.
func forwardedHeaders(text string) []forwarded {
	if !strings.Contains(text, "--") && !strings.Contains(text, "orwarded") {
		return nil
	}
	var out []forwarded
	for _, m := range forwardSep.FindAllStringIndex(text, -1) {
		f := forwarded{from: -1, sep: m[0]}
		p := m[1]
		if p < len(text) && text[p] == '\n' {
			p++
		}
		for p < len(text) {
			e := strings.IndexByte(text[p:], '\n')
			if e < 0 {
				e = len(text)
			} else {
				e += p
			}
			line := strings.TrimLeft(text[p:e], " \t>")
			if !headerLine(line) && !strings.HasPrefix(line, "Received:") {
				break
			}
			if strings.HasPrefix(line, "From:") && f.from < 0 {
				f.from, f.fromEnd = p, e
				f.nameStart, f.nameEnd, f.hasAddr = senderName(text, p+strings.Index(text[p:e], "From:")+len("From:"), e)
			}
			p = e + 1
		}
		for p < len(text) && (text[p] == '\n' || text[p] == ' ' || text[p] == '\t') {
			p++
		}
		f.body = min(p, len(text))
		f.end = len(text)
		if n := quoteStart.FindStringIndex(text[f.body:]); n != nil {
			f.end = f.body + n[0]
		}
		out = append(out, f)
	}
	return out
}

// senderName finds the display name in the rest of a "From:" line,
// text[a:b]: up to an address in angle brackets or bare, a phone number or
// a parenthesis naming the app ("Jo Smith (Facebook Messenger)"). hasAddr
// reports an e-mail address in the line.
func senderName(text string, a, b int) (int, int, bool) {
	line := text[a:b]
	hasAddr := strings.Contains(line, "@")
	cut := len(line)
	for i, r := range line {
		if r == '<' || r == '(' || r == '[' || r == '+' || r == '@' || unicode.IsDigit(r) {
			cut = i
			break
		}
	}
	if hasAddr && cut == len(line) {
		return a, a, true
	}
	s, e := a, a+cut
	for s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '"' || text[s] == '\'') {
		s++
	}
	for e > s && strings.ContainsRune(" \t\"',:-|", rune(text[e-1])) {
		e--
	}
	if hasAddr && strings.Contains(text[s:e], "@") {
		return s, s, true
	}
	return s, e, hasAddr
}

// forwardedSender is who sent a forwarded message with no e-mail address
// in its "From:" line (an e-mail address's sender is read from the
// address): a register person or relation named there, else a person the
// register lacks when the line gives a name — not the council's staff, not
// a mailbox or an agency. A separator with no "From:" line takes the
// sender from the body's first line when it introduces its writer ("hi
// its <name>", "this is <name>").
func (st *aboutState) forwardedSender(f forwarded) referent {
	c := st.c
	text := c.d.Text
	if f.from < 0 {
		line := text[f.body:f.end]
		if nl := strings.IndexByte(line, '\n'); nl >= 0 {
			line = line[:nl]
		}
		if i := selfIntro.FindStringIndex(line); i != nil {
			if r := st.nameIn(f.body+i[1], f.body+len(line)); r.kind != 0 && r.start <= f.body+i[1]+1 {
				return r
			}
		}
		// An app's copy heads each message with its sender and when
		// ("<Name>, 1 October 2019 at 21:47", "<Name> 21:47").
		if r := st.nameIn(f.body, f.body+len(line)); r.kind == refName && r.start == f.body && chatStamp.MatchString(text[r.end:f.body+len(line)]) {
			return r
		}
		// A letter or note signed at its foot ("Love from <name>") is
		// its signer's; else the line introducing it may say whose it is.
		if g, ok := st.signature(f.body, f.end); ok {
			return g.author
		}
		return st.introducer(f.sep)
	}
	if f.nameEnd <= f.nameStart {
		return nobody
	}
	if r := st.nameIn(f.nameStart, f.nameEnd); r.kind != 0 {
		return r
	}
	name := text[f.nameStart:f.nameEnd]
	if j := c.e.reg.senderPerson(name); j >= 0 { // "Smith, Jo"
		return referent{start: f.nameStart, end: f.nameEnd, who: j, kind: refName, gender: st.genderOf(j)}
	}
	if !c.e.reg.unknownSender(name, c.e.set.Agencies) {
		return nobody
	}
	return referent{start: f.nameStart, end: f.nameEnd, who: whoUnnamed, kind: refName, word: senderWord}
}

// senderWord marks a referent that is a forwarded message's sender the
// register does not know.
const senderWord = "\x00sender"

// introducer is whom the text just above a separator, within 300 bytes,
// says the copied message is from ("Letter below from the children's
// birth mother."): the person within 30 bytes after "from", in the same
// sentence. Else nobody.
func (st *aboutState) introducer(sep int) referent {
	text := st.c.d.Text
	a := max(0, sep-300)
	for _, m := range introducedFrom.FindAllStringIndex(text[a:sep], -1) {
		at := a + m[1]
		if r := st.nameIn(at, sep); r.kind != 0 && r.start-at <= 30 && !strings.ContainsAny(text[at:r.start], ".\n") {
			return r
		}
	}
	return nobody
}

// selfIntro is the words a message's writer introduces themself with.
// chatStamp is the rest of an app's message heading after the sender's
// name: a date or time and nothing more ("Jo Smith, 1 October 2019 at
// 21:47", "Jo Smith 21:47", "Jo Smith - Mon 3 May").
var chatStamp = regexp.MustCompile(`(?i)^[ \t]*[,\-–—:|]?[ \t]*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?[ \t]+)?(?:\d{1,2}(?:[:/.]\d{1,2})+|\d{1,2}(?:st|nd|rd|th)?[ \t]+[a-z]{3,9}(?:[ \t]+\d{4})?|[a-z]{3,9}[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?)(?:[ \t,]+(?:at[ \t]+)?\d{1,2}[:.]\d{2}(?:[ \t]*[ap]m)?)?[ \t]*$`)

var selfIntro = regexp.MustCompile(`(?i)(?:^|\b)(?:it'?s|it is|this is|i'?m|i am)[ \t]+`)

// unknownSender reports whether a forwarded message's display name is a
// person's that the register does not hold: one to three capitalised
// words, not a mailbox, an agency or one of the council's staff by their
// first name.
func (r *register) unknownSender(name string, ag *rules.Agencies) bool {
	name = displayName(name)
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
	}
	if mailboxName(r.words, name) || r.isSubjectName(name) || r.subjectShortName(name) {
		return false
	}
	if _, ok := ag.Sender(name, ""); ok {
		return false
	}
	first := fold(words[0])
	for _, p := range r.people {
		if w := r.personWords(p); p.Staff() && len(w) > 0 && fold(w[0]) == first {
			return false
		}
	}
	return true
}

// forwards returns the document's forwarded messages (forwardedHeaders),
// read once for its messages and its senders' names.
func (c *docCtx) forwards() []forwarded {
	if !c.fwdRead {
		c.fwd, c.fwdRead = forwardedHeaders(c.d.Text), true
	}
	return c.fwd
}

// forwardedSenders suggests the display name of a forwarded message's
// sender the register does not know ("From: Jo 07700 900000"): a third
// party named in the document, though nowhere else in the record.
func (c *docCtx) forwardedSenders() {
	if c.e.personRule == nil {
		return
	}
	for _, f := range c.forwards() {
		if f.from < 0 || f.hasAddr || f.nameEnd <= f.nameStart {
			continue
		}
		name := c.d.Text[f.nameStart:f.nameEnd]
		if j := c.e.reg.senderPerson(name); j >= 0 {
			// a known person written surname first ("Smith, Jo"), which
			// the name matcher does not read
			if strings.Contains(name, ",") && c.thirdParty(referent{who: j}) {
				c.add(c.e.personRule, f.nameStart, f.nameEnd, ScopeSpan, j, "named as the sender of a forwarded message: a third party", 0, "")
			}
			continue
		}
		if !c.e.reg.unknownSender(name, c.e.set.Agencies) {
			continue
		}
		c.add(c.e.personRule, f.nameStart, f.nameEnd, ScopeSpan, -1, "named as the sender of a forwarded message: a third party", 0, "")
	}
}

// addForwardSenders adds the senders of forwarded messages with no e-mail
// address whom the register lacks, named in full ("From: Jo Smith
// (Instagram)"), as third parties: their name is matched wherever the
// record uses it.
func (r *register) addForwardSenders(text string, ag *rules.Agencies) {
	for _, f := range forwardedHeaders(text) {
		if f.from < 0 || f.hasAddr || f.nameEnd <= f.nameStart {
			continue
		}
		name := displayName(text[f.nameStart:f.nameEnd])
		if len(r.nameWords(name)) < 2 || r.senderPerson(name) >= 0 || !r.unknownSender(name, ag) {
			continue
		}
		r.add(&Person{Name: name, Role: RoleOther, labelStem: "Person", Source: "forwarded message"})
	}
}

// senderPerson is the register person a forwarded message's display name
// names in full, in either order ("Jo Smith", "Smith, Jo"), or -1.
func (r *register) senderPerson(name string) int {
	return r.lookupFull(r.nameWords(displayName(name)))
}
