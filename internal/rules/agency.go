package rules

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The partner-agency vocabulary is a family of word lists in the packs:
//
//	agency-<kind>        names and words of an agency of that kind ("police scotland", "constabulary", "camhs")
//	agency-staff-<kind>  its staff ("health visitor", "depute head")
//	agency-generic       bare words that are also the council's own headings ("health", "education"):
//	                     they mark a partner section only with more evidence
//	agency-not           words that look like an agency but are the council's ("virtual school")
//	agency-heading-words words that follow an agency in a heading ("information", "update")
//	agency-not-before    words that make the agency after them someone's or a mere mention ("her", "a")
//	agency-domain-words  labels of an email domain that name an agency ("nhs", "primary")
//	attribution-verbs    what an agency does when the text passes on its information ("reported", "confirmed")
//	attribution-staff-nouns  words that after an agency's name make one of its staff ("the college tutor said")
//	attribution-document-nouns  what an agency in the possessive wrote ("the college's report states")
//
// A council adds a kind of agency by adding a list, never by changing Go.
const (
	listAgencyPrefix  = "agency-"
	listStaffPrefix   = "agency-staff-"
	listGeneric       = "agency-generic"
	listNotAgency     = "agency-not"
	listHeadingWords  = "agency-heading-words"
	listDomainWords   = "agency-domain-words"
	listAttribution   = "attribution-verbs"
	listOwnedKinds    = "attribution-owned-kinds"
	listRoleKeptKinds = "staff-role-kept-kinds"
	listStaffNouns    = "attribution-staff-nouns"
	listDocNouns      = "attribution-document-nouns"
	listNotBefore     = "agency-not-before"
	maxAgencyTermSize = 6 // words
	// headWords is how many of a line's first words a heading, a council
	// author line or an attribution is read from: a lead-in ("Information
	// shared by the"), the longest agency name, its staff noun or heading
	// words, and an auxiliary and verb after it, with room to spare.
	headWords = 24
)

type listProblem struct{ list, msg string }

// AgencyTerm is one phrase of the vocabulary as the text used it.
type AgencyTerm struct {
	Kind    string // the list's kind: "police", "health", "education"…; "" for agency-not
	Term    string // the list entry, folded
	Staff   bool   // a member of staff, not the organisation
	Generic bool   // a bare word the council uses for its own headings too
	Council bool   // agency-not: the council's own service
}

// Agencies is the compiled partner-agency vocabulary.
type Agencies struct {
	terms     map[string]AgencyTerm // folded phrase → term
	heading   map[string]bool
	domain    map[string]bool
	verbs     map[string]bool
	notBefore map[string]bool
	owned     map[string]bool // agency kinds whose officer reports for the agency though owned ("her GP has written")
	roleKept  map[string]bool // agency kinds whose staff keep the role the persons list gives them
	staffNoun map[string]bool // "tutor" in "the college tutor said": the agency's member of staff
	docNoun   map[string]bool // "report" in "the college's report states": what the agency wrote
	first     map[string]bool // the first word of every term, for a quick look before parsing
	// squashed: names of several words run together, letters only
	// ("womensaid"); domainRunOn: the domain words a domain may end with
	squashed    []squashedName
	domainRunOn []string
	maxWords    int
}

var agencyFixedLists = map[string]bool{listGeneric: true, listNotAgency: true, listHeadingWords: true, listDomainWords: true, listNotBefore: true}

