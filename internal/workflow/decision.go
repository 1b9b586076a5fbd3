package workflow

import "slices"

// DecisionKind is what a reviewer decided about a suggestion or a span.
type DecisionKind string

// Decision kinds.
const (
	DecisionAccept     DecisionKind = "accept"      // redact as suggested
	DecisionReject     DecisionKind = "reject"      // leave the text in
	DecisionChangeSpan DecisionKind = "change-span" // redact a corrected span
	DecisionWithhold   DecisionKind = "withhold"    // withhold a document or section under an exemption
	DecisionDisclose   DecisionKind = "disclose"    // disclose third-party information
	DecisionRedact     DecisionKind = "redact"      // a manual redaction of a span no rule found
)

// DecisionKinds lists every decision kind.
var DecisionKinds = []DecisionKind{DecisionAccept, DecisionReject, DecisionChangeSpan, DecisionWithhold, DecisionDisclose, DecisionRedact}

// Valid reports whether k is known.
func (k DecisionKind) Valid() bool { return slices.Contains(DecisionKinds, k) }

// Redacts reports whether the decision removes text from the bundle.
func (k DecisionKind) Redacts() bool {
	return k == DecisionAccept || k == DecisionChangeSpan || k == DecisionWithhold || k == DecisionRedact
}

// Grounds for disclosing third-party information: DPA 2018 Sch. 2 para 16(1)
// (consent given, or reasonable in all the circumstances without it) and
// para 16(2)-(3) factors such as information already known to the requester.
const (
	BasisConsent    = "consent"
	BasisReasonable = "reasonable"
	BasisKnown      = "already_known"
)

// Bases lists the grounds a disclose decision may give.
var Bases = []string{BasisConsent, BasisReasonable, BasisKnown}

// Approval kinds: what legal services sign off.
const (
	ApprovalThirdPartyDisclosure = "third_party_disclosure"
	ApprovalExemption            = "exemption_withholding"
)

// Approval states.
const (
	ApprovalPending  = "pending"
	ApprovalApproved = "approved"
	ApprovalRefused  = "refused"
)

// ApprovalNeeded returns which legal approval a decision needs, or "" for
// none: disclosing third-party information, and withholding under an
// exemption, are signed off by a user with the legal role before a bundle
// may rely on them.
func ApprovalNeeded(kind DecisionKind) string {
	switch kind {
	case DecisionDisclose:
		return ApprovalThirdPartyDisclosure
	case DecisionWithhold:
		return ApprovalExemption
	}
	return ""
}

// DecisionInput is a reviewer's decision as asked for, before it is stored.
type DecisionInput struct {
	Kind   DecisionKind `json:"decision"`
	Reason string       `json:"reason"`
	Basis  string       `json:"basis,omitempty"` // for disclose: one of Bases
	Code   string       `json:"code,omitempty"`  // reason code for a manual redaction or withholding
	// Start and End: the corrected span for change-span, the span of a
	// manual redaction or of a withheld section (0, 0 = the whole document).
	Start int `json:"start,omitempty"`
	End   int `json:"end,omitempty"`
}

// Validate checks the input is complete for its kind.
func (in DecisionInput) Validate() error {
	if !in.Kind.Valid() {
		return Errorf(ErrInvalid, "unknown decision %q", in.Kind)
	}
	if in.Start < 0 || in.End < in.Start {
		return Errorf(ErrInvalid, "span %d..%d is not a span", in.Start, in.End)
	}
	switch in.Kind {
	case DecisionChangeSpan, DecisionRedact:
		if in.End == in.Start {
			return Errorf(ErrInvalid, "%s needs a non-empty span", in.Kind)
		}
	case DecisionDisclose:
		if !slices.Contains(Bases, in.Basis) {
			return Errorf(ErrInvalid, "disclosing third-party information needs a basis: consent, reasonable or already_known")
		}
	}
	if (in.Kind == DecisionDisclose || in.Kind == DecisionWithhold || in.Kind == DecisionReject) && in.Reason == "" {
		return Errorf(ErrInvalid, "a %s decision needs a reason", in.Kind)
	}
	return nil
}
