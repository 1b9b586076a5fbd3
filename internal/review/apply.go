package review

import (
	"sort"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// Outcome is what a set of decisions means for the bundle.
type Outcome struct {
	// Redactions are the final redactions and withholdings, in document
	// order. Spans whose text is empty are filled by FillText.
	Redactions []record.Redaction
	// Pending are decisions waiting for legal sign-off; meanwhile the
	// suggestion stays applied (a disclosure is not yet a disclosure).
	Pending []Decision
	// Refused are decisions legal refused: the suggestion is applied as
	// suggested until someone decides it again.
	Refused []Decision
	// Disclosed are the spans legal approved for disclosure. They win over
	// any overlapping redaction, which is trimmed around them.
	Disclosed []record.Redaction
}

// Batch decides every suggestion as the batch command does: applied as
// suggested, flagged spans removed and flagged sections and documents
// withheld, so nothing unreviewed goes out.
func Batch(sugs []suggest.Suggestion) []record.Redaction {
	return Policy{}.Apply(sugs, nil).Redactions
}

// Apply combines suggestions with the current decisions (at most one per
// suggestion; callers pass none that were superseded or undone) and
// reviewers' own redactions.
func (p Policy) Apply(sugs []suggest.Suggestion, decisions []Decision) Outcome {
	bySug := make(map[string]Decision, len(decisions))
	var own []Decision
	for _, d := range decisions {
		if d.SuggestionID == "" {
			own = append(own, d)
			continue
		}
		bySug[d.SuggestionID] = d
	}
	// One redaction a suggestion, nearly always: room made once, not
	// grown by copying (a 50,000-page record's 600,000 redactions were
	// copied into ever larger arrays at the suggestion pass's peak).
	o := Outcome{Redactions: make([]record.Redaction, 0, len(sugs))}
	for i := range sugs {
		s := &sugs[i]
		d, decided := bySug[s.ID]
		if decided && p.ApprovalNeeded(d.Kind, d.Code, s) != "" && d.Approval != ApprovalApproved {
			if d.Approval == ApprovalRefused {
				o.Refused = append(o.Refused, d)
				decided = false
			} else {
				o.Pending = append(o.Pending, d)
				// A disclosure waits for its approval; a withholding or
				// removal applies at once (it only ever removes more).
				decided = d.Kind != Disclose
			}
		}
		if !decided {
			o.Redactions = append(o.Redactions, fromSuggestion(s, s.Start, s.End, "auto"))
			continue
		}
		var r record.Redaction
		switch d.Kind {
		case Reject:
			// Rejecting a merged item says its own finding was wrong; a
			// named person found inside it is another finding, and stays
			// redacted unless it is disclosed with legal's approval.
			o.Redactions = append(o.Redactions, namedParts(s)...)
			continue
		case Disclose:
			if s.Scope == suggest.ScopeSpan {
				o.Disclosed = append(o.Disclosed, record.Redaction{DocID: s.DocID, Start: s.Start, End: s.End, Code: s.Code,
					Label: s.PersonLabel, Decider: d.User, Reason: d.Reason, Approver: d.Approver})
			}
			continue
		case ChangeSpan:
			r = fromSuggestion(s, d.Start, d.End, d.User)
		case Withhold:
			r = fromSuggestion(s, s.Start, s.End, d.User)
			r.Withhold = true
			switch {
			case d.Scope == suggest.ScopeDocument || s.Scope == suggest.ScopeDocument:
				r.Start, r.End = 0, 0
			case d.End > d.Start && (d.Start != s.Start || d.End != s.End):
				r.Start, r.End, r.Text = d.Start, d.End, ""
			}
		default: // Accept, and Redact on a suggestion: as suggested
			r = fromSuggestion(s, s.Start, s.End, d.User)
		}
		if d.Code != "" {
			r.Code = d.Code
		}
		r.Reason, r.Approver = d.Reason, d.Approver
		o.Redactions = append(o.Redactions, r)
	}
	for _, d := range own {
		if d.Kind != Redact && d.Kind != Withhold {
			continue
		}
		if p.ApprovalNeeded(d.Kind, d.Code, nil) != "" {
			switch d.Approval {
			case ApprovalRefused:
				o.Refused = append(o.Refused, d)
				continue // nothing was suggested here: a refused own redaction falls away
			case ApprovalApproved:
			default:
				o.Pending = append(o.Pending, d)
			}
		}
		whole := d.Scope == suggest.ScopeDocument || (d.Kind == Withhold && d.Start == 0 && d.End == 0)
		r := record.Redaction{DocID: d.DocID, Start: d.Start, End: d.End, Withhold: d.Kind == Withhold || d.Scope == suggest.ScopeSection,
			Code: d.Code, Label: d.Label, RuleID: "manual", Category: "manual", Decider: d.User, Reason: d.Reason, Approver: d.Approver,
			Local: true}
		if whole {
			r.Withhold, r.Start, r.End = true, 0, 0
		}
		o.Redactions = append(o.Redactions, r)
	}
	o.Redactions = dedupe(sortRedactions(trimDisclosed(o.Redactions, o.Disclosed)))
	return o
}

// trimDisclosed cuts every span redaction around the spans legal approved
// for disclosure: an approved disclosure wins over any redaction that
// overlaps it (withheld sections and documents stay withheld).
func trimDisclosed(rs, disclosed []record.Redaction) []record.Redaction {
	if len(disclosed) == 0 {
		return rs
	}
	byDoc := map[string][]record.Redaction{}
	for _, d := range disclosed {
		byDoc[d.DocID] = append(byDoc[d.DocID], d)
	}
	var out []record.Redaction
	for _, r := range rs {
		pieces := []record.Redaction{r}
		if !r.Withhold {
			for _, d := range byDoc[r.DocID] {
				var next []record.Redaction
				for _, p := range pieces {
					if p.End <= d.Start || p.Start >= d.End {
						next = append(next, p)
						continue
					}
					if p.Start < d.Start {
						q := p
						q.End, q.Text = d.Start, ""
						next = append(next, q)
					}
					if p.End > d.End {
						q := p
						q.Start, q.Text = d.End, ""
						next = append(next, q)
					}
				}
				pieces = next
			}
		}
		out = append(out, pieces...)
	}
	return out
}

func sortRedactions(rs []record.Redaction) []record.Redaction {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].DocID != rs[j].DocID {
			return rs[i].DocID < rs[j].DocID
		}
		if rs[i].Start != rs[j].Start {
			return rs[i].Start < rs[j].Start
		}
		return rs[i].End > rs[j].End
	})
	return rs
}

// Overlaps reports whether [s1, e1) and [s2, e2) share a character.
func Overlaps(s1, e1, s2, e2 int) bool { return s1 < e2 && s2 < e1 }

// namedParts are the redactions of the people named inside a merged
// suggestion (its Also findings with a person), applied as suggested.
func namedParts(s *suggest.Suggestion) []record.Redaction {
	var out []record.Redaction
	for _, a := range s.Also {
		if a.PersonKey == "" || a.End <= a.Start || a.Start < s.Start || a.End > s.End {
			continue
		}
		out = append(out, record.Redaction{DocID: s.DocID, Start: a.Start, End: a.End, Code: a.Code, Label: a.PersonLabel,
			RuleID: a.RuleID, Category: a.Category, Decider: "auto", Text: a.Text})
	}
	return out
}