// compileAgencies builds the vocabulary from the packs' lists; it reports
// an entry claimed by two kinds, which would make a heading's agency a
// matter of map order.
func compileAgencies(lists map[string][]string) (*Agencies, []listProblem) {
	a := &Agencies{terms: map[string]AgencyTerm{}, heading: map[string]bool{}, domain: map[string]bool{}, verbs: map[string]bool{}, notBefore: map[string]bool{}, owned: map[string]bool{}, roleKept: map[string]bool{}, first: map[string]bool{}, staffNoun: map[string]bool{}, docNoun: map[string]bool{}}
	var problems []listProblem
	names := make([]string, 0, len(lists))
	for n := range lists {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !strings.HasPrefix(n, listAgencyPrefix) || agencyFixedLists[n] {
			continue
		}
		kind, staff := strings.TrimPrefix(n, listAgencyPrefix), false
		if k, ok := strings.CutPrefix(n, listStaffPrefix); ok {
			kind, staff = k, true
		}
		for _, w := range lists[n] {
			f := FoldWords(w)
			if prev, dup := a.terms[f]; dup && prev.Kind != kind {
				problems = append(problems, listProblem{n, fmt.Sprintf("list %q: %q is already in the list of kind %q", n, w, prev.Kind)})
				continue
			}
			a.add(AgencyTerm{Kind: kind, Term: f, Staff: staff})
		}
	}
	for _, w := range lists[listGeneric] {
		f := FoldWords(w)
		t, ok := a.terms[f]
		if !ok {
			problems = append(problems, listProblem{listGeneric, fmt.Sprintf("list %q: %q is in no agency-<kind> list", listGeneric, w)})
			continue
		}
		t.Generic = true
		a.terms[f] = t
	}
	for _, w := range lists[listNotAgency] {
		a.add(AgencyTerm{Term: FoldWords(w), Council: true})
	}
	for _, w := range lists[listHeadingWords] {
		a.heading[FoldWords(w)] = true
	}
	for _, w := range lists[listDomainWords] {
		a.domain[FoldWords(w)] = true
	}
	// Names of two words or more, of eight letters or more once run
	// together, as a domain may hold them ("womensaid").
	for f, t := range a.terms {
		if t.Staff || t.Generic || t.Council || !strings.Contains(f, " ") {
			continue
		}
		if sq := lettersOnly(f); len(sq) >= 8 {
			a.squashed = append(a.squashed, squashedName{sq, t})
		}
	}
	// longest first, then in order: the same domain always reads the same
	slices.SortFunc(a.squashed, func(x, y squashedName) int {
		return cmp.Or(len(y.letters)-len(x.letters), strings.Compare(x.letters, y.letters))
	})
	for w := range a.domain {
		if len(w) >= minRunOn {
			a.domainRunOn = append(a.domainRunOn, w)
		}
	}
	slices.SortFunc(a.domainRunOn, func(x, y string) int { return cmp.Or(len(y)-len(x), strings.Compare(x, y)) })
	for _, w := range lists[listNotBefore] {
		a.notBefore[FoldWords(w)] = true
	}
	for _, w := range lists[listAttribution] {
		a.verbs[FoldWords(w)] = true
	}
	for _, w := range lists[listOwnedKinds] {
		a.owned[FoldWords(w)] = true
	}
	for _, w := range lists[listRoleKeptKinds] {
		if _, ok := lists[listAgencyPrefix+FoldWords(w)]; !ok {
			problems = append(problems, listProblem{listRoleKeptKinds, fmt.Sprintf("list %q: %q is no agency kind (no list %q)", listRoleKeptKinds, w, listAgencyPrefix+FoldWords(w))})
			continue
		}
		a.roleKept[FoldWords(w)] = true
	}
	for _, w := range lists[listStaffNouns] {
		a.staffNoun[FoldWords(w)] = true
	}
	for _, w := range lists[listDocNouns] {
		a.docNoun[FoldWords(w)] = true
	}
	return a, problems
}

func (a *Agencies) add(t AgencyTerm) {
	a.terms[t.Term] = t
	if f, _, _ := strings.Cut(t.Term, " "); f != "" {
		a.first[f] = true
	}
	if n := len(strings.Fields(t.Term)); n > a.maxWords {
		a.maxWords = min(n, maxAgencyTermSize)
	}
}

// Empty reports whether the packs define no agency at all.
func (a *Agencies) Empty() bool { return a == nil || len(a.terms) == 0 }

// FoldWords lower-cases s, makes curly apostrophes straight and joins its
// words with single spaces: the form list entries and text are compared in.
//
// It is called for most lines of a record, so it reads s once, returns a
// text already in that form as it is, and allocates once otherwise.
func FoldWords(s string) string {
	if folded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune is a letter as FoldWords writes it.
func foldRune(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r < utf8.RuneSelf:
		return r
	case r == '’':
		return '\''
	}
	return unicode.ToLower(r)
}

