package suggest

import (
	"sort"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"

	"github.com/disclose-sar/disclose/internal/rules"
)

// Who wrote a document, read from its own words: the author line at its
// head ("by Dr Jo Bell, Clinical Psychologist", "Prepared by: …") and its
// sign-off ("Signed: J Bell, Designated Safeguarding Lead"). A document a
// partner agency's officer wrote is that agency's, though no letterhead
// names it. The cue words are the packs' "author-cues" list; a sign-off
// line that only copies the document to someone ("cc", "copy to") is no
// author's.

// authorLines is how many non-blank lines at the head and the foot are
// read for an author.
const authorLines = 8

// authorSource withholds a document whose author line or sign-off names a
// partner agency's officer, unless the document's head says the council
// wrote it.
func (c *docCtx) authorSource(council bool) {
	a, p := c.e.set.Agencies, c.e.prov
	if council || a.Empty() || len(p.letterhead) == 0 || c.d.Email != nil || c.d.Text == "" {
		return
	}
	head, foot := headFoot(c.d.Text, authorLines, 3)
	for k, l := range head {
		t, ok := c.authorLine(l)
		if !ok && k+1 < len(head) && c.bareCue(l) {
			// "Prepared by" as a label, its name and title on the next
			// line (a form's table cells come out one a line)
			t, ok = staffTerm(a, head[k+1])
		}
		if ok {
			c.add(forAgency(p.letterhead, t.Kind), 0, len(c.d.Text), ScopeDocument, -1, agencyWhy("written by a partner agency's officer", t), 0, "")
			return
		}
	}
	for _, l := range foot {
		if t, ok := c.signOff(l); ok {
			c.add(forAgency(p.letterhead, t.Kind), 0, len(c.d.Text), ScopeDocument, -1, agencyWhy("signed by a partner agency's officer", t), 0, "")
			return
		}
	}
	if t, why, ok := c.partnerAuthor(); ok {
		c.add(forAgency(p.letterhead, t.Kind), 0, len(c.d.Text), ScopeDocument, -1, agencyWhy(why, t), 0, "")
	}
}

// bareCue reports whether a head line is an author cue alone ("Prepared
// by", "Author:").
func (c *docCtx) bareCue(l string) bool { return c.cueBefore(l) }

// cueBefore reports whether the words before a name on its line are an
// author cue alone ("Prepared by: ", "Report author – ").
func (c *docCtx) cueBefore(before string) bool {
	f := strings.TrimRight(rules.FoldWords(before), " :-–—")
	for _, cue := range c.e.set.List("author-cues") {
		if f == cue {
			return true
		}
	}
	return false
}

// partnerAuthor finds the author by who they are rather than by their
// title: a person the register knows as a partner agency's officer (from
// persons.json or the record's own words), named on the document's
// author line (after a cue, or on the line after a cue standing alone) or
// on a short sign-off line among its last three, when the line names no
// council service. Their agency is read from their title, else from the
// agency the register gives them.
func (c *docCtx) partnerAuthor() (rules.AgencyTerm, string, bool) {
	text, a := c.d.Text, c.e.set.Agencies
	lines := nonBlankLines(text)
	if len(lines) == 0 {
		return rules.AgencyTerm{}, "", false
	}
	headEnd := lines[min(authorLines, len(lines))-1][1]
	footStart := lines[max(len(lines)-3, 0)][0]
	lineOf := func(at int) int {
		return sort.Search(len(lines), func(k int) bool { return lines[k][1] > at })
	}
	for _, m := range c.mentions {
		if m.start >= headEnd && m.start < footStart {
			continue
		}
		p := c.e.reg.people[m.person]
		if p.Role != RolePartnerStaff {
			continue
		}
		k := lineOf(m.start)
		if k >= len(lines) {
			continue
		}
		l := text[lines[k][0]:lines[k][1]]
		if a.Council(l) {
			continue
		}
		var why string
		switch {
		case m.start < headEnd && (c.cueBefore(text[lines[k][0]:m.start]) || k > 0 && c.bareCue(text[lines[k-1][0]:lines[k-1][1]])):
			why = "written by a partner agency's officer"
		case m.start >= footStart && c.signerLine(l):
			why = "signed by a partner agency's officer"
		default:
			continue
		}
		if t, ok := agencyOfPerson(a, p); ok {
			return t, why, true
		}
	}
	return rules.AgencyTerm{}, "", false
}

