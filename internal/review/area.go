package review

import "github.com/disclose-sar/disclose/internal/record"

// Area is an area an officer drew on a page (record.Area), with legal's
// answer when its code needs one: Approval is "" when none was asked, else
// pending, approved or refused.
type Area struct {
	record.Area
	Approval string `json:"approval,omitempty"`
}

// AreaOutcome is what the areas drawn on a request's pages mean for the
// bundle.
type AreaOutcome struct {
	// Areas are the areas the bundle applies: their pixels burned, the
	// words under them removed.
	Areas []record.Area
	// Pending need legal sign-off they do not have yet (asked and waiting,
	// or never asked: drawn before their code needed it). Like a pending
	// own redaction they apply meanwhile — removing only ever removes
	// more — and no bundle is made while any is pending.
	Pending []Area
	// Refused are areas legal refused. Like a refused own redaction they
	// fall away (nothing was suggested there), and no bundle is made until
	// the officer undoes the area or draws it again with another code.
	Refused []Area
}

// AreaApproval returns which legal approval an area with this code needs
// ("" for none). An area removes what is under it under its code, so it
// needs what an officer's own redaction under that code needs: the code's
// approval list decides (a code listing "withhold" — PA, LPP, SH in the
// shipped packs — needs an exemption approval; TP does not).
func (p Policy) AreaApproval(code string) string {
	return p.ApprovalNeeded(Redact, code, nil)
}

// ApplyAreas says which areas the bundle applies and which wait for, or
// were refused by, legal.
func (p Policy) ApplyAreas(areas []Area) AreaOutcome {
	var o AreaOutcome
	for _, a := range areas {
		if p.AreaApproval(a.Code) != "" {
			switch a.Approval {
			case ApprovalApproved:
			case ApprovalRefused:
				o.Refused = append(o.Refused, a)
				continue
			default:
				o.Pending = append(o.Pending, a)
			}
		}
		o.Areas = append(o.Areas, a.Area)
	}
	return o
}