// folded reports whether s is ASCII with no capital letter, and its words
// are parted by single spaces: FoldWords(s) == s.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c >= 'A' && c <= 'Z', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

// appendFoldedWord appends FoldWords of one word (no spaces in it) to b:
// a term's key is built in place, not joined and folded anew for every
// length tried.
func appendFoldedWord(b []byte, w string) []byte {
	for _, r := range w {
		b = utf8.AppendRune(b, foldRune(r))
	}
	return b
}

// wordList is a text's words with their byte offsets; glued[i] says the
// gap before word i is only spaces, so a phrase may run across it.
type wordList struct {
	w     []string
	at    [][2]int
	glued []bool
}

// words splits s into words; punctuation other than an apostrophe,
// hyphen or ampersand inside a word ends it.
func words(s string) wordList { return wordsN(s, -1) }

// wordsN is words reading at most the first n words (all when n < 0): a
// heading or an attribution is read from a line's first words, and a
// paragraph-long line need not be split whole to find it.
func wordsN(s string, n int) wordList {
	// The lists are made to size: growing them word by word was a fifth
	// of what reading a record allocated.
	c := countWords(s, n)
	l := wordList{w: make([]string, 0, c), at: make([][2]int, 0, c), glued: make([]bool, 0, c)}
	start, gapPunct := -1, false
	for i, r := range s {
		in := wordRune(r, start >= 0)
		switch {
		case in && start < 0:
			start = i
			l.glued = append(l.glued, len(l.w) > 0 && !gapPunct)
		case !in && start >= 0:
			l.w, l.at = append(l.w, s[start:i]), append(l.at, [2]int{start, i})
			start, gapPunct = -1, false
			if len(l.w) == n {
				return l
			}
		}
		if !in && r != ' ' {
			gapPunct = true
		}
	}
	if start >= 0 {
		l.w, l.at = append(l.w, s[start:]), append(l.at, [2]int{start, len(s)})
	}
	return l
}

// wordRune reports whether r belongs to a word: a letter or digit, or an
// apostrophe, hyphen or ampersand inside one.
func wordRune(r rune, inWord bool) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			inWord && (r == '\'' || r == '-' || r == '&')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || inWord && r == '’'
}

// countWords is how many words wordsN(s, n) reads.
func countWords(s string, n int) int {
	c, in := 0, false
	for _, r := range s {
		w := wordRune(r, in)
		if w && !in {
			if c == n {
				break
			}
			c++
		}
		in = w
	}
	return c
}

// mayName reports whether one of the first words of s could start a
// term: most sentences and lines cannot, and are passed over without
// being split into words.
func (a *Agencies) mayName(s string) bool {
	for n := 0; n < maxAgencyTermSize && s != ""; n++ {
		i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) })
		if i < 0 {
			return false
		}
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
		if j < 0 {
			j = len(s)
		}
		if a.first[strings.ToLower(s[:j])] {
			return true
		}
		s = s[j:]
	}
	return false
}

// termAt returns the longest term starting at word i that does not run
// across punctuation, and how many words it takes.
func (a *Agencies) termAt(l wordList, i int) (AgencyTerm, int) {
	n := 1
	for n < a.maxWords && i+n < len(l.w) && l.glued[i+n] {
		n++
	}
	var buf [96]byte
	for ; n > 0; n-- {
		key := buf[:0]
		for j, w := range l.w[i : i+n] {
			if j > 0 {
				key = append(key, ' ')
			}
			key = appendFoldedWord(key, w)
		}
		if t, ok := a.terms[string(key)]; ok {
			return t, n
		}
	}
	return AgencyTerm{}, 0
}

