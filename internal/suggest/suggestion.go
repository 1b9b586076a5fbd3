// Package suggest proposes redactions for a record: it builds a register of
// every person in it, runs the detectors of the rule packs over every
// document, and explains each suggestion with who, why and the law.
package suggest

import (
	"encoding/hex"
	"math"
	"slices"
	"sync"

	"github.com/disclose-sar/disclose/internal/record"
)

// Actions a rule may propose.
const (
	ActionRedact   = "redact"   // remove the span
	ActionWithhold = "withhold" // replace the document or section with a notice
	ActionFlag     = "flag"     // a human must decide
)

// Scopes of a suggestion.
const (
	ScopeSpan     = "span"
	ScopeSection  = "section"
	ScopeDocument = "document"
)

// Suggestion is one proposed redaction. Its JSON form is stable: the server
// stores it and scripts read it.
type Suggestion struct {
	ID          string  `json:"id"` // stable: derived from document, offsets and rule
	DocID       string  `json:"doc_id"`
	Location    string  `json:"location"`
	Path        string  `json:"path"`
	Part        string  `json:"part,omitempty"`
	Page        int     `json:"page,omitempty"`
	Start       int     `json:"start"` // byte offsets into record.Document.Text
	End         int     `json:"end"`
	Scope       string  `json:"scope"` // span, section or document
	Text        string  `json:"text"`
	PersonKey   string  `json:"person_key,omitempty"`   // register key; one decision can cover all of a person's occurrences
	PersonLabel string  `json:"person_label,omitempty"` // "Sibling A"
	PersonRole  string  `json:"person_role,omitempty"`
	RuleID      string  `json:"rule_id"`
	Category    string  `json:"category"`
	Code        string  `json:"code"` // reason code: TP, PA, LPP, SH...
	Action      string  `json:"action"`
	Confidence  float64 `json:"confidence"`
	Why         string  `json:"why"`
	Explanation string  `json:"explanation,omitempty"` // the rule's plain-English reason, for the requester
	// Also are other detectors' findings over part of the same text,
	// merged into this one item with their reasons (see mergeOverlaps).
	Also []Reason `json:"also,omitempty"`
}

// Kept is a finished suggestion pass whose suggestions are held compactly
// until they are asked for, a document at a time (Document) or all at
// once (Result). A suggestion as a Suggestion is some 300 bytes and a
// merged reason 128, besides its own id and reason strings; kept, it is a
// few dozen bytes: its document's fields and text are the document's, its
// id is its 8 bytes, and every other string is one shared copy in a table
// (issue 16: a 50,000-page record's suggestions were a third of the batch
// command's peak memory). Nothing is lost: each document's suggestions
// come back exactly as they were made, labelled.
type Kept struct {
	rec      *record.Record
	reg      *register
	docs     []packedDoc
	strs     []string
	n        int
	register []Person
}

// Register is the record's person register, labelled and in key order.
func (k *Kept) Register() []Person { return k.register }

// Len is the number of suggestions kept.
func (k *Kept) Len() int { return k.n }

// Document returns document i's suggestions (record order), labelled,
// in a new slice, and lets their kept form go: each document's are taken
// once (the caller's copies grow as the kept ones go).
func (k *Kept) Document(i int) []Suggestion {
	out := k.unpack(nil, i)
	k.docs[i] = packedDoc{}
	for j := range out {
		k.reg.label(&out[j])
	}
	return out
}

// Result gives every suggestion at once, in record order, letting each
// document's kept form go as it is unpacked: k is empty after it.
func (k *Kept) Result() *Result {
	out := make([]Suggestion, 0, k.n)
	for i := range k.docs {
		out = k.unpack(out, i)
		k.docs[i] = packedDoc{}
	}
	for i := range out {
		k.reg.label(&out[i])
	}
	return &Result{Register: k.register, Suggestions: out}
}

// packedDoc is one document's suggestions, kept: raw holds them as they
// were when one of them does not pack exactly (nearly never).
type packedDoc struct {
	sugs []packedSug
	also []packedReason
	raw  []Suggestion
}

// packedSug is a Suggestion of a known document. Strings are indexes into
// the string table; text is textOwn for the document's text at
// [start, end).
type packedSug struct {
	id                                                                              [8]byte
	start, end, page                                                                int32
	text, scope, personKey, personLabel, personRole, ruleID, category, code, action uint32
	why, explanation                                                                uint32
	alsoAt, alsoN                                                                   uint32
	confidence                                                                      float64
}

type packedReason struct {
	start, end                                                int32
	text, ruleID, category, code, personKey, personLabel, why uint32
}

// textOwn marks a text that is its document's text at the same offsets.
const textOwn = ^uint32(0)

// strTable holds one copy of each distinct string of the kept
// suggestions; index 0 is "".
type strTable struct {
	mu   sync.Mutex
	idx  map[string]uint32
	strs []string
}

