package suggest

import (
	"regexp"
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// Organisations a document names by a proper name and an organisation word
// ("<Name> Young People's Service", "<Name> Project", "<Name> Trust"): a
// charity or commissioned service the packs cannot list, as every area has
// its own. A sentence that opens with such an organisation passing on what
// it knows ("<Name> will share …", "<Name>'s assessment: …") is that
// organisation's, as an attribution to a listed agency is. The
// organisation words are the packs' "organisation-words" list.

// orgPattern compiles the organisation finder from the pack's words: one
// to five capitalised words, then an organisation word capitalised.
func orgPattern(set *rules.Set) *regexp.Regexp {
	var heads []string
	for _, w := range set.List("organisation-words") {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		heads = append(heads, regexp.QuoteMeta(strings.ToUpper(w[:1])+w[1:]))
	}
	if len(heads) == 0 {
		return nil
	}
	return regexp.MustCompile(`\b([A-Z][A-Za-z'’\-]+)((?:[ ]+[A-Z][A-Za-z'’\-]+){0,4})[ ]+(?:` + strings.Join(heads, "|") + `)\b`)
}

// localOrg reports whether the document names an organisation whose
// first word is w: w, up to four more capitalised words and an
// organisation word ("<w> Young People's Service"), that is no listed
// agency, council service or the record holder. Only w's own occurrences
// are read, and the answer is kept for the document.
func (c *docCtx) localOrg(w string) bool {
	re := c.e.prov.org
	if re == nil {
		return false
	}
	if v, ok := c.orgs[w]; ok {
		return v
	}
	if c.orgs == nil {
		c.orgs = map[string]bool{}
	}
	f := strings.ToLower(w)
	ws := c.e.reg.words
	found := false
	if !ws.Everyday[f] && !ws.Function[f] && !ws.Determiners[f] && !ws.Titles[f] && !ws.GivenNames[f] {
		text, a := c.d.Text, c.e.set.Agencies
		for off := 0; !found; {
			i := strings.Index(text[off:], w+" ")
			if i < 0 {
				break
			}
			i += off
			off = i + len(w)
			if i > 0 && isWordByte(text[i-1]) {
				continue
			}
			m := re.FindStringSubmatchIndex(text[i:min(len(text), i+160)])
			if m == nil || m[0] != 0 || text[i+m[2]:i+m[3]] != w {
				continue
			}
			name := text[i : i+m[1]]
			found = len(a.TermsIn(name)) == 0 && !c.e.reg.namesHome(name)
		}
	}
	c.orgs[w] = found
	return found
}

// localAttribution reads the sentence text[s:e] as one of the document's
// organisations passing on what it knows: its name, then a label ("'s
// assessment:") or an attribution verb ("will share", "reported").
func (c *docCtx) localAttribution(s, e int) (rules.AgencyTerm, bool) {
	text := strings.TrimPrefix(c.d.Text[s:e], "The ")
	k := 0
	for k < len(text) && (isWordByte(text[k]) || text[k] == '-') {
		k++
	}
	if k == 0 || k == len(text) || !capitalised(text[:k]) {
		return rules.AgencyTerm{}, false
	}
	w, rest := text[:k], text[k:]
	if !c.localOrg(w) {
		return rules.AgencyTerm{}, false
	}
	said := false
	if r, ok := cutPossessive(rest); ok && labelColon(r) {
		said = true
	} else if _, ok := c.e.set.Agencies.Reports(rest[:min(len(rest), 40)]); ok { // a verb among the next words
		said = true
	}
	if !said {
		return rules.AgencyTerm{}, false
	}
	return rules.AgencyTerm{Kind: "voluntary or commissioned service named in the document"}, true
}

// cutPossessive cuts a leading 's or ’s.
func cutPossessive(s string) (string, bool) {
	for _, p := range []string{"'s", "’s"} {
		if r, ok := strings.CutPrefix(s, p); ok {
			return r, true
		}
	}
	return s, false
}

// labelColon reports whether s is one or two lower-case words and a colon:
// " assessment:", " view of risk:".
func labelColon(s string) bool {
	head, _, ok := strings.Cut(s, ":")
	if !ok {
		return false
	}
	f := strings.Fields(head)
	return len(f) >= 1 && len(f) <= 3 && isLowerASCII(strings.Join(f, ""))
}
