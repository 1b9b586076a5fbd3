package suggest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// Options are per-request settings.
type Options struct {
	// RedactStaff suggests council staff names too (by default staff acting
	// in their role are disclosed: ICO SAR guidance on staff names). Use it
	// for a record where naming junior staff would put them at risk.
	RedactStaff bool
	// Kinds are the kinds officers chose for register people (Kind.ID by
	// the person's name as the register holds it). They override what
	// persons.json and the text say, so a role changed on the People page
	// holds in every later suggestion run; a name no longer in the
	// register is ignored.
	Kinds map[string]string
}

// Result is the register and the suggestions for a record.
//
// JSON (stable; the server stores it):
//
//	{"register": [{"key","name","role","label","kind","kind_by_officer","relationship","agency","source","variants","dob"}],
//	 "suggestions": [{"id","doc_id","location","path","part","page","start","end","scope","text",
//	                  "person_key","person_label","person_role","rule_id","category","code",
//	                  "action","confidence","why"}]}
//
// Suggestions are sorted by document (record order), start, end (longest
// first) and rule id. Overlapping suggestions from different rules are all
// kept, each with its own reason: review and the bundle merge the spans
// they decide to apply. A document-scope suggestion has Start 0, End the
// text's length and empty Text; a section's Text is the section.
type Result struct {
	Register    []Person     `json:"register"`
	Suggestions []Suggestion `json:"suggestions"`
}

// Suggest builds the person register of rec and runs every rule of set over
// every document. It never logs document text.
func Suggest(rec *record.Record, set *rules.Set, opts Options) (*Result, error) {
	if rec == nil || set == nil {
		return nil, fmt.Errorf("suggest: nil record or rule set")
	}
	e := newEngine(rec, set, opts)
	var out []Suggestion
	for i := range rec.Documents {
		out = append(out, e.document(i)...)
	}
	e.reg.assignLabels()
	byKey := map[string]*Person{}
	for _, p := range e.reg.people {
		byKey[p.Key] = p
	}
	for i := range out {
		s := &out[i]
		if s.PersonKey == "" {
			continue
		}
		if pi, err := strconv.Atoi(s.PersonKey); err == nil {
			p := e.reg.people[pi]
			s.PersonKey, s.PersonLabel, s.PersonRole = p.Key, p.Label, p.Role
			s.Why = strings.ReplaceAll(s.Why, labelMark, p.Label)
		}
	}
	docOrder := map[string]int{}
	for i, d := range rec.Documents {
		docOrder[d.ID] = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if a.DocID != b.DocID {
			return docOrder[a.DocID] < docOrder[b.DocID]
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.RuleID < b.RuleID
	})
	out = mergeOverlaps(rec, dedupe(out))
	res := &Result{Suggestions: out}
	for _, p := range e.reg.people {
		res.Register = append(res.Register, *p)
	}
	sort.SliceStable(res.Register[1:], func(i, j int) bool {
		a, _ := strconv.Atoi(strings.TrimPrefix(res.Register[1+i].Key, "p"))
		b, _ := strconv.Atoi(strings.TrimPrefix(res.Register[1+j].Key, "p"))
		return a < b
	})
	return res, nil
}

// suggestionID is stable: the same document, range and rule give the same ID.
func suggestionID(docID string, start, end int, rule string) string {
	h := sha256.Sum256([]byte(docID + "\x00" + strconv.Itoa(start) + "\x00" + strconv.Itoa(end) + "\x00" + rule))
	return hex.EncodeToString(h[:8])
}

func dedupe(s []Suggestion) []Suggestion {
	out := s[:0]
	seen := map[string]bool{}
	for _, x := range s {
		if seen[x.ID] {
			continue
		}
		seen[x.ID] = true
		out = append(out, x)
	}
	return out
}

// pageAt returns the page of the block holding offset off (0 when unpaged).
func pageAt(d *record.Document, off int) int {
	bs := d.Blocks
	i := sort.Search(len(bs), func(i int) bool { return bs[i].End > off })
	if i < len(bs) && bs[i].Start <= off {
		return bs[i].Page
	}
	return 0
}
