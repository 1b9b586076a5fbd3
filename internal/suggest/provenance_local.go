package suggest

import (
	"regexp"
	"slices"
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

// localOrgs returns the first words of the organisations the document
// names, when that word can stand for the organisation: not an everyday
// word, not a listed agency's or the council's own service, not a person's
// name.
func (c *docCtx) localOrgs() []string {
	re := c.e.prov.org
	if c.orgsRead || re == nil {
		return c.orgs
	}
	c.orgsRead = true
	a, words := c.e.set.Agencies, c.e.reg.words
	for _, m := range re.FindAllStringSubmatchIndex(c.d.Text, -1) {
		first := c.d.Text[m[2]:m[3]]
		f := strings.ToLower(first)
		if words.Everyday[f] || words.Function[f] || words.Determiners[f] || words.Titles[f] || words.GivenNames[f] {
			continue
		}
		if len(a.TermsIn(c.d.Text[m[0]:m[1]])) > 0 || c.e.reg.namesHome(c.d.Text[m[0]:m[1]]) {
			continue // a listed agency, the council's own service or the record holder
		}
		if !slices.Contains(c.orgs, first) {
			c.orgs = append(c.orgs, first)
		}
	}
	return c.orgs
}

// localAttribution reads the sentence text[s:e] as one of the document's
// organisations passing on what it knows: its name, then a label ("'s
// assessment:") or an attribution verb ("will share", "reported").
func (c *docCtx) localAttribution(s, e int) (rules.AgencyTerm, bool) {
	text := strings.TrimPrefix(c.d.Text[s:e], "The ")
	for _, o := range c.localOrgs() {
		rest, ok := strings.CutPrefix(text, o)
		if !ok || rest == "" || isWordByte(rest[0]) {
			continue
		}
		t := rules.AgencyTerm{Kind: "voluntary or commissioned service named in the document"}
		if r, ok := cutPossessive(rest); ok && labelColon(r) {
			return t, true
		}
		if _, ok := c.e.set.Agencies.Reports(rest); ok {
			return t, true
		}
	}
	return rules.AgencyTerm{}, false
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