// signerLine reports whether a last line is a signature: short, and
// either unlabelled or labelled as one ("Signed:", "Name:"), not a copy
// list or what someone said.
func (c *docCtx) signerLine(l string) bool {
	f := strings.TrimRight(rules.FoldWords(l), " .,;")
	if len(strings.Fields(f)) > 10 || strings.HasPrefix(f, "cc") || strings.HasPrefix(f, "copy") || strings.HasPrefix(f, "distribution") {
		return false
	}
	if label, _, ok := strings.Cut(f, ":"); ok && label != "signed" && label != "name" && label != "signature" {
		return false
	}
	return true
}

// agencyOfPerson is the agency a partner officer works for, by their
// title or the agency the register gives them.
func agencyOfPerson(a *rules.Agencies, p *Person) (rules.AgencyTerm, bool) {
	if t, ok := staffTerm(a, p.Relationship); ok {
		return t, true
	}
	if t, ok := a.Letterhead(p.Agency); ok {
		return t, true
	}
	for _, t := range a.TermsIn(p.Agency + " " + p.Relationship) {
		if !t.Council {
			return t, true
		}
	}
	return rules.AgencyTerm{}, false
}

// nonBlankLines are the [start, end) offsets of text's lines that hold
// more than spaces.
func nonBlankLines(text string) [][2]int {
	var out [][2]int
	for at := 0; at < len(text); {
		end := strings.IndexByte(text[at:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += at
		}
		if strings.TrimSpace(text[at:end]) != "" {
			out = append(out, [2]int{at, end})
		}
		at = end + 1
	}
	return out
}

// authorLine reads a line of a document's head as "<author cue> <name>,
// <title>" with a partner agency's officer's title.
func (c *docCtx) authorLine(l string) (rules.AgencyTerm, bool) {
	f := rules.FoldWords(l)
	for _, cue := range c.e.set.List("author-cues") {
		if rest, ok := strings.CutPrefix(f, cue); ok && (rest == "" || rest[0] == ' ' || rest[0] == ':') {
			return staffTerm(c.e.set.Agencies, l)
		}
	}
	return rules.AgencyTerm{}, false
}

// signOff reads one of a document's last lines as its signer's: a short
// line ("Designated Safeguarding Lead", "Signed: J Bell, Health Visitor")
// whose title is a partner agency officer's.
func (c *docCtx) signOff(l string) (rules.AgencyTerm, bool) {
	if !c.signerLine(l) {
		return rules.AgencyTerm{}, false // "Health visitor: baby weighed" is what one said, not a signature
	}
	f := strings.TrimRight(rules.FoldWords(l), " .,;")
	t, ok := staffTerm(c.e.set.Agencies, l)
	if !ok || !strings.HasSuffix(f, t.Term) {
		return rules.AgencyTerm{}, false // the title ends a signer's line
	}
	return t, true
}

// staffTerm is the first partner officer's title in a line, when the line
// names no council service.
func staffTerm(a *rules.Agencies, l string) (rules.AgencyTerm, bool) {
	if a.Council(l) {
		return rules.AgencyTerm{}, false
	}
	for _, t := range a.TermsIn(l) {
		if t.Staff && !t.Council {
			return t, true
		}
	}
	return rules.AgencyTerm{}, false
}

// headFoot returns the first h and the last f lines of text that hold
// words, trimmed (a line may be in both), without splitting the whole text.
func headFoot(text string, h, f int) (head, foot []string) {
	for rest := text; rest != "" && len(head) < h; {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		if l = strings.TrimSpace(l); l != "" {
			head = append(head, l)
		}
	}
	for end := len(text); end > 0 && len(foot) < f; {
		i := strings.LastIndexByte(text[:end], '\n')
		if l := strings.TrimSpace(text[i+1 : end]); l != "" {
			foot = append([]string{l}, foot...)
		}
		end = max(i, 0)
	}
	return head, foot
}

// attendees returns the partner officers a meeting's attendance list names
// ("Present: … DC Ray (Police), Health Visitor Jo Lo"), by agency kind:
// the name as the list writes it, without the agency or title. In minutes,
// a section under a bare heading of that kind ("School", "Health") that
// opens with one of them speaking is their agency's contribution. The
// labels are the packs' "attendance-labels".
func (c *docCtx) attendees() map[string][]string {
	labels := c.e.set.List("attendance-labels")
	if len(labels) == 0 {
		return nil
	}
	a := c.e.set.Agencies
	out := map[string][]string{}
	lines := strings.Split(c.d.Text, "\n")
	for i := 0; i < len(lines) && i < 40; i++ {
		f := rules.FoldWords(lines[i])
		for _, lab := range labels {
			rest, ok := strings.CutPrefix(f, rules.FoldWords(lab))
			if !ok || rest != "" && rest[0] != ':' {
				continue
			}
			// The list: the rest of the line, and the lines after a label
			// alone, up to a blank line.
			list := ""
			if k := strings.IndexByte(lines[i], ':'); k >= 0 {
				list = lines[i][k+1:]
			}
			for j := i + 1; strings.TrimSpace(strings.TrimPrefix(rest, ":")) == "" && j < len(lines) && j < i+15 && strings.TrimSpace(lines[j]) != ""; j++ {
				if j > i+1 && c.wrapped() && !lineRunsOn(lines[j-1], lines[j]) && headingLike(lines[j], "") {
					break // the next section's heading: a page's lines have no blank line between
				}
				list += ", " + lines[j]
			}
			if c.wrapped() && strings.TrimSpace(strings.TrimPrefix(rest, ":")) != "" {
				// a list on the label's line that wraps onto the next
				for j := i + 1; j < len(lines) && j < i+15 && lineRunsOn(lines[j-1], lines[j]); j++ {
					list += " " + lines[j]
				}
			}
			for _, item := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ';' }) {
				addAttendee(a, out, item)
			}
		}
	}
	for _, row := range attendeeRows(c.d) {
		addAttendee(a, out, row.name+" ("+row.rest+")")
	}
	return out
}

