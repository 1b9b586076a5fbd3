package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Gold lists what a synthetic record plants, in the shape of the sample
// record's gold file: the third-party strings a correct bundle removes, the
// subject's and staff's strings it keeps, and the files that hold copies of
// one document.
type Gold struct {
	MustRedact []GoldItem  `json:"must_redact"`
	MustKeep   []GoldItem  `json:"must_keep"`
	Duplicates [][2]string `json:"duplicates"`
}

// GoldItem is one planted string in one record-relative file.
type GoldItem struct {
	Doc      string `json:"doc"`
	Text     string `json:"text"`
	Category string `json:"category,omitempty"`
}

// Gold categories, as the sample gold file spells them.
const (
	catName       = "third_party_name"
	catContact    = "third_party_contact"
	catIdentifier = "third_party_identifier"
)

// goldSet collects gold items once per (doc, text).
type goldSet struct {
	g    Gold
	seen map[string]bool
}

func (s *goldSet) redact(doc, text, cat string) {
	if k := "r\x00" + doc + "\x00" + text; !s.seen[k] {
		s.seen[k] = true
		s.g.MustRedact = append(s.g.MustRedact, GoldItem{Doc: doc, Text: text, Category: cat})
	}
}

func (s *goldSet) keep(doc, text string) {
	if k := "k\x00" + doc + "\x00" + text; !s.seen[k] {
		s.seen[k] = true
		s.g.MustKeep = append(s.g.MustKeep, GoldItem{Doc: doc, Text: text})
	}
}

// writer makes the prose of one document and records what it plants.
type writer struct {
	r    *rand.Rand
	c    cast
	gold *goldSet
	doc  string // record-relative path the text is for
}

func (w *writer) pick(ps []Person) Person { return ps[w.r.IntN(len(ps))] }

// sentence returns one sentence, planting at most a few third-party details.
func (w *writer) sentence() string {
	s, f, st := w.c.subject, w.pick(w.c.family), w.pick(w.c.staff)
	sf := s.first()
	w.gold.keep(w.doc, sf)
	name := func(p Person) string { w.gold.redact(w.doc, p.Name, catName); return p.Name }
	staff := func(p Person) string { w.gold.keep(w.doc, p.Name); return p.Name }
	switch w.r.IntN(12) {
	case 0:
		return fmt.Sprintf("%s spent the afternoon with her %s, %s, at the family centre and the time together went well.", sf, f.Relationship, name(f))
	case 1:
		w.gold.redact(w.doc, f.Phone, catContact)
		return fmt.Sprintf("%s, who is %s's %s, can be reached on %s if the placement needs to make contact.", name(f), sf, f.Relationship, f.Phone)
	case 2:
		w.gold.redact(w.doc, f.Address, catContact)
		return fmt.Sprintf("The %s %s now lives at %s and has asked for letters to go there.", f.Relationship, name(f), f.Address)
	case 3:
		w.gold.redact(w.doc, f.NHS, catIdentifier)
		return fmt.Sprintf("The health visitor confirmed that %s's NHS number is %s when the referral was made.", name(f), f.NHS)
	case 4:
		return fmt.Sprintf("%s (%s) visited %s at the placement; %s said that school was going better and she had joined a football club.", staff(st), st.Relationship, sf, sf)
	case 5:
		w.gold.redact(w.doc, f.first(), catName)
		return fmt.Sprintf("%s told %s that %s had been shouting at home again and that she felt worried about her %s.", sf, staff(st), f.first(), f.Relationship)
	case 6:
		w.gold.keep(w.doc, s.NHS)
		return fmt.Sprintf("%s's own NHS number, %s, is recorded on the front sheet of the file.", sf, s.NHS)
	case 7:
		return fmt.Sprintf("The plan was reviewed by %s, %s, who agreed that the actions from the last meeting had been completed on time.", staff(st), st.Relationship)
	default:
		return filler[w.r.IntN(len(filler))]
	}
}

// paragraph returns three to six sentences.
func (w *writer) paragraph() string {
	n := 3 + w.r.IntN(4)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = w.sentence()
	}
	return strings.Join(parts, " ")
}

// text returns paragraphs of about chars characters in all.
func (w *writer) text(chars int) []string {
	var out []string
	total := 0
	for total < chars {
		p := w.paragraph()
		out = append(out, p)
		total += len(p) + 1
	}
	return out
}

// filler sentences name no one: the record's everyday prose.
var filler = []string{
	"The placement continues to meet her needs and there are no new concerns about her safety.",
	"School attendance this term was above ninety per cent and her reading has improved.",
	"She enjoys drawing, swimming and cooking, and would like more time to see her friends at weekends.",
	"The dentist appointment was kept and the next health assessment is due in the spring.",
	"The team discussed the pathway plan and the support available for education, training and housing.",
	"A referral to the youth service was agreed so she can take part in the summer activities programme.",
	"She said she felt listened to during the review and that she wanted her views written down in her own words.",
	"The actions agreed were to update the chronology, arrange the next visit and share the plan with the school.",
	"Transport to school has been arranged for the rest of the year and her timetable has been adjusted.",
	"She asked to see her file when she is older, and was told how to make a request for it.",
}
