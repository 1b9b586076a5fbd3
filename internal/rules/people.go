package rules

import (
	"fmt"
	"strings"
)

// The person detector's vocabulary is a family of word lists in the packs
// (redaction-rules/people-words.yaml), so a council changes what it knows
// without changing Go:
//
//	job-titles-council     titles of the council's own staff ("social worker", "iro")
//	job-titles-partner     titles of another agency's staff ("health visitor", "gp")
//	partner-words          words of an agency name that make it not the council ("police", "nhs")
//	family-words           "word: Label" — a relationship word and the label stem of who it names ("mum: Mother")
//	mailbox-words          words of a shared mailbox's display name ("team", "duty")
//	letterhead-words       words of an organisation's address block ("council", "town hall")
//	street-words           a street type in any language the records use ("road", "heol", "wynd")
//	own-contact-frames     what introduces the writer's own address or number ("i live at", "call me on")
//	nickname-cues          what introduces a nickname ("known as", "aka")
//	service-lines          an organisation's own line a number may be given as ("duty team", "switchboard")
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
}

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
			if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
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
		Family: map[string]string{}}
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
	s.People = p
	return errs
}
