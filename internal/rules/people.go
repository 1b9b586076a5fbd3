package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The person detector's vocabulary is a family of word lists in the packs
// (redaction-rules/people-words.yaml), so a council changes what it knows
// without changing Go:
//
//	job-titles-council     titles of the council's own staff ("social worker", "iro")
//	job-titles-partner     titles of another agency's staff ("health visitor", "gp"), with every agency-staff-<kind> list's
//	partner-words          words of an agency name that make it not the council ("police", "nhs")
//	family-words           "word: Label" — a relationship word and the label stem of who it names ("mum: Mother")
//	mailbox-words          words of a shared mailbox's display name ("team", "duty")
//	letterhead-words       words of an organisation's address block ("council", "town hall")
//	street-words           a street type in any language the records use ("road", "heol", "wynd")
//	own-contact-frames     what introduces the writer's own address or number ("i live at", "call me on")
//	nickname-cues          what introduces a nickname ("known as", "aka")
//	service-lines          an organisation's own line a number may be given as ("duty team", "switchboard")
//	given-names            common given names (a data file: given-names.txt)
//	everyday-words         everyday English words, names among them (a data file: everyday-words.txt)
//	not-name-words         capitalised words never part of a name ("council", "road", "monday")
//	function-words         pronouns and small words that start sentences ("it", "however")
//	determiners            words before a noun, never before a lower-case name ("the", "a")
//	name-titles            titles before a surname ("mrs", "dr", "pc")
//	courtesy-titles        the titles put before a third party's surname as a form of their name ("Mrs")
//	partner-titles         titles only another agency's staff hold ("dr", "pc", "dc")
//	council-words          words that make an agency's name a local authority ("council", "borough", "cyngor")
//	organisation-heads     words that begin a place's name in languages that put the head first ("ysgol", "scoil"); optional
const (
	ListCouncilTitles = "job-titles-council"
	ListPartnerTitles = "job-titles-partner"
	ListPartnerWords  = "partner-words"
	ListFamilyWords   = "family-words"
	ListMailboxWords  = "mailbox-words"
	ListLetterhead    = "letterhead-words"
	ListStreetWords   = "street-words"
	ListOwnFrames     = "own-contact-frames"
	ListNicknameCues  = "nickname-cues"
	ListServiceLines  = "service-lines"
	ListGivenNames    = "given-names"
	ListEveryday      = "everyday-words"
	ListNotName       = "not-name-words"
	ListFunction      = "function-words"
	ListDeterminers   = "determiners"
	ListNameTitles    = "name-titles"
	ListCourtesy      = "courtesy-titles"
	ListPartnerTitle  = "partner-titles"
	ListCouncilWords  = "council-words"
	ListOrgHeads      = "organisation-heads"
)

// familyLabels are the label stems a family word may give (the register's
// labels: "Mother", "Sibling A", "Relative 2"…).
var familyLabels = map[string]bool{"Mother": true, "Father": true, "Stepfather": true, "Stepmother": true,
	"Sibling": true, "Relative": true, "Partner": true, "Neighbour": true, "Person": true, "Foster carer": true}

// People is the compiled vocabulary of the person detector. Words are lower
// case.
type People struct {
	CouncilTitles []string
	PartnerTitles []string
	PartnerWords  map[string]bool
	Family        map[string]string // relationship word → label stem
	Mailbox       map[string]bool
	Letterhead    []string
	Street        map[string]bool
	OwnFrames     []string
	NicknameCues  [][]string
	ServiceLines  []string
	GivenNames    map[string]bool
	Everyday      map[string]bool // everyday words, with the not-name and function words
	NotName       map[string]bool
	Function      map[string]bool
	Determiners   map[string]bool
	Titles        map[string]bool
	Courtesy      []string        // as printed: "Mrs"
	AgencyTitles  map[string]bool // titles only another agency's staff hold
	CouncilWords  map[string]bool
	OrgHeads      map[string]bool // words that begin a place's name ("Ysgol <Name>"): see HeadBefore
}

// Word folds a word as the person lists are kept: lower case, a curly
// apostrophe made straight.
func Word(w string) string { return strings.ReplaceAll(strings.ToLower(w), "’", "'") }

