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
var (
	serviceAfter  = regexp.MustCompile(`^[ \t]*(?:,[ \t]*)?(?:and|to)[ \t]+ask[ \t]+for\b|^[ \t]*\((?i:switchboard|main line|duty team|reception|out of hours)\)`)
	serviceBefore = regexp.MustCompile(`(?i)\b(?:ring|call|contact|phone|telephone)[ \t]+(?:our[ \t]+|the[ \t]+)?(?:duty(?:[ \t]+(?:team|desk|line|social worker))?|switchboard|contact centre|customer services?|front door|emergency duty team|out of hours team)[ \t]+on[ \t]*$|\b(?:switchboard|main reception|duty line|out of hours)[ \t]*:[ \t]*$`)
)

// serviceLine reports whether the phone number at text[s:e] is given as an
// organisation's service line rather than a person's number.
func serviceLine(text string, s, e int) bool {
	after := text[e:min(len(text), e+40)]
	if i := strings.IndexByte(after, '\n'); i >= 0 {
		after = after[:i]
	}
	if serviceAfter.MatchString(after) {
		return true
	}
	before := text[max(0, s-60):s]
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return serviceBefore.MatchString(before)
}
