package suggest

import (
	"regexp"
	"sort"
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// The requester's own contact details: the address and phone number in the
// signature of a message the requester wrote (the lines under their name at
// the end of an e-mail from an address known as theirs) are theirs. Every occurrence of them in
// the record — "moved into her own tenancy at …", a pathway plan's contact
// box — stays, as their name does. Only the signature counts: what a
// requester writes about somebody else's home in the body is not theirs.

// signatureLines is how many lines under the sender's name form a
// signature.
const signatureLines = 6

// subjectContacts returns the requester's address and phone forms found in
// the signatures of the messages they wrote, folded to letters and digits.
func (e *engine) subjectContacts() map[string]bool {
	out := map[string]bool{}
	for i := range e.rec.Documents {
		d := &e.rec.Documents[i]
		if d.Email == nil || len(d.Email.From) == 0 || !e.subjectEmails[strings.ToLower(d.Email.From[0].Email)] {
			continue
		}
		sig := e.signature(d.Text)
		for _, r := range e.spanRules {
			if r.Category != "third_party_contact" || strings.Contains(r.ID, "email") {
				continue
			}
			for _, sp := range r.Detector.Find(sig) {
				if a := alnum(sig[sp.Start:sp.End]); len(a) >= 6 {
					out[a] = true
				}
			}
			// "I live at …", "phone me on …": the writer's own, in the body.
			for _, sp := range r.Detector.FindNear(d.Text, nearRadius) {
				if ownFrame(e.set.People, d.Text, sp.Start) {
					if a := alnum(d.Text[sp.Start:sp.End]); len(a) >= 6 {
						out[a] = true
					}
				}
			}
		}
	}
	// The requester's own phone and address as subject.json or their
	// persons.json entry gives them.
	for _, v := range []string{e.rec.Subject.Phone, e.rec.Subject.Address} {
		if a := alnum(v); len(a) >= 6 {
			out[a] = true
		}
	}
	e.residenceContacts(out)
	return out
}

// residenceContacts adds to out the addresses a residence frame introduces
// in a sentence whose subject is the requester by name ("Robin signed the
// tenancy for Flat 2, 19 Mill Court", "Robin has her own tenancy at …"):
// where the requester lives is theirs. The name must be the sentence's
// subject — no possessive ("Robin's mum lives at"), no relative word, "who"
// or third party between it and the frame. Only documents holding a frame
// are read.
func (e *engine) residenceContacts(out map[string]bool) {
	frames := e.set.List("residence-frames")
	if len(frames) == 0 {
		return
	}
	var addr []*rules.Rule
	for _, r := range e.spanRules {
		if r.Category == "third_party_contact" && !strings.Contains(r.ID, "email") {
			addr = append(addr, r) // as the signature's: every contact rule but e-mail's
		}
	}
	for i := range e.rec.Documents {
		t := e.rec.Documents[i].Text
		for _, f := range frames {
			for off := 0; ; {
				k := strings.Index(t[off:], f)
				if k < 0 {
					break
				}
				at := off + k
				off = at + len(f)
				if !e.subjectBefore(t, at) {
					continue
				}
				end := off + strings.IndexByte(t[off:]+"\n", '\n')
				seg := t[off:min(end, off+160)]
				for _, r := range addr {
					for _, sp := range r.Detector.Find(seg) {
						if flatGap.MatchString(strings.ToLower(seg[:sp.Start])) {
							if a := alnum(seg[sp.Start:sp.End]); len(a) >= 6 {
								out[a] = true
							}
						}
					}
				}
			}
		}
	}
}

// subjectBefore reports whether the sentence before off names the
// requester as its subject: one of their name words, capitalised and not
// possessive, with at most eight words and no family word, "who", "whose"
// or pronoun-led clause between it and off.
func (e *engine) subjectBefore(t string, off int) bool {
	lo := max(0, off-160)
	seg := t[lo:off]
	if i := strings.LastIndexAny(seg, ".!?\n"); i >= 0 {
		seg = seg[i+1:]
	}
	toks := tokenize(seg)
	for k := len(toks) - 1; k >= 0 && k >= len(toks)-10; k-- {
		w := seg[toks[k].start:toks[k].end]
		fw := fold(w)
		switch {
		case fw == "who" || fw == "whose" || fw == "which" || e.reg.words.Family[fw] != "" || e.reg.words.Family[strings.TrimSuffix(fw, "'s")] != "":
			return false
		case capitalised(w) && e.reg.subjectTok[fw]:
			return !strings.HasPrefix(seg[toks[k].end:], "'s") && !strings.HasPrefix(seg[toks[k].end:], "’s")
		case capitalised(w) && k > 0 && !e.reg.words.Function[fw]:
			return false // another name or place before the frame: its sentence
		}
	}
	return false
}

// ownFrame reports whether a first-person frame comes just before off in the
// same line ("… and I live at <address>"), with at most a flat number
// between ("I live at Flat 2, <address>").
func ownFrame(v *rules.People, text string, off int) bool {
	lo := max(0, off-60)
	before := strings.ToLower(strings.ReplaceAll(text[lo:off], "’", "'"))
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	for _, f := range v.OwnFrames {
		f = strings.TrimRight(f, ":")
		if i := strings.LastIndex(before, f); i >= 0 && flatGap.MatchString(before[i+len(f):]) {
			return true
		}
	}
	return false
}

// flatGap is what may stand between a frame and the address it introduces.
var flatGap = regexp.MustCompile(`^[ :,]*(?:(?:flat|apartment|apt|unit)\s+[0-9a-z/]+[ ,]*)?$`)

// signature is the lines under the last line that is the requester's name
// alone (their sign-off), or "" when the message has none.
func (e *engine) signature(text string) string {
	lines := strings.Split(strings.TrimRight(text, "\n "), "\n")
	for k := len(lines) - 1; k >= 0 && k >= len(lines)-signatureLines-1; k-- {
		if l := strings.TrimRight(strings.TrimSpace(lines[k]), ",."); l != "" && (e.reg.isSubjectName(l) || e.allSubjectWords(l)) {
			return strings.Join(lines[k+1:], "\n")
		}
	}
	return ""
}

// isSubjectContact reports whether a found contact detail (folded) is, or
// lies within, one of the requester's own.
func (e *engine) isSubjectContact(a string) bool {
	if len(a) < 6 || len(e.subjectContact) == 0 {
		return false
	}
	for c := range e.subjectContact {
		if strings.Contains(c, a) {
			return true
		}
	}
	return false
}

// allSubjectWords reports whether every word of a short line is one of the
// requester's name words (a sign-off by given name: "Robin").
func (e *engine) allSubjectWords(l string) bool {
	ws := e.reg.nameWords(l)
	if len(ws) == 0 || len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		if !e.reg.subjectTok[fold(w)] {
			return false
		}
	}
	return true
}

