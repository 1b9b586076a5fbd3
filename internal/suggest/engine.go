package suggest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// engine holds what every document's pass needs: the register, the rules
// by kind, and the requester's own details that are never suggested.
type engine struct {
	rec  *record.Record
	set  *rules.Set
	opts Options
	reg  *register

	subjectDOB string // YYYY-MM-DD
	// subjectGender is the requester's gender as the whole record's
	// pronouns show it (genderAny when they do not agree): what a
	// document that never says it falls back on.
	subjectGender byte
	subjectIDs    map[string]bool // identifiers folded to letters and digits
	// subjectContact are the requester's own address and phone forms,
	// folded, from the signatures of messages they wrote (subject_contact.go).
	subjectContact map[string]bool
	// limitRule is the finding_limit rule: the most findings one document
	// may hold before it is suggested as one item.
	limitRule     *rules.Rule
	service       *serviceLines // the organisations' own lines (service-lines)
	subjectEmails map[string]bool
	dobOwner      map[string]int  // YYYY-MM-DD → register index
	ownChildBirth map[string]bool // YYYY-MM-DD: the requester's own children's dates of birth, kept
	dobHeads      map[string]bool // folded headings of a table's date-of-birth column (the packs' dob-column-heads)

	personRule, partnerPersonRule, dobRule *rules.Rule
	initials                               map[string][]int // initials forms → register people (initials.go)
	notInitials                            map[string]bool  // everyday abbreviations, never initials (the packs' "initialisms")
	initialHits                            [][]initialsHit  // register initials written in each document
	initialsFile                           map[string]int   // distinct register initials written in each source file
	// initialsUsed: initials forms a file that uses initials for people writes;
	// another document writing one alone still means that person.
	initialsUsed map[string]bool
	// recordIDs: identifiers recognised by their cue in any document (a
	// crime reference after its label), each with its rule, suggested
	// wherever else the record writes them.
	recordIDs map[string]*rules.Rule
	// cueRule marks the rules cuedIdentifiers runs over every document;
	// cueFound keeps what they found, by document, for spans.
	cueRule                                map[*rules.Rule]bool
	cueFound                               map[int]map[*rules.Rule][]rules.Span
	spanRules, contextRules, reportedRules []*rules.Rule
	docRules, sectionRules                 []*rules.Rule
	keywordRules                           []*rules.Rule // KindKeywords and KindPersonContext, by index
	addressRule                            *rules.Rule   // the address-line rule, reused for letter address blocks
	keywords                               *matcher      // every keyword phrase, person = index in keywordRules
	prov                                   *provenanceRules
	about                                  *aboutWords // who a sentence is about, and its category (about.go)
}

