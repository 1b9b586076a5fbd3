package suggest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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
	k, err := SuggestKept(rec, set, opts)
	if err != nil {
		return nil, err
	}
	return k.Result(), nil
}

// SuggestKept is Suggest with the suggestions kept compactly, to be taken
// a document at a time (Kept.Document) by a caller that never needs them
// all at once (the batch command), or all at once (Kept.Result).
func SuggestKept(rec *record.Record, set *rules.Set, opts Options) (*Kept, error) {
	if rec == nil || set == nil {
		return nil, fmt.Errorf("suggest: nil record or rule set")
	}
	e := newEngine(rec, set, opts)
	t := newStrTable()
	perDoc := e.documents(t)
	e.reg.assignLabels()
	k := &Kept{rec: rec, reg: e.reg, docs: perDoc, strs: t.strs}
	for i := range perDoc {
		k.n += len(perDoc[i].sugs) + len(perDoc[i].raw)
	}
	for _, p := range e.reg.people {
		k.register = append(k.register, *p)
	}
	sort.SliceStable(k.register[1:], func(i, j int) bool {
		a, _ := strconv.Atoi(strings.TrimPrefix(k.register[1+i].Key, "p"))
		b, _ := strconv.Atoi(strings.TrimPrefix(k.register[1+j].Key, "p"))
		return a < b
	})
	return k, nil
}

// documents suggests on every document, on every core, and keeps each
// document's suggestions sorted (start, end longest first, rule id),
// without duplicates and with overlapping findings merged, packed in t.
// Each worker holds one document's words at a time, and a document's
// suggestions are merged and packed as soon as it is read, so memory
// follows the suggestions kept, not every finding of the record at once.
func (e *engine) documents(t *strTable) []packedDoc {
	docs := e.rec.Documents
	out := make([]packedDoc, len(docs))
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex // guards the register's first mentions
	for range min(runtime.GOMAXPROCS(0), max(len(docs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A worker's words, findings and merged suggestions are done
			// with (packed: copied) before its next document, so their
			// slices are reused: grown anew for each document they were a
			// sixth of what a run allocated.
			var sc docScratch
			var merged []Suggestion
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				s, first := e.document(i, &sc)
				mu.Lock()
				e.reg.noteFirst(first)
				mu.Unlock()
				sort.SliceStable(s, func(i, j int) bool {
					a, b := &s[i], &s[j]
					if a.Start != b.Start {
						return a.Start < b.Start
					}
					if a.End != b.End {
						return a.End > b.End
					}
					return a.RuleID < b.RuleID
				})
				merged = mergeOverlaps(merged[:0], docs[i].Text, dedupe(s))
				out[i] = t.pack(&docs[i], merged)
			}
		}()
	}
	wg.Wait()
	return out
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