// staffOwnContact reports whether the contact detail at off is a member of
// staff's work contact: the document is one a member of the council's
// staff wrote (an e-mail from the council's domain, or a letter or note
// they sign off at its end) and the writer gives it as theirs ("contact me
// on …"), or it is given as the contact of a member of staff named just
// before it (staffNamedBefore). Staff acting in their role are not
// redacted, nor is the number given for their work.
func (c *docCtx) staffOwnContact(off int) bool {
	if c.e.opts.RedactStaff {
		return false
	}
	if c.staffNamedBefore(off) || councilTitleLabel(c.e.set.People, c.d.Text, off) {
		return true
	}
	if !ownFrame(c.e.set.People, c.d.Text, off) {
		return false
	}
	if d := c.d.Email; d != nil && len(d.From) > 0 {
		dom := domainOf(strings.ToLower(d.From[0].Email))
		return dom != "" && dom == c.e.reg.homeDomain
	}
	lines := strings.Split(strings.TrimRight(c.d.Text, "\n "), "\n")
	for k := len(lines) - 1; k >= 0 && k >= len(lines)-signatureLines-1; k-- {
		l := strings.TrimRight(strings.TrimSpace(lines[k]), ",.")
		if l == "" {
			continue
		}
		if i := c.e.reg.lookupFull(c.e.reg.nameWords(l)); i > subjectIdx && len(c.e.reg.nameWords(l)) >= 2 && c.e.reg.people[i].Staff() {
			return true
		}
	}
	return false
}

