package suggest

import (
	"slices"
	"strings"
)

// Reason is one detector's finding merged into another suggestion over the
// same stretch of text (Suggestion.Also): its own span, text, rule, code
// and person, so nothing it knew is lost — the bundle still redacts its
// text wherever else it appears.
type Reason struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Text        string `json:"text"`
	RuleID      string `json:"rule_id"`
	Category    string `json:"category"`
	Code        string `json:"code"`
	PersonKey   string `json:"person_key,omitempty"`
	PersonLabel string `json:"person_label,omitempty"`
	Why         string `json:"why"`
}

// mergeOverlaps makes overlapping span suggestions of a document one item
// over their union, with every reason: an officer decides a highlighted
// stretch of text once, not once per detector that found part of it (an
// address line, its postcode and the person's known address were three
// items for one box). The item keeps the strongest action and, of equal
// actions, the longest suggestion's id, rule, code and person; the others
// go in Also. Only findings with the same action merge: sections,
// documents and flags (a person's judgment) are left alone, so rejecting a
// withholding or a flagged sentence never takes a name's redaction with
// it. s is one document's, sorted by start, longest first; text is the
// document's text. The items are appended to out.
func mergeOverlaps(out []Suggestion, text string, s []Suggestion) []Suggestion {
	var cluster []Suggestion
	end := 0
	flush := func() {
		if len(cluster) > 0 {
			out = append(out, mergeCluster(cluster, text))
			cluster = cluster[:0]
		}
	}
	for _, x := range s {
		if x.Scope != ScopeSpan || x.Action == ActionFlag {
			out = append(out, x)
			continue
		}
		if len(cluster) > 0 && (x.DocID != cluster[0].DocID || x.Start >= end || x.Action != cluster[0].Action) {
			flush()
		}
		if len(cluster) == 0 {
			end = x.End
		}
		cluster = append(cluster, x)
		end = max(end, x.End)
	}
	flush()
	return out
}

// actionRank orders actions by how much they protect.
func actionRank(a string) int {
	switch a {
	case ActionWithhold:
		return 3
	case ActionRedact:
		return 2
	case ActionFlag:
		return 1
	}
	return 0
}

func mergeCluster(c []Suggestion, text string) Suggestion {
	if len(c) == 1 {
		return c[0]
	}
	p := 0
	start, end := c[0].Start, c[0].End
	for i, x := range c {
		start, end = min(start, x.Start), max(end, x.End)
		best := &c[p]
		if r, rb := actionRank(x.Action), actionRank(best.Action); r > rb || r == rb && x.End-x.Start > best.End-best.Start {
			p = i
		}
	}
	m := c[p]
	m.Also = nil
	var also []string
	for i, x := range c {
		if i == p {
			continue
		}
		m.Also = append(m.Also, Reason{Start: x.Start, End: x.End, Text: x.Text, RuleID: x.RuleID, Category: x.Category,
			Code: x.Code, PersonKey: x.PersonKey, PersonLabel: x.PersonLabel, Why: x.Why})
		m.Also = append(m.Also, x.Also...)
		if m.PersonKey == "" && x.PersonKey != "" {
			m.PersonKey, m.PersonLabel, m.PersonRole = x.PersonKey, x.PersonLabel, x.PersonRole
		}
		m.Confidence = max(m.Confidence, x.Confidence)
		if x.Why != m.Why && !slices.Contains(also, x.Why) {
			also = append(also, x.Why) // the same reason twice says nothing more
		}
	}
	if start != m.Start || end != m.End {
		m.Start, m.End = start, end
		m.ID = suggestionID(m.DocID, start, end, m.RuleID)
		if end <= len(text) {
			m.Text = text[start:end]
		}
	}
	if len(also) > 0 {
		m.Why = strings.TrimSpace(m.Why + "; also: " + strings.Join(also, "; "))
	}
	return m
}

// PartsWithin are the texts of the findings merged into s (Also) that lie
// within [start, end) — the span as decided, which a reviewer may have
// narrowed — for the bundle to redact wherever else they appear.
func (s *Suggestion) PartsWithin(start, end int) []string {
	var out []string
	for _, a := range s.Also {
		if a.Start >= start && a.End <= end && strings.TrimSpace(a.Text) != "" && a.Text != s.Text {
			out = append(out, a.Text)
		}
	}
	return out
}
