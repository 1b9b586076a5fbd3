package suggest

import (
	"github.com/disclose-sar/disclose/internal/rules"
	"regexp"
	"strings"
	"unicode"
)

// vAddress and vPhone explain a match of a third party's listed address or
// phone number: once persons.json gives them, every occurrence is found in
// any case and in any layout the matcher allows (commas, line breaks).
const (
	vAddress = "address"
	vPhone   = "phone number"
)

var (
	flatRe     = regexp.MustCompile(`(?i)^(?:flat|apartment|apt|unit|room|maisonette)\.?\s*\w{1,4}$`)
	postcodeRe = regexp.MustCompile(`(?i)\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b`)
)

// addressVariants returns the parts of a listed address that name the
// place on their own: the whole address, "Flat 4, Building", the building
// or house name, "number + street" and a named street before the town.
// The town and postcode alone are not variants (the postcode has its own
// detector; a town is not personal to anyone).
func addressVariants(v *rules.People, addr string) []string {
	addr = strings.Join(strings.Fields(addr), " ")
	var segs []string
	for _, s := range strings.FieldsFunc(addr, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		if s = strings.TrimSpace(s); s != "" {
			segs = append(segs, s)
		}
	}
	if len(segs) == 0 {
		return nil
	}
	out := []string{addr}
	// The last part is the town and/or postcode; a one-word part before it
	// is a village or town too.
	local := segs[:len(segs)-1]
	if len(segs) == 1 {
		local = segs
	}
	for k, s := range local {
		s = strings.TrimSpace(postcodeRe.ReplaceAllString(s, ""))
		words := strings.Fields(s)
		switch {
		case len(words) == 0:
		case flatRe.MatchString(s):
			if k+1 < len(segs) {
				out = append(out, s+", "+segs[k+1])
			}
		case hasDigit(s) && len(words) >= 2:
			out = append(out, s) // "27 High Street", "12 MAES Y DDERWEN"
		case len(words) >= 2 && k == 0:
			out = append(out, s) // a house or building name
		case len(words) >= 2 && k == 1 && (flatRe.MatchString(segs[0]) || !hasDigit(segs[0]) && streetWord(v, words)):
			out = append(out, s) // the building after "Flat 4", or the street after a house name
		case len(words) == 1 && k == 0 && len(segs) >= 3 && !v.Everyday[fold(s)]:
			out = append(out, s) // a one-word house name
		}
	}
	if len(local) >= 2 && !flatRe.MatchString(local[0]) {
		out = append(out, local[0]+", "+local[1])
	}
	return out
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// streetWord reports whether one of the words is a street type (the
// street-words list).
func streetWord(v *rules.People, words []string) bool {
	for _, w := range words {
		if v.Street[fold(w)] {
			return true
		}
	}
	return false
}