// staffNamedBefore reports whether the contact detail at off is given as
// the contact of the member of staff named last before it in its sentence
// ("your personal adviser is <name> and you can ring her on …", "<name>
// (social worker) on …"): no one else — a third party or the requester by
// name, a relationship word, the first person, "your" — stands between,
// and the words just before it introduce a contact ("on", "is", a colon).
func (c *docCtx) staffNamedBefore(off int) bool {
	text := c.d.Text
	i := sort.Search(len(c.staff), func(i int) bool { return c.staff[i].end > off }) - 1
	if i < 0 || off-c.staff[i].end > staffContactGap {
		return false
	}
	lo := c.staff[i].end
	gap := text[lo:off]
	if nl := strings.IndexByte(gap, '\n'); nl >= 0 {
		// a list of contacts, each name over its number: "<name> (PA)"
		// on one line, the number opening the next
		head, tail, _ := strings.Cut(gap, "\n")
		if strings.TrimSpace(tail) != "" || strings.TrimSpace(head) != "" && !titleOnly(c.e.set.People, head) {
			return false
		}
		return true
	}
	if sentenceEnd.MatchString(gap) {
		return false
	}
	if k := sort.Search(len(c.mentions), func(k int) bool { return c.mentions[k].end > lo }); k < len(c.mentions) && c.mentions[k].start < off {
		return false // a third party named between
	}
	if k := sort.SearchInts(c.subjAt, lo); k < len(c.subjAt) && c.subjAt[k] < off {
		return false // the requester named between
	}
	if rest, ok := titleApposition(c.e.set.People, gap); ok {
		if strings.TrimSpace(rest) == "" {
			return true // "<name>, Personal Adviser, 01632 …"
		}
		gap = rest // "<name> (my personal adviser), mobile 07700 …"
	}
	w := c.e.about
	last := ""
	for _, t := range tokenize(gap) {
		f := fold(gap[t.start:t.end])
		if hasKey(w.role, f) || w.first[f] || strings.HasPrefix(f, "your") || f == "ur" {
			return false
		}
		last = f
	}
	g := strings.TrimRight(gap, " \t")
	return strings.HasSuffix(g, ":") || strings.HasSuffix(g, "(") || contactIntro[last]
}

// titleApposition reads a job title set off after a name by a comma or
// a bracket, with a possessive before it or not ("<name>, Personal
// Adviser, …", "<name> (my social worker) …", "<name>, the leaving care
// worker: …"): it returns what follows the title and its closing comma or
// bracket.
func titleApposition(v *rules.People, gap string) (string, bool) {
	g := strings.TrimLeft(gap, " \t")
	if g == "" || g[0] != ',' && g[0] != '(' {
		return "", false
	}
	g = afterDeterminer(v, strings.TrimLeft(g[1:], " \t"))
	n := titleLen(v, g)
	if n == 0 {
		return "", false
	}
	g = strings.TrimLeft(g[n:], " \t")
	if g != "" && (g[0] == ',' || g[0] == ')') {
		g = g[1:]
	}
	return g, true
}

// afterDeterminer drops a first word that is one of the packs'
// determiners ("my social worker", "the personal adviser").
func afterDeterminer(v *rules.People, s string) string {
	if w, rest, ok := strings.Cut(s, " "); ok && v.Determiners[strings.ToLower(w)] {
		return rest
	}
	return s
}

// titleOnly reports whether s is a job title in apposition and nothing
// more ("(PA)", ", Social Worker").
func titleOnly(v *rules.People, s string) bool {
	rest, ok := titleApposition(v, s)
	return ok && strings.TrimSpace(rest) == ""
}

// councilTitleLabel reports whether the contact detail at off is labelled,
// on its line and in its sentence, by a council job title and a colon
// ("Personal Adviser: 0121 …", "Your social worker: …"): the number of
// that post, the council's own.
func councilTitleLabel(v *rules.People, text string, off int) bool {
	lo := max(0, off-staffContactGap)
	if i := strings.LastIndexByte(text[lo:off], '\n'); i >= 0 {
		lo += i + 1
	}
	label := text[lo:off]
	if m := sentenceEnd.FindAllStringIndex(label, -1); len(m) > 0 {
		label = label[m[len(m)-1][1]:]
	}
	label, ok := strings.CutSuffix(strings.TrimSpace(label), ":")
	if !ok {
		return false
	}
	label = afterDeterminer(v, strings.TrimSpace(label))
	council, _ := jobTitleKind(v, label)
	return council && titleLen(v, label) == len(label)
}

// titleLen is the length of the longest job title known (council or
// partner) at the start of s, or 0.
func titleLen(v *rules.People, s string) int {
	l := strings.ToLower(s)
	best := 0
	for _, list := range [][]string{v.CouncilTitles, v.PartnerTitles} {
		for _, t := range list {
			if len(t) > best && titleAt(l, t) {
				best = len(t)
			}
		}
	}
	return best
}

// staffContactGap is how far, in bytes, a member of staff's name may stand
// before the contact given as theirs.
const staffContactGap = 80

// contactIntro are the words that introduce a contact detail just before it.
var contactIntro = map[string]bool{"on": true, "is": true, "number": true, "mobile": true, "phone": true,
	"telephone": true, "tel": true, "at": true, "email": true, "e-mail": true}

// sentenceEnd is the end of a sentence inside a stretch of text.
var sentenceEnd = regexp.MustCompile(`[.!?]["')’”]*\s`)
