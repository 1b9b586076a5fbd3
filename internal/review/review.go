// Package review owns the meaning of decisions: it turns suggestions, the
// decisions people make on them and legal's approvals into the final
// redactions and withholdings a bundle applies. The batch command calls it
// with no decisions (every suggestion applied as suggested); the server
// with the stored decisions. Nothing else decides what becomes a redaction;
// areas officers draw on pages are given their meaning here too
// (Policy.ApplyAreas), under the same approval rule as own redactions.
//
// A suggestion nobody has decided is never disclosed: it is applied as
// suggested, and a flagged one is withheld. Which decisions need a legal
// user's sign-off is data on the reason codes (redaction-rules/codes.yaml).
package review

import (
	"fmt"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// fromSuggestion makes the redaction a suggestion proposes over [start, end).
// A flag becomes a withholding; a document-scope suggestion withholds the
// whole document.
func fromSuggestion(s *suggest.Suggestion, start, end int, decider string) record.Redaction {
	r := record.Redaction{
		DocID: s.DocID, Start: start, End: end, Code: s.Code, Label: s.PersonLabel,
		RuleID: s.RuleID, Category: s.Category, Decider: decider, Text: s.Text, Parts: s.PartsWithin(start, end),
	}
	if start != s.Start || end != s.End {
		r.Text = "" // the caller fills Text from the document for a changed span
	}
	switch {
	case s.Scope == suggest.ScopeDocument:
		r.Withhold, r.Start, r.End = true, 0, 0
	case s.Scope == suggest.ScopeSection || s.Action == suggest.ActionWithhold:
		r.Withhold = true
	case s.Action == suggest.ActionFlag:
		// Nothing unreviewed goes out: a flagged span is removed like any
		// redaction, a flagged section or document is withheld.
		r.Withhold = s.Scope != suggest.ScopeSpan
	}
	return r
}

// dedupe drops exact repeats (same document, range, withholding).
func dedupe(rs []record.Redaction) []record.Redaction {
	out := rs[:0]
	seen := make(map[string]bool, len(rs))
	for _, r := range rs {
		k := fmt.Sprintf("%s|%d|%d|%t", r.DocID, r.Start, r.End, r.Withhold)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, r)
	}
	return out
}

// FillText sets Redaction.Text from the documents for every span redaction,
// so the bundle's leak check knows every string that must not appear.
func FillText(rs []record.Redaction, docs map[string]*record.Document) error {
	for i := range rs {
		r := &rs[i]
		d := docs[r.DocID]
		if d == nil {
			return fmt.Errorf("redaction %d: unknown document %s", i, r.DocID)
		}
		if r.Start < 0 || r.End > len(d.Text) || r.Start > r.End {
			return fmt.Errorf("redaction %d: range %d-%d outside document %s (%d bytes)", i, r.Start, r.End, r.DocID, len(d.Text))
		}
		if r.End > r.Start {
			r.Text = d.Text[r.Start:r.End]
		}
	}
	return nil
}
