package review

import (
	"slices"

	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// Kind is what a reviewer decided about a suggestion or a span. The names
// are the ones stored in PostgreSQL and sent through the JSON API; this is
// the only list of them (workflow re-exports it).
type Kind string

// Decision kinds.
const (
	// Accept applies the suggestion as made: a redaction is redacted, a
	// withholding (or a flagged section or document) is withheld, with the
	// approval a withholding under its code needs.
	Accept Kind = "accept"
	// Reject says the suggestion is wrong: the text is not third-party
	// information (a false positive). It is disclosed without approval.
	Reject Kind = "reject"
	// ChangeSpan applies the suggestion to a corrected range.
	ChangeSpan Kind = "change-span"
	// Withhold withholds the suggestion's document or section (or a section
	// the reviewer marks) under its code.
	Withhold Kind = "withhold"
	// Disclose says the text is third-party information that may be
	// disclosed (consent, reasonable in the circumstances, already known).
	Disclose Kind = "disclose"
	// Redact is a reviewer's own redaction of a span no suggestion proposed.
	Redact Kind = "redact"
)

// Kinds lists every decision kind.
var Kinds = []Kind{Accept, Reject, ChangeSpan, Withhold, Disclose, Redact}

// Valid reports whether k is known.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Redacts reports whether the decision removes text from the bundle.
func (k Kind) Redacts() bool {
	return k == Accept || k == ChangeSpan || k == Withhold || k == Redact
}

// Approval states of a decision that needs legal sign-off.
const (
	ApprovalPending  = "pending"
	ApprovalApproved = "approved"
	ApprovalRefused  = "refused"
)

// Approval kinds: what legal services sign off.
const (
	ApprovalThirdPartyDisclosure = "third_party_disclosure"
	ApprovalExemption            = "exemption_withholding"
)

// Decision is one reviewer's current decision (not superseded, not undone).
// SuggestionID is empty for a reviewer's own redaction or withholding.
type Decision struct {
	ID           string `json:"id,omitempty"`
	SuggestionID string `json:"suggestion_id,omitempty"`
	Kind         Kind   `json:"kind"`
	DocID        string `json:"doc_id,omitempty"` // own redactions; ChangeSpan and section Withhold carry their span
	Start        int    `json:"start,omitempty"`
	End          int    `json:"end,omitempty"`
	Scope        string `json:"scope,omitempty"` // own decisions: span, section, document
	Code         string `json:"code,omitempty"`  // overrides the suggestion's code when set
	Label        string `json:"label,omitempty"`
	Reason       string `json:"reason,omitempty"`
	User         string `json:"user"`
	// Approval is the legal sign-off's state: "" when none is needed or it
	// was never asked, else pending, approved or refused.
	Approval string `json:"approval,omitempty"`
	Approver string `json:"approver,omitempty"`
}

// Policy is what the meaning of a decision depends on beyond the decision:
// the reason codes, whose approval lists say which decisions need legal
// sign-off.
type Policy struct {
	Codes map[string]rules.Code
}

// PolicyFrom builds the policy of a rule set.
func PolicyFrom(set *rules.Set) Policy { return Policy{Codes: set.Codes} }

// ApprovalNeeded returns which legal approval a decision needs ("" for
// none): disclosing what a code protects when the code lists "disclose",
// removing or withholding under a code that lists "withhold". A code the
// policy does not know needs both. s is the decided suggestion, nil for a
// reviewer's own redaction.
func (p Policy) ApprovalNeeded(kind Kind, code string, s *suggest.Suggestion) string {
	if code == "" && s != nil {
		code = s.Code
	}
	c, known := p.Codes[code]
	needs := func(effect string) bool { return !known || c.NeedsApproval(effect) }
	switch kind {
	case Disclose:
		if needs(rules.ApproveDisclose) {
			return ApprovalThirdPartyDisclosure
		}
	case Withhold, Redact:
		if needs(rules.ApproveWithhold) {
			return ApprovalExemption
		}
	case Accept, ChangeSpan:
		// Accepting a withholding is a withholding: it needs what one needs.
		if s != nil && withholds(s) && needs(rules.ApproveWithhold) {
			return ApprovalExemption
		}
	}
	return ""
}

// withholds reports whether applying s as suggested withholds a section or
// a document rather than removing a span.
func withholds(s *suggest.Suggestion) bool {
	return s.Scope == suggest.ScopeDocument || s.Scope == suggest.ScopeSection || s.Action == suggest.ActionWithhold
}