func newEngine(rec *record.Record, set *rules.Set, opts Options) *engine {
	e := &engine{rec: rec, set: set, opts: opts, subjectDOB: rec.Subject.DOB,
		subjectIDs: map[string]bool{}, subjectEmails: map[string]bool{}, dobOwner: map[string]int{}, ownChildBirth: map[string]bool{}}
	var aboutRules []*rules.Rule
	for _, v := range rec.Subject.Identifiers {
		e.subjectIDs[alnum(v)] = true
	}
	if rec.Subject.Email != "" {
		e.subjectEmails[strings.ToLower(strings.TrimSpace(rec.Subject.Email))] = true
	}
	for _, r := range set.Rules {
		switch r.Detector.Kind {
		case rules.KindPerson:
			if len(r.Detector.Roles) > 0 {
				e.partnerPersonRule = r
			} else if e.personRule == nil {
				e.personRule = r
			}
		case rules.KindPersonDOB:
			e.dobRule = r
		case rules.KindFindingLimit:
			e.limitRule = r
		case rules.KindRegex:
			e.spanRules = append(e.spanRules, r)
			if r.Detector.Role == rules.RoleAddress && e.addressRule == nil {
				e.addressRule = r
			}
		case rules.KindKeywords:
			e.keywordRules = append(e.keywordRules, r)
		case rules.KindPersonContext:
			e.contextRules = append(e.contextRules, r)
			e.keywordRules = append(e.keywordRules, r)
		case rules.KindReportedSpeech:
			e.reportedRules = append(e.reportedRules, r)
			e.keywordRules = append(e.keywordRules, r)
		case rules.KindAbout, rules.KindThirdPartyMessage:
			aboutRules = append(aboutRules, r)
		case rules.KindDocMarker, rules.KindRestricted, rules.KindSenderDomain:
			e.docRules = append(e.docRules, r)
		case rules.KindSectionMarker:
			e.sectionRules = append(e.sectionRules, r)
		}
	}
	// The about rules come after the other keyword rules: where lexicons
	// share a phrase, the matcher gives it to the first, and about() reads
	// theirs too.
	e.keywordRules = append(e.keywordRules, aboutRules...)
	e.about = newAboutWords(set)
	// Keywords are matched word by word in one pass over the tokens: far
	// faster than a case-insensitive regexp alternation on long texts.
	e.keywords = newKeywordMatcher()
	for i, r := range e.keywordRules {
		for _, k := range r.Detector.Keywords {
			e.keywords.addWords(k, i, "", false)
			// "falling out" finds "falling-out", "self-harm" finds "self harm".
			if f := strings.Fields(k); len(f) == 2 && !strings.HasPrefix(k, "-") {
				e.keywords.addWords(f[0]+"-"+f[1], i, "", false)
			} else if len(f) == 1 && strings.Count(k, "-") == 1 && !strings.HasPrefix(k, "-") {
				e.keywords.addWords(strings.Replace(k, "-", " ", 1), i, "", false)
			}
		}
	}
	// Phrases in which a lexicon's word means something else ("knife and
	// fork"): the matcher takes the longest phrase at a word, so each
	// hides the keyword inside it, and its matches are dropped.
	for _, p := range set.List("keyword-exceptions") {
		e.keywords.addWords(p, noKeyword, "", false)
	}
	if e.partnerPersonRule == nil {
		e.partnerPersonRule = e.personRule
	}
	e.service = newServiceLines(set.People.ServiceLines)
	reg := newRegister(rec)
	reg.setWords(set.People)
	reg.setGender(e.about)
	reg.dims = diminutiveTable(set.List("diminutives"))
	reg.pluralNext = map[string]bool{}
	for _, w := range set.List("family-plural-next") {
		reg.pluralNext[fold(w)] = true
	}
	for _, w := range set.List("place-before") {
		reg.placeBefore[fold(w)] = true
	}
	for _, w := range set.List("own-child-words") {
		reg.ownChild[fold(w)] = true
	}
	reg.langWords = languageWords(set.List("other-language-words"))
	for _, w := range set.List("pet-words") {
		reg.petWords[fold(w)] = true
	}
	e.dobHeads = foldedSet(set.List("dob-column-heads"))
	reg.particles = foldedWords(set.List("name-particles"))
	reg.everydayGiven = foldedWords(set.List("everyday-given-names"))
	for _, w := range set.List("called-person-words") {
		reg.calledPerson[fold(w)] = true
	}
	for _, g := range set.List("greetings") {
		if f := strings.Fields(fold(g)); len(f) > 1 {
			reg.greetings = append(reg.greetings, f)
		}
	}
	for _, w := range set.List("own-child-relationships") {
		reg.ownChildRel[fold(w)] = true
	}
	for _, w := range set.List("job-title-heads") {
		reg.titleHeads[fold(w)] = true
	}
	for _, w := range set.List("person-slot-before") {
		reg.slotBefore[fold(w)] = true
	}
	for _, w := range set.List("person-slot-next") {
		reg.slotNext[inflect(fold(w))] = true
	}
	for _, a := range set.List("initialisms") {
		reg.notInitials[strings.ToLower(a)] = true
	}
	reg.knownAgency = func(name string) (rules.AgencyTerm, bool) { return set.Agencies.Sender(name, "") }
	reg.roleKept = set.Agencies.KeepsListedRole
	reg.addKnown(rec.Persons)
	reg.addEmailPeople(rec.Documents, e.partnerDomain, e.subjectEmails)
	dropAgencySenders(reg, set.Agencies)
	reg.addAuthors(rec.Documents)
	// The register is read from every document first; the words of each
	// are made again when it is read for suggestions (about 1% of the
	// time) rather than kept: a record's words take more memory than its
	// text (issue 16).
	var votes [3]int
	given := subjectGiven(rec.Subject)
	var toks []token
	for i := range rec.Documents {
		toks = tokenizeInto(toks[:0], rec.Documents[i].Text)
		e.voteGender(reg, rec.Documents[i].Text, toks, given, &votes)
		reg.informal = informal(rec.Documents[i].Text, toks)
		reg.headOrg = reg.partnerHeaded(rec.Documents[i].Text)
		reg.findPeople(rec.Documents[i].Text, toks)
		reg.textAddressAliases(rec.Documents[i].Text)
		reg.addForwardSenders(rec.Documents[i].Text, set.Agencies)
	}
	reg.headOrg = false
	for i := range rec.Documents {
		reg.markOtherChildren(rec.Documents[i].Text, set.List("other-children-cues"))
		reg.addAttendeeRows(&rec.Documents[i], set.Agencies)
	}
	e.subjectGender = recordGender(votes)
	reg.otherChildFullNames()
	reg.addSlotInitials()
	reg.addLoneNames()
	reg.setKinds(opts.Kinds)
	reg.resolveAliases()
	reg.buildMatcher()
	for i, p := range reg.people {
		n := normDate(p.DOB)
		switch {
		case i == subjectIdx || n == "" || n == normDate(e.subjectDOB) || p.Staff():
		case p.Role == RoleOwnChild:
			e.ownChildBirth[n] = true // the requester's own child's birth is their story too
		default:
			e.dobOwner[n] = i
		}
	}
	e.reg = reg
	e.subjectContact = e.subjectContacts()
	e.initials = reg.initialsIndex()
	e.notInitials = reg.notInitials
	e.initialsFile = e.initialsFiles(rec.Documents)
	e.recordIDs = e.cuedIdentifiers(rec.Documents)
	e.prov = newProvenanceRules(set)
	return e
}