// TermsIn returns every term of the vocabulary in line, in order, each
// read as termAt reads it (the longest at its word); a term after a word
// that makes it someone's or a mere mention ("her school") is left out.
func (a *Agencies) TermsIn(line string) []AgencyTerm {
	if a.Empty() {
		return nil
	}
	l := words(line)
	var out []AgencyTerm
	for i := 0; i < len(l.w); i++ {
		t, n := a.termAt(l, i)
		if n == 0 {
			continue
		}
		if i > 0 && a.notBefore[FoldWords(l.w[i-1])] {
			i += n - 1
			continue
		}
		out = append(out, t)
		i += n - 1
	}
	return out
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// name reads l.w[i:] as an agency's name: up to three capitalised words
// of a place or proper name, then a term ("Northshire Police", "Oakfield
// Primary School"), then more terms or up to two proper names ("NHS
// Westvale CAMHS", "NHS Westvale"). A capitalised word that makes the
// agency someone's or a mere mention ("Her teacher", "A school";
// agency-not-before) ends the search, and so does a council term. It
// returns the term, the index after the name, and whether one was found.
func (a *Agencies) name(l wordList, i int) (AgencyTerm, int, bool) {
	for k := i; k <= i+3 && k < len(l.w); k++ {
		if k > i && !l.glued[k] {
			break
		}
		t, n := a.termAt(l, k)
		if n == 0 {
			if !capitalised(l.w[k]) || a.notBefore[FoldWords(l.w[k])] || k == i && ownerWord(l.w[k]) {
				break
			}
			continue
		}
		if t.Council {
			break
		}
		end, proper := k+n, 0
		for end < len(l.w) && l.glued[end] {
			if t2, n2 := a.termAt(l, end); n2 > 0 {
				if t2.Council {
					break
				}
				if !t2.Staff {
					t = t2
				}
				end, proper = end+n2, 0
				continue
			}
			if t.Staff || t.Generic || proper == 2 || !capitalised(l.w[end]) {
				break
			}
			end, proper = end+1, proper+1
		}
		if k > i || end > k+n {
			t.Generic = false // "Oakfield School", "NHS Westvale CAMHS": a name, not a bare word
		}
		return t, end, true
	}
	return AgencyTerm{}, i, false
}

// termWord reports whether w is an agency's or its staff's word on its
// own ("school", "teacher").
func (a *Agencies) termWord(w string) bool {
	_, n := a.termAt(words(w), 0)
	return n > 0
}

// ownerWord reports whether w, opening a name, is someone's possessive
// ("Robin's health", "Mum's GP"): the term after it is theirs, not part of
// an agency's name. A plural noun's possessive opens names ("Children's
// Hospital", "Women's Aid").
func ownerWord(w string) bool {
	f := strings.ReplaceAll(strings.ToLower(w), "’", "'")
	base, ok := strings.CutSuffix(f, "'s")
	if !ok {
		return false
	}
	switch base {
	case "children", "women", "men", "people":
		return false
	}
	return true
}

// Heading reads a line as a heading or speaker label naming an agency:
// its name, then words such as "information" or "update", then a
// qualifier in brackets or after a dash, or a colon and what the agency
// said. body is the offset in line where a speaker label's text starts
// (0 for a heading alone). A heading naming the council's own service, or
// a line that goes on as a sentence, is not one.
func (a *Agencies) Heading(line string) (t AgencyTerm, body int, ok bool) {
	if t, body, ok := a.headingOf(line); ok {
		return t, body, ok
	}
	if p, owned := a.plainHeading(line); p != line {
		t, body, ok := a.headingOf(p)
		if owned {
			t.Generic = false // "School's view": the school's, not the council's own "School" section
		}
		return t, body, ok
	}
	return AgencyTerm{}, 0, false
}

func (a *Agencies) headingOf(line string) (t AgencyTerm, body int, ok bool) {
	if a.Empty() {
		return AgencyTerm{}, 0, false
	}
	if !a.mayName(line) {
		return AgencyTerm{}, 0, false
	}
	l := wordsN(line, headWords)
	if len(l.w) == 0 || strings.TrimSpace(line[:l.at[0][0]]) != "" {
		return AgencyTerm{}, 0, false
	}
	// A bilingual heading names the agency on either side of a slash
	// ("Heddlu / Police (…)", "Iechyd / Health"): one side is enough.
	if k := strings.Index(line, " / "); k > 0 && k < 60 && len(strings.Fields(line[:k])) <= 3 {
		if t, body, ok := a.Heading(line[k+3:]); ok {
			if body > 0 {
				body += k + 3
			}
			return t, body, true
		}
	}
	i := 0
	if len(l.w) > 2 && FoldWords(l.w[0]) == "information" && (FoldWords(l.w[1]) == "from" || FoldWords(l.w[1]) == "shared") {
		i = 2
		for i < len(l.w)-1 && (FoldWords(l.w[i]) == "by" || FoldWords(l.w[i]) == "the") {
			i++
		}
	}
	t, end, found := a.name(l, i)
	if !found {
		return AgencyTerm{}, 0, false
	}
	for end < len(l.w) && l.glued[end] && a.heading[FoldWords(l.w[end])] {
		end++
	}
	trim := strings.TrimLeft(line[l.at[end-1][1]:], " \t")
	switch {
	case trim == "":
		return t, 0, true
	case trim[0] == ':':
		b := len(line) - len(trim) + 1
		for b < len(line) && (line[b] == ' ' || line[b] == '\t') {
			b++
		}
		if b >= len(line) {
			return t, 0, true // "Police:" on a line of its own
		}
		return t, b, true
	case trim[0] == '(' || trim[0] == '|' || strings.HasPrefix(trim, "- ") || strings.HasPrefix(trim, "– ") || strings.HasPrefix(trim, "— "):
		return t, 0, true
	case trim[0] == ',' && namedAfterComma(trim[1:]):
		// "Designated Teacher report, <School> (<name>)": who and where
		// after a comma, no sentence
		return t, 0, true
	case trim[0] == '/':
		// the same heading in the other language ("Ysgol / School"):
		// a few words, then what may follow a heading
		rest := trim[1:]
		head := rest
		if k := strings.IndexAny(rest, "(:"); k >= 0 {
			head = rest[:k]
		}
		if len(strings.Fields(head)) > 4 || strings.ContainsAny(head, ".!?") {
			return AgencyTerm{}, 0, false
		}
		if k := strings.IndexByte(rest, ':'); k >= 0 && len(head) == k {
			b := len(line) - len(rest) + k + 1
			for b < len(line) && (line[b] == ' ' || line[b] == '\t') {
				b++
			}
			if b < len(line) {
				return t, b, true
			}
		}
		return t, 0, true
	}
	return AgencyTerm{}, 0, false
}

// namedAfterComma reports whether what follows a heading's comma names
// where or who it comes from and says nothing: a few words, each
// capitalised or a bracket's, and no sentence's punctuation.
func namedAfterComma(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 8 || strings.ContainsAny(s, ".!?:;") {
		return false
	}
	for _, w := range f {
		w = strings.Trim(w, "()[],'’")
		if w == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !unicode.IsDigit(r) && !minorWord[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// minorWord are the small words a name of a place or organisation may hold
// uncapitalised ("Academy of the Arts").
var minorWord = map[string]bool{"of": true, "the": true, "and": true, "for": true, "at": true, "on": true, "&": true}

// sectionNumber is a form's section number before its heading: "Section
// B – ", "Part 2: ".
var sectionNumber = regexp.MustCompile(`^(?i:section|part)[ \t]+[A-Za-z0-9]{1,3}[ \t]*[:.\-–—][ \t]*`)

// plainHeading blanks, keeping every offset, what stands between a
// heading's words and the agency it names: a form's section number
// ("Section B – School's view") and the possessive of the agency or its
// officer ("School's view", "Designated teacher's report"). Anyone else's
// possessive stays: "Robin's health" is Robin's, not an agency called
// "Robin Health".
func (a *Agencies) plainHeading(line string) (plain string, owned bool) {
	head := line[:min(len(line), 80)]
	var m []int
	if len(line) > 5 && (strings.EqualFold(line[:5], "part ") || len(line) > 8 && strings.EqualFold(line[:8], "section ")) {
		m = sectionNumber.FindStringIndex(line)
	}
	if m == nil && !strings.ContainsAny(head, "'’") {
		return line, false
	}
	b := []byte(line)
	if m != nil {
		for i := m[0]; i < m[1]; i++ {
			b[i] = ' '
		}
	}
	l := words(string(b))
	for k := 0; k < len(l.w) && k < 4; k++ {
		w, end := l.w[k], l.at[k][1]
		for _, p := range []string{"'s", "’s"} {
			if strings.HasSuffix(w, p) && len(w) > len(p) && a.termWord(w[:len(w)-len(p)]) {
				for i := end - len(p); i < end; i++ {
					b[i] = ' '
				}
				owned = true
			}
		}
	}
	return string(b), owned
}

// Attribution reads the start of a sentence as an agency passing on what
// it knows: "[The] <agency or its staff> [have|has|had] <verb>" ("Police
// Scotland have recorded", "The GP practice confirmed that", "the school
// say"). A possessive before the agency ("her teacher says") is the
// council's own account of a conversation, and a passive ("police were
// told") is the council informing the agency: neither is an attribution.
// It returns the term and the offset after the verb.
func (a *Agencies) Attribution(sentence string) (AgencyTerm, int, bool) {
	if a.Empty() || len(a.verbs) == 0 || !a.mayName(sentence) {
		return AgencyTerm{}, 0, false
	}
	l := wordsN(sentence, headWords)
	if len(l.w) < 2 || strings.TrimSpace(sentence[:l.at[0][0]]) != "" {
		return AgencyTerm{}, 0, false
	}
	i, owned := 0, false
	switch f := FoldWords(l.w[0]); {
	case f == "the":
		i = 1
	case f == "her" || f == "his" || f == "their" || f == "my" || ownerWord(l.w[0]) && !a.termWord(l.w[0]):
		i, owned = 1, true // "Robin's GP has confirmed" as "her GP"
	}
	// "The college's report states": the agency in the possessive, then
	// what it wrote; the agency is read without the "'s".
	poss := false
	for k := i; k < len(l.w)-1 && k <= i+3; k++ {
		if w, ok := trimOwner(l.w[k]); ok && a.docNoun[FoldWords(l.w[k+1])] {
			l.w = append([]string(nil), l.w...)
			l.w[k], poss = w, true
			break
		}
	}
	t, end, found := a.name(l, i)
	if found && poss && end < len(l.w) && l.glued[end] && a.docNoun[FoldWords(l.w[end])] {
		end++
	}
	if !found && i == 1 && !owned && len(l.w) > 2 && !capitalised(l.w[1]) && l.glued[2] {
		t, end, found = a.name(l, 2) // "the family GP", "the local police"
	}
	if found && !t.Council && !t.Staff && end+1 < len(l.w) && l.glued[end] && a.staffNoun[FoldWords(l.w[end])] {
		end++ // "the college tutor", "the hospital consultant": the agency's member of staff
		t.Staff = true
	}
	if !found || end >= len(l.w) || owned && !a.owned[t.Kind] {
		// "her teacher says": the council's account of a chat; a kind
		// in attribution-owned-kinds ("her GP has confirmed") reports
		// for its agency though owned
		return AgencyTerm{}, 0, false
	}
	if !l.glued[end] {
		// an apposition naming the officer: "Her GP, Dr Jo Bell of
		// Fellside Surgery, has written that …"
		gap := sentence[l.at[end-1][1]:l.at[end][0]]
		if strings.TrimSpace(gap) != "," {
			return AgencyTerm{}, 0, false
		}
		at := l.at[end][0]
		c := strings.IndexByte(sentence[at:min(len(sentence), at+100)], ',')
		ap := sentence[at : at+max(c, 0)]
		if c < 0 || strings.ContainsAny(ap, ".;:!?()") || len(strings.Fields(ap)) > 10 || !capitalised(l.w[end]) {
			return AgencyTerm{}, 0, false
		}
		if n, ok := a.Reports(sentence[at+c+1:]); ok {
			return t, at + c + 1 + n, true
		}
		return AgencyTerm{}, 0, false
	}
	if n, ok := a.verbAt(l, end); ok && !capitalised(l.w[n-1]) {
		return t, l.at[n-1][1], true // a capitalised "Report" is a title's noun, not a verb
	}
	return AgencyTerm{}, 0, false
}

// verbAt reads an attribution verb at word i, after an optional auxiliary
// or adverb ("have recorded", "also reported"); it returns the index after it.
func (a *Agencies) verbAt(l wordList, i int) (int, bool) {
	if i < len(l.w) {
		switch FoldWords(l.w[i]) {
		case "have", "has", "had", "also", "then", "later", "will", "would":
			i++
		}
	}
	if i < len(l.w) && (i == 0 || l.glued[i]) && a.verbs[FoldWords(l.w[i])] {
		return i + 1, true
	}
	if i+1 < len(l.w) && l.glued[i+1] && a.verbs[FoldWords(l.w[i]+" "+l.w[i+1])] {
		return i + 2, true
	}
	if i+2 < len(l.w) && l.glued[i+1] && l.glued[i+2] && a.verbs[FoldWords(l.w[i]+" "+l.w[i+1]+" "+l.w[i+2])] {
		return i + 3, true // "called to say", "rang to report"
	}
	return 0, false
}

// Reports reads the start of s, the text after a person's name, as an
// attribution verb ("reported that", "has confirmed"): the offset after
// it. It is how "<a partner agency's officer> reported that…" is read.
func (a *Agencies) Reports(s string) (int, bool) {
	if a.Empty() || strings.TrimLeft(s, " ") == s && s != "" {
		return 0, false
	}
	l := wordsN(s, 4) // an auxiliary or adverb, a verb of up to three words
	if len(l.w) == 0 || strings.TrimSpace(s[:l.at[0][0]]) != "" {
		return 0, false
	}
	if n, ok := a.verbAt(l, 0); ok {
		return l.at[n-1][1], true
	}
	return 0, false
}

// Council reports whether a line names the council as an author: one of
// its parts (split as in Letterhead) opens with a name of the council's
// own services (agency-not: "Northtown Council Children's Services"). A
// council service named later in a line ("Referral to Children's
// Services") says nothing about who wrote it.
func (a *Agencies) Council(line string) bool {
	if a.Empty() {
		return false
	}
	for _, p := range letterheadParts(line) {
		l := wordsN(p, headWords)
		for k := 0; k < len(l.w) && k <= 3; k++ {
			if t, n := a.termAt(l, k); n > 0 {
				if t.Council {
					return true
				}
				break
			}
			if !capitalised(l.w[k]) {
				break
			}
		}
	}
	return false
}

// letterheadParts splits a head line at tabs, bars, dashes, commas and bullets.
func letterheadParts(line string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(line, func(r rune) bool { return r == '\t' || r == '|' || r == '–' || r == '—' || r == ',' || r == '•' }) {
		out = append(out, strings.Split(p, " - ")...)
	}
	return out
}

// Letterhead reads a line at the top of a document, or its page header or
// footer, as naming the organisation that wrote it: one of its parts
// (split at tabs, bars, dashes and commas) is an agency's name alone
// ("Oakfield Academy – CONFIDENTIAL", "Clinical Psychology, Westvale
// Infirmary"). A member of staff or a bare generic word is no letterhead.
func (a *Agencies) Letterhead(line string) (AgencyTerm, bool) {
	if a.Empty() {
		return AgencyTerm{}, false
	}
	for _, p := range letterheadParts(line) {
		if t, body, ok := a.Heading(p); ok && body == 0 && !t.Staff && !t.Generic {
			return t, true
		}
	}
	return AgencyTerm{}, false
}

// compileAgencies builds Set.Agencies and checks the examples of the rules
// that read it.
func (s *Set) compileAgencies(listAt map[string]Error) Errors {
	var errs Errors
	a, problems := compileAgencies(s.Lists)
	for _, p := range problems {
		at := listAt[p.list]
		errs = append(errs, &Error{at.File, at.Line, p.msg})
	}
	s.Agencies = a
	for _, r := range s.Rules {
		var match func(string) bool
		switch r.Detector.Kind {
		case KindAgencyLetterhead:
			match = func(x string) bool { _, ok := a.Letterhead(x); return ok }
		case KindAgencyHeading:
			match = func(x string) bool { _, _, ok := a.Heading(x); return ok }
		case KindAttribution:
			match = func(x string) bool { _, _, ok := a.Attribution(x); return ok }
		default:
			continue
		}
		if a.Empty() {
			errs = append(errs, &Error{r.File, r.Line, fmt.Sprintf("rule %q: detector %s needs agency-<kind> lists", r.ID, r.Detector.Kind)})
			continue
		}
		if r.Detector.Kind == KindAttribution && len(a.verbs) == 0 {
			errs = append(errs, &Error{r.File, r.Line, fmt.Sprintf("rule %q: detector %s needs the list %q", r.ID, r.Detector.Kind, listAttribution)})
			continue
		}
		for _, ex := range r.Examples.ShouldMatch {
			if !match(ex) {
				errs = append(errs, &Error{r.File, r.Line, fmt.Sprintf("rule %q: example %q should match but does not", r.ID, ex)})
			}
		}
		for _, ex := range r.Examples.ShouldNotMatch {
			if match(ex) {
				errs = append(errs, &Error{r.File, r.Line, fmt.Sprintf("rule %q: example %q should not match but does", r.ID, ex)})
			}
		}
	}
	return errs
}

// KeepsListedRole reports whether the staff of an agency of this kind keep
// the role the persons list gives them (staff-role-kept-kinds) rather than
// being another organisation's officers.
func (a *Agencies) KeepsListedRole(kind string) bool { return a != nil && a.roleKept[kind] }

// Sender reads an email sender as an agency: its display name as a name
// ("Oakfield Primary School Office", "CAMHS Clinical Psychology") or a
// label of its domain in agency-domain-words ("nhs-westvale.example").
func (a *Agencies) Sender(display, addr string) (AgencyTerm, bool) {
	if a.Empty() {
		return AgencyTerm{}, false
	}
	if l := words(display); len(l.w) > 0 {
		if t, _, ok := a.name(l, 0); ok && !t.Staff && !t.Generic {
			return t, true
		}
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return AgencyTerm{}, false
	}
	labels := strings.FieldsFunc(strings.ToLower(addr[at+1:]), func(r rune) bool { return r == '.' || r == '-' || r == '_' })
	for _, lb := range labels {
		if a.domain[lb] {
			return a.domainTerm(lb), true
		}
	}
	// A domain that runs the agency's name into one word: a place before
	// a domain word ("<place>police", "<place>academy"), or a charity's
	// name with its spaces and apostrophes dropped ("<place>womensaid").
	for _, lb := range labels {
		for _, w := range a.domainRunOn {
			if len(lb) > len(w) && strings.HasSuffix(lb, w) {
				return a.domainTerm(w), true
			}
		}
		for _, sq := range a.squashed {
			if strings.Contains(lb, sq.letters) {
				return sq.t, true
			}
		}
	}
	return AgencyTerm{}, false
}

// squashedName is an agency's name as a domain runs it together.
type squashedName struct {
	letters string
	t       AgencyTerm
}

// minRunOn is the fewest letters a domain word must have to be found at
// the end of a longer label of a domain.
const minRunOn = 5

// domainTerm is the agency term a domain word names, or a bare term.
func (a *Agencies) domainTerm(w string) AgencyTerm {
	if t := a.terms[w]; t.Term != "" {
		return t
	}
	return AgencyTerm{Term: w}
}

// trimOwner returns w without a possessive ending ("college's" →
// "college"), and whether it had one.
func trimOwner(w string) (string, bool) {
	for _, e := range []string{"'s", "’s"} {
		if len(w) > len(e) && strings.HasSuffix(w, e) {
			return w[:len(w)-len(e)], true
		}
	}
	return w, false
}

// lettersOnly is s with everything but its letters dropped.
func lettersOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
