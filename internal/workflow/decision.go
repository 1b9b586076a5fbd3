package workflow

import (
	"slices"

	"github.com/disclose-sar/disclose/internal/review"
)

// DecisionKind is what a reviewer decided: the review package owns the
// list and its meaning; these names are kept for the adapters.
type DecisionKind = review.Kind

// Decision kinds (review's).
const (
	DecisionAccept     = review.Accept
	DecisionReject     = review.Reject
	DecisionChangeSpan = review.ChangeSpan
	DecisionWithhold   = review.Withhold
	DecisionDisclose   = review.Disclose
	DecisionRedact     = review.Redact
)

// DecisionKinds lists every decision kind.
var DecisionKinds = review.Kinds

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

// Approval kinds and states (review's).
const (
	ApprovalThirdPartyDisclosure = review.ApprovalThirdPartyDisclosure
	ApprovalExemption            = review.ApprovalExemption
	ApprovalPending              = review.ApprovalPending
	ApprovalApproved             = review.ApprovalApproved
	ApprovalRefused              = review.ApprovalRefused
)

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