// otherTitle reports whether the requester's name at [s, e) is their
// family name alone after a courtesy title whose gender is not theirs, as
// the whole record shows it ("Mrs <surname>" in a boy's record: his mother
// or another relative); it returns where the title starts.
func (c *docCtx) otherTitle(s, e int) (int, bool) {
	g := c.e.subjectGender
	if g == genderAny || c.e.about == nil {
		return 0, false
	}
	text := c.d.Text
	name := strings.Fields(text[s:e])
	i := sort.Search(len(c.toks), func(i int) bool { return c.toks[i].start >= s })
	ts := -1
	if len(name) == 2 && c.e.reg.words.Titles[fold(strings.TrimRight(name[0], "."))] {
		ts = s // the match holds the title
	} else if len(name) == 1 && i > 0 {
		t := c.toks[i-1]
		if gap := strings.TrimSpace(text[t.end:s]); (gap == "" || gap == ".") && c.e.reg.words.Titles[fold(text[t.start:t.end])] {
			ts = t.start
		}
	}
	if ts < 0 {
		return 0, false
	}
	tw := fold(strings.TrimRight(strings.Fields(text[ts:e])[0], "."))
	tg := c.e.about.gender[tw]
	return ts, tg != genderAny && tg != g
}

// partnerDomain reports whether an email address belongs to a partner
// agency: the sender_domain rules' patterns, or another council's gov.uk
// domain when a rule asks for it.
func (e *engine) partnerDomain(addr string) bool {
	for _, r := range e.set.OfKind(rules.KindSenderDomain) {
		if r.Detector.Matches(addr) {
			return true
		}
	}
	return false
}

func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// docCtx is one document's pass.
type docCtx struct {
	e         *engine
	idx       int
	d         *record.Document
	toks      []token     // the document's words
	first     map[int]int // where each person is first named in it (register.noteFirst)
	protected [][2]int    // the requester's names, DOB, identifiers
	mentions  []mention   // third parties named in the text
	staff     []mention   // members of staff named in the text, when staff are not redacted
	places    []int       // indexes into out of places named alone (rules.RolePlace)
	own       [][2]int    // sentences that are the requester's alone, in order (ownPlace)
	kw        []match     // keyword matches, in text order
	subjAt    []int       // starts of the requester's names
	out       []Suggestion
	regions   []region // the document's messages and who wrote them (messages)
	regRead   bool
	byline    bool // the document credits itself to the requester (fromSubject)
	byRead    bool
	dobCols   map[string]bool // labels of the first-row cells heading a date-of-birth column (inDOBColumn), once read
	fwd       []forwarded     // forwardedHeaders of the text, read once (forwards)
	fwdRead   bool
	orgs      map[string]bool // whether a word starts an organisation's name in the document (localOrg)
	carePlan  int             // the end of a care-plan title heading the document, or 0 (carePlanHead)
}

type mention struct {
	start, end, person int
	plural             bool // a family named in the plural ("the Smiths"): never "she" or "he"
}

// testFault, set only by tests, runs before a document is read: a fault
// there stands for one in any detector.
var testFault func(*record.Document)

