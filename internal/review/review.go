// Package review turns suggestions and the decisions people make on them
// into the final redactions a bundle applies.
//
// A suggestion nobody has decided is never disclosed: it is applied as
// suggested, and a flagged one is withheld (batch mode decides everything
// this way). Disclosing third-party information, or withholding under an
// exemption, takes effect only once a legal user has approved it.
package review

import (
	"fmt"
	"sort"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// Decision kinds.
const (
	// Accept applies the suggestion as made (a flag is withheld).
	Accept = "accept"
	// Reject says the suggestion is wrong: the text is not third-party
	// information (a false positive). It is disclosed without approval.
	Reject = "reject"
	// Disclose says the text is third-party information that may be
	// disclosed (consent given, reasonable in the circumstances, already
	// known to the requester). It needs legal approval.
	Disclose = "disclose"
	// ChangeSpan applies the suggestion to a corrected range.
	ChangeSpan = "change_span"
	// Withhold withholds the suggestion's document or section.
	Withhold = "withhold"
	// Manual adds a redaction no suggestion proposed.
	Manual = "manual"
)

// Decision is one reviewer's decision. SuggestionID is empty for Manual.
type Decision struct {
	SuggestionID string `json:"suggestion_id,omitempty"`
	Kind         string `json:"kind"`
	DocID        string `json:"doc_id,omitempty"` // Manual, ChangeSpan
	Start        int    `json:"start,omitempty"`
	End          int    `json:"end,omitempty"`
	Scope        string `json:"scope,omitempty"` // Manual/Withhold: span, section, document
	Code         string `json:"code,omitempty"`  // Manual: reason code
	Label        string `json:"label,omitempty"`
	Reason       string `json:"reason,omitempty"`
	User         string `json:"user"`
	Approved     bool   `json:"approved,omitempty"` // legal sign-off, for Disclose and exemption withholding
}

// NeedsApproval reports whether a decision may only take effect after a
// legal user approves it: disclosing third-party or partner-agency
// information, or withholding under an exemption.
func NeedsApproval(d Decision, s *suggest.Suggestion) bool {
	switch d.Kind {
	case Disclose:
		return true
	case Withhold, Accept:
		return s != nil && exemption(s.Code)
	}
	return false
}

// exemption reports whether a reason code withholds under a DPA 2018
// exemption that legal services must sign off (rather than to protect a
// third party, which is the default).
func exemption(code string) bool {
	switch code {
	case "LPP", "SH", "AD", "CO", "CR":
		return true
	}
	return false
}

// Batch decides every suggestion as batch mode does: redactions and
// withholdings applied, flagged spans and documents withheld, so nothing
// unreviewed goes out.
func Batch(sugs []suggest.Suggestion) []record.Redaction {
	out, _ := Apply(sugs, nil)
	return out
}

// Apply combines suggestions with decisions (the latest per suggestion
// wins; callers pass only decisions not undone) and returns the final
// redactions in document order, plus the decisions still waiting for
// legal approval, which are applied as if undecided meanwhile.
func Apply(sugs []suggest.Suggestion, decisions []Decision) ([]record.Redaction, []Decision) {
	bySug := make(map[string]Decision, len(decisions))
	var manual []Decision
	for _, d := range decisions {
		if d.Kind == Manual || d.SuggestionID == "" {
			manual = append(manual, d)
			continue
		}
		bySug[d.SuggestionID] = d
	}
	var (
		out     []record.Redaction
		pending []Decision
	)
	for i := range sugs {
		s := &sugs[i]
		d, decided := bySug[s.ID]
		if decided && NeedsApproval(d, s) && !d.Approved {
			pending = append(pending, d)
			if d.Kind == Disclose {
				decided = false // stays redacted until approved
			}
		}
		if !decided {
			out = append(out, fromSuggestion(s, s.Start, s.End, "auto"))
			continue
		}
		switch d.Kind {
		case Reject, Disclose:
			// disclosed: no redaction
		case ChangeSpan:
			out = append(out, fromSuggestion(s, d.Start, d.End, d.User))
		case Withhold:
			r := fromSuggestion(s, s.Start, s.End, d.User)
			r.Withhold = true
			if d.Scope == suggest.ScopeDocument {
				r.Start, r.End = 0, 0
			}
			out = append(out, r)
		default: // Accept
			out = append(out, fromSuggestion(s, s.Start, s.End, d.User))
		}
	}
	for _, d := range manual {
		out = append(out, record.Redaction{
			DocID: d.DocID, Start: d.Start, End: d.End,
			Withhold: d.Scope == suggest.ScopeDocument || d.Scope == suggest.ScopeSection,
			Code:     d.Code, Label: d.Label, RuleID: "manual", Category: "manual", Decider: d.User,
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DocID != out[j].DocID {
			return out[i].DocID < out[j].DocID
		}
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End > out[j].End
	})
	return dedupe(out), pending
}

// fromSuggestion makes the redaction a suggestion proposes over [start, end).
// A flag becomes a withholding; a document-scope suggestion withholds the
// whole document.
func fromSuggestion(s *suggest.Suggestion, start, end int, decider string) record.Redaction {
	r := record.Redaction{
		DocID: s.DocID, Start: start, End: end, Code: s.Code, Label: s.PersonLabel,
		RuleID: s.RuleID, Category: s.Category, Decider: decider, Text: s.Text,
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
