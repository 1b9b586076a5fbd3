package suggest

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// dates protects the requester's date of birth in every format and
// suggests any known third party's date of birth wherever it appears.
func (c *docCtx) dates() {
	e := c.e
	subj := normDate(e.subjectDOB)
	for _, m := range findDates(c.d.Text) {
		n := normDate(c.d.Text[m[0]:m[1]])
		if n == "" {
			continue
		}
		if n == subj {
			c.protected = append(c.protected, [2]int{m[0], m[1]})
			continue
		}
		if pi, ok := e.dobOwner[n]; ok {
			p := e.reg.people[pi]
			why := "date of birth of a person " + strings.TrimPrefix(personWhy(p, vFull), "")
			c.add(e.dobRule, m[0], m[1], ScopeSpan, pi, why, 0, "")
			continue
		}
		if c.inDOBColumn(m[0]) && !e.ownChildBirth[n] {
			c.add(e.dobRule, m[0], m[1], ScopeSpan, -1, "a date in a table's date-of-birth column, in a row that is not the requester's", 0, "")
		}
	}
}

// inDOBColumn reports whether off lies in a table cell below a heading of
// the packs' dob-column-heads ("DOB", "Date of birth") in the same column.
func (c *docCtx) inDOBColumn(off int) bool {
	heads := c.e.dobHeads
	if len(heads) == 0 {
		return false
	}
	d := c.d
	k := sort.Search(len(d.Blocks), func(i int) bool { return d.Blocks[i].End > off })
	if k >= len(d.Blocks) || d.Blocks[k].Start > off || d.Blocks[k].Kind != record.BlockTableCell {
		return false
	}
	row, col, ok := cellPos(d.Blocks[k].Label)
	if !ok {
		return false
	}
	if c.dobCols == nil {
		// every table's first-row cells that head a date-of-birth column, once
		c.dobCols = map[string]bool{}
		for _, b := range d.Blocks {
			if r, _, ok := cellPos(b.Label); ok && strings.HasSuffix(r, "r1") && heads[rules.FoldWords(strings.Trim(d.Text[b.Start:b.End], " \t\n:"))] {
				c.dobCols[b.Label] = true
			}
		}
	}
	return c.dobCols[row[:strings.LastIndexByte(row, 'r')]+"r1c"+strconv.Itoa(col)]
}

// nearRadius is how far from a needed character (a digit, an "@") a
// pattern's match may reach: an address line is the longest.
const nearRadius = 160

// spans runs the regex and keyword rules, dropping anything that is the
// requester's own (name, date of birth, identifiers, email) or a council
// address when staff are not redacted.
func (c *docCtx) spans() {
	text := c.d.Text
	var cued []cuedID
	anchors := rules.NewAnchors(text) // the digits and words every rule searches near, found once
	for _, r := range c.e.spanRules {
		found := c.e.cueFound[c.idx][r]
		if !c.e.cueRule[r] {
			found = r.Detector.FindNearIn(anchors, nearRadius)
		}
		for _, sp := range found {
			s, end := sp.Start, sp.End
			if c.isProtected(s, end) || c.e.subjectIDs[alnum(text[s:end])] {
				continue
			}
			if r.Category == "third_party_contact" && c.e.isSubjectContact(alnum(text[s:end])) {
				continue // the requester's own address or phone
			}
			if r.Category == "third_party_contact" && c.staffOwnContact(s) {
				continue // a member of staff's work number, given as theirs
			}
			if r.Category == "third_party_identifier" && c.e.subjectIDs[alnum(text[s:end])] {
				continue
			}
			if r.Category == "third_party_contact" && r.Detector.Validator == "uk_phone" && c.e.service.is(text, s, end) {
				continue
			}
			if strings.Contains(text[s:end], "@") && !c.emailSuggested(text[s:end]) {
				continue
			}
			if r.Detector.Role == rules.RoleDateOfBirth && c.e.subjectsBirth(text[s:end]) {
				continue
			}
			n := len(c.out)
			c.scoped(r, s, end, whyFor(r))
			if r.Detector.Role == rules.RolePlace {
				for i := n; i < len(c.out); i++ {
					c.places = append(c.places, i)
				}
			}
			if r.Category == "third_party_identifier" && (r.Detector.Group > 0 || r.Detector.Context != nil) {
				cued = append(cued, cuedID{r, text[s:end]})
			}
		}
	}
	c.spreadCued(cued)
	c.spreadRecordIDs()
}

// standsAlone reports whether text[s:e] has no letter or digit either side.
func standsAlone(text string, s, e int) bool {
	if s > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:s]); isWordRune(r) {
			return false
		}
	}
	if e < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[e:]); isWordRune(r) {
			return false
		}
	}
	return true
}

// cuedID is an identifier a rule recognised by the words around it (a crime
// reference after "Crime reference", a plate near "car").
type cuedID struct {
	r    *rules.Rule
	text string
}

// spreadCued suggests every other occurrence in the document of an
// identifier recognised by its cue: the same reference in an e-mail's
// subject line ("FW: Crime report FN/23/0044817") or a plate named again
// without its car is the same identifier.
func (c *docCtx) spreadCued(ids []cuedID) {
	text := c.d.Text
	for k, id := range ids {
		if len(id.text) < 6 || k > 0 && ids[k-1].text == id.text {
			continue
		}
		for off := 0; ; {
			i := strings.Index(text[off:], id.text)
			if i < 0 {
				break
			}
			s, e := off+i, off+i+len(id.text)
			off = e
			if standsAlone(text, s, e) && !c.isProtected(s, e) {
				c.add(id.r, s, e, ScopeSpan, -1, whyFor(id.r)+": the same reference as found with its cue elsewhere in the document", 0, "")
			}
		}
	}
}