// document suggests on one document and says where it first names each
// register person. It reads the engine and the register and changes
// neither, so documents may be read on several goroutines.
func (e *engine) document(i int, sc *docScratch) (out []Suggestion, first map[int]int) {
	d := &e.rec.Documents[i]
	c := &docCtx{e: e, idx: i, d: d, first: map[int]int{}, out: sc.found[:0]}
	defer func() {
		sc.found = c.out
		if c.toks != nil {
			sc.toks = c.toks
		}
	}()
	defer func() {
		// A fault in a detector must not let the document out unread,
		// nor stop the rest of the record: the document is held back
		// whole for an officer to read (the finding-limit rule's flag),
		// and why says what stopped. Nothing of its text is in the message.
		if p := recover(); p != nil {
			c.out, c.first = c.out[:0], map[int]int{}
			c.add(e.limitRule, 0, len(d.Text), ScopeDocument, -1, fmt.Sprintf("suggestions for this document stopped on an internal error (%v): read it as a whole", p), 0, "")
			if e.limitRule == nil {
				panic(p) // no rule to hold it back by: the run must not go on
			}
			out, first = c.out, c.first
		}
	}()
	if testFault != nil {
		testFault(d)
	}
	if d.Text != "" {
		c.toks = tokenizeInto(sc.toks[:0], d.Text)
		c.names()
		c.initials()
		c.dates()
		c.sortProtected()
		c.kw = c.notInNames(dropExceptions(e.keywords.find(d.Text, c.toks)))
		c.keywordRules()
		c.spans()
		c.addressBlocks()
		c.context()
		c.reported()
		c.about()
		c.keepOwnPlaces()
	}
	c.provenance()
	c.limitFindings()
	return c.out, c.first
}

// docScratch is a worker's slices, reused from one document to the next:
// a document's words and findings are done with once it is packed.
type docScratch struct {
	found []Suggestion
	toks  []token
}

// notInNames drops keyword matches inside a person's name: "Ward" in
// "Rhys Ward" is a surname, not a hospital ward, and "Hope" no feeling.
// noKeyword is the rule index of a keyword exception's matches.
const noKeyword = -1

// dropExceptions removes the matches of keyword exceptions ("knife and
// fork"), which only hide the keywords inside them.
func dropExceptions(kw []match) []match {
	out := kw[:0]
	for _, m := range kw {
		if m.e.person != noKeyword {
			out = append(out, m)
		}
	}
	return out
}

