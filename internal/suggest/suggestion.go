// Package suggest proposes redactions for a record: it builds a register of
// every person in it, runs the detectors of the rule packs over every
// document, and explains each suggestion with who, why and the law.
package suggest

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