// addAttendee notes an attendance item's partner officer under the
// agency kind its first agency term names.
func addAttendee(a *rules.Agencies, out map[string][]string, item string) {
	for _, t := range a.TermsIn(item) {
		if t.Council || t.Kind == "" {
			continue
		}
		if name := attendeeName(item, t.Term); name != "" {
			out[t.Kind] = append(out[t.Kind], name)
		}
		return
	}
}

// attendeeRow is one row of a table of who attended: the name cell and
// the row's other cells.
type attendeeRow struct{ name, rest string }

// attendeeRows reads a table of who attended — a header row with a
// "Name" column ("Name | Role | Agency") — one item a row.
func attendeeRows(d *record.Document) []attendeeRow {
	text := d.Text
	var out []attendeeRow
	nameCol, header := -1, ""
	var row string
	var cells map[int]string
	flush := func() {
		if row == "" || row == header || nameCol < 0 || cells[nameCol] == "" {
			return
		}
		var rest []string
		for col := 0; col < 8; col++ {
			if v, ok := cells[col]; ok && col != nameCol && v != "" {
				rest = append(rest, v)
			}
		}
		out = append(out, attendeeRow{cells[nameCol], strings.Join(rest, "; ")})
	}
	for _, b := range d.Blocks {
		if b.Kind != record.BlockTableCell {
			continue
		}
		r, col, ok := cellPos(b.Label)
		if !ok {
			continue
		}
		if r != row {
			flush()
			row, cells = r, map[int]string{}
		}
		v := strings.TrimSpace(text[b.Start:b.End])
		cells[col] = strings.ReplaceAll(v, ",", " ")
		if f := strings.ToLower(v); (f == "name" || f == "attendee" || f == "attendees") && (header == "" || header == r) {
			nameCol, header = col, r
		}
	}
	flush()
	if header == "" {
		return nil
	}
	return out
}

