package suggest

import (
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// jobTitleKind reads a job title at the start of s; the longest title
// known wins, so "consultant social worker" is council staff while
// "consultant paediatrician" works for the NHS.
func jobTitleKind(v *rules.People, s string) (council, partner bool) {
	l := strings.ToLower(strings.TrimSpace(s))
	// A shift or grade before the title is not part of it: "night
	// residential support worker", "relief support worker".
	for _, q := range shiftWords {
		if titleAt(l, q) && len(l) > len(q) && l[len(q)] == ' ' {
			l = strings.TrimLeft(l[len(q):], " ")
			break
		}
	}
	best := 0
	for _, t := range v.PartnerTitles {
		if len(t) > best && titleAt(l, t) {
			best, council, partner = len(t), false, true
		}
	}
	for _, t := range v.CouncilTitles {
		if len(t) > best && titleAt(l, t) {
			best, council, partner = len(t), true, false
		}
	}
	return council, partner
}

// shiftWords qualify a job title by shift or contract without changing
// whose staff it names.
var shiftWords = []string{"waking night", "night", "day", "relief", "bank", "acting", "interim", "locum", "agency"}

// titleAt reports whether l starts with the title t as whole words.
func titleAt(l, t string) bool {
	if !strings.HasPrefix(l, t) {
		return false
	}
	if len(l) == len(t) {
		return true
	}
	c := l[len(t)]
	return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')
}