func newStrTable() *strTable {
	return &strTable{idx: map[string]uint32{"": 0}, strs: []string{""}}
}

// intern is the index of s; the caller holds mu.
func (t *strTable) intern(s string) uint32 {
	if i, ok := t.idx[s]; ok {
		return i
	}
	i := uint32(len(t.strs))
	t.strs = append(t.strs, s)
	t.idx[s] = i
	return i
}

// pack keeps document d's suggestions s.
func (t *strTable) pack(d *record.Document, s []Suggestion) packedDoc {
	if len(s) == 0 {
		return packedDoc{}
	}
	nAlso := 0
	for i := range s {
		if !packable(d, &s[i]) {
			return packedDoc{raw: slices.Clone(s)}
		}
		nAlso += len(s[i].Also)
	}
	text := func(x string, start, end int) uint32 {
		if start <= end && end <= len(d.Text) && d.Text[start:end] == x {
			return textOwn
		}
		return t.intern(x)
	}
	p := packedDoc{sugs: make([]packedSug, len(s))}
	if nAlso > 0 {
		p.also = make([]packedReason, 0, nAlso)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := range s {
		x := &s[i]
		q := &p.sugs[i]
		hex.Decode(q.id[:], []byte(x.ID))
		q.start, q.end, q.page = int32(x.Start), int32(x.End), int32(x.Page)
		q.text = text(x.Text, x.Start, x.End)
		q.scope, q.personKey, q.personLabel, q.personRole = t.intern(x.Scope), t.intern(x.PersonKey), t.intern(x.PersonLabel), t.intern(x.PersonRole)
		q.ruleID, q.category, q.code, q.action = t.intern(x.RuleID), t.intern(x.Category), t.intern(x.Code), t.intern(x.Action)
		q.why, q.explanation = t.intern(x.Why), t.intern(x.Explanation)
		q.confidence = x.Confidence
		q.alsoAt, q.alsoN = uint32(len(p.also)), uint32(len(x.Also))
		for _, a := range x.Also {
			p.also = append(p.also, packedReason{start: int32(a.Start), end: int32(a.End), text: text(a.Text, a.Start, a.End),
				ruleID: t.intern(a.RuleID), category: t.intern(a.Category), code: t.intern(a.Code),
				personKey: t.intern(a.PersonKey), personLabel: t.intern(a.PersonLabel), why: t.intern(a.Why)})
		}
	}
	return p
}

// packable reports whether s packs exactly: it is of document d, its id
// is 16 lower-case hex digits and its offsets fit in 32 bits.
func packable(d *record.Document, s *Suggestion) bool {
	if s.DocID != d.ID || s.Location != d.Location || s.Path != d.Path || s.Part != d.Part || len(s.ID) != 16 {
		return false
	}
	for i := 0; i < len(s.ID); i++ {
		if c := s.ID[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	fits := func(v int) bool { return v >= math.MinInt32 && v <= math.MaxInt32 }
	if !fits(s.Start) || !fits(s.End) || !fits(s.Page) || len(s.Also) > math.MaxInt32 || s.Also != nil && len(s.Also) == 0 {
		return false // (an empty, not absent, list of reasons is kept as it is)
	}
	for _, a := range s.Also {
		if !fits(a.Start) || !fits(a.End) {
			return false
		}
	}
	return true
}

// unpack appends document i's suggestions, as they were made, to out.
func (k *Kept) unpack(out []Suggestion, i int) []Suggestion {
	p := &k.docs[i]
	if p.raw != nil {
		return append(out, p.raw...)
	}
	d := &k.rec.Documents[i]
	str := func(i uint32) string { return k.strs[i] }
	text := func(c uint32, start, end int32) string {
		if c == textOwn {
			return d.Text[start:end]
		}
		return k.strs[c]
	}
	for j := range p.sugs {
		q := &p.sugs[j]
		s := Suggestion{ID: hex.EncodeToString(q.id[:]), DocID: d.ID, Location: d.Location, Path: d.Path, Part: d.Part,
			Page: int(q.page), Start: int(q.start), End: int(q.end), Scope: str(q.scope), Text: text(q.text, q.start, q.end),
			PersonKey: str(q.personKey), PersonLabel: str(q.personLabel), PersonRole: str(q.personRole), RuleID: str(q.ruleID),
			Category: str(q.category), Code: str(q.code), Action: str(q.action), Confidence: q.confidence, Why: str(q.why),
			Explanation: str(q.explanation)}
		if q.alsoN > 0 {
			s.Also = make([]Reason, q.alsoN)
			for n, a := range p.also[q.alsoAt : q.alsoAt+q.alsoN] {
				s.Also[n] = Reason{Start: int(a.start), End: int(a.end), Text: text(a.text, a.start, a.end), RuleID: str(a.ruleID),
					Category: str(a.category), Code: str(a.code), PersonKey: str(a.personKey), PersonLabel: str(a.personLabel), Why: str(a.why)}
			}
		}
		out = append(out, s)
	}
	return out
}