// emailSuggested reports whether an email address is a third party's: not
// the requester's own and not a council address (unless staff are redacted).
func (c *docCtx) emailSuggested(addr string) bool {
	a := strings.ToLower(addr)
	if c.e.subjectEmails[a] {
		return false
	}
	if d := domainOf(a); d != "" && d == c.e.reg.homeDomain && !c.e.opts.RedactStaff {
		return false
	}
	return true
}

// scoped adds a suggestion for a match, widened to the rule's scope.
func (c *docCtx) scoped(r *rules.Rule, s, e int, why string) {
	switch r.Scope {
	case rules.ScopeSentence:
		lo, hi := c.blockAround(s)
		for _, sn := range sentences(c.d.Text, lo, hi, c.e.reg.words.Titles) {
			if sn[0] <= s && s < sn[1] {
				s, e = sn[0], max(e, sn[1])
				break
			}
		}
		c.add(r, s, e, ScopeSpan, -1, why, 0, "")
	case rules.ScopeBlock:
		lo, hi := c.blockAround(s)
		c.add(r, lo, hi, ScopeSection, -1, why, 0, "")
	case rules.ScopeSection:
		lo, hi := c.blockAround(s)
		c.add(r, lo, hi, ScopeSection, -1, why, 0, "")
	case rules.ScopeDocument:
		c.add(r, 0, len(c.d.Text), ScopeDocument, -1, why, 0, "")
	default:
		c.add(r, s, e, ScopeSpan, -1, why, 0, "")
	}
}

// blockAround returns the block holding offset off, or the line when the
// document has no blocks.
func (c *docCtx) blockAround(off int) (int, int) {
	bs := c.d.Blocks
	if i := sort.Search(len(bs), func(i int) bool { return bs[i].End > off }); i < len(bs) && bs[i].Start <= off {
		return bs[i].Start, bs[i].End
	}
	t := c.d.Text
	lo := strings.LastIndexByte(t[:off], '\n') + 1
	hi := strings.IndexByte(t[off:], '\n')
	if hi < 0 {
		return lo, len(t)
	}
	return lo, off + hi
}

var ruleWhy = map[string]string{
	"nhs_mod11": "checksum valid", "ni_prefix": "prefix valid under HMRC rules", "uk_phone": "UK number format", "international_phone": "international number format",
}

func whyFor(r *rules.Rule) string {
	w := strings.ReplaceAll(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(r.ID, "id-"), "tp-"), "ex-"), "-", " ")
	if v := ruleWhy[r.Detector.Validator]; v != "" {
		w += ", " + v
	}
	if r.Detector.Context != nil {
		w += ", with context words nearby"
	}
	return w
}

// keywordRules suggests the keyword rules' matches (exemption cues),
// widened to each rule's scope.
func (c *docCtx) keywordRules() {
	for _, k := range c.kw {
		r := c.e.keywordRules[k.e.person]
		if r.Detector.Kind != rules.KindKeywords {
			continue
		}
		c.scoped(r, k.start, k.end, whyFor(r)+": cue words found")
	}
}

// cuedIdentifiers collects, in the first pass over the record, every
// identifier a rule recognises by its cue: the label stands in one
// document ("Police incident number: WM-…"), and a case note elsewhere
// writes the same reference bare. The cue rules' prefilter keeps this to
// documents that carry a cue.
func (e *engine) cuedIdentifiers(docs []record.Document) map[string]*rules.Rule {
	var cueRules []*rules.Rule
	for _, r := range e.spanRules {
		if r.Category == "third_party_identifier" && (r.Detector.Group > 0 || r.Detector.Context != nil) {
			cueRules = append(cueRules, r)
		}
	}
	out := map[string]*rules.Rule{}
	e.cueRule, e.cueFound = map[*rules.Rule]bool{}, map[int]map[*rules.Rule][]rules.Span{}
	for _, r := range cueRules {
		e.cueRule[r] = true
	}
	for i := range docs {
		text := docs[i].Text
		anchors := rules.NewAnchors(text)
		for _, r := range cueRules {
			found := r.Detector.FindNearIn(anchors, nearRadius)
			if len(found) > 0 {
				// Kept for the document's own reading (spans): the rule
				// is not run over the text twice.
				if e.cueFound[i] == nil {
					e.cueFound[i] = map[*rules.Rule][]rules.Span{}
				}
				e.cueFound[i][r] = found
			}
			for _, sp := range found {
				id := text[sp.Start:sp.End]
				if len(id) >= 6 && !e.subjectIDs[alnum(id)] && out[id] == nil {
					out[id] = r
				}
			}
		}
	}
	return out
}

// spreadRecordIDs suggests each whole run of letters, digits, / and - that
// is an identifier found by its cue anywhere in the record: one pass over
// the text, a map look-up per run that holds a digit.
func (c *docCtx) spreadRecordIDs() {
	if len(c.e.recordIDs) == 0 {
		return
	}
	text := c.d.Text
	for i := 0; i < len(text); {
		if !idChar(text[i]) {
			i++
			continue
		}
		j, digit := i, false
		for j < len(text) && idChar(text[j]) {
			digit = digit || text[j] >= '0' && text[j] <= '9'
			j++
		}
		s, e := i, j
		for e > s && (text[e-1] == '-' || text[e-1] == '/') {
			e-- // the reference, and a dash written after it
		}
		i = j
		if !digit || e-s < 6 {
			continue
		}
		if r := c.e.recordIDs[text[s:e]]; r != nil && standsAlone(text, s, e) && !c.isProtected(s, e) {
			c.add(r, s, e, ScopeSpan, -1, whyFor(r)+": the same reference as found with its cue elsewhere in the record", 0, "")
		}
	}
}

func idChar(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '/' || b == '-'
}
