package web

import (
	"regexp"
	"sort"
	"strings"
)

// glossary explains the words of a social care record a care leaver may
// not know. The reading view marks each use with <abbr> and lists them
// with <dfn> at the foot of the page (a title alone is not keyboard
// accessible).
var glossary = map[string]string{
	"LAC":              "Looked After Child: a child in the care of the council",
	"CLA":              "Child Looked After: a child in the care of the council",
	"ICPC":             "Initial Child Protection Conference: a meeting to decide whether a child needs a protection plan",
	"RCPC":             "Review Child Protection Conference: a meeting that reviews a child protection plan",
	"CP":               "Child Protection",
	"CIN":              "Child in Need: a child who needs extra help from the council",
	"IRO":              "Independent Reviewing Officer: chairs a looked-after child's reviews",
	"PA":               "Personal Adviser: supports a care leaver from 16 to 25",
	"CAMHS":            "Child and Adolescent Mental Health Services",
	"MASH":             "Multi-Agency Safeguarding Hub: where concerns about a child are first looked at",
	"PLO":              "Public Law Outline: the process before care proceedings in court",
	"ICO":              "Interim Care Order: a court order placing a child in the council's care until the final hearing",
	"SGO":              "Special Guardianship Order",
	"EHCP":             "Education, Health and Care Plan",
	"PEP":              "Personal Education Plan",
	"GP":               "General Practitioner: a family doctor",
	"DV":               "Domestic Violence",
	"DA":               "Domestic Abuse",
	"section 20":       "Section 20 of the Children Act 1989: care agreed with the parents, without a court order",
	"section 47":       "Section 47 of the Children Act 1989: an enquiry into whether a child is at risk of significant harm",
	"care order":       "A court order placing a child in the care of the council",
	"pathway plan":     "A plan, from age 16, for a young person's move out of care",
	"strategy meeting": "A meeting of agencies to decide how to respond to a concern about a child",
	"family time":      "Time a child in care spends with their family (once called contact)",
}

var glossRE = func() *regexp.Regexp {
	terms := make([]string, 0, len(glossary))
	for t := range glossary {
		terms = append(terms, t)
	}
	// Longest first, so "care order" wins over shorter overlapping terms.
	sort.Slice(terms, func(i, j int) bool { return len(terms[i]) > len(terms[j]) })
	for i, t := range terms {
		terms[i] = regexp.QuoteMeta(t)
	}
	return regexp.MustCompile(`\b(?:` + strings.Join(terms, "|") + `)\b`)
}()

// Gloss is a run of text; Meaning is set when it is a glossary term,
// Redacted when it is the marker left where something was removed.
type Gloss struct {
	Text     string
	Meaning  string
	Redacted bool
}

// markerRE finds the "[label]" markers the released text carries where a
// redaction was made; they are never glossed ("[PA]" is a reason code,
// not a personal adviser).
var markerRE = regexp.MustCompile(`\[[^\]\n]{1,80}\]`)

// gloss cuts text into plain runs, redaction markers and glossary terms.
func gloss(text string) []Gloss {
	var out []Gloss
	pos := 0
	for _, m := range markerRE.FindAllStringIndex(text, -1) {
		out = append(out, glossTerms(text[pos:m[0]])...)
		out = append(out, Gloss{Text: text[m[0]:m[1]], Redacted: true})
		pos = m[1]
	}
	return append(out, glossTerms(text[pos:])...)
}

// glossTerms cuts text into plain runs and glossary terms. Acronyms match
// in capitals only; phrases in any case.
func glossTerms(text string) []Gloss {
	var out []Gloss
	pos := 0
	for _, m := range glossRE.FindAllStringIndex(text, -1) {
		if m[0] > pos {
			out = append(out, Gloss{Text: text[pos:m[0]]})
		}
		t := text[m[0]:m[1]]
		out = append(out, Gloss{Text: t, Meaning: meaning(t)})
		pos = m[1]
	}
	if pos < len(text) {
		out = append(out, Gloss{Text: text[pos:]})
	}
	return out
}

func meaning(t string) string {
	if m, ok := glossary[t]; ok {
		return m
	}
	return glossary[strings.ToLower(t)]
}

// splitParas splits released text into paragraphs.
func splitParas(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// GlossaryEntry is one term listed at the foot of the reading view.
type GlossaryEntry struct{ Term, Meaning string }

// usedTerms lists the glossary terms used in the documents, sorted.
func usedTerms(docs []ReadingDoc) []GlossaryEntry {
	seen := map[string]string{}
	for _, d := range docs {
		for _, p := range d.Paras {
			for _, g := range p {
				if g.Meaning != "" {
					seen[g.Text] = g.Meaning
				}
			}
		}
	}
	out := make([]GlossaryEntry, 0, len(seen))
	for t, m := range seen {
		out = append(out, GlossaryEntry{t, m})
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Term) < strings.ToLower(out[j].Term) })
	return out
}
