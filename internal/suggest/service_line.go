package suggest

import (
	"regexp"
	"strings"
)

// A phone number the record gives as the council's (or a service's) own
// line — "ring 01632 960100 and ask for the duty team", "call the duty team
// on ..." — identifies no third party, so it stays: the requester needs it
// to get in touch (UK GDPR Art 15 gives the requester the information, and
// only third parties' details are exempt under DPA 2018 Sch 2 para 16).
type serviceLines struct{ after, before *regexp.Regexp }

// newServiceLines builds the two patterns from the packs' service-lines:
// the line named after the number ("… and ask for the duty team",
// "(switchboard)") or before it ("call the duty team on …", "Switchboard:").
func newServiceLines(names []string) *serviceLines {
	if len(names) == 0 {
		return nil
	}
	alt := make([]string, len(names))
	for i, n := range names {
		alt[i] = strings.ReplaceAll(regexp.QuoteMeta(n), " ", `[ \t]+`)
	}
	any := "(?:" + strings.Join(alt, "|") + ")"
	return &serviceLines{
		after:  regexp.MustCompile(`^[ \t]*(?:,[ \t]*)?(?:and|to)[ \t]+ask[ \t]+for\b|^[ \t]*\((?i:` + any + `)\)`),
		before: regexp.MustCompile(`(?i)\b(?:ring|call|contact|phone|telephone)[ \t]+(?:our[ \t]+|the[ \t]+)?` + any + `[ \t]+on[ \t]*$|\b` + any + `[ \t]*:[ \t]*$`),
	}
}

// is reports whether the phone number at text[s:e] is given as an
// organisation's service line rather than a person's number.
func (sl *serviceLines) is(text string, s, e int) bool {
	if sl == nil {
		return false
	}
	after := text[e:min(len(text), e+40)]
	if i := strings.IndexByte(after, '\n'); i >= 0 {
		after = after[:i]
	}
	// Each pattern holds only text that opens "and", "to" or "(" after
	// the number, or ends "on" or ":" before it: most numbers are
	// passed over without running them.
	if a := strings.TrimLeft(after, " \t,"); a != "" && (a[0] == 'a' || a[0] == 't' || a[0] == '(') && sl.after.MatchString(after) {
		return true
	}
	before := text[max(0, s-60):s]
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	b := strings.TrimRight(before, " \t")
	if !strings.HasSuffix(b, ":") && (len(b) < 2 || !strings.EqualFold(b[len(b)-2:], "on")) {
		return false
	}
	return sl.before.MatchString(before)
}