// addAttendeeRows puts in the register the partner officers a table of
// who attended names ("<name> | Headteacher | <school>"): another
// agency's professional, though no title stands before the name.
func (r *register) addAttendeeRows(d *record.Document, a *rules.Agencies) {
	for _, row := range attendeeRows(d) {
		w := strings.Fields(row.name)
		if len(w) < 2 || len(w) > 4 || !capitalised(w[0]) || !capitalised(w[len(w)-1]) || r.isSubjectName(row.name) {
			continue
		}
		terms := a.TermsIn(row.rest)
		if len(terms) == 0 || terms[0].Council || terms[0].Kind == "" {
			continue
		}
		if r.lookupFull(r.nameWords(row.name)) >= 0 {
			continue
		}
		r.add(&Person{Name: row.name, Role: RolePartnerStaff, labelStem: "Professional", Source: "attendance table"})
	}
}

// attendeeName is an attendance item without its agency or title: "Mrs
// Reid (School)" → "Mrs Reid", "Health Visitor Jo Lo" → "Jo Lo".
func attendeeName(item, term string) string {
	if i := strings.IndexByte(item, '('); i >= 0 {
		item = item[:i]
	}
	l := []byte(item) // ASCII lower case: the same length as item
	for i, b := range l {
		if b >= 'A' && b <= 'Z' {
			l[i] = b + 'a' - 'A'
		}
	}
	if i := strings.Index(string(l), term); i >= 0 {
		item = item[:i] + item[i+len(term):]
	}
	item = strings.Trim(strings.TrimSpace(item), "-–—:")
	if item == "" || !capitalised(item) {
		return ""
	}
	// A name is a few capitalised words (a title and initials among
	// them), not a sentence that ran into the list.
	w := strings.Fields(item)
	if len(w) > 4 {
		return ""
	}
	for _, x := range w {
		if !capitalised(x) || strings.ContainsAny(strings.TrimSuffix(x, "."), ".,;!?") {
			return ""
		}
	}
	return strings.TrimSpace(item)
}

// opensWithAttendee reports whether the first sentence of [s, e) opens with
// one of the names speaking ("Mrs Reid said …", "Jo Lo: …").
func (c *docCtx) opensWithAttendee(s, e int, names []string) bool {
	ss := c.sentences(c.d.Text, s, e)
	if len(ss) == 0 {
		return false
	}
	sent := c.d.Text[ss[0][0]:ss[0][1]]
	verbs := c.e.set.List("attribution-verbs")
	for _, n := range names {
		rest, ok := strings.CutPrefix(sent, n)
		if !ok {
			continue
		}
		if strings.HasPrefix(rest, ":") {
			return true
		}
		f := rules.FoldWords(rest)
		for _, v := range verbs {
			if strings.HasPrefix(f, v+" ") {
				return true
			}
		}
	}
	return false
}

// lineRunsOn reports whether a wrapped line goes on onto the next: it ends
// without closing punctuation and is long, or the next starts in lower case.
func lineRunsOn(line, next string) bool {
	line, next = strings.TrimRight(line, " \t"), strings.TrimSpace(next)
	if line == "" || next == "" || strings.IndexByte(".!?:", line[len(line)-1]) >= 0 {
		return false
	}
	return len(line) >= 75 || next[0] >= 'a' && next[0] <= 'z'
}