func (c *docCtx) notInNames(kw []match) []match {
	if len(c.mentions) == 0 && len(c.subjAt) == 0 {
		return kw
	}
	spans := make([][2]int, 0, len(c.mentions)+len(c.protected))
	for _, m := range c.mentions {
		spans = append(spans, [2]int{m.start, m.end})
	}
	for _, p := range c.protected {
		if i := sort.SearchInts(c.subjAt, p[0]); i < len(c.subjAt) && c.subjAt[i] == p[0] {
			spans = append(spans, p) // the requester's names
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	out := kw[:0]
	j := 0
	for _, k := range kw {
		for j < len(spans) && spans[j][1] <= k.start {
			j++
		}
		inside := false
		for x := j; x < len(spans) && spans[x][0] < k.end; x++ {
			inside = inside || spans[x][0] <= k.start && k.end <= spans[x][1]
		}
		if !inside {
			out = append(out, k)
		}
	}
	return out
}

// limitFindings replaces a document's findings by one item when there are
// more than the finding_limit rule allows: a file that holds hundreds of
// thousands of names or numbers is generated or broken, not a record an
// officer can go through one finding at a time, so it is read as a whole.
func (c *docCtx) limitFindings() {
	r := c.e.limitRule
	if r == nil || len(c.out) <= r.Detector.Limit {
		return
	}
	n := len(c.out)
	c.out = c.out[:0]
	c.add(r, 0, len(c.d.Text), ScopeDocument, -1, fmt.Sprintf("%d findings in this one document, more than the %d one document may hold: read it as a whole", n, r.Detector.Limit), 0, "")
}

func (c *docCtx) add(r *rules.Rule, start, end int, scope string, person int, why string, conf float64, action string) {
	if r == nil {
		return
	}
	s := Suggestion{
		ID: suggestionID(c.d.ID, start, end, r.ID), DocID: c.d.ID, Location: c.d.Location, Path: c.d.Path, Part: c.d.Part,
		Page: pageAt(c.d, start), Start: start, End: end, Scope: scope, RuleID: r.ID, Category: r.Category,
		Code: r.Code, Action: r.Action, Confidence: r.Confidence, Why: why, Explanation: r.Explanation,
	}
	if scope != ScopeDocument {
		s.Text = c.d.Text[start:end]
	}
	if conf > 0 {
		s.Confidence = conf
	}
	if action != "" {
		s.Action = action
	}
	if person >= 0 {
		s.PersonKey = strconv.Itoa(person) // resolved to the register key once labels are known
	}
	c.out = append(c.out, s)
}

// isProtected reports whether [s, e) overlaps the requester's own details.
// protected is sorted by start and its ranges do not nest deeply, so a
// binary search and a short look back suffice.
func (c *docCtx) isProtected(s, e int) bool {
	i := sort.Search(len(c.protected), func(i int) bool { return c.protected[i][0] >= e })
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if c.protected[k][1] > s {
			return true
		}
	}
	return false
}

// sortProtected orders the requester's protected spans and the third
// parties' mentions by start: names and initials add them in two runs,
// and every later reader searches them (sort.Search).
func (c *docCtx) sortProtected() {
	sort.Slice(c.protected, func(i, j int) bool { return c.protected[i][0] < c.protected[j][0] })
	sort.Ints(c.subjAt)
	sort.SliceStable(c.mentions, func(i, j int) bool { return c.mentions[i].start < c.mentions[j].start })
}

// names suggests every occurrence of a third party's name variants and
// records the requester's names as protected.
func (c *docCtx) names() {
	e := c.e
	for _, m := range e.reg.m.find(c.d.Text, c.toks) {
		pi := m.e.person
		p := e.reg.people[pi]
		if pi != subjectIdx && e.reg.words.HeadBefore(c.d.Text, m.start) {
			continue // "Ysgol <Name> <Word>": the place's name, though a person shares the word
		}
		if _, ok := c.first[pi]; !ok {
			c.first[pi] = c.idx<<32 | m.start // the first match is the earliest
		}
		if pi == subjectIdx {
			if ts, ok := c.otherTitle(m.start, m.end); ok {
				// "Mrs <requester's surname>" of a boy: a relative of theirs
				c.add(e.personRule, ts, m.end, ScopeSpan, -1, "a title that is not the requester's, with their family name: a relative of theirs", 0, "")
				continue
			}
			c.protected = append(c.protected, [2]int{m.start, m.end})
			c.subjAt = append(c.subjAt, m.start)
			continue
		}
		if p.Staff() && !e.opts.RedactStaff {
			c.staff = append(c.staff, mention{start: m.start, end: m.end, person: pi})
			continue
		}
		if p.Role == RoleOwnChild {
			continue // the requester's own child: their story
		}
		if m.e.kind == vPluralWord && !afterThe(c.d.Text, m.start) {
			continue // "Halls" alone may be a building's; "the Halls" is a family
		}
		rule := e.personRule
		if p.Role == RolePartnerStaff {
			rule = e.partnerPersonRule
		}
		why := personWhy(p, m.e.kind)
		conf, action := 0.0, ""
		if m.e.kind == vFirst && e.reg.ambiguous[m.e.words[0]] {
			conf, action = 0.5, ActionFlag
			why += "; first name shared by more than one person"
		}
		if m.e.kind == vShort || m.e.kind == vFirstWord {
			conf, action = 0.6, ActionFlag
		}
		c.mentions = append(c.mentions, mention{start: m.start, end: m.end, person: pi, plural: m.e.kind == vPlural || m.e.kind == vPluralWord})
		c.add(rule, m.start, m.end, ScopeSpan, pi, why, conf, action)
	}
	c.joinPairs()
}

// afterThe reports whether the word at off follows "the ".
func afterThe(text string, off int) bool {
	b := strings.TrimRight(text[:off], " ")
	return len(b) < off && len(b) >= 3 && strings.EqualFold(b[len(b)-3:], "the") && (len(b) == 3 || b[len(b)-4] == ' ' || b[len(b)-4] == '\n')
}

// joinPairs covers "Jo and Sam Smith" whole: two third parties joined by
// "and" are one phrase, and the "and" alone between two boxes would still
// tell a reader that two people were there.
func (c *docCtx) joinPairs() {
	t := c.d.Text
	for k := 1; k < len(c.mentions); k++ {
		a, b := c.mentions[k-1], c.mentions[k]
		gap := t[a.end:b.start]
		if gap == " and " || gap == " & " {
			p := c.e.reg.people[a.person]
			c.add(c.e.personRule, a.start, b.end, ScopeSpan, a.person, personWhy(p, vFull)+"; two people named together", 0, "")
		}
	}
}

// personWhy says why a name is suggested, without repeating the name.
func personWhy(p *Person, kind string) string {
	var who string
	switch {
	case p.Source == "persons.json" && p.Relationship != "":
		who = fmt.Sprintf("named as %s in persons.json", p.Relationship)
	case p.Source == "persons.json":
		who = "listed in persons.json"
	default:
		who = "found by " + p.Source
	}
	if p.Role == RolePartnerStaff {
		who += " (works for another agency)"
	}
	if p.KindByOfficer {
		who += "; role set by an officer"
	}
	if kind == vFull {
		return who
	}
	return kind + " of a person " + who
}