// compilePeople builds the vocabulary; a person rule needs every list, and
// a family word must give a known label.
func (s *Set) compilePeople(listAt map[string]Error) Errors {
	var errs Errors
	var person *Rule // the first person rule: missing lists are its error
	for _, r := range s.Rules {
		if r.Detector.Kind == KindPerson && person == nil {
			person = r
		}
	}
	need := person != nil
	missing := func(name string) {
		errs = append(errs, &Error{person.File, person.Line, fmt.Sprintf("rule %q: the person detector needs the list %q (see people-words.yaml)", person.ID, name)})
	}
	lower := func(name string) []string {
		var out []string
		for _, w := range s.Lists[name] {
			if w = Word(strings.TrimSpace(w)); w != "" {
				out = append(out, w)
			}
		}
		if need && len(out) == 0 {
			missing(name)
		}
		return out
	}
	set := func(name string) map[string]bool {
		m := map[string]bool{}
		for _, w := range lower(name) {
			m[w] = true
		}
		return m
	}
	p := &People{CouncilTitles: lower(ListCouncilTitles), PartnerTitles: lower(ListPartnerTitles),
		PartnerWords: set(ListPartnerWords), Mailbox: set(ListMailboxWords), Letterhead: lower(ListLetterhead),
		Street: set(ListStreetWords), OwnFrames: lower(ListOwnFrames), ServiceLines: lower(ListServiceLines),
		Family: map[string]string{}, GivenNames: set(ListGivenNames), NotName: set(ListNotName),
		Function: set(ListFunction), Determiners: set(ListDeterminers), Titles: set(ListNameTitles),
		AgencyTitles: set(ListPartnerTitle), CouncilWords: set(ListCouncilWords)}
	// An agency's staff titles (agency-staff-<kind>: "head of year",
	// "youth justice worker") are partner titles too: one vocabulary says
	// who works for another organisation.
	names := make([]string, 0, len(s.Lists))
	for n := range s.Lists {
		if strings.HasPrefix(n, listStaffPrefix) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		for _, w := range s.Lists[n] {
			if w = Word(strings.TrimSpace(w)); w != "" && !slices.Contains(p.PartnerTitles, w) {
				p.PartnerTitles = append(p.PartnerTitles, w)
			}
		}
	}
	p.Everyday = set(ListEveryday)
	for w := range p.NotName {
		p.Everyday[w] = true
	}
	for w := range p.Function {
		p.Everyday[w] = true
	}
	for _, t := range s.Lists[ListCourtesy] {
		if t = strings.TrimSpace(t); t != "" {
			p.Courtesy = append(p.Courtesy, t)
		}
	}
	if need && len(p.Courtesy) == 0 {
		missing(ListCourtesy)
	}
	for _, c := range lower(ListNicknameCues) {
		p.NicknameCues = append(p.NicknameCues, strings.Fields(c))
	}
	at := listAt[ListFamilyWords]
	for _, e := range s.Lists[ListFamilyWords] {
		w, label, ok := strings.Cut(e, ":")
		w, label = strings.ToLower(strings.TrimSpace(w)), strings.TrimSpace(label)
		if !ok || w == "" || !familyLabels[label] {
			errs = append(errs, &Error{at.File, at.Line, fmt.Sprintf("list %q: %q is not \"word: Label\" with a label among Mother, Father, Stepfather, Stepmother, Sibling, Relative, Partner, Neighbour, Person, Foster carer", ListFamilyWords, e)})
			continue
		}
		p.Family[w] = label
	}
	if need && len(s.Lists[ListFamilyWords]) == 0 {
		missing(ListFamilyWords)
	}
	// Optional: packs written before the list existed read every
	// capitalised pair as they did.
	p.OrgHeads = map[string]bool{}
	for _, w := range s.Lists[ListOrgHeads] {
		if w = Word(strings.TrimSpace(w)); w != "" {
			p.OrgHeads[w] = true
		}
	}
	s.People = p
	return errs
}

// Given reports whether the lower-case word f is a given name: one of the
// packs' given names, or two of them joined by a hyphen ("kelly-ann",
// "jean-paul"), as double given names are written. The list cannot hold
// every pair; each half is the evidence.
func (p *People) Given(f string) bool {
	if p.GivenNames[f] {
		return true
	}
	if a, b, ok := strings.Cut(f, "-"); ok && len(a) > 1 && len(b) > 1 && p.Given(a) && p.Given(b) && !p.Everyday[f] {
		return true
	}
	// a name written with its marks that the list holds in plain letters
	// ("małgorzata", listed as "Malgorzata"); not a short word, whose marks
	// may make it a word of its own language (Welsh "tîm", team, is no Tim)
	if pl := PlainLetters(f); pl != f && utf8.RuneCountInString(f) >= 5 {
		return p.GivenNames[pl]
	}
	return false
}

// PlainLetters drops the diacritics of a folded word ("łukasz" →
// "lukasz", "siân" → "sian"). A word of two letters keeps its marks: in
// Vietnamese they make another word ("cả", a name; "cá", fish).
func PlainLetters(f string) string {
	ascii := true
	for i := 0; i < len(f); i++ {
		if f[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii || utf8.RuneCountInString(f) <= 2 {
		return f
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(f) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ł':
			b.WriteRune('l')
		case r == 'ø':
			b.WriteRune('o')
		case r == 'đ':
			b.WriteRune('d')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// HeadBefore reports whether the word just before off (one space or one
// line break between) is one of the organisation heads, capitalised: the
// word at off begins a place's name in a language that puts its head word
// first ("Ysgol <Name> <Word>", "Meithrinfa <Name>", "Scoil <Name>"), not a
// person's. The person detector and the bundle's leak check both ask it,
// so a name left in a place's name is neither suggested nor spread.
func (p *People) HeadBefore(text string, off int) bool {
	if p == nil || len(p.OrgHeads) == 0 || off <= 0 || off > len(text) {
		return false
	}
	blank := func(c byte) bool { return c == ' ' || c == '\r' } // "\r\n" as a PDF's text gives a line
	j := off
	for j > 0 && blank(text[j-1]) {
		j--
	}
	if j > 0 && text[j-1] == '\n' {
		j--
		for j > 0 && blank(text[j-1]) {
			j--
		}
	}
	if j == off || j == 0 || off-j > 1 && !strings.Contains(text[j:off], "\n") {
		return false // no gap, or more than one space and no line break
	}
	k := j
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) && r != '-' {
			break
		}
		k -= n
	}
	w := text[k:j]
	if w == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(first) && p.OrgHeads[Word(w)]
}
